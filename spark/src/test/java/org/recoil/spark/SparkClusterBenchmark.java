package org.recoil.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times one Recoil command on a standalone cluster on loopback ({@link StandaloneCluster}: a master, W workers of C
 * cores each, executors with the JVM's default compilers), e.g. {@code spark-histogram} over large Parquet input for
 * the README's speed table. Prints the command's output, its wall-clock time from {@code spark-submit} to exit, the CPU
 * time of the driver and the executors, and the load average before and after. Run from {@code bench/scripts/
 * spark-cluster-histogram.sh}, which builds the class path.
 */
public final class SparkClusterBenchmark {

    private SparkClusterBenchmark() {
    }

    /**
     * @param args the project root, a work folder (emptied by the caller), W, C, then the command and its arguments
     * @throws Exception if the cluster or the command fails
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int workers = Integer.parseInt(args[2]);
        int cores = Integer.parseInt(args[3]);
        List<String> command = Arrays.asList(args).subList(4, args.length);
        Files.createDirectories(work);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        try (StandaloneCluster cluster = new StandaloneCluster(work, workers, cores, "3g", root, List.of())) {
            StandaloneCluster.Submitted run = cluster.submit(command, false, Duration.ofMinutes(30),
                    "spark.executor.memory=2g");
            System.out.print(run.out());
            if (run.exit() != 0) {
                System.err.print(run.err());
                throw new IllegalStateException("exit code " + run.exit());
            }
            System.out.printf(Locale.ROOT, "cluster: %d worker(s) x %d core(s); wall %.1f s (spark-submit to exit), "
                    + "CPU %.1f s (driver + executors)%nload average before: %s%nload average after:  %s%n",
                    workers, cores, run.seconds(), run.cpuSeconds(), loadBefore,
                    Files.readString(Path.of("/proc/loadavg")).strip());
        }
    }
}
