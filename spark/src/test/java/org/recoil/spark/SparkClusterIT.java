package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.testing.SharedReference;

/**
 * A real Spark standalone cluster on loopback: a master and a worker in their own JVMs, a Spark installation made of
 * the jars of the Spark release the module targets (a {@code SPARK_HOME} with {@code RELEASE} and {@code jars/}), and
 * the job jar {@code recoil-spark.jar} submitted with {@code spark-submit}, whose executors run in JVMs the worker
 * starts. {@code spark-toys}, {@code spark-scan} and {@code spark-histogram} give the same output as local mode, and a
 * {@code kill -9} of an executor during a toy job is survived with the identical result (Spark reruns the lost tasks;
 * toy i of a hypothesis always uses the same random stream).
 *
 * <p>Run by Maven after {@code package} (the job jar must exist) with the {@code spark-cluster} profile:
 * {@code mvn -B verify -pl spark -am -Pspark-cluster} (several minutes, so not part of {@code .ci/run}).
 */
class SparkClusterIT {

    /** Maven repository folders of the libraries Spark ships that resolve at compile scope here (see the shade excludes). */
    private static final List<String> SPARK_SHIPS = List.of("/com/fasterxml/jackson/core/", "/com/google/guava/",
            "/com/google/code/findbugs/", "/com/google/errorprone/", "/com/google/j2objc/", "/org/checkerframework/",
            "/org/apache/parquet/", "/org/xerial/snappy/", "/com/github/luben/", "/io/airlift/", "/org/roaringbitmap/",
            "/com/univocity/", "/org/apache/commons/commons-math3/",
            "/org/apache/commons/commons-collections4/", "/org/apache/commons/commons-lang3/",
            "/org/apache/commons/commons-text/", "/commons-io/", "/commons-codec/", "/com/ibm/icu/", "/org/slf4j/",
            "/org/apache/logging/log4j/");

    @TempDir
    static Path work;

    private static final List<Process> DAEMONS = new ArrayList<>();
    private static String master;
    private static String clusterClasspath;
    private static Path jobJar;

