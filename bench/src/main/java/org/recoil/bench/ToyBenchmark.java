package org.recoil.bench;

import java.util.List;
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
import org.recoil.limits.teststat.PointEstimateMinimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.spec.Channel;
import org.recoil.fitting.spec.Modifier;
import org.recoil.fitting.spec.Observation;
import org.recoil.fitting.spec.ParameterConfig;
import org.recoil.fitting.spec.Sample;
import org.recoil.fitting.spec.Workspace;
import org.recoil.limits.calc.ToyCalculator;
import org.recoil.limits.calc.ToyOptions;
import org.recoil.limits.calc.ToySet;

/**
 * Toy-based CLs on a 2-bin HistFactory model (signal with a normfactor and a normsys; background
 * with a normsys and a histosys: 4 parameters), q~ test statistic, all available threads: generating
 * the toys of both hypotheses at μ = 1 and fitting each (free fit, and the conditional fit when
 * μ̂ ≤ μ). {@code toys} is the number of pseudo-experiments per hypothesis, so 5000 means 10,000
 * toys in all. Target: 10,000 toys below 2 s.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ToyBenchmark -f 1 -wi 2 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class ToyBenchmark {

    /** Pseudo-experiments per hypothesis. */
    @Param({"5000", "10000"})
    public int toys;

    private ToyCalculator calculator;

    /**
     * The 2-bin workspace (as the reference {@code twobin_normsys_histosys}).
     *
     * @return the workspace
     */
    public static Workspace twoBinWorkspace() {
        List<Sample> samples = List.of(
                Sample.of("signal", new double[] {12, 30}, Modifier.normfactor("mu"),
                        Modifier.normsys("eff", 1.05, 0.95)),
                Sample.of("background", new double[] {110, 140}, Modifier.normsys("bkg_norm", 1.08, 0.93),
                        Modifier.histosys("bkg_shape", new double[] {118, 138}, new double[] {103, 142})));
        return Workspace.of(List.of(new Channel("sr", samples)),
                List.of(new Observation("sr", new double[] {118, 151})),
                List.of(org.recoil.fitting.spec.Measurement.of("meas", "mu",
                        ParameterConfig.named("mu").withScalar(1, 0, 10))));
    }

    /** Builds the calculator (observed fits) once. */
    @Setup
    public void setup() {
        calculator = new ToyCalculator(HistFactoryModel.of(twoBinWorkspace()), new PointEstimateMinimizer(),
                ToyOptions.of(toys, 12345L));
    }

    /** @return the toys of both hypotheses at mu = 1 */
    @Benchmark
    public ToySet toys() {
        return calculator.generate(1.0, 0, toys);
    }
}
