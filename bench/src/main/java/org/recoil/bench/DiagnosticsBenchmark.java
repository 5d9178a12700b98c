package org.recoil.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.patch.WorkspaceSource;
import org.recoil.limits.diagnostics.Impact;
import org.recoil.limits.diagnostics.Impacts;
import org.recoil.limits.diagnostics.ProfileScans;
import org.recoil.limits.diagnostics.Scan1D;
import org.recoil.limits.diagnostics.Scan2D;

/**
 * Fit diagnostics (issue 17 targets):
 * <ul>
 *   <li>{@code impactsSbottom}: pre- and post-fit impacts of every free nuisance parameter of the patched ATLAS
 *       sbottom RegionA model (sbottom_1300_850_60, 64 parameters: 4 refits each for the constrained ones),
 *       2 threads. Target below 1 s.</li>
 *   <li>{@code scan1d}: a 50-point profile scan of μ on [0, 3] of the 50-bin model of {@link FitBenchmark}.
 *       Target below 0.2 s.</li>
 *   <li>{@code scan2d}: a 40 × 40 profile scan of (μ, bkg1_norm) of the same model, 2 threads. Target below
 *       5 s.</li>
 * </ul>
 * The free fits are made once in the set-up (as {@code recoil diagnostics} makes one).
 *
 * <p>Run from the project root: {@code java -jar bench/target/benchmarks.jar DiagnosticsBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DiagnosticsBenchmark {

    private HistFactoryModel sbottom;
    private FitResult sbottomFit;
    private HistFactoryModel fifty;
    private FitResult fiftyFit;

    /** Compiles the models and fits them once. */
    @Setup
    public void setup() {
        var dir = PatchedHypotestBenchmark.referenceDir().resolve("realworld/sbottom-ins1748602/RegionA");
        sbottom = WorkspaceSource.of(dir.resolve("BkgOnly.json")).withPatch(dir.resolve("patch.sbottom_1300_850_60.json"))
                .model(null, ModelOptions.defaults());
        sbottomFit = Minimizer.standard().fit(sbottom, sbottom.observed());
        fifty = HistFactoryModel.of(FitBenchmark.fiftyBinWorkspace(20240601L));
        fiftyFit = Minimizer.standard().fit(fifty, fifty.observed());
        if (!sbottomFit.converged() || !fiftyFit.converged()) {
            throw new IllegalStateException("benchmark fits did not converge");
        }
    }

    /** @return all impacts of the sbottom model */
    @Benchmark
    public List<Impact> impactsSbottom() {
        return new Impacts(2).all(sbottom, sbottom.observed(), sbottomFit);
    }

    /** @return a 50-point scan of mu */
    @Benchmark
    public Scan1D scan1d() {
        return new ProfileScans(1).scan(fifty, fifty.observed(), fiftyFit, "mu", 0, 3, 50);
    }

    /** @return a 40 x 40 scan of (mu, bkg1_norm) */
    @Benchmark
    public Scan2D scan2d() {
        return new ProfileScans(2).scan2d(fifty, fifty.observed(), fiftyFit, "mu", 0, 3, 40, "bkg1_norm", -2, 2, 40);
    }
}
