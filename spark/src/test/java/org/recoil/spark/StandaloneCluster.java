package org.recoil.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on loopback, for {@link SparkClusterIT} and the cluster benchmark: a master and
 * workers in their own JVMs, executors in JVMs the workers start, and {@code spark-submit} of the job jar
 * ({@code spark/target/recoil-spark.jar}) in client mode. The Spark installation is made of the jars of the Spark
 * release the module targets (Maven's, on this module's class path): a {@code SPARK_HOME} with a {@code RELEASE} file
 * and {@code jars/}.
 *
 * <p>Made to run anywhere {@code mvn verify} runs: everything binds to 127.0.0.1 and to ports the system chooses when
 * it binds (port 0: the master's address is read from its log), no host name is resolved, the environment's
 * {@code SPARK_*} and Hadoop configuration variables are not inherited, and every file (logs, work and local folders,
 * temporary files) stays under the given folder. Every process is ended by {@link #close()}, by a shutdown hook if
 * the JVM exits first, and, if this JVM is killed outright, by itself ({@link ExitWithParent}): the workers' shutdown
 * hooks then kill their executors, which also end on their own when their worker is gone.
 */
final class StandaloneCluster implements AutoCloseable {

    /** How long the master and the workers may take to come up. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** Maven repository folders of the libraries Spark ships that resolve at compile scope here (see the shade excludes). */
    private static final List<String> SPARK_SHIPS = List.of("/com/fasterxml/jackson/core/", "/com/google/guava/",
            "/com/google/code/findbugs/", "/com/google/errorprone/", "/com/google/j2objc/", "/org/checkerframework/",
            "/org/apache/parquet/", "/org/xerial/snappy/", "/com/github/luben/", "/io/airlift/", "/org/roaringbitmap/",
            "/com/univocity/", "/org/apache/commons/commons-math3/",
            "/org/apache/commons/commons-collections4/", "/org/apache/commons/commons-lang3/",
            "/org/apache/commons/commons-text/", "/commons-io/", "/commons-codec/", "/com/ibm/icu/", "/org/slf4j/",
            "/org/apache/logging/log4j/");

    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)");

    private static final Pattern REGISTERED = Pattern.compile("Successfully registered with master");

    /** Small JVMs for the daemons, which only schedule and launch. */
    private static final List<String> DAEMON_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Path work;
    private final Path home;
    private final Path jobJar;
    private final String classpath;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> workerDirs = new ArrayList<>();
    private final List<Path> submitLogs = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook;
    private final String masterUrl;
    private final List<String> jobJvm;

    /**
     * Starts a master and {@code workers} workers and waits until every worker has registered with the master.
     *
     * @param work an empty folder for everything the cluster writes (deleted by the caller)
     * @param workers the number of workers
     * @param cores the cores each worker offers
     * @param memory the memory each worker offers, e.g. {@code "2g"}
     * @param projectRoot the project root (its {@code spark/target} holds the job jar and Spark's class path)
     * @param jobJvm JVM options of the drivers and executors, e.g. {@code -XX:TieredStopAtLevel=1} for short jobs
     *     (C1 only: starting Spark then takes about half the CPU time)
     * @throws AssertionError naming what did not come up, with the daemons' logs, if the cluster does not start in
     *     {@link #START_TIMEOUT} (every process started is ended first)
     */
    StandaloneCluster(Path work, int workers, int cores, String memory, Path projectRoot, List<String> jobJvm)
            throws IOException {
        this.work = work;
        this.jobJvm = List.copyOf(jobJvm);
        Files.createDirectories(work.resolve("tmp"));
        jobJar = projectRoot.resolve("spark/target/recoil-spark.jar");
        if (!Files.isRegularFile(jobJar)) {
            throw new AssertionError("no job jar " + jobJar + ": run mvn package first");
        }
        home = sparkHome(work.resolve("spark-home"), sparkJars(projectRoot));
        classpath = String.join(File.pathSeparator, sparkJars(projectRoot)) + File.pathSeparator + watcherClasses();
        shutdownHook = new Thread(this::kill, "standalone-cluster-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        long t0 = System.nanoTime();
        try {
            Process master = daemon("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", "0", "--webui-port", "0");
            masterUrl = awaitLog(master, work.resolve("master.err"), MASTER_URL, "the Spark master's address").group(1);
            for (int w = 0; w < workers; w++) {
                Path dir = work.resolve("worker-" + w);
                Files.createDirectories(dir.resolve("local"));
                workerDirs.add(dir);
                this.workers.add(daemon("worker-" + w, "org.apache.spark.deploy.worker.Worker", "--host",
                        "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", String.valueOf(cores), "--memory",
                        memory, "--work-dir", dir.resolve("work").toString(), masterUrl));
            }
            for (int w = 0; w < workers; w++) {
                awaitLog(this.workers.get(w), work.resolve("worker-" + w + ".err"), REGISTERED,
                        "worker " + w + "'s registration with the master");
            }
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
        System.err.printf(Locale.ROOT, "StandaloneCluster: master %s and %d worker(s) up in %.1f s%n", masterUrl,
                workers, (System.nanoTime() - t0) / 1e9);
    }

    /** @return the master's URL, {@code spark://127.0.0.1:PORT} */
    String masterUrl() {
        return masterUrl;
    }

    /**
     * What one {@code spark-submit} printed.
     *
     * @param exit the exit code
     * @param out standard output
     * @param err standard error
     * @param killedExecutor whether an executor was killed while it ran a task
     * @param seconds wall-clock time
     * @param cpuSeconds CPU time (user + system) of the driver and the executors
     */
    record Submitted(int exit, String out, String err, boolean killedExecutor, double seconds, double cpuSeconds) {
    }

    /**
     * Runs {@code spark-submit --class org.recoil.spark.SparkCli JOBJAR ARGS} against the cluster (client mode: the
     * driver is the submitting JVM) and waits for it.
     *
     * @param args the command and its arguments
     * @param killExecutorMidTask whether to {@code kill -9} an executor as soon as one is running a task
     * @param timeout how long the job may take
     * @param conf more Spark settings, {@code key=value}
     * @return what it printed, and the CPU time of the driver and the executors (sampled every 50 ms while they run)
     * @throws AssertionError with its output and the cluster's logs if it does not end in time
     */
    Submitted submit(List<String> args, boolean killExecutorMidTask, Duration timeout, String... conf)
            throws IOException, InterruptedException {
        String tmp = "-Djava.io.tmpdir=" + work.resolve("tmp");
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx1g", tmp));
        cmd.addAll(jobJvm);
        cmd.addAll(List.of("-cp", classpath, ExitWithParent.class.getName(), "org.apache.spark.deploy.SparkSubmit",
                "--master", masterUrl, "--class", SparkCli.class.getName(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.ui.showConsoleProgress=false",
                "--conf", "spark.local.dir=" + work.resolve("driver-local"),
                "--conf", "spark.sql.warehouse.dir=" + work.resolve("warehouse").toUri(),
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", concat(tmp, jobJvm)),
                "--executor-memory", "1g"));
        for (String c : conf) {
            cmd.addAll(List.of("--conf", c));
        }
        cmd.add(jobJar.toString());
        cmd.addAll(args);
        int n = submitLogs.size() / 2;
        Path out = work.resolve("submit-" + n + ".out");
        Path err = work.resolve("submit-" + n + ".err");
        submitLogs.add(out);
        submitLogs.add(err);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        environment(pb);
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        Process p = start(pb);
        try {
            Map<Long, Duration> cpu = new HashMap<>();
            boolean killed = false;
            while (p.isAlive() && System.nanoTime() < deadline) {
                List<ProcessHandle> executors = executors();
                for (ProcessHandle h : concat(p.toHandle(), executors)) {
                    h.info().totalCpuDuration().ifPresent(d -> cpu.merge(h.pid(), d,
                            (a, b) -> a.compareTo(b) > 0 ? a : b));
                }
                if (killExecutorMidTask && !killed) {
                    killed = killExecutorMidTask(executors);
                }
                p.waitFor(50, TimeUnit.MILLISECONDS);
            }
            if (p.isAlive()) {
                throw new AssertionError("spark-submit " + String.join(" ", args) + " did not end in "
                        + timeout.toSeconds() + " s\n" + logs());
            }
            double cpuSeconds = cpu.values().stream().mapToDouble(d -> d.toNanos() / 1e9).sum();
            return new Submitted(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), killed, (System.nanoTime() - t0) / 1e9, cpuSeconds);
        } finally {
            end(List.of(p), Duration.ofSeconds(10));
            processes.remove(p);
        }
    }

    /**
     * Kills ({@code kill -9}) the first executor seen running a task (its log counts more tasks started than ended).
     *
     * @return whether one was killed
     */
    private boolean killExecutorMidTask(List<ProcessHandle> executors) throws IOException {
        for (ProcessHandle executor : executors) {
            Optional<Path> log = executorLog(executor);
            if (log.isPresent()) {
                String text = Files.readString(log.get(), StandardCharsets.UTF_8);
                if (count(text, "Running task ") > count(text, "Finished task ") && executor.destroyForcibly()) {
                    System.err.println("StandaloneCluster: killed executor " + executor.pid() + " during a task");
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the executor JVMs the workers run now */
    private List<ProcessHandle> executors() {
        return workers.stream().flatMap(Process::descendants)
                .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
    }

    /** @return the standard error file of an executor: {@code WORKDIR/APP-ID/EXECUTOR-ID/stderr} */
    private Optional<Path> executorLog(ProcessHandle executor) {
        List<String> args = Arrays.asList(executor.info().arguments().orElse(new String[0]));
        int app = args.indexOf("--app-id");
        int id = args.indexOf("--executor-id");
        if (app < 0 || id < 0 || app + 1 >= args.size() || id + 1 >= args.size()) {
            return Optional.empty();
        }
        return workerDirs.stream().map(d -> d.resolve("work").resolve(args.get(app + 1)).resolve(args.get(id + 1))
                .resolve("stderr")).filter(Files::isRegularFile).findFirst();
    }

    /** @return the last lines of every log the cluster wrote (daemons, executors, spark-submits), for a failure */
    String logs() {
        StringBuilder sb = new StringBuilder("---- logs of the standalone cluster in ").append(work).append(" ----\n");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(work)) {
            s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().matches(".*\\.(err|out)|stderr"))
                    .sorted().forEach(files::add);
        } catch (IOException | UncheckedIOException e) {
            sb.append("(cannot list ").append(work).append(": ").append(e.getMessage()).append(")\n");
        }
        for (Path f : files) {
            try {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                sb.append("-- ").append(work.relativize(f)).append(" (last 40 of ").append(lines.size())
                        .append(" lines)\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size())
                        .forEach(l -> sb.append("   ").append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                sb.append("-- ").append(f).append(": ").append(e.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Ends every process of the cluster (drivers, workers and their executors, the master) and waits for them. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or has run
        }
    }

    private void kill() {
        List<Process> all = new ArrayList<>(processes);
        java.util.Collections.reverse(all);
        end(all, Duration.ofSeconds(15));
        processes.clear();
    }

    /**
     * Asks the processes and all their descendants to end (SIGTERM: a worker kills its executors), then kills what
     * is left after a few seconds, and waits until all are gone.
     */
    private static void end(List<Process> ps, Duration grace) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (Process p : ps) {
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : all) {
            waitFor(h, deadline);
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        long hard = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : all) {
            waitFor(h, hard);
        }
    }

    private static void waitFor(ProcessHandle h, long deadline) {
        try {
            h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // killed below, or gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process daemon(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(DAEMON_JVM);
        cmd.addAll(List.of("-Djava.io.tmpdir=" + work.resolve("tmp"), "-Dspark.master.rest.enabled=false",
                "-cp", classpath, ExitWithParent.class.getName(), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile());
        environment(pb);
        if (name.startsWith("worker-")) {
            // the executors' block manager and shuffle files
            pb.environment().put("SPARK_LOCAL_DIRS", work.resolve(name).resolve("local").toString());
        }
        return start(pb);
    }

    private Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** A Spark process's environment: this installation, loopback only, nothing of the caller's Spark or Hadoop. */
    private void environment(ProcessBuilder pb) {
        pb.directory(work.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPARK_") || k.equals("HADOOP_CONF_DIR")
                || k.equals("YARN_CONF_DIR") || k.equals("PYSPARK_PYTHON"));
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_DIRS", work.resolve("driver-local").toString());
    }

    /**
     * Waits until a daemon's log has a line matching {@code pattern}.
     *
     * @throws AssertionError with the logs if the process ends first or {@link #START_TIMEOUT} passes
     */
    private Matcher awaitLog(Process p, Path log, Pattern pattern, String what) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (Files.isRegularFile(log)) {
                Matcher m = pattern.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) {
                    return m;
                }
            }
            if (!p.isAlive()) {
                throw new AssertionError("waiting for " + what + ": the process ended with exit code "
                        + p.exitValue() + "\n" + logs());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waiting for " + what + ": nothing in " + START_TIMEOUT.toSeconds()
                        + " s\n" + logs());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** @return the jars of the Spark release: the module's provided class path and the shared libraries */
    private static List<String> sparkJars(Path projectRoot) throws IOException {
        Path provided = projectRoot.resolve("spark/target/spark-provided-classpath.txt");
        if (!Files.isRegularFile(provided)) {
            throw new AssertionError("no " + provided + ": run mvn package first");
        }
        Set<String> jars = new LinkedHashSet<>();
        for (String line : Files.readAllLines(provided)) {
            Arrays.stream(line.split(File.pathSeparator)).filter(s -> !s.isBlank()).forEach(jars::add);
        }
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String unix = e.replace('\\', '/');
            // not slf4j-nop (the plain CLI's): Spark ships only its Log4j binding
            if (unix.endsWith(".jar") && SPARK_SHIPS.stream().anyMatch(unix::contains) && !unix.contains("slf4j-nop")) {
                jars.add(e);
            }
        }
        return List.copyOf(jars);
    }

    /** A hand-made Spark installation: {@code RELEASE} and the release's jars (links) in {@code jars/}. */
    private static Path sparkHome(Path home, List<String> jars) throws IOException {
        Files.createDirectories(home.resolve("jars"));
        Files.writeString(home.resolve("RELEASE"), "Spark 4.0.1 (jars of the Maven release, for Recoil's cluster test)\n");
        for (String j : jars) {
            Path src = Path.of(j);
            Path link = home.resolve("jars").resolve(src.getFileName());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, src);
            }
        }
        return home;
    }

    /** @return a folder holding only {@link ExitWithParent}'s class file, for the Spark JVMs' class path */
    private Path watcherClasses() throws IOException {
        String file = ExitWithParent.class.getSimpleName() + ".class";
        Path dir = work.resolve("exit-with-parent");
        Path target = dir.resolve(ExitWithParent.class.getPackageName().replace('.', '/')).resolve(file);
        Files.createDirectories(target.getParent());
        try (var in = ExitWithParent.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new AssertionError("cannot read the class file of " + ExitWithParent.class.getName());
            }
            Files.copy(in, target);
        }
        return dir;
    }

    private static <T> List<T> concat(T first, List<T> rest) {
        List<T> out = new ArrayList<>(List.of(first));
        out.addAll(rest);
        return out;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
