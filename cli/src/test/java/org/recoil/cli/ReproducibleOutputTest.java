package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.cli.report.OutputFolder;
import org.recoil.cli.report.SearchRun;
import org.recoil.limits.scan.ScanExecutor;

/**
 * The same inputs and seed give the same bytes of {@code limits.json}, {@code limits.csv}, the HEPData
 * table, {@code projection.csv} and {@code summary.txt}, whatever the thread count and across JVMs
 * (whose hash orders differ): a demo-shaped run (scan and projections) on a small synthetic analysis,
 * once in this JVM on one thread and once in another JVM on two threads. (The full {@code recoil
 * demo} takes too long for a unit test; it runs the same code.)
 */
class ReproducibleOutputTest {

    /** Two mass points, few events: every report is written, in seconds. */
    static final String CONFIG = String.join("\n",
            "inputs:",
            "  synthetic: {seed: 11, mumu_gamma_events: 20000, tautau_gamma_events: 8000, eemumu_events: 4000,",
            "              signal_events: 500, signal_masses: [2.0, 4.0]}",
            "luminosity: 276/pb",
            "mass_grid: {masses: [2.0, 4.0]}",
            "projection: {luminosities: [276/pb, 50/fb], scenarios: [shrinking], lumi_curve_masses: [2.0],",
            "             lumi_curve_points: 2}",
            "");

    static final List<String> FILES = List.of(SearchRun.LIMITS_JSON, SearchRun.LIMITS_CSV, SearchRun.HEPDATA_YAML,
            SearchRun.PROJECTION_CSV, SearchRun.SUMMARY);

    /**
     * Runs the demo-shaped search.
     *
     * @param args config, output folder, threads
     */
    public static void main(String[] args) {
        demo(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]));
    }

    static void demo(Path config, Path out, int threads) {
        try (OutputFolder folder = OutputFolder.open(out, "demo", null)) {
            SearchRun.run(SearchRun.Kind.DEMO, "demo", SearchCommands.load(config), folder, threads,
                    ScanExecutor.local(), new PrintWriter(new StringWriter()), false);
        }
    }

    @Test
    void oneAndTwoThreadsInTwoJvmsWriteTheSameBytes(@TempDir Path dir) throws IOException, InterruptedException {
        Path cfg = dir.resolve("analysis.yaml");
        Files.writeString(cfg, CONFIG);
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("log.txt");
        Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), ReproducibleOutputTest.class.getName(),
                cfg.toString(), two.toString(), "2").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        demo(cfg, one, 1);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the other JVM did not finish");
        assertEquals(0, p.exitValue(), Files.readString(log));
        for (String f : FILES) {
            assertTrue(Files.exists(one.resolve(f)), f);
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(two.resolve(f)),
                    f + " differs between 1 thread and 2 threads in another JVM");
        }
    }
}
