package org.recoil.bench;

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
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.StaterrorBenchmarkWorkspace;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/**
 * Fit time versus the number of parameters: the 10-channel staterror model of
 * {@link StaterrorBenchmarkWorkspace} with B bins per channel (10 B + 12 parameters, 12 of them global; the
 * Hessian is an arrow). Measured: {@code fit}, the free fit with errors as {@code recoil fit} runs it;
 * {@code hypotest}, an asymptotic q̃ test at μ = 1 with its band. Memory: run with {@code -prof gc} for the
 * allocation per fit; peak resident memory of the whole process is measured with {@code /usr/bin/time} on
 * the CLI (README).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar LargeModel -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class LargeModelBenchmark {

    /** Bins per channel. */
    @Param({"10", "100", "200", "1000", "2000"})
    public int bins;

    private HistFactoryModel model;

    /** Compiles the model and checks that it fits. */
    @Setup
    public void setUp() {
        model = HistFactoryModel.of(StaterrorBenchmarkWorkspace.workspace(10, bins));
        FitResult r = Minimizer.standard().fit(model, model.observed());
        if (!r.converged()) {
            throw new IllegalStateException("the " + bins + "-bin model does not fit: " + r.message());
        }
    }

    /** @return the free fit with errors */
    @Benchmark
    public FitResult fit() {
        return Minimizer.standard().fit(model, model.observed());
    }

    /** @return an asymptotic hypothesis test at μ = 1 */
    @Benchmark
    public HypoTestResult hypotest() {
        return new AsymptoticCalculator(model, new PointEstimateMinimizer()).hypotest(1.0);
    }
}
