package org.recoil.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.recoil.core.physics.DeltaAMuScenario;
import org.recoil.core.physics.LmuLtauZPrime;
import org.recoil.core.physics.MuonAnomaly;
import org.recoil.limits.interpret.BandCoverage;

/**
 * Cost of the Z′ physics helpers used in every mass scan: the one-loop (g−2)<sub>μ</sub> function
 * (numerical integral), BR(Z′ → invisible), and the band coverage of a 1000-point limit curve.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PhysicsBenchmark {

    /** Z′ mass in GeV. */
    @Param({"0.001", "1.0", "10.0"})
    public double mass;

    private double[] masses;
    private double[] limits;

    /** Builds a synthetic 1000-point g′ limit curve crossing the 2023 band. */
    @Setup
    public void setUp() {
        masses = new double[1000];
        limits = new double[1000];
        for (int i = 0; i < masses.length; i++) {
            masses[i] = 0.01 + i * 0.01;
            limits[i] = 3e-3 * (1 + 0.1 * Math.sin(masses[i]));
        }
    }

    /** @return Δa<sub>μ</sub>/g′² at {@link #mass} */
    @Benchmark
    public double deltaAMuPerGPrime2() {
        return MuonAnomaly.deltaAMuPerGPrime2(mass);
    }

    /** @return BR(Z′ → invisible) at {@link #mass} */
    @Benchmark
    public double brInvisible() {
        return LmuLtauZPrime.INSTANCE.brInvisible(mass);
    }

    /** @return the excluded intervals of a 1000-point curve (independent of {@link #mass}) */
    @Benchmark
    public Object bandCoverage1000Points() {
        return BandCoverage.compute(masses, limits, DeltaAMuScenario.FNAL_2023_WP2020);
    }
}
