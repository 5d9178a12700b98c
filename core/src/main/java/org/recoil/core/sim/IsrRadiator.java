package org.recoil.core.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.PhysicsConstants;

/**
 * Initial-state radiation (ISR) off one beam lepton in the leading-logarithmic structure-function
 * approach, used to dress e+e- -> f fbar with escaping photons.
 *
 * <p>The electron structure function at first order (E.A. Kuraev and V.S. Fadin, Sov. J. Nucl.
 * Phys. 41 (1985) 466; in the notation of the LEP yellow report CERN 89-08, vol. 1, p. 47),
 * written for the fraction {@code x} of the beam energy carried by the photon, is
 * <pre>  D(x) = (beta/2) x^(beta/2 - 1) (1 + 3 beta/8) - (beta/2) (1 - x/2),
 *   beta = (2 alpha/pi) (ln(s/m_e^2) - 1),</pre>
 * normalised to {@code int_0^1 D = 1}. With an s-channel Born cross section sigma_0(s') = sigma_0(s)
 * s/s' and s' = s (1 - x1)(1 - x2), the radiative cross section factorises into one factor
 * {@code D(x)/(1 - x)} per beam, restricted to {@code s' > s'_min}; this class samples one factor
 * and computes the resulting ratio sigma_ISR / sigma_Born ({@link #crossSectionRatio()}).
 *
 * <p>Simplifications (documented for the synthetic dataset): first-order structure function (no
 * exponentiated higher orders beyond the soft term), photons below {@link #SOFT_PHOTON_ENERGY} are
 * not generated (they change no observable), and the photon energy is treated as independent of
 * its angle (the angle is drawn separately from the collinear 1/(1 - beta_e cos theta) law by the
 * generators). Vacuum polarisation is not included.
 */
public final class IsrRadiator {
    /** Photons softer than this (GeV, CM frame) are not generated. */
    public static final double SOFT_PHOTON_ENERGY = 1.0e-3;
    private static final int NODES_PER_HALF = 400;

    private final double beta;
    private final double xSoft;
    private final double xMax;
    private final double minRatio;
    private final double softProbability;
    private final double[] nodes;
    private final TabulatedSampler hard;
    private final double total;
    private final double electronOneMinusBeta;

    /**
     * @param sqrtS the CM energy in GeV
     * @param minReducedS the smallest allowed s' (GeV^2) of the final state after radiation, e.g.
     *     4 m_mu^2 or 4 m_tau^2
     */
    public IsrRadiator(double sqrtS, double minReducedS) {
        double s = sqrtS * sqrtS;
        if (!(sqrtS > 0.0) || !(minReducedS > 0.0) || !(minReducedS < s)) {
            throw new InvalidInputException("ISR radiator: expected sqrt(s) > 0 and 0 < s'_min < s, got"
                    + " sqrt(s)=" + sqrtS + " GeV, s'_min=" + minReducedS + " GeV^2");
        }
        double me = PhysicsConstants.ELECTRON_MASS;
        beta = 2.0 * PhysicsConstants.ALPHA / Math.PI * (Math.log(s / (me * me)) - 1.0);
        minRatio = minReducedS / s;
        xMax = 1.0 - minRatio;
        xSoft = 2.0 * SOFT_PHOTON_ENERGY / sqrtS;
        double b = beta / 2.0;
        double xs = xSoft;
        // int_0^xs D(x)/(1-x) dx with 1/(1-x) = 1 + x + O(x^2): relative error O(xs^2)
        softProbability = (1.0 + 3.0 * beta / 8.0)
                * (Math.pow(xs, b) + b * Math.pow(xs, b + 1.0) / (b + 1.0))
                - b * (xs + xs * xs / 4.0 - xs * xs * xs / 6.0);
        double split = Math.min(0.5, 0.5 * (xSoft + xMax));
        double[] low = TabulatedSampler.logNodes(xSoft, split, NODES_PER_HALF);
        double[] highGap = TabulatedSampler.logNodes(minRatio, 1.0 - split, NODES_PER_HALF);
        nodes = new double[2 * NODES_PER_HALF - 1];
        System.arraycopy(low, 0, nodes, 0, NODES_PER_HALF);
        for (int i = 1; i < NODES_PER_HALF; i++) {
            nodes[NODES_PER_HALF - 1 + i] = 1.0 - highGap[NODES_PER_HALF - 1 - i];
        }
        nodes[nodes.length - 1] = xMax;
        hard = new TabulatedSampler(nodes, x -> structureFunction(x) / (1.0 - x), "ISR radiator");
        total = softProbability + hard.integral();
        electronOneMinusBeta = AngularSamplers.oneMinusBeta(me, sqrtS / 2.0);
    }

    /** @return the radiator parameter beta = (2 alpha/pi)(ln(s/m_e^2) - 1) */
    public double beta() {
        return beta;
    }

