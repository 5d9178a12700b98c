package org.recoil.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.recoil.core.physics.Luminosity;
import org.recoil.core.physics.RecoilMassResolution;
import org.recoil.limits.scan.LimitMethod;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.MassScan;
import org.recoil.limits.scan.MassWindow;
import org.recoil.limits.scan.SampleYield;
import org.recoil.limits.scan.ScanOptions;
import org.recoil.limits.scan.ScanResult;
import org.recoil.limits.scan.Systematics;

/**
 * Wall-clock benchmark of the distributed mass scan: the same toy-CLs scan ({@code P} mass points,
 * {@code N} toys per hypothesis, two backgrounds with normalisation and MC-statistics systematics)
 * with the plain {@link MassScan} on 1 and 2 threads and with {@link SparkScanExecutor} in
 * {@code local[1]} and {@code local[2]}; prints the median of {@code R} timed repetitions after three
 * warm-up runs each, the speed-up local[1] → local[2] and the overhead of Spark against the plain scan
 * with as many threads, and checks that every run gives the limits of the first.
 *
 * <p>Usage: {@code SparkScanBenchmark [P=16] [N=200] [R=3]}.
 */
public final class SparkScanBenchmark {

    /** Untimed runs before the timed ones (JIT compilation of the toy and fit code). */
    private static final int WARMUPS = 3;

    private SparkScanBenchmark() {
    }

    /**
     * @param args mass points, toys, repetitions
     */
    public static void main(String[] args) {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int toys = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<MassPointInput> grid = grid(points);
        Luminosity lumi = Luminosity.parse("79.7/fb");
        ScanOptions o = ScanOptions.defaults().withMethod(new LimitMethod.Toys(toys)).withSeed(99L);
        ScanResult reference = MassScan.run(grid, lumi, Systematics.defaults(), o.withThreads(1));
        double local1 = time(reps, () -> MassScan.run(grid, lumi, Systematics.defaults(), o.withThreads(1)), reference);
        double local2 = time(reps, () -> MassScan.run(grid, lumi, Systematics.defaults(), o.withThreads(2)), reference);
        double spark1 = spark("local[1]", reps, grid, lumi, o, reference);
        double spark2 = spark("local[2]", reps, grid, lumi, o, reference);
        System.out.printf(Locale.ROOT, "toy-CLs mass scan: %d points, %d toys per hypothesis, median of %d%n",
                points, toys, reps);
        System.out.printf(Locale.ROOT, "plain MassScan, 1 thread        : %8.3f s%n", local1);
        System.out.printf(Locale.ROOT, "plain MassScan, 2 threads       : %8.3f s%n", local2);
        System.out.printf(Locale.ROOT, "SparkScanExecutor local[1]      : %8.3f s%n", spark1);
        System.out.printf(Locale.ROOT, "SparkScanExecutor local[2]      : %8.3f s%n", spark2);
        System.out.printf(Locale.ROOT, "speed-up local[1] -> local[2]: %.2fx; Spark overhead vs plain: %+.0f%% (1 core),"
                + " %+.0f%% (2 cores)%n", spark1 / spark2, 100 * (spark1 / local1 - 1), 100 * (spark2 / local2 - 1));
    }

    /** Mass points from 0.5 to 8 GeV, backgrounds falling with mass, observed = expected + a little. */
    private static List<MassPointInput> grid(int n) {
        List<MassPointInput> pts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double m = 0.5 + 7.5 * i / Math.max(1, n - 1);
            double b0 = 400 / (1 + m);
            double b1 = 60 / (1 + 0.5 * m);
            List<SampleYield> bkg = List.of(new SampleYield("mumu_gamma", b0, 0.0025 * b0 * b0, 2000),
                    new SampleYield("tautau_gamma", b1, 0.0025 * b1 * b1, 800));
            pts.add(new MassPointInput(m, MassWindow.around(m, RecoilMassResolution.belle2(), 2.0),
                    Math.rint(b0 + b1 + Math.sqrt(b0 + b1) * Math.sin(3 * m)), bkg, 0.2, 0.01, 10.0, 0.5));
        }
        return pts;
    }

    private static double spark(String master, int reps, List<MassPointInput> grid, Luminosity lumi, ScanOptions o,
                                ScanResult reference) {
        SparkSession s = SparkSession.builder().master(master).appName("recoil scan benchmark")
                .config("spark.ui.enabled", "false").getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        try {
            ScanOptions so = o.withExecutor(new SparkScanExecutor(s));
            return time(reps, () -> MassScan.run(grid, lumi, Systematics.defaults(), so), reference);
        } finally {
            s.stop();
        }
    }

    private static double time(int reps, Supplier<ScanResult> run, ScanResult reference) {
        for (int w = 0; w < WARMUPS; w++) {
            check(reference, run.get());
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            ScanResult r = run.get();
            t[i] = (System.nanoTime() - t0) * 1e-9;
            check(reference, r);
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    private static void check(ScanResult expected, ScanResult got) {
        for (int i = 0; i < expected.points().size(); i++) {
            if (!expected.points().get(i).limit().equals(got.points().get(i).limit())) {
                throw new IllegalStateException("mass point " + i + " differs from the reference run: "
                        + got.points().get(i));
            }
        }
    }
}
