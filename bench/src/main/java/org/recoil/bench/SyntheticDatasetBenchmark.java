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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.recoil.core.sim.MuMuGammaGenerator;
import org.recoil.core.sim.SimulatedEvents;
import org.recoil.core.sim.SyntheticDataset;
import org.recoil.core.sim.SyntheticDatasetConfig;
import org.recoil.core.sim.TauPairGenerator;
import org.recoil.core.sim.TwoPhotonMuMuGenerator;

/**
 * Generation speed of the synthetic background dataset (issue 6: the whole {@code recoil demo},
 * generation included, must take under 60 s on 2 cores). Times are per call with the default
 * Monte Carlo sizes of {@link SyntheticDatasetConfig#defaults()}.
 *
 * <p>Run: {@code mvn -B -q -o -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar
 * SyntheticDatasetBenchmark} (add {@code -jvmArgs -XX:ActiveProcessorCount=1} for one core).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class SyntheticDatasetBenchmark {
    private final MuMuGammaGenerator muMuGamma = MuMuGammaGenerator.belle2();
    private final TauPairGenerator tauPair = TauPairGenerator.belle2();
    private final TwoPhotonMuMuGenerator twoPhoton = TwoPhotonMuMuGenerator.belle2();

    /** @return 1,000,000 generated e+e- -> mu mu (gamma) events through the detector */
    @Benchmark
    public SimulatedEvents muMuGamma1M() {
        return muMuGamma.generate(1_000_000, 1L, 276.0);
    }

    /** @return 200,000 generated e+e- -> tau tau -> mu mu 4 nu events through the detector */
    @Benchmark
    public SimulatedEvents tauPair200k() {
        return tauPair.generate(200_000, 1L, 276.0);
    }

    /** @return 2,000,000 generated e+e- -> e+e- mu mu events through the detector */
    @Benchmark
    public SimulatedEvents twoPhoton2M() {
        return twoPhoton.generate(2_000_000, 1L, 276.0);
    }

    /** @return the default background templates and pseudo-data at 276 pb^-1, no signal samples */
    @Benchmark
    public SyntheticDataset defaultBackgroundsAndData() {
        return SyntheticDataset.generate(SyntheticDatasetConfig.defaults().withSignal(1, List.of()));
    }
}
