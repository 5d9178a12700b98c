package org.recoil.limits.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.RecoilException;
import org.recoil.core.physics.Luminosity;
import org.recoil.fitting.model.HistFactoryModel;
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
 * <p>Points run in parallel on {@link ScanOptions#threads()} threads; each point is computed
 * independently, with the seed {@link ToySeeds#key}(seed, {@value #SEED_PURPOSE}, index), so the
 * results do not depend on the thread count. Each point carries a {@link PointStatus}: points with
 * no background or no signal in the window are reported as such without a fit, and a point whose
 * fit or limit search fails is reported as {@link PointStatus#FAILED} with the reason; no point is
 * dropped. Stateless; {@link #run} is thread-safe.
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
        List<MassPointResult> results = new ArrayList<>(n);
        AtomicLong done = new AtomicLong();
        if (options.threads() == 1 || n == 1) {
            for (int i = 0; i < n; i++) {
                results.add(point(i, points.get(i), luminosity, systematics, options));
                options.progress().update(done.incrementAndGet(), n);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), n), r -> {
                Thread t = new Thread(r, "recoil-scan");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<MassPointResult>> futures = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int index = i;
                    futures.add(pool.submit(() -> {
                        MassPointResult r = point(index, points.get(index), luminosity, systematics, options);
                        options.progress().update(done.incrementAndGet(), n);
                        return r;
                    }));
                }
                for (Future<MassPointResult> f : futures) {
                    results.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComputationException("mass scan interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(c);
            } finally {
                pool.shutdownNow();
            }
        }
        return new ScanResult(luminosity, options.cl(), options.method().name(), systematics, results);
    }

    /**
     * Computes one mass point (no exception escapes for a numerical or input problem of the point:
     * it becomes the point's status).
     *
     * @param index the point's index in the grid (seeds derive from it)
     * @param input the point
     * @param luminosity the luminosity
     * @param systematics the systematics
     * @param options the scan options
     * @return the point's result
     */
    public static MassPointResult point(int index, MassPointInput input, Luminosity luminosity,
                                        Systematics systematics, ScanOptions options) {
        double b = input.totalBackground();
        if (!(b > 0)) {
            return new MassPointResult(index, input, PointStatus.NO_BACKGROUND, String.format(Locale.ROOT,
                    "no background Monte Carlo event in the window [%.4g, %.4g] GeV^2 at M = %.4g GeV: the "
                            + "background is unconstrained there; widen the window, generate more background MC "
                            + "or drop this mass", input.window().lo(), input.window().hi(), input.mass()),
                    Optional.empty(), Optional.empty(), List.of());
        }
        if (!(input.efficiency() > 0)) {
            return new MassPointResult(index, input, PointStatus.NO_SIGNAL, String.format(Locale.ROOT,
                    "the signal efficiency in the window at M = %.4g GeV is zero: no signal can be seen there",
                    input.mass()), Optional.empty(), Optional.empty(), List.of());
        }
        SignalNormalisation norm;
        try {
            double unit = input.sigmaAtUnitCouplingPb() * input.brInvisible() * input.efficiency()
                    * luminosity.inversePicobarn();
            double gRef = Math.sqrt(referenceSignal(input, systematics) / unit);
            norm = new SignalNormalisation(input.mass(), input.sigmaAtUnitCouplingPb() * gRef * gRef, gRef,
                    input.brInvisible(), input.efficiency(), luminosity);
        } catch (InvalidInputException e) {
            return failed(index, input, Optional.empty(), e);
        }
        try {
            HistFactoryModel model = HistFactoryModel.of(SearchWorkspace.build(input, norm.expectedSignalEvents(),
                    systematics, POI_UPPER));
            long seed = ToySeeds.key(options.seed(), SEED_PURPOSE, index);
            MuLimit mu = options.method().compute(model, options.minimizer().get(), options.cl(), seed);
            InterpretedLimit limit = norm.interpret(mu.observed(), mu.expected());
            PointStatus status = mu.warnings().isEmpty() ? PointStatus.OK : PointStatus.WARNING;
            return new MassPointResult(index, input, status, String.join("; ", mu.warnings()), Optional.of(norm),
                    Optional.of(limit), mu.warnings());
        } catch (RecoilException | ArithmeticException | IllegalArgumentException | IllegalStateException e) {
            return failed(index, input, Optional.of(norm), e);
        }
    }

    private static MassPointResult failed(int index, MassPointInput input, Optional<SignalNormalisation> norm,
                                          RuntimeException e) {
        String what = e instanceof RecoilException ? "" : e.getClass().getSimpleName() + ": ";
        return new MassPointResult(index, input, PointStatus.FAILED, String.format(Locale.ROOT,
                "M = %.4g GeV: %s%s", input.mass(), what, e.getMessage()), norm, Optional.empty(), List.of());
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
