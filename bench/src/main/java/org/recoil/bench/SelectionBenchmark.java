package org.recoil.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recoil.core.events.EventTable;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionConfig;
import org.recoil.core.selection.SelectionResult;

/**
 * The full column-wise selection (all seven cuts, recoil mass and CM-frame p_T) on {@value #N}
 * lab-frame Belle II events; score in events per second.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Selection -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SelectionBenchmark {
    /** Events in the table. */
    static final int N = 1_000_000;

    EventTable events;
    Selection selection;

    /** Seeded random events and Belle II-like cuts. */
    @Setup
    public void setup() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        EventTable.Builder b = EventTable.builder();
        for (int i = 0; i < N; i++) {
            b.add(6 * rng.nextDouble() - 3, 6 * rng.nextDouble() - 3, 6 * rng.nextDouble() - 2, 1,
                    6 * rng.nextDouble() - 3, 6 * rng.nextDouble() - 3, 6 * rng.nextDouble() - 2, rng.nextInt(10) == 0 ? 1 : -1,
                    2, 0.5 * rng.nextDouble(), 0.5 + rng.nextDouble(), i % 3 == 0 ? "signal" : "background");
        }
        events = b.build();
        SelectionConfig.Cuts cuts = SelectionConfig.Cuts.none()
                .withMuonMomentum(SelectionConfig.Range.of(0.5, 6.5))
                .withMuonPolarAngleDeg(SelectionConfig.Range.of(17, 150))
                .withMaxExtraEnergy(0.4)
                .withTauSuppression(new SelectionConfig.TauSuppression(new SelectionConfig.Line(0.5, 0.0), null))
                .withRecoilMass(SelectionConfig.Range.of(0.0, 10.0));
        selection = new Selection(cuts, BeamConfiguration.belle2());
    }

    /** @return the selection result (consumed by JMH) */
    @Benchmark
    @OperationsPerInvocation(N)
    public SelectionResult apply() {
        return selection.apply(events);
    }
}
