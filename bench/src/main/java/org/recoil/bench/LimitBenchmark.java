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
import org.recoil.limits.teststat.PointEstimateMinimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.interval.UpperLimit;
import org.recoil.limits.interval.UpperLimitResult;

/**
 * Asymptotic CLs on the 50-bin, 54-parameter model of {@link FitBenchmark}: one hypothesis test at
 * μ = 1 with its expected band (calculator set-up included: free fit, background-only fit, Asimov
 * dataset and its free fit, then the two conditional fits), and a 90% CL upper limit with the full
 * expected band (set-up plus the root finding for the observed and five expected curves).
 * Targets: hypotest below 20 ms, upper limit below 200 ms.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar LimitBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LimitBenchmark {

    private HistFactoryModel model;
    private Minimizer minimizer;

    /** Compiles the model once and checks that the limit exists. */
    @Setup
    public void setup() {
        model = HistFactoryModel.of(FitBenchmark.fiftyBinWorkspace(20240601L));
        minimizer = new PointEstimateMinimizer();
        UpperLimitResult r = UpperLimit.defaults().compute(new AsymptoticCalculator(model, minimizer));
        if (!(r.observed() > 0)) {
            throw new IllegalStateException("benchmark model has no limit: " + r);
        }
    }

    /** @return an asymptotic q~ hypothesis test at mu = 1 with the expected CLs band */
    @Benchmark
    public HypoTestResult hypotest() {
        return new AsymptoticCalculator(model, minimizer).hypotest(1.0);
    }

    /** @return the 90% CL upper limit, observed and the five expected */
    @Benchmark
    public UpperLimitResult upperLimit90() {
        return UpperLimit.defaults().compute(new AsymptoticCalculator(model, minimizer));
    }
}
