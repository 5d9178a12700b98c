package org.recoil.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.hist.HistogramBuilder;

/**
 * Filling a histogram from primitive columns of {@value #N} entries, with unit weights and with
 * weights, on a uniform (O(1) lookup) and a variable (binary search) axis. The score is in entries
 * per second ({@code ops/s} with one op per entry); the target is at least 5e7 entries/s on one core
 * for the uniform axis.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar HistogramFill -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HistogramFillBenchmark {
    /** Entries per column. */
    static final int N = 1_000_000;

    /** Number of bins (a typical recoil-mass histogram has 50-500). */
    @Param({"100"})
    int bins;

    double[] values;
    double[] weights;
    Binning uniform;
    Binning variable;

    /** Seeded random columns: values spread over the axis with 2% under/overflow. */
    @Setup
    public void setup() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20240611L);
        values = new double[N];
        weights = new double[N];
        for (int i = 0; i < N; i++) {
            values[i] = -0.1 + 10.2 * rng.nextDouble();
            weights[i] = 0.5 + rng.nextDouble();
        }
        uniform = Binning.uniform(bins, 0.0, 10.0);
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            double u = (double) i / bins;
            edges[i] = 10.0 * u * u; // finer bins at low mass
        }
        variable = Binning.variable(edges);
    }

    /** @return the filled histogram (consumed by JMH) */
    @Benchmark
    @OperationsPerInvocation(N)
    public Histogram uniformUnweighted() {
        return new HistogramBuilder(uniform).fill(values).build();
    }

    /** @return the filled histogram (consumed by JMH) */
    @Benchmark
    @OperationsPerInvocation(N)
    public Histogram uniformWeighted() {
        return new HistogramBuilder(uniform).fill(values, weights).build();
    }

    /** @return the filled histogram (consumed by JMH) */
    @Benchmark
    @OperationsPerInvocation(N)
    public Histogram variableWeighted() {
        return new HistogramBuilder(variable).fill(values, weights).build();
    }
}
