package org.recoil.limits.projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.DeltaAMuScenario;
import org.recoil.core.physics.Luminosity;
import org.recoil.limits.interpret.BandCoverage;
import org.recoil.limits.scan.LimitMethod;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.MassScan;
import org.recoil.limits.scan.SampleYield;
import org.recoil.limits.scan.ScanOptions;
import org.recoil.limits.scan.ScanResult;
import org.recoil.limits.scan.Systematics;
import org.recoil.limits.scan.WindowShape;

/**
 * Expected limits versus integrated luminosity: the yields of a search at L0 (signal and every
 * background) are scaled by r = L/L0, the data are replaced by the background-only Asimov dataset
 * (Cowan, Cranmer, Gross, Vitells, arXiv:1007.1727, Sec. 3.2: the median expected limit and its band
 * follow from it), the systematics follow a {@link SystematicsScenario}, and the mass scan is run
 * with asymptotic CLs. The relative MC statistical error of each background is kept
 * ({@link SystematicsScenario.Fixed}), shrunk ({@link SystematicsScenario.Shrinking}) or dropped
 * ({@link SystematicsScenario.StatisticsOnly}).
 *
 * <p>With statistics only and a large background B, the expected μ limit scales as √(rB)/(rS), i.e.
 * as 1/√r, and the g′ limit as r<sup>−1/4</sup>; fixed systematics make the limit flatten once rB
 * times the relative background uncertainty exceeds √(rB). Stateless.
 */
public final class LuminosityProjection {

    /** Default luminosities: 276 pb⁻¹ (Belle II 2018), 50 fb⁻¹ and 50 ab⁻¹. */
    public static final List<Luminosity> DEFAULT_LUMINOSITIES =
            List.of(Luminosity.PHASE2_2018, Luminosity.MILESTONE_50_FB, Luminosity.GOAL_50_AB);

    /** Default floor of the shrinking scenario: 1% relative uncertainty. */
    public static final double DEFAULT_FLOOR = 0.01;

    private LuminosityProjection() {
    }

    /**
     * The inputs of one projected scan: yields scaled by r, MC errors per scenario, Asimov data (per
     * bin for points with a {@link WindowShape}).
     *
     * @param base the mass points at L0
     * @param ratio r = L/L0
     * @param scenario the systematics scenario
     * @return the mass points at L
     */
    public static List<MassPointInput> scaledInputs(List<MassPointInput> base, double ratio,
                                                    SystematicsScenario scenario) {
        List<MassPointInput> out = new ArrayList<>(base.size());
        for (MassPointInput p : base) {
            List<SampleYield> bkg = new ArrayList<>();
            for (SampleYield y : p.backgrounds()) {
                double yield = y.yield() * ratio;
                double rel = scenario.mcRelativeError(y.relativeMcError(), ratio);
                bkg.add(new SampleYield(y.name(), yield, rel * rel * yield * yield, y.entries()));
            }
            Optional<WindowShape> shape = p.shape().map(w -> scaledShape(w, ratio, scenario));
            double b = shape.map(w -> Arrays.stream(w.observed()).sum())
                    .orElse(bkg.stream().mapToDouble(SampleYield::yield).sum());
            out.add(new MassPointInput(p.mass(), p.window(), b, bkg, p.efficiency(),
                    scenario.mcRelativeError(p.efficiencyRelError(), ratio), p.sigmaAtUnitCouplingPb(),
                    p.brInvisible(), shape,
                    // event-level systematics are relative: kept at every luminosity, dropped without systematics
                    scenario instanceof SystematicsScenario.StatisticsOnly ? List.of() : p.eventSystematics()));
        }
        return out;
    }

