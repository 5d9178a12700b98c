package org.recoil.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.patch.WorkspaceSource;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/**
 * The ATLAS 3L eRJR likelihood (reference/realworld/erjr-3l: a shapesys constraint with τ ≈ 2·10¹¹, widths
 * from 2·10⁻⁶ to 4): an asymptotic q̃ hypothesis test at μ = 1 with its band, in process, at each of the five
 * points. Target below 50 ms.
 *
 * <p>Run from the project root: {@code java -jar bench/target/benchmarks.jar ErjrHypotest -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ErjrHypotestBenchmark {

    /** The signal point (a patch file {@code patch.<point>.json}). */
    @Param({"ERJR_100p0_20p0", "ERJR_150p0_1p0", "ERJR_250p0_100p0", "ERJR_350p0_0p0", "ERJR_500p0_0p0"})
    public String point;

    private HistFactoryModel model;

    /** Patches and compiles the model; checks that the hypotest's fits converge. */
    @Setup
    public void setUp() {
        Path dir = PatchedHypotestBenchmark.referenceDir().resolve("realworld/erjr-3l");
        model = WorkspaceSource.of(dir.resolve("BkgOnly.json")).withPatch(dir.resolve("patch." + point + ".json"))
                .model(null, ModelOptions.defaults());
        HypoTestResult r = hypotest();
        if (!r.conditionalFit().orElseThrow().converged() || !Double.isFinite(r.cls())) {
            throw new IllegalStateException(point + ": the hypotest did not converge");
        }
    }

    /** @return the hypothesis test at μ = 1 */
    @Benchmark
    public HypoTestResult hypotest() {
        return new AsymptoticCalculator(model, new PointEstimateMinimizer()).hypotest(1.0);
    }
}
