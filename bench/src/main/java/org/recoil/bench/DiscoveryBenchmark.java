package org.recoil.bench;

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
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.calc.AsymptoticDiscoveryCalculator;
import org.recoil.limits.calc.DiscoveryResult;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/**
 * The asymptotic discovery test (q0: free fit, μ = 0 and μ = 1 fits of the data, the μ = 1 Asimov
 * dataset's free and μ = 0 fits) against one asymptotic q̃ hypothesis test at μ = 1, on the 50-bin,
 * 54-parameter model of {@link FitBenchmark}. Target: p0 within the time of one hypotest.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar DiscoveryBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DiscoveryBenchmark {

    private HistFactoryModel model;
    private Minimizer minimizer;

    /** Compiles the model once. */
    @Setup
    public void setup() {
        model = HistFactoryModel.of(FitBenchmark.fiftyBinWorkspace(20240601L));
        minimizer = new PointEstimateMinimizer();
    }

    /** @return the asymptotic discovery test with the expected band */
    @Benchmark
    public DiscoveryResult p0() {
        return new AsymptoticDiscoveryCalculator(model, minimizer).discovery();
    }

    /** @return an asymptotic q~ hypothesis test at mu = 1 (the reference time) */
    @Benchmark
    public HypoTestResult hypotest() {
        return new AsymptoticCalculator(model, minimizer).hypotest(1.0);
    }
}