    /** A shape scaled like its point: yields × r, MC errors per scenario, Asimov observation per bin. */
    private static WindowShape scaledShape(WindowShape w, double ratio, SystematicsScenario scenario) {
        int n = w.bins();
        List<double[]> bkg = new ArrayList<>();
        List<double[]> var = new ArrayList<>();
        double[] obs = new double[n];
        List<double[]> b0 = w.backgrounds();
        List<double[]> v0 = w.backgroundSumw2();
        for (int k = 0; k < b0.size(); k++) {
            double[] y = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double y0 = b0.get(k)[i];
                double rel = scenario.mcRelativeError(y0 > 0 ? Math.sqrt(v0.get(k)[i]) / y0 : 0.0, ratio);
                y[i] = y0 * ratio;
                v[i] = rel * rel * y[i] * y[i];
                obs[i] += y[i];
            }
            bkg.add(y);
            var.add(v);
        }
        return new WindowShape(w.edges(), obs, bkg, var, w.signalFractions());
    }

    /**
     * Runs the projection.
     *
     * @param base the mass points at L0 (their observed counts are not used)
     * @param reference L0
     * @param systematics the systematics at L0
     * @param luminosities the luminosities to project to, at least one
     * @param scenarios the systematics scenarios, at least one
     * @param bandScenarios Δa<sub>μ</sub> scenarios for the (g−2)<sub>μ</sub> band coverage
     * @param options CL, threads, seed, progress over all scans (the method is always asymptotic)
     * @return one curve per (scenario, luminosity)
     * @throws InvalidInputException if a list is empty
     */
    public static ProjectionResult project(List<MassPointInput> base, Luminosity reference, Systematics systematics,
                                           List<Luminosity> luminosities, List<SystematicsScenario> scenarios,
                                           List<DeltaAMuScenario> bandScenarios, ScanOptions options) {
        return project(base, reference, systematics, luminosities, scenarios, List.of(), bandScenarios, options);
    }

    /**
     * Runs the projection for the analysis as configured and for each analysis improvement
     * ({@link Improvement#apply} on the inputs at L0, then the yields scaled by L/L0).
     *
     * @param base the mass points at L0 (their observed counts are not used)
     * @param reference L0
     * @param systematics the systematics at L0
     * @param luminosities the luminosities to project to, at least one
     * @param scenarios the systematics scenarios, at least one
     * @param improvements analysis improvements (may be empty); the analysis as configured is always
     *                     projected first
     * @param bandScenarios Δa<sub>μ</sub> scenarios for the (g−2)<sub>μ</sub> band coverage
     * @param options CL, threads, seed, progress over all scans (the method is always asymptotic)
     * @return one curve per (improvement, scenario, luminosity), {@link Improvement#NONE} first
     * @throws InvalidInputException if a list is empty, two improvements share a name, or an improvement
     *     pushes a signal efficiency above 1
     */
    public static ProjectionResult project(List<MassPointInput> base, Luminosity reference, Systematics systematics,
                                           List<Luminosity> luminosities, List<SystematicsScenario> scenarios,
                                           List<Improvement> improvements, List<DeltaAMuScenario> bandScenarios,
                                           ScanOptions options) {
        if (luminosities.isEmpty()) {
            throw new InvalidInputException("projection: no luminosity given");
        }
        if (scenarios.isEmpty()) {
            throw new InvalidInputException("projection: no systematics scenario given");
        }
        List<Improvement> all = new ArrayList<>();
        all.add(Improvement.NONE);
        java.util.Set<String> names = new java.util.HashSet<>(List.of(Improvement.NONE_NAME));
        for (Improvement i : improvements) {
            if (i.isNone()) {
                continue;
            }
            if (!names.add(i.name())) {
                throw new InvalidInputException("projection: improvement '" + i.name() + "' is given twice");
            }
            all.add(i);
        }
        // apply every improvement first, so that a bad factor is reported before any scan runs
        List<List<MassPointInput>> improved = all.stream().map(i -> i.apply(base)).toList();
        ScanOptions asymptotic = options.withMethod(new LimitMethod.Asymptotic());
        List<ProjectionCurve> curves = new ArrayList<>();
        long total = (long) all.size() * scenarios.size() * luminosities.size() * base.size();
        for (int k = 0; k < all.size(); k++) {
            for (SystematicsScenario s : scenarios) {
                for (Luminosity l : luminosities) {
                    double r = l.inversePicobarn() / reference.inversePicobarn();
                    List<MassPointInput> points = scaledInputs(improved.get(k), r, s);
                    long offset = (long) curves.size() * base.size();
                    ScanOptions o = asymptotic.withProgress((done, n) -> options.progress().update(offset + done,
                            total));
                    ScanResult scan = MassScan.run(points, l, s.at(systematics, r), o);
                    curves.add(new ProjectionCurve(s, l, r, scan, coverage(scan, bandScenarios), all.get(k)));
                }
            }
        }
        return new ProjectionResult(reference, curves);
    }

    /**
     * The (g−2)<sub>μ</sub> band coverage of the expected median g′ limit of a scan.
     *
     * @param scan the scan
     * @param bandScenarios the Δa<sub>μ</sub> scenarios
     * @return one coverage per scenario, or an empty list when fewer than two points have limits
     */
    public static List<BandCoverage> coverage(ScanResult scan, List<DeltaAMuScenario> bandScenarios) {
        double[] m = scan.limitMasses();
        if (m.length < 2) {
            return List.of();
        }
        return BandCoverage.compute(m, scan.limitValues(x -> x.gPrimeExpected().median()), bandScenarios);
    }
}
