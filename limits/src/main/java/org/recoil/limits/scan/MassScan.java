package org.recoil.limits.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.recoil.core.InvalidInputException;
import org.recoil.core.RecoilException;
import org.recoil.core.physics.Luminosity;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.spec.Workspace;
import org.recoil.limits.calc.ToySeeds;
import org.recoil.limits.interpret.InterpretedLimit;
import org.recoil.limits.interpret.SignalNormalisation;

/**
 * The mass scan of a recoil-mass search: for every Z′ mass hypothesis one HistFactory model
 * ({@link SearchWorkspace}) → observed and expected upper limits on μ ({@link LimitMethod}) → limits on
 * σ × BR(Z′ → inv) and on g′ ({@link SignalNormalisation}, Belle II, Phys. Rev. Lett. 124 (2020) 141801).
 *
 * <p>Signal normalisation: μ = 1 is the signal of the reference coupling g′<sub>ref</sub> chosen per
 * point so that the expected signal N<sub>ref</sub> = σ(g′=1) g′<sub>ref</sub>² BR<sub>inv</sub> ε L
 * is about the expected sensitivity, N<sub>ref</sub> = 3 + 2√(B + V<sub>B</sub>) (B the background,
 * V<sub>B</sub> its variance from the normalisation systematics and MC statistics). Limits on μ are
 * then O(1), within the POI range [0, {@value #POI_UPPER}], whatever the cross section; the
 * physical limits do not depend on this choice (σ ∝ g′²).
 *
 * <p>Each point is prepared on the caller's thread (normalisation and workspace), then its limit
 * computation ({@link #solve}) runs on the {@link ScanOptions#executor()}: {@link ScanOptions#threads()}
 * local threads by default, or one Spark task per point (module {@code spark}). Each point is computed
 * independently, with the seed {@link ToySeeds#key}(seed, {@value #SEED_PURPOSE}, index), so the
 * results do not depend on the thread count or on where the points ran. Each point carries a {@link PointStatus}: points with
 * no background or no signal in the window are reported as such without a fit, and a point whose
 * fit or limit search fails is reported as {@link PointStatus#FAILED} with the reason; no point is
 * dropped. Every point with a limit also carries its local discovery significance
 * ({@link LocalSignificance}, asymptotic q<sub>0</sub>) and the saturated-model goodness of fit of its free fit
 * ({@link PointGoodnessOfFit}; computed even when the discovery fits fail). Stateless; {@link #run} is thread-safe.
 */
public final class MassScan {

    /** Upper bound of μ in the per-point models. */
    public static final double POI_UPPER = 10.0;

    /** Key of the per-point seeds. */
    static final long SEED_PURPOSE = 0x5CA4L;

    private MassScan() {
    }

