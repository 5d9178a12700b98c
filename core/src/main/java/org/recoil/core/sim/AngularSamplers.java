package org.recoil.core.sim;

import org.apache.commons.rng.UniformRandomProvider;

/** Exact (rejection-free) samplers of the angular laws used by the generators. */
final class AngularSamplers {
    private AngularSamplers() {
    }

    /**
     * Samples cos(theta) from (1 + cos^2 theta) on [-1, 1], the angular distribution of
     * e+e- -> gamma* -> f fbar for massless fermions, by inverting its cumulative distribution
     * F(c) = (c^3 + 3c + 4)/8 with Cardano's formula for the depressed cubic c^3 + 3c + q = 0.
     */
    static double onePlusCosSquared(UniformRandomProvider rng) {
        double q = 4.0 - 8.0 * rng.nextDouble();
        double root = Math.sqrt(0.25 * q * q + 1.0);
        double c = Math.cbrt(-0.5 * q + root) + Math.cbrt(-0.5 * q - root);
        return Math.max(-1.0, Math.min(1.0, c));
    }

    /**
     * Samples the angle of a photon radiated by a charged particle of velocity beta, with respect
     * to the particle's direction, from the collinear (leading-logarithmic) law
     * dN/dcos(theta) proportional to 1/(1 - beta cos theta): ln(1 - beta cos theta) is uniform.
     * Writes cos(theta) to {@code out[0]} and sin(theta) (computed without cancellation) to
     * {@code out[1]}.
     *
     * @param oneMinusBeta 1 - beta, given precisely (e.g. m^2/(E (E + p)))
     */
    static void collinear(UniformRandomProvider rng, double oneMinusBeta, double[] out) {
        double beta = 1.0 - oneMinusBeta;
        double v = oneMinusBeta * Math.exp(rng.nextDouble() * Math.log((2.0 - oneMinusBeta) / oneMinusBeta));
        double oneMinusCos = Math.max(0.0, (v - oneMinusBeta) / beta);
        double onePlusCos = Math.max(0.0, 2.0 - oneMinusCos);
        out[0] = 1.0 - oneMinusCos;
        out[1] = Math.sqrt(oneMinusCos * onePlusCos);
    }

    /** @return 1 - beta = m^2/(E (E + p)) for a particle of mass m and energy E, without cancellation */
    static double oneMinusBeta(double mass, double energy) {
        double p = Math.sqrt(Math.max(0.0, energy * energy - mass * mass));
        return mass * mass / (energy * (energy + p));
    }
}
