package org.recoil.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.recoil.limits.calc.ToySet;

/**
 * Wall-clock benchmark of distributed toys: the same toys ({@code N} per hypothesis at one μ) with
 * the plain {@link org.recoil.limits.calc.ToyCalculator} on 1 and 2 threads and with
 * {@link SparkToyCalculator} in {@code local[1]} and {@code local[2]}; prints the median of
 * {@code R} timed repetitions after three warm-up runs each, the speed-up local[1] → local[2] and the
 * overhead of Spark against the plain run with as many threads, and checks that every run gives
 * the same toys. (A JMH harness does not fit: each measurement starts its own Spark context.)
 *
 * <p>Usage: {@code SparkToyBenchmark WS.json [N=400] [mu=1.0] [R=3]}.
 */
public final class SparkToyBenchmark {

    /** Untimed runs before the timed ones (JIT compilation of the toy and fit code). */
    private static final int WARMUPS = 3;

    private SparkToyBenchmark() {
    }

    /**
     * @param args workspace, toys, μ, repetitions
     * @throws Exception on I/O errors
     */
    public static void main(String[] args) throws Exception {
        Path ws = Path.of(args[0]);
        int toys = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        double mu = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        ToyModelSpec spec = ToyModelSpec.of(Files.readString(ws), ws.getFileName().toString(), toys, 1234L);
        ToySet reference = spec.calculator(1).generate(mu, 0, toys);
        double local1 = time(reps, () -> check(reference, spec.calculator(1).generate(mu, 0, toys)));
        double local2 = time(reps, () -> check(reference, spec.calculator(2).generate(mu, 0, toys)));
        double spark1 = spark("local[1]", reps, spec, mu, reference);
        double spark2 = spark("local[2]", reps, spec, mu, reference);
        System.out.printf(Locale.ROOT, "workspace %s, %d toys per hypothesis (x2 hypotheses), mu=%s, median of %d%n",
                ws.getFileName(), toys, mu, reps);
        System.out.printf(Locale.ROOT, "plain ToyCalculator, 1 thread : %8.3f s%n", local1);
        System.out.printf(Locale.ROOT, "plain ToyCalculator, 2 threads: %8.3f s%n", local2);
        System.out.printf(Locale.ROOT, "SparkToyCalculator local[1]   : %8.3f s%n", spark1);
        System.out.printf(Locale.ROOT, "SparkToyCalculator local[2]   : %8.3f s%n", spark2);
        System.out.printf(Locale.ROOT, "speed-up local[1] -> local[2]: %.2fx; Spark overhead vs plain: %+.0f%% (1 core),"
                + " %+.0f%% (2 cores)%n", spark1 / spark2, 100 * (spark1 / local1 - 1), 100 * (spark2 / local2 - 1));
    }

    private static double spark(String master, int reps, ToyModelSpec spec, double mu, ToySet reference) {
        SparkSession s = SparkSession.builder().master(master).appName("recoil toy benchmark")
                .config("spark.ui.enabled", "false").getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        try {
            SparkToyCalculator calc = new SparkToyCalculator(s, spec);
            return time(reps, () -> check(reference, calc.generate(mu)));
        } finally {
            s.stop();
        }
    }

    private static void check(ToySet expected, ToySet got) {
        if (!expected.equals(got)) {
            throw new IllegalStateException("toys differ from the reference run: " + got);
        }
    }

    private static double time(int reps, Runnable r) {
        for (int w = 0; w < WARMUPS; w++) {
            r.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) * 1e-9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}
