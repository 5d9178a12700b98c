package org.recoil.limits.interpret;

import java.util.ArrayList;
import java.util.List;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.DeltaAMuScenario;
import org.recoil.core.physics.G2Band;
import org.recoil.core.physics.MuonAnomaly;

/**
 * Which Z′ masses a coupling limit excludes the whole (g−2)<sub>μ</sub>-favoured band at: where the
 * upper limit g′<sub>UL</sub>(M) lies below the band's lower edge g′<sub>low</sub>(M), every coupling
 * that would explain Δa<sub>μ</sub> at ±nσ is excluded (the statement of Belle II, Phys. Rev. Lett.
 * 130 (2023) 231801). Where the band has no lower edge (central − nσ ≤ 0) nothing can be excluded.
 *
 * <p>The limit is known on a mass grid. With d<sub>i</sub> = g′<sub>UL</sub>(M<sub>i</sub>) −
 * g′<sub>low</sub>(M<sub>i</sub>), a mass is excluded where d &lt; 0, and the crossings d = 0 between
 * grid points are found by linear interpolation of d. Intervals never extend beyond the grid.
 *
 * @param scenario the Δa<sub>μ</sub> scenario
 * @param nSigma half-width of the band in standard deviations
 * @param excluded the excluded mass intervals, ascending and disjoint
 */
public record BandCoverage(DeltaAMuScenario scenario, double nSigma, List<MassInterval> excluded) {

    /** Makes {@code excluded} an unmodifiable copy. */
    public BandCoverage {
        excluded = List.copyOf(excluded);
    }

    /**
     * Coverage of the ±2σ band.
     *
     * @param masses mass grid in GeV, strictly increasing, at least two points
     * @param gPrimeUpperLimits g′<sub>UL</sub> at each mass, finite and &gt; 0
     * @param scenario the Δa<sub>μ</sub> scenario
     * @return the excluded intervals
     */
    public static BandCoverage compute(double[] masses, double[] gPrimeUpperLimits, DeltaAMuScenario scenario) {
        return compute(masses, gPrimeUpperLimits, scenario, MuonAnomaly.DEFAULT_N_SIGMA);
    }

    /**
     * Coverage of the ±nσ band.
     *
     * @param masses mass grid in GeV, strictly increasing, at least two points
     * @param gPrimeUpperLimits g′<sub>UL</sub> at each mass, finite and &gt; 0
     * @param scenario the Δa<sub>μ</sub> scenario
     * @param nSigma half-width of the band in standard deviations
     * @return the excluded intervals
     * @throws InvalidInputException if the grid or limits are malformed, or the scenario favours no
     *     positive Δa<sub>μ</sub> at nσ
     */
    public static BandCoverage compute(double[] masses, double[] gPrimeUpperLimits, DeltaAMuScenario scenario,
                                       double nSigma) {
        checkCurve(masses, gPrimeUpperLimits, "g' upper limit");
        for (int i = 0; i < gPrimeUpperLimits.length; i++) {
            if (!(gPrimeUpperLimits[i] > 0.0)) {
                throw new InvalidInputException("g' upper limit at M = " + masses[i] + " GeV (point " + i
                        + ") must be > 0, got " + gPrimeUpperLimits[i]);
            }
        }
        double[] lowerEdge = new double[masses.length];
        boolean anyLower = false;
        for (int i = 0; i < masses.length; i++) {
            G2Band band = MuonAnomaly.band(masses[i], scenario, nSigma);
            lowerEdge[i] = band.lower(); // 0 without a lower edge: never above a positive limit
            anyLower |= band.hasLower();
        }
        List<MassInterval> excluded = anyLower ? intervalsBelow(masses, gPrimeUpperLimits, lowerEdge) : List.of();
        return new BandCoverage(scenario, nSigma, excluded);
    }

    /**
     * Coverage for several scenarios at ±2σ.
     *
     * @param masses mass grid
     * @param gPrimeUpperLimits g′<sub>UL</sub> at each mass
     * @param scenarios the scenarios, e.g. {@link DeltaAMuScenario#PUBLISHED}
     * @return one coverage per scenario, in the same order
     */
    public static List<BandCoverage> compute(double[] masses, double[] gPrimeUpperLimits,
                                             List<DeltaAMuScenario> scenarios) {
        List<BandCoverage> out = new ArrayList<>(scenarios.size());
        for (DeltaAMuScenario s : scenarios) {
            out.add(compute(masses, gPrimeUpperLimits, s));
        }
        return List.copyOf(out);
    }

    /** @return the total excluded mass range in GeV */
    public double excludedWidth() {
        double w = 0.0;
        for (MassInterval i : excluded) {
            w += i.width();
        }
        return w;
    }

    /**
     * @param mass a mass in GeV
     * @return whether the band is excluded at this mass
     */
    public boolean excludes(double mass) {
        for (MassInterval i : excluded) {
            if (i.contains(mass)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ranges of x in which {@code curve(x) < threshold(x)}, both known on the grid {@code x} and
     * their difference interpolated linearly between grid points.
     *
     * @param x grid, strictly increasing, finite, at least two points
     * @param curve values on the grid, finite
     * @param threshold values on the grid, finite
     * @return ascending, disjoint intervals; where the curve only touches the threshold at a grid
     *     point the interval continues through it
     * @throws InvalidInputException if the arrays are malformed
     */
    public static List<MassInterval> intervalsBelow(double[] x, double[] curve, double[] threshold) {
        checkCurve(x, curve, "curve");
        checkCurve(x, threshold, "threshold");
        List<MassInterval> out = new ArrayList<>();
        int n = x.length;
        double start = Double.NaN;
        boolean inside = false;
        double previous = curve[0] - threshold[0];
        if (previous < 0.0) {
            inside = true;
            start = x[0];
        }
        for (int i = 1; i < n; i++) {
            double d = curve[i] - threshold[i];
            if (!inside && d < 0.0) {
                start = crossing(x[i - 1], previous, x[i], d);
                inside = true;
                if (!out.isEmpty() && out.get(out.size() - 1).hi() == start) {
                    // the curve only touched the threshold at a grid point: one interval, not two
                    start = out.remove(out.size() - 1).lo();
                }
            } else if (inside && d >= 0.0) {
                out.add(new MassInterval(start, crossing(x[i - 1], previous, x[i], d)));
                inside = false;
            }
            previous = d;
        }
        if (inside) {
            out.add(new MassInterval(start, x[n - 1]));
        }
        return List.copyOf(out);
    }

    /** Zero of the straight line through (x0, d0) and (x1, d1), with d0 and d1 of opposite sign (or d1 = 0). */
    private static double crossing(double x0, double d0, double x1, double d1) {
        double t = d0 / (d0 - d1);
        return x0 + t * (x1 - x0);
    }

    private static void checkCurve(double[] x, double[] y, String what) {
        if (x == null || y == null) {
            throw new InvalidInputException(what + ": mass grid or values missing");
        }
        if (x.length < 2) {
            throw new InvalidInputException(what + ": need at least 2 mass points, got " + x.length);
        }
        if (y.length != x.length) {
            throw new InvalidInputException(what + ": " + y.length + " values for " + x.length + " mass points");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || (i > 0 && !(x[i] > x[i - 1]))) {
                throw new InvalidInputException(what + ": masses must be finite and strictly increasing, but point "
                        + i + " is " + x[i] + (i > 0 ? " after " + x[i - 1] : ""));
            }
            if (!Double.isFinite(y[i])) {
                throw new InvalidInputException(what + " at M = " + x[i] + " GeV (point " + i + ") must be finite, got " + y[i]);
            }
        }
    }
}