    /**
     * Runs the scan.
     *
     * @param points the mass points, strictly ascending in mass
     * @param luminosity the integrated luminosity the yields refer to
     * @param systematics the systematic uncertainties
     * @param options CL, method, threads, seed, progress
     * @return one result per point, in the same order
     * @throws InvalidInputException if the list is empty or not ascending
     */
    public static ScanResult run(List<MassPointInput> points, Luminosity luminosity, Systematics systematics,
                                 ScanOptions options) {
        if (points.isEmpty()) {
            throw new InvalidInputException("mass scan: the mass grid is empty");
        }
        for (int i = 1; i < points.size(); i++) {
            if (!(points.get(i).mass() > points.get(i - 1).mass())) {
                throw new InvalidInputException("mass scan: masses must be strictly increasing, but point " + i
                        + " (" + points.get(i).mass() + " GeV) follows " + points.get(i - 1).mass() + " GeV");
            }
        }
        int n = points.size();
        MassPointResult[] results = new MassPointResult[n];
        SignalNormalisation[] norms = new SignalNormalisation[n];
        List<PointJob> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Prepared p = prepare(i, points.get(i), luminosity, systematics, options.seed());
            if (p.result() != null) {
                results[i] = p.result();
            } else {
                norms[i] = p.normalisation();
                jobs.add(p.job());
            }
        }
        if (!jobs.isEmpty()) {
            List<PointOutcome> outcomes = options.executor().solve(jobs, options);
            if (outcomes.size() != jobs.size()) {
                throw new IllegalStateException("scan executor returned " + outcomes.size() + " outcomes for "
                        + jobs.size() + " mass points");
            }
            for (int k = 0; k < jobs.size(); k++) {
                int i = jobs.get(k).index();
                results[i] = assemble(i, points.get(i), norms[i], outcomes.get(k));
            }
        }
        return new ScanResult(luminosity, options.cl(), options.method().name(), systematics, List.of(results));
    }

    /**
     * The prepared points of a scan, as {@link #run} hands them to its executor: one job per point
     * that has background and signal in its window and whose workspace could be built, with the
     * same workspaces and seeds.
     *
     * @param points the mass points
     * @param luminosity the luminosity
     * @param systematics the systematics
     * @param seed the scan's master seed
     * @return the jobs, in grid order
     */
    public static List<PointJob> jobs(List<MassPointInput> points, Luminosity luminosity, Systematics systematics,
                                      long seed) {
        List<PointJob> jobs = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Prepared p = prepare(i, points.get(i), luminosity, systematics, seed);
            if (p.job() != null) {
                jobs.add(p.job());
            }
        }
        return jobs;
    }

    /**
     * Computes one mass point on the caller's thread (no exception escapes for a numerical or input
     * problem of the point: it becomes the point's status).
     *
     * @param index the point's index in the grid (seeds derive from it)
     * @param input the point
     * @param luminosity the luminosity
     * @param systematics the systematics
     * @param options the scan options (the executor is not used)
     * @return the point's result
     */
    public static MassPointResult point(int index, MassPointInput input, Luminosity luminosity,
                                        Systematics systematics, ScanOptions options) {
        Prepared p = prepare(index, input, luminosity, systematics, options.seed());
        if (p.result() != null) {
            return p.result();
        }
        return assemble(index, input, p.normalisation(),
                solve(p.job(), options.method(), options.minimizer().get(), options.cl()));
    }

    /**
     * The limit computation of one prepared point: compiles the job's workspace and runs the method
     * with the job's seed. This is what a {@link ScanExecutor} runs for every job, wherever it runs.
     *
     * @param job the point's workspace and seed
     * @param method the limit method
     * @param minimizer the minimiser (used by this call only)
     * @param cl the confidence (credibility) level
     * @return the limits on μ, or the reason the fit or the limit search failed
     */
    public static PointOutcome solve(PointJob job, LimitMethod method, Minimizer minimizer, double cl) {
        try {
            HistFactoryModel model = HistFactoryModel.of(job.workspace());
            MuLimit mu = method.compute(model, minimizer, cl, job.seed());
            List<String> w = new ArrayList<>(mu.warnings());
            Optional<LocalSignificance> local = Optional.empty();
            try {
                local = Optional.of(LocalSignificance.of(model, minimizer));
            } catch (RecoilException | ArithmeticException | IllegalArgumentException | IllegalStateException e) {
                w.add("local p0 not computed: " + PointOutcome.Failure.of(e).reason());
            }
            Optional<PointGoodnessOfFit> gof = Optional.empty();
            try {
                gof = Optional.of(PointGoodnessOfFit.of(model, minimizer));
            } catch (RecoilException | ArithmeticException | IllegalArgumentException | IllegalStateException e) {
                w.add("goodness of fit not computed: " + PointOutcome.Failure.of(e).reason());
            }
            MuLimit withWarnings = w.size() == mu.warnings().size() ? mu
                    : new MuLimit(mu.observed(), mu.expected(), w);
            return new PointOutcome.Limit(withWarnings, local, gof);
        } catch (RecoilException | ArithmeticException | IllegalArgumentException | IllegalStateException e) {
            return PointOutcome.Failure.of(e);
        }
    }

    /** A point after the cheap steps: either its final result (no limit computation), or a job. */
    private record Prepared(MassPointResult result, SignalNormalisation normalisation, PointJob job) {
    }

    private static Prepared prepare(int index, MassPointInput input, Luminosity luminosity, Systematics systematics,
                                    long scanSeed) {
        double b = input.totalBackground();
        if (!(b > 0)) {
            return new Prepared(new MassPointResult(index, input, PointStatus.NO_BACKGROUND, String.format(Locale.ROOT,
                    "no background Monte Carlo event in the window [%.4g, %.4g] GeV^2 at M = %.4g GeV: the "
                            + "background is unconstrained there; widen the window, generate more background MC "
                            + "or drop this mass", input.window().lo(), input.window().hi(), input.mass()),
                    Optional.empty(), Optional.empty(), List.of()), null, null);
        }
        if (!(input.efficiency() > 0)) {
            return new Prepared(new MassPointResult(index, input, PointStatus.NO_SIGNAL, String.format(Locale.ROOT,
                    "the signal efficiency in the window at M = %.4g GeV is zero: no signal can be seen there",
                    input.mass()), Optional.empty(), Optional.empty(), List.of()), null, null);
        }
        SignalNormalisation norm;
        try {
            double unit = input.sigmaAtUnitCouplingPb() * input.brInvisible() * input.efficiency()
                    * luminosity.inversePicobarn();
            double gRef = Math.sqrt(referenceSignal(input, systematics) / unit);
            norm = new SignalNormalisation(input.mass(), input.sigmaAtUnitCouplingPb() * gRef * gRef, gRef,
                    input.brInvisible(), input.efficiency(), luminosity);
        } catch (InvalidInputException e) {
            return new Prepared(failed(index, input, Optional.empty(), PointOutcome.Failure.of(e)), null, null);
        }
        try {
            Workspace ws = SearchWorkspace.build(input, norm.expectedSignalEvents(), systematics, POI_UPPER);
            long seed = ToySeeds.key(scanSeed, SEED_PURPOSE, index);
            return new Prepared(null, norm, new PointJob(index, input.mass(), ws, seed));
        } catch (RecoilException | ArithmeticException | IllegalArgumentException | IllegalStateException e) {
            return new Prepared(failed(index, input, Optional.of(norm), PointOutcome.Failure.of(e)), null, null);
        }
    }

    private static MassPointResult assemble(int index, MassPointInput input, SignalNormalisation norm,
                                            PointOutcome outcome) {
        if (outcome instanceof PointOutcome.Failure f) {
            return failed(index, input, Optional.of(norm), f);
        }
        PointOutcome.Limit lim = (PointOutcome.Limit) outcome;
        MuLimit mu = lim.mu();
        InterpretedLimit limit;
        try {
            limit = norm.interpret(mu.observed(), mu.expected());
        } catch (RecoilException | ArithmeticException | IllegalArgumentException | IllegalStateException e) {
            return failed(index, input, Optional.of(norm), PointOutcome.Failure.of(e));
        }
        PointStatus status = mu.warnings().isEmpty() ? PointStatus.OK : PointStatus.WARNING;
        return new MassPointResult(index, input, status, String.join("; ", mu.warnings()), Optional.of(norm),
                Optional.of(limit), mu.warnings(), lim.local(), lim.gof());
    }

    private static MassPointResult failed(int index, MassPointInput input, Optional<SignalNormalisation> norm,
                                          PointOutcome.Failure f) {
        return new MassPointResult(index, input, PointStatus.FAILED, String.format(Locale.ROOT,
                "M = %.4g GeV: %s", input.mass(), f.reason()), norm, Optional.empty(), List.of());
    }

    /**
     * The expected signal events at μ = 1: N<sub>ref</sub> = 3 + 2√(B + V<sub>B</sub>).
     *
     * @param input the point
     * @param systematics the systematics (normalisation uncertainties and MC statistics enter V<sub>B</sub>)
     * @return N<sub>ref</sub>
     */
    public static double referenceSignal(MassPointInput input, Systematics systematics) {
        double b = input.totalBackground();
        double v = 0;
        for (SampleYield y : input.backgrounds()) {
            double u = systematics.backgroundNormalisation(y.name()) * y.yield();
            v += u * u + (systematics.mcStatistics() ? y.sumw2() : 0.0);
        }
        return 3.0 + 2.0 * Math.sqrt(b + v);
    }
}
