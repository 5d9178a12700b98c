package org.recoil.limits.scan;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.recoil.core.physics.Luminosity;
import org.recoil.limits.interpret.InterpretedLimit;

/**
 * The result of a mass scan: one {@link MassPointResult} per mass of the grid, in grid order,
 * including the points that failed.
 *
 * @param luminosity integrated luminosity of the data
 * @param cl confidence (credibility) level of the limits, e.g. 0.90
 * @param method name of the limit method ({@code asymptotic}, {@code toys}, {@code bayesian})
 * @param systematics the systematic uncertainties in the model
 * @param points the points, ascending in mass
 */
public record ScanResult(Luminosity luminosity, double cl, String method,
                         Systematics systematics, List<MassPointResult> points) {

    /** Copies the point list. */
    public ScanResult {
        points = List.copyOf(points);
    }

    /** @return the points that carry limits, in mass order */
    public List<MassPointResult> withLimits() {
        return points.stream().filter(MassPointResult::hasLimit).toList();
    }

    /** @return the points without limits (failed, no background, no signal) */
    public List<MassPointResult> withoutLimits() {
        return points.stream().filter(p -> !p.hasLimit()).toList();
    }

    /** @return masses of the points with limits, GeV */
    public double[] limitMasses() {
        return withLimits().stream().mapToDouble(MassPointResult::mass).toArray();
    }

    /**
     * @param f what to take from each limit, e.g. {@code l -> l.gPrimeExpected().median()}
     * @return that value for every point with limits, in mass order
     */
    public double[] limitValues(ToDoubleFunction<InterpretedLimit> f) {
        return withLimits().stream().mapToDouble(p -> f.applyAsDouble(p.limit().orElseThrow())).toArray();
    }

    /**
     * @return the point with the largest local significance (the largest local excess), if any point
     *         carries one
     */
    public Optional<MassPointResult> largestLocalExcess() {
        return points.stream().filter(p -> p.local().isPresent())
                .max(java.util.Comparator.comparingDouble(p -> p.local().orElseThrow().z()));
    }

    /**
     * @return the point whose saturated-model goodness of fit has the smallest defined p-value (the worst
     *         modelled window), if any point has one (counting windows have none: 0 degrees of freedom)
     */
    public Optional<MassPointResult> worstGoodnessOfFit() {
        return points.stream().filter(p -> p.gof().filter(PointGoodnessOfFit::defined).isPresent())
                .min(java.util.Comparator.comparingDouble(p -> p.gof().orElseThrow().p()));
    }

    /** @return the local significance of every point that carries one, in mass order */
    public List<MassPointResult> withLocalSignificance() {
        return points.stream().filter(p -> p.local().isPresent()).toList();
    }
}
