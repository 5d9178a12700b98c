package org.recoil.limits.bayes;

import org.recoil.core.InvalidInputException;

/**
 * The uniform prior on [lower, upper] (upper may be +∞): the usual choice for a signal strength,
 * for which the Bayesian upper limit of a counting experiment with known background equals the
 * classical CLs limit with the event count (Helene, NIM 212 (1983) 319; PDG Review of Particle Physics, "Statistics").
 *
 * @param lower lower end of the support
 * @param upper upper end of the support (&gt; lower; may be +∞)
 */
public record FlatPrior(double lower, double upper) implements Prior {

    /** Validates the support. */
    public FlatPrior {
        if (!(lower < upper) || Double.isInfinite(lower)) {
            throw new InvalidInputException("flat prior needs a finite lower end below the upper end, got ["
                    + lower + ", " + upper + "]");
        }
    }

    @Override
    public double logDensity(double mu) {
        return mu >= lower && mu <= upper ? 0.0 : Double.NEGATIVE_INFINITY;
    }

    @Override
    public double logDensityDerivative(double mu) {
        return 0.0;
    }

    @Override
    public String description() {
        return "flat on [" + num(lower) + ", " + (upper == Double.POSITIVE_INFINITY ? "inf" : num(upper)) + "]";
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
