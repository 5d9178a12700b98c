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
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.kinematics.RecoilMass;

/**
 * Column-wise recoil mass squared ({@link RecoilMass#recoilMass2(double[], double[], double[],
 * double[], double[], double[], double[])}) for {@value #N} lab-frame Belle II events; score in
 * events per second.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar RecoilMass -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecoilMassBenchmark {
    /** Events per column. */
    static final int N = 1_000_000;

    double[] px1;
    double[] py1;
    double[] pz1;
    double[] px2;
    double[] py2;
    double[] pz2;
    double[] out;
    RecoilMass recoilMass;

    /** Seeded random muon momenta of a few GeV. */
    @Setup
    public void setup() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        double[][] c = new double[6][N];
        for (double[] col : c) {
            for (int i = 0; i < N; i++) {
                col[i] = 6 * rng.nextDouble() - 3;
            }
        }
        px1 = c[0];
        py1 = c[1];
        pz1 = c[2];
        px2 = c[3];
        py2 = c[4];
        pz2 = c[5];
        out = new double[N];
        recoilMass = new RecoilMass(BeamConfiguration.belle2());
    }

    /** @return the output column (consumed by JMH) */
    @Benchmark
    @OperationsPerInvocation(N)
    public double[] columnWise() {
        recoilMass.recoilMass2(px1, py1, pz1, px2, py2, pz2, out);
        return out;
    }
}
