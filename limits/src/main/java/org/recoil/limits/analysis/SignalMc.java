package org.recoil.limits.analysis;

import org.recoil.core.InvalidInputException;
import org.recoil.limits.scan.MassWindow;
import org.recoil.limits.scan.WindowCounter;

/**
 * Selected signal Monte Carlo at one generated Z′ mass, weights in pb at g′ = 1.
 *
 * @param mass the generated Z′ mass, GeV
 * @param selected the selected events
 * @param totalWeightPb the summed weight of every generated event (σ(g′=1) of the sample, pb), the
 *                      denominator of the efficiency
 * @param effectiveEvents the effective number of generated events (Σw)²/Σw² (the number of
 *                        events for an unweighted sample), for the binomial error of the efficiency
 */
public record SignalMc(double mass, SelectedSample selected, double totalWeightPb, double effectiveEvents) {

    /** Validates. */
    public SignalMc {
        if (!(totalWeightPb > 0) || !(effectiveEvents >= 1)) {
            throw new InvalidInputException("signal sample at " + mass + " GeV: total weight " + totalWeightPb
                    + " pb and effective events " + effectiveEvents + " must be positive");
        }
    }

    /**
     * @param window a window
     * @return the efficiency ε = Σw(selected, in window) / Σw(generated), negative sums taken as 0
     * @throws InvalidInputException if the selected weight exceeds the total: an inconsistent
     *     normalisation (e.g. unit weights with a total in pb), never a number to clip to 1
     */
    public double efficiency(MassWindow window) {
        WindowCounter.WindowCount c = selected.count(window);
        double e = c.sumWeights() / totalWeightPb;
        if (e > 1 + 1e-9) {
            throw new InvalidInputException(String.format(java.util.Locale.ROOT, "signal sample '%s' at M = %s GeV:"
                    + " the selected weight %.6g in the window [%.6g, %.6g] GeV^2 exceeds the total generated weight"
                    + " %.6g pb (efficiency %.4g > 1): the weights and total_weight are not normalised alike",
                    selected.name(), mass, c.sumWeights(), window.lo(), window.hi(), totalWeightPb, e));
        }
        return Math.min(1.0, Math.max(0.0, e));
    }

    /**
     * @param window a window
     * @return the binomial relative error √(ε(1−ε)/N<sub>eff</sub>)/ε of {@link #efficiency}, 0 when ε = 0
     */
    public double efficiencyRelativeError(MassWindow window) {
        double e = efficiency(window);
        return e > 0 ? Math.sqrt(e * (1 - e) / effectiveEvents) / e : 0.0;
    }
}