    /** @return the largest photon energy fraction allowed by s' > s'_min */
    public double maxFraction() {
        return xMax;
    }

    /**
     * The first-order electron structure function D(x) for the photon energy fraction x (Kuraev
     * and Fadin 1985), normalised to one on [0, 1].
     *
     * @param x the fraction of the beam energy carried by the photon, in (0, 1)
     * @return D(x)
     */
    public double structureFunction(double x) {
        double b = beta / 2.0;
        return b * Math.pow(x, b - 1.0) * (1.0 + 3.0 * beta / 8.0) - b * (1.0 - x / 2.0);
    }

    /**
     * Draws the photon energy fraction x radiated by one beam, distributed as D(x)/(1 - x) on
     * [0, x_max]; 0 means no photon above {@link #SOFT_PHOTON_ENERGY}. Pairs (x1, x2) for the two
     * beams must be kept only when {@link #accepts(double, double)}.
     *
     * @param rng the random source
     * @return the photon energy fraction
     */
    public double sampleFraction(UniformRandomProvider rng) {
        if (rng.nextDouble() * total < softProbability) {
            return 0.0;
        }
        return hard.sample(rng);
    }

    /**
     * @param x1 photon energy fraction of the e- beam
     * @param x2 photon energy fraction of the e+ beam
     * @return whether s'/s = (1 - x1)(1 - x2) is above the minimum
     */
    public boolean accepts(double x1, double x2) {
        return (1.0 - x1) * (1.0 - x2) >= minRatio;
    }

    /**
     * Emits the ISR photons of one event in the CM frame (z* along the e- beam): draws (x1, x2)
     * until s' passes, gives each photon the collinear angle 1/(1 - beta_e cos theta) to its beam
     * and a uniform azimuth, and retries until the recoiling system's invariant mass squared
     * exceeds s'_min (photon angles make it differ slightly from s (1 - x1)(1 - x2)).
     *
     * @param rng the random source
     * @param sqrtS the CM energy, GeV (the one this radiator was built for)
     * @param system output: the four-momentum left for the final state, (sqrt(s), 0, 0, 0) minus
     *     the photons
     * @param photons output: the photons' four-momenta, 4 values each (room for two)
     * @param angle scratch array of length 2
     * @return the number of photons written (0, 1 or 2)
     */
    int emit(UniformRandomProvider rng, double sqrtS, double[] system, double[] photons, double[] angle) {
        double minReducedS = minRatio * sqrtS * sqrtS;
        while (true) {
            double x1;
            double x2;
            do {
                x1 = sampleFraction(rng);
                x2 = sampleFraction(rng);
            } while (!accepts(x1, x2));
            system[0] = sqrtS;
            system[1] = 0.0;
            system[2] = 0.0;
            system[3] = 0.0;
            int nPh = 0;
            for (int beam = 0; beam < 2; beam++) {
                double x = beam == 0 ? x1 : x2;
                if (x <= 0.0) {
                    continue;
                }
                AngularSamplers.collinear(rng, electronOneMinusBeta, angle);
                double cos = beam == 0 ? angle[0] : -angle[0];
                int o = 4 * nPh;
                Lorentz.setPolar(photons, o, 0.0, x * sqrtS / 2.0, cos, angle[1],
                        2.0 * Math.PI * rng.nextDouble());
                for (int i = 0; i < 4; i++) {
                    system[i] -= photons[o + i];
                }
                nPh++;
            }
            if (Lorentz.mass2(system, 0) > minReducedS) {
                return nPh;
            }
        }
    }

    /**
     * The leading-order radiative factor sigma_ISR/sigma_Born for a 1/s' Born cross section:
     * {@code int int D(x1) D(x2) / ((1 - x1)(1 - x2)) dx1 dx2} over (1 - x1)(1 - x2) &gt;= s'_min/s.
     *
     * @return the ratio (dimensionless, above 1)
     */
    public double crossSectionRatio() {
        // int dx1 f(x1) F(x2max(x1)) where F is the cumulative of f including the soft mass
        double sum = softProbability * total; // x1 soft: x2 up to x_max
        double prev = Double.NaN;
        double prevX = 0.0;
        for (int i = 0; i < nodes.length; i++) {
            double x1 = nodes[i];
            double x2max = 1.0 - minRatio / (1.0 - x1);
            double g = structureFunction(x1) / (1.0 - x1) * cumulativeWithSoft(x2max);
            if (i > 0) {
                sum += 0.5 * (g + prev) * (x1 - prevX);
            }
            prev = g;
            prevX = x1;
        }
        return sum;
    }

    private double cumulativeWithSoft(double x) {
        if (x < xSoft) {
            return x >= 0.0 ? softProbability : 0.0;
        }
        return softProbability + hard.cumulative(x);
    }
}