    @BeforeAll
    static void startCluster() throws Exception {
        Path root = SharedReference.projectRoot();
        jobJar = root.resolve("spark/target/recoil-spark.jar");
        assertTrue(Files.isRegularFile(jobJar), "no job jar " + jobJar + ": run mvn package first");
        List<String> provided = Files.readAllLines(root.resolve("spark/target/spark-provided-classpath.txt"))
                .stream().flatMap(l -> Arrays.stream(l.split(File.pathSeparator))).filter(s -> !s.isBlank()).toList();
        Set<String> jars = new LinkedHashSet<>(provided);
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String unix = e.replace('\\', '/');
            if (unix.endsWith(".jar") && SPARK_SHIPS.stream().anyMatch(unix::contains)) {
                jars.add(e);
            }
        }
        clusterClasspath = String.join(File.pathSeparator, jars);
        Path home = work.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.writeString(home.resolve("RELEASE"), "Spark 4.0.1 (jars of the Maven release, for Recoil's cluster test)\n");
        for (String j : jars) {
            Path src = Path.of(j);
            Files.createSymbolicLink(home.resolve("jars").resolve(src.getFileName()), src);
        }
        int port = freePort();
        master = "spark://127.0.0.1:" + port;
        DAEMONS.add(daemon(home, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        waitForPort(port);
        DAEMONS.add(daemon(home, "worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores",
                "2", "--memory", "2g", "--webui-port", String.valueOf(freePort()), "--work-dir",
                work.resolve("worker").toString(), master));
    }

    @AfterAll
    static void stopCluster() {
        for (Process p : DAEMONS) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void toysGiveTheLocalResultEvenWhenAnExecutorIsKilled() throws Exception {
        String ws = SharedReference.resolve("pyhf/counting_shapesys.json").toString();
        String[] args = {"spark-toys", ws, "--mu", "2", "--toys", "60000", "--seed", "11", "--json"};
        TestSpark.Run local = TestSpark.run(concat(args, "--master", "local[2]"));
        assertEquals(0, local.exit(), local.err());
        Submitted plain = submit(args, false);
        assertEquals(0, plain.exit(), plain.err());
        assertEquals(local.out(), plain.out(), "spark-toys on the cluster and in local mode");
        Submitted killed = submit(args, true);
        assertEquals(0, killed.exit(), killed.err());
        assertTrue(killed.killedExecutor(), "an executor was killed during the job");
        assertEquals(local.out(), killed.out(), "spark-toys with an executor killed during the job");
    }

    @Test
    void scanAndHistogramGiveTheLocalFiles(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("analysis.yaml");
        Files.writeString(cfg, String.join("\n", "inputs:",
                "  synthetic: {seed: 7, mumu_gamma_events: 100000, tautau_gamma_events: 40000, eemumu_events: 20000,",
                "              signal_events: 2000, signal_masses: [1.0, 3.0]}",
                "mass_grid: {masses: [1.0, 2.0, 3.0]}", "method: toys", "toys: 40", "seed: 5", ""));
        TestSpark.Run local = TestSpark.run("scan", "--config", cfg.toString(), "--out", dir.resolve("local").toString(),
                "--threads", "2");
        assertEquals(0, local.exit(), local.err());
        Submitted scan = submit(new String[] {"spark-scan", "--config", cfg.toString(), "--out",
            dir.resolve("cluster").toString()}, false);
        assertEquals(0, scan.exit(), scan.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("local/limits.csv")),
                Files.readAllBytes(dir.resolve("cluster/limits.csv")), "limits.csv of spark-scan and scan");

        Path events = dir.resolve("events");
        TestSpark.Run written = TestSpark.run("events", "--out", events.toString(), "--seed", "2", "--scale", "0.01",
                "--lumi", "20/pb", "--no-signal", "--partitions", "2");
        assertEquals(0, written.exit(), written.err());
        Submitted hist = submit(new String[] {"spark-histogram", events.toString(), "--bins", "40", "--range",
            "-1,9", "--out", dir.resolve("cluster.json").toString(), "--json"}, false);
        assertEquals(0, hist.exit(), hist.err());
        TestSpark.Run localHist = TestSpark.run("spark-histogram", events.toString(), "--bins", "40", "--range",
                "-1,9", "--out", dir.resolve("local.json").toString(), "--json", "--master", "local[2]");
        assertEquals(0, localHist.exit(), localHist.err());
        // everything exactly, sums of weights included (double-double partial sums, rounded once); only the
        // output file's name differs
        assertEquals(localHist.out().replace("local.json", "OUT"), hist.out().replace("cluster.json", "OUT"));
        assertEquals(Files.readString(dir.resolve("local.json")).replace("local.json", "OUT"),
                Files.readString(dir.resolve("cluster.json")).replace("cluster.json", "OUT"));
    }

    /** The output of one spark-submit. */
    private record Submitted(int exit, String out, String err, boolean killedExecutor) {
    }

    private static Submitted submit(String[] args, boolean killExecutor) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", clusterClasspath,
                "org.apache.spark.deploy.SparkSubmit", "--master", master, "--class", SparkCli.class.getName(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--executor-memory", "1g", jobJar.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "submit", ".out");
        Path err = Files.createTempFile(work, "submit", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        boolean killed = false;
        if (killExecutor) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!killed && p.isAlive() && System.nanoTime() < deadline) {
                Optional<ProcessHandle> executor = ProcessHandle.allProcesses()
                        .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                        .findFirst();
                if (executor.isPresent() && Files.readString(err).contains("toys")) {
                    killed = executor.get().destroyForcibly();
                }
                Thread.sleep(200);
            }
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("spark-submit did not finish in 300 s: " + String.join(" ", args) + "\n"
                    + Files.readString(err));
        }
        return new Submitted(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), killed);
    }

    private static Process daemon(Path home, String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m", "-cp", clusterClasspath, mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Spark master did not open port " + port + " in 60 s: "
                + Files.readString(work.resolve("master.err")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
