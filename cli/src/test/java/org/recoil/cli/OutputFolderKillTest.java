package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.cli.report.OutputFolder;

/**
 * {@code recoil scan} in a separate JVM, killed ({@code destroyForcibly}, i.e. SIGKILL) at seeded random
 * moments over a folder holding an older result: the folder must then hold the complete old or the
 * complete new result, never a mixture; the next run cleans up what the killed one left. While the
 * other JVM runs, a second run into the same folder is refused, naming the other process id.
 */
class OutputFolderKillTest {

    /** One mass point and few events: a run of a few seconds. */
    static final String TINY = String.join("\n",
            "inputs:",
            "  synthetic: {seed: 11, mumu_gamma_events: 20000, tautau_gamma_events: 8000, eemumu_events: 4000,",
            "              signal_events: 500, signal_masses: [2.0, 4.0]}",
            "luminosity: 276/pb",
            "mass_grid: {masses: [2.0, 4.0]}",
            "");

    static final List<String> NEW_FILES = List.of("limits.json", "limits.csv", "hepdata_gprime_limit.yaml",
            "summary.txt", "recoil_mass_spectrum.png", "sigma_limit.png", "gprime_limit.png");

    private static void oldResult(Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve(OutputFolder.MARKER), "output folder written by recoil scan\n");
        Files.writeString(out.resolve("limits.json"), "{\"old\":true}\n");
        Files.writeString(out.resolve("old-only.txt"), "old\n");
    }

    private static boolean isOld(List<String> files) {
        return files.equals(List.of("limits.json", "old-only.txt"));
    }

    private static boolean isNew(List<String> files) {
        return !files.contains("old-only.txt") && files.containsAll(NEW_FILES);
    }

    private static List<String> hidden(Path parent, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
        }
    }

    private static Process start(Path cfg, Path out, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), RecoilCli.class.getName(), "scan", "--config",
                cfg.toString(), "--out", out.toString(), "--threads", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void aScanKilledAtRandomMomentsLeavesTheOldOrTheNewResult(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, TINY);
        Random random = new Random(20240515L);
        boolean refusedSeen = false;
        int newSeen = 0;
        for (int i = 0; i < 3; i++) {
            Path out = dir.resolve("out" + i);
            oldResult(out);
            Path log = dir.resolve("log" + i + ".txt");
            Process p = start(cfg, out, log);
            long pid = p.pid();
            if (!refusedSeen) {
                // wait until the other JVM holds the lock, then try a second run into the same folder
                Path lock = dir.resolve(".out" + i + ".lock");
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (p.isAlive() && System.nanoTime() < until
                        && !(Files.exists(lock) && Files.readString(lock).strip().equals(Long.toString(pid)))) {
                    Thread.sleep(10);
                }
                if (p.isAlive()) {
                    StringWriter err = new StringWriter();
                    var cl = RecoilCli.commandLine();
                    cl.setOut(new PrintWriter(new StringWriter()));
                    cl.setErr(new PrintWriter(err));
                    int exit = cl.execute("scan", "--config", cfg.toString(), "--out", out.toString());
                    if (p.isAlive()) {
                        assertEquals(2, exit, err.toString());
                        assertTrue(err.toString().contains("(pid " + pid + ")") && err.toString().contains(out
                                .toString()), err.toString());
                        refusedSeen = true;
                    }
                }
            }
            if (i < 2) {
                Thread.sleep(random.nextInt(3_000));
                p.destroyForcibly();
            }
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            String where = "run " + i + " (exit " + p.exitValue() + ", log " + Files.readString(log).strip() + ")";
            if (Files.exists(out)) {
                List<String> files = OutputFolder.list(out);
                assertTrue(isOld(files) || isNew(files), where + ": " + files);
                newSeen += isNew(files) ? 1 : 0;
            } else {
                assertEquals(1, hidden(dir, ".out" + i + ".replaced-").size(), where);
            }
            // the next run into the folder removes what the killed one left, and restores the folder
            StringWriter err = new StringWriter();
            try (OutputFolder next = OutputFolder.open(out, "scan", new PrintWriter(err))) {
                List<String> files = OutputFolder.list(out);
                assertTrue(isOld(files) || isNew(files), where + ", after recovery: " + files);
            }
            assertEquals(List.of(), hidden(dir, ".out" + i + ".staging-"), where + "; " + err);
            assertEquals(List.of(), hidden(dir, ".out" + i + ".replaced-"), where + "; " + err);
        }
        assertTrue(refusedSeen, "the concurrent run was never tried");
        assertTrue(newSeen >= 1, "the last run is not killed and must have switched its result in");
    }
}
