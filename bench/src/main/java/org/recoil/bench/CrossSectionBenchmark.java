package org.recoil.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.recoil.core.physics.CrossSectionResult;
import org.recoil.core.physics.ProductionCrossSection;
import org.openjdk.jmh.annotations.Setup;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.sim.SignalGenerator;
import org.recoil.core.sim.SimulatedEvents;

/**
 * Speed targets of issue 5: σ(e⁺e⁻ → μ⁺μ⁻Z′) at one mass to 0.3% statistical precision in under
 * 2 s, and 100,000 unweighted signal events in under 5 s, on one core.
 *
 * <p>Run: {@code mvn -B -q -o -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar
 * CrossSectionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CrossSectionBenchmark {
    private final ProductionCrossSection crossSection = new ProductionCrossSection();
    private SignalGenerator truth;
    private SignalGenerator detector;

    /** Builds the generators once (their set-up is measured separately by {@link #setUpAndGenerate100k}). */
    @Setup
    public void setUp() {
        truth = SignalGenerator.truthLevel(2.0, BeamConfiguration.belle2());
        detector = SignalGenerator.belle2(2.0);
    }

    /** @return σ at M = 2 GeV to 0.3% (total, beam-averaged 2-D integral) */
    @Benchmark
    public CrossSectionResult sigmaAt2GeV() {
        return crossSection.sigma(2.0, 0.003, 1L);
    }

    /** @return 100,000 unweighted generator-level events at M = 2 GeV, lab frame (generator already set up) */
    @Benchmark
    public SimulatedEvents generate100kEvents() {
        return truth.generate(100_000, 1L, 1.0);
    }

    /** @return 100,000 unweighted events at M = 2 GeV through the Belle II-like detector response */
    @Benchmark
    public SimulatedEvents generate100kSmearedEvents() {
        return detector.generate(100_000, 1L, 1.0);
    }

    /** @return set-up (σ, VEGAS grid, maximum weight) plus 100,000 unweighted events, from scratch */
    @Benchmark
    public SimulatedEvents setUpAndGenerate100k() {
        return SignalGenerator.belle2(2.0).generate(100_000, 1L, 1.0);
    }
}
