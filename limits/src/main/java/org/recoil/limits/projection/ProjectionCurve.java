package org.recoil.limits.projection;

import java.util.List;
import org.recoil.core.physics.Luminosity;
import org.recoil.limits.interpret.BandCoverage;
import org.recoil.limits.scan.ScanResult;

/**
 * Expected limits versus Z′ mass at one luminosity under one systematics scenario.
 *
 * @param scenario the systematics scenario
 * @param luminosity the projected integrated luminosity
 * @param ratio L/L0
 * @param scan the expected limits per mass point (the "observed" limit is that of the Asimov dataset,
 *             i.e. close to the expected median); failed points are kept with their status
 * @param coverage per Δa<sub>μ</sub> scenario, the masses where the expected median g′ limit lies below
 *                 the (g−2)<sub>μ</sub> band (empty when fewer than two points have limits)
 * @param improvement the analysis improvement applied ({@link Improvement#NONE}: the analysis as configured)
 */
public record ProjectionCurve(SystematicsScenario scenario, Luminosity luminosity, double ratio, ScanResult scan,
                              List<BandCoverage> coverage, Improvement improvement) {

    /** Copies the coverage list. */
    public ProjectionCurve {
        coverage = List.copyOf(coverage);
        java.util.Objects.requireNonNull(improvement, "improvement");
    }

    /**
     * A curve of the analysis as configured ({@link Improvement#NONE}).
     *
     * @param scenario the systematics scenario
     * @param luminosity the projected integrated luminosity
     * @param ratio L/L0
     * @param scan the expected limits per mass point
     * @param coverage the (g−2)<sub>μ</sub> band coverage per Δa<sub>μ</sub> scenario
     */
    public ProjectionCurve(SystematicsScenario scenario, Luminosity luminosity, double ratio, ScanResult scan,
                           List<BandCoverage> coverage) {
        this(scenario, luminosity, ratio, scan, coverage, Improvement.NONE);
    }

    /** @return masses of the points with limits (GeV) */
    public double[] masses() {
        return scan.limitMasses();
    }

    /** @return the expected median g′ limit at {@link #masses()} */
    public double[] gPrimeMedian() {
        return scan.limitValues(l -> l.gPrimeExpected().median());
    }

    /** @return the expected median σ × BR limit at {@link #masses()}, pb */
    public double[] sigmaTimesBrMedianPb() {
        return scan.limitValues(l -> l.sigmaTimesBrExpectedPb().median());
    }
}
