package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.testing.SharedReference;

/**
 * The Spark commands log quietly by default (Spark at WARN: no INFO line) and Spark's own INFO logs come back with
 * {@code --verbose}; run as a separate JVM, as a user runs it, since logging is configured once per process.
 */
class SparkLoggingTest {

    @Test
    void quietByDefaultAndSparkInfoWithVerbose(@TempDir Path dir) throws Exception {
        String ws = SharedReference.resolve("pyhf/counting_shapesys.json").toString();
        Proc quiet = run(dir, "spark-toys", ws, "--mu", "2", "--toys", "100", "--seed", "1", "--master", "local[1]",
                "--json");
        assertEquals(0, quiet.exit(), quiet.err());
        assertTrue(quiet.out().strip().startsWith("{"), quiet.out());
        long infoQuiet = quiet.err().lines().filter(l -> l.contains(" INFO ")).count();
        assertEquals(0, infoQuiet, "INFO lines without --verbose:\n" + quiet.err());
        Proc verbose = run(dir, "spark-toys", ws, "--mu", "2", "--toys", "100", "--seed", "1", "--master",
                "local[1]", "--json", "--verbose");
        assertEquals(0, verbose.exit(), verbose.err());
        assertEquals(quiet.out(), verbose.out(), "same result either way");
        assertTrue(verbose.err().lines().filter(l -> l.contains("INFO")).count() > 10,
                "Spark's INFO logs with --verbose:\n" + verbose.err());
    }

    private record Proc(int exit, String out, String err) {
    }

    private static Proc run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        // the user's class path: without this module's test resources (their log4j2.properties quiets tests)
        cmd.add(String.join(File.pathSeparator, java.util.Arrays.stream(
                System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.replace('\\', '/').endsWith("spark/target/test-classes")).toList()));
        cmd.add(SparkCli.class.getName());
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("spark-toys did not finish in 180 s: " + String.join(" ", cmd));
        }
        return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

}
