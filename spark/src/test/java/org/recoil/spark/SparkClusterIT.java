package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.testing.SharedReference;

/**
 * A real Spark standalone cluster on loopback ({@link StandaloneCluster}: a master and a worker in their own JVMs,
 * executors in JVMs the worker starts, the job jar {@code recoil-spark.jar} submitted with {@code spark-submit}):
 * {@code spark-toys}, {@code spark-scan} and {@code spark-histogram} give the same output as local mode, and a
 * {@code kill -9} of an executor while it runs a toy task is survived with the identical result (Spark reruns the
 * lost tasks; toy i of a hypothesis always uses the same random stream).
 *
 * <p>Run by {@code mvn verify} after {@code package} (the job jar must exist), so by {@code .ci/run}: 66-82 s on the
 * shared 2-core machine at a load average of 5-7. {@code -Dspark.cluster.skip} leaves it out (the {@code
 * spark-cluster} profile of the module's pom). On a failure the logs of the
 * master, the worker, the executors and the {@code spark-submit}s are printed; every process is ended in any case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@ExtendWith(SparkClusterIT.PrintLogsOnFailure.class)
class SparkClusterIT {

    /** How long one spark-submit may take. */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

    private StandaloneCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path work) throws Exception {
        // short jobs: drivers and executors with the C1 compiler only start Spark in about half the CPU time
        cluster = new StandaloneCluster(work, 1, 2, "2g", SharedReference.projectRoot(),
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void toysGiveTheLocalResultWhenAnExecutorIsKilledMidTask() throws Exception {
        String ws = SharedReference.resolve("pyhf/counting_shapesys.json").toString();
        List<String> args = List.of("spark-toys", ws, "--mu", "2", "--toys", "20000", "--seed", "11", "--partitions",
                "4", "--json");
        StandaloneCluster.Submitted killed = timed("spark-toys, an executor killed",
                () -> cluster.submit(args, true, JOB_TIMEOUT));
        assertEquals(0, killed.exit(), killed.err());
        assertTrue(killed.killedExecutor(), "no executor was seen running a task: the job ended too soon");
        assertTrue(killed.err().contains("Lost executor"), "the driver did not report the lost executor:\n"
                + killed.err());
        TestSpark.Run local = timed("spark-toys, local[2]",
                () -> TestSpark.run(concat(args, "--master", "local[2]").toArray(String[]::new)));
        assertEquals(0, local.exit(), local.err());
        assertEquals(local.out(), killed.out(), "spark-toys with an executor killed during the job, and local mode");
    }

    @Test
    void scanAndHistogramGiveTheLocalFiles(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("analysis.yaml");
        Files.writeString(cfg, String.join("\n", "inputs:",
                "  synthetic: {seed: 7, mumu_gamma_events: 100000, tautau_gamma_events: 40000, eemumu_events: 20000,",
                "              signal_events: 2000, signal_masses: [1.0, 3.0]}",
                "mass_grid: {masses: [1.0, 2.0, 3.0]}", "method: toys", "toys: 40", "seed: 5", ""));
        StandaloneCluster.Submitted scan = timed("spark-scan", () -> cluster.submit(List.of("spark-scan", "--config",
                cfg.toString(), "--out", dir.resolve("cluster").toString()), false, JOB_TIMEOUT));
        assertEquals(0, scan.exit(), scan.err());
        TestSpark.Run local = timed("scan", () -> TestSpark.run("scan", "--config", cfg.toString(), "--out",
                dir.resolve("local").toString(), "--threads", "2"));
        assertEquals(0, local.exit(), local.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("local/limits.csv")),
                Files.readAllBytes(dir.resolve("cluster/limits.csv")), "limits.csv of spark-scan and scan");

        Path events = dir.resolve("events");
        TestSpark.Run written = TestSpark.run("events", "--out", events.toString(), "--seed", "2", "--scale", "0.01",
                "--lumi", "20/pb", "--no-signal", "--partitions", "2");
        assertEquals(0, written.exit(), written.err());
        List<String> hist = List.of("spark-histogram", events.toString(), "--bins", "40", "--range", "-1,9", "--json",
                "--out");
        StandaloneCluster.Submitted onCluster = timed("spark-histogram", () -> cluster.submit(
                concat(hist, dir.resolve("cluster.json").toString()), false, JOB_TIMEOUT));
        assertEquals(0, onCluster.exit(), onCluster.err());
        // the bundled Log4j configuration under spark-submit: Spark's warnings only, none of its INFO lines
        assertEquals(List.of(), onCluster.err().lines().filter(l -> l.contains(" INFO ")).toList(),
                "INFO lines of a spark-submit without --verbose");
        TestSpark.Run localHist = timed("spark-histogram, local[2]", () -> TestSpark.run(
                concat(hist, dir.resolve("local.json").toString(), "--master", "local[2]").toArray(String[]::new)));
        assertEquals(0, localHist.exit(), localHist.err());
        // everything exactly, sums of weights included (double-double partial sums, rounded once); only the
        // output file's name differs
        assertEquals(localHist.out().replace("local.json", "OUT"), onCluster.out().replace("cluster.json", "OUT"));
        assertEquals(Files.readString(dir.resolve("local.json")).replace("local.json", "OUT"),
                Files.readString(dir.resolve("cluster.json")).replace("cluster.json", "OUT"));
    }

    /** Prints the cluster's logs when a test fails, before JUnit reports the failure. */
    static final class PrintLogsOnFailure implements TestExecutionExceptionHandler {
        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
            context.getTestInstance().filter(SparkClusterIT.class::isInstance).map(i -> ((SparkClusterIT) i).cluster)
                    .ifPresent(c -> System.err.println("SparkClusterIT failed: " + failure + "\n" + c.logs()));
            throw failure;
        }
    }

    /** A step that may throw. */
    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T timed(String what, Step<T> step) throws Exception {
        long t0 = System.nanoTime();
        T result = step.run();
        System.err.printf(Locale.ROOT, "SparkClusterIT: %s in %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
        return result;
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }
}
