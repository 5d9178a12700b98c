package org.recoil.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;

class OutputFolderTest {

    /** Thrown by a checkpoint hook: the process "dies" there. */
    static final class Killed extends Error {
        Killed(String step) {
            super("killed at " + step);
        }
    }

    static final Map<String, String> OLD = Map.of("a.txt", "old alpha", "b.txt", "old beta", "plot.png", "old plot");
    static final Map<String, String> NEW = Map.of("a.txt", "new alpha", "c.txt", "new gamma");

    private static List<String> hidden(Path parent, String part) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains(part)).sorted().toList();
        }
    }

    private static Map<String, String> content(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String n : OutputFolder.list(dir)) {
            m.put(n, Files.readString(dir.resolve(n)));
        }
        return m;
    }

    private static void write(Path target, Map<String, String> files, OutputFolder.Checkpoint hook) {
        try (OutputFolder f = OutputFolder.open(target, "scan", null, hook)) {
            new TreeMap<>(files).forEach(f::writeString);
            f.commit();
        }
    }

    @Test
    void nothingReachesTheTargetBeforeCommit(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out");
        try (OutputFolder f = OutputFolder.open(target, "scan", null)) {
            f.writeString("a.txt", "alpha");
            f.writeString("b.txt", "beta");
            assertFalse(Files.exists(target), "target must not exist before commit");
            assertEquals(1, hidden(dir, ".staging-").size());
            List<Path> files = f.commit();
            assertEquals(List.of(target.resolve("a.txt"), target.resolve("b.txt")), files);
            assertThrows(IllegalStateException.class, () -> f.file("c.txt"));
        }
        assertEquals("alpha", Files.readString(target.resolve("a.txt")));
        assertTrue(Files.exists(target.resolve(OutputFolder.MARKER)));
        assertEquals(List.of(), hidden(dir, ".staging-"));
        assertEquals(List.of(), hidden(dir, ".replaced-"));
    }

    @Test
    void commitReplacesTheWholeFolder(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out");
        write(target, OLD, OutputFolder.Checkpoint.NONE);
        write(target, NEW, OutputFolder.Checkpoint.NONE);
        assertEquals(new TreeMap<>(NEW), content(target), "no old file may stay beside the new ones");
    }

    @Test
    void aFailedRunLeavesOnlyTheErrorReportAndKeepsThePreviousResultAside(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out");
        write(target, OLD, OutputFolder.Checkpoint.NONE);
        try (OutputFolder f = OutputFolder.open(target, "scan", null)) {
            f.writeString("a.txt", "half-written new result");
            Path report = f.fail(3, new ComputationException("no mass point has a limit"));
            assertEquals(target.resolve(OutputFolder.ERROR_REPORT), report);
        }
        assertEquals(List.of(OutputFolder.ERROR_REPORT), OutputFolder.list(target));
        Path previous = dir.resolve("out.previous");
        assertEquals(new TreeMap<>(OLD), content(previous));
        JsonNode report = new ObjectMapper().readTree(target.resolve(OutputFolder.ERROR_REPORT).toFile());
        assertEquals("error", report.get("status").asText());
        assertEquals(3, report.get("exit_code").asInt());
        assertEquals("ComputationException", report.get("error").asText());
        assertEquals(previous.toString(), report.get("previous_result").asText());

        // a second failure keeps the last result aside and still names it
        OutputFolder.writeErrorReport(target, "scan", 2, new InvalidInputException("bad config"));
        assertEquals(List.of(OutputFolder.ERROR_REPORT), OutputFolder.list(target));
        assertEquals(new TreeMap<>(OLD), content(previous));
        report = new ObjectMapper().readTree(target.resolve(OutputFolder.ERROR_REPORT).toFile());
        assertEquals(2, report.get("exit_code").asInt());
        assertEquals(previous.toString(), report.get("previous_result").asText());

        // a success replaces the error report
        write(target, NEW, OutputFolder.Checkpoint.NONE);
        assertEquals(new TreeMap<>(NEW), content(target));
        assertEquals(List.of(), hidden(dir, ".staging-"));
    }

    @Test
    void aFailedFirstRunNamesNoPreviousResult(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out");
        OutputFolder.writeErrorReport(target, "demo", 1, new IllegalStateException("bug"));
        JsonNode report = new ObjectMapper().readTree(target.resolve(OutputFolder.ERROR_REPORT).toFile());
        assertTrue(report.get("previous_result").isNull());
        assertFalse(Files.exists(dir.resolve("out.previous")));
    }

    @Test
    void aSecondRunIntoTheSameFolderIsRefusedWhileTheFirstRuns(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out");
        try (OutputFolder first = OutputFolder.open(target, "scan", null)) {
            first.writeString("a.txt", "first");
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> OutputFolder.open(target, "scan", null));
            assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
            assertEquals(1, hidden(dir, ".staging-").size(), "the refused run must not touch the first one's files");
            first.commit();
        }
        try (OutputFolder second = OutputFolder.open(target, "scan", null)) {
            second.writeString("a.txt", "second");
            second.commit();
        }
        assertEquals("second", Files.readString(target.resolve("a.txt")));
    }

    @Test
    void theLockOfADeadProcessIsStale(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out");
        // a lock file left by a killed process: its pid, but no OS lock held
        Files.writeString(dir.resolve(".out.lock"), "999999999\n");
        write(target, NEW, OutputFolder.Checkpoint.NONE);
        assertEquals(new TreeMap<>(NEW), content(target));
    }

    @Test
    void staleStagingFoldersAreRemovedAndNamed(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out");
        Path stale = Files.createDirectories(dir.resolve(".out.staging-4242-123"));
        Files.writeString(stale.resolve("limits.csv"), "mass,limit\n1.0,");
        Path other = Files.createDirectories(dir.resolve(".other.staging-4242-1"));
        StringWriter err = new StringWriter();
        try (OutputFolder f = OutputFolder.open(target, "scan", new PrintWriter(err))) {
            f.writeString("a.txt", "x");
            f.commit();
        }
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(other), "another folder's staging is not ours");
        assertTrue(err.toString().contains("removed stale staging folder " + stale), err.toString());
    }

    @Test
    void foldersRecoilDidNotWriteAreNeverReplaced(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        assertThrows(InvalidInputException.class, () -> OutputFolder.open(file, "scan", null));
        Path mine = Files.createDirectories(dir.resolve("analysis"));
        Files.writeString(mine.resolve("events.csv"), "p\n1\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OutputFolder.open(mine, "scan", null));
        assertTrue(e.getMessage().contains("events.csv") && e.getMessage().contains("did not write"), e.getMessage());
        assertNull(OutputFolder.writeErrorReport(mine, "scan", 2, new InvalidInputException("x")));
        assertEquals(List.of("events.csv"), OutputFolder.list(mine));
        // an empty folder is fine
        write(Files.createDirectories(dir.resolve("empty")), NEW, OutputFolder.Checkpoint.NONE);
        assertEquals(new TreeMap<>(NEW), content(dir.resolve("empty")));
        try (OutputFolder f = OutputFolder.open(dir.resolve("ok"), "scan", null)) {
            assertThrows(IllegalArgumentException.class, () -> f.file("sub/x.txt"));
        }
        assertEquals(List.of(), hidden(dir, ".staging-"));
    }

    /** The steps of a successful and of a failed run over an existing result, as the hook sees them. */
    private static List<String> steps(Path dir, boolean fail) {
        Path target = dir.resolve("probe-" + fail);
        write(target, OLD, OutputFolder.Checkpoint.NONE);
        List<String> steps = new ArrayList<>();
        runOnce(target, fail, steps::add);
        return steps;
    }

    private static void runOnce(Path target, boolean fail, OutputFolder.Checkpoint hook) {
        try (OutputFolder f = OutputFolder.open(target, "scan", null, hook)) {
            new TreeMap<>(NEW).forEach(f::writeString);
            if (fail) {
                f.fail(3, new ComputationException("nothing computed"));
            } else {
                f.commit();
            }
        }
    }

    /**
     * Kills a run at every step of its life (writing, each rename of the switch), over a folder holding
     * an older result, then starts the next run: the folder must hold the complete old or the complete
     * new content (or, only between the two renames, nothing, with the old content restored by the next
     * run), never a mixture; nothing hidden may stay after the next run.
     */
    @Test
    void aRunKilledAtAnyStepLeavesTheOldOrTheNewFolder(@TempDir Path dir) throws IOException {
        for (boolean fail : new boolean[] {false, true}) {
            List<String> steps = steps(dir, fail);
            assertTrue(steps.size() >= 8, steps.toString());
            for (int k = 0; k < steps.size(); k++) {
                Path target = dir.resolve("out-" + fail + "-" + k);
                write(target, OLD, OutputFolder.Checkpoint.NONE);
                int[] seen = {0};
                int killAt = k;
                assertThrows(Killed.class, () -> runOnce(target, fail, step -> {
                    if (seen[0]++ == killAt) {
                        throw new Killed(step);
                    }
                }));
                String where = (fail ? "failed run" : "run") + " killed at '" + steps.get(k) + "'";
                Map<String, String> expectedNew = fail ? null : new TreeMap<>(NEW);
                if (Files.exists(target)) {
                    Map<String, String> now = content(target);
                    boolean old = now.equals(new TreeMap<>(OLD));
                    boolean isNew = fail ? now.keySet().equals(java.util.Set.of(OutputFolder.ERROR_REPORT))
                            : now.equals(expectedNew);
                    assertTrue(old || isNew, where + ": " + now);
                } else {
                    List<String> aside = hidden(dir, "." + target.getFileName() + ".replaced-");
                    assertEquals(1, aside.size(), where);
                    assertEquals(new TreeMap<>(OLD), content(dir.resolve(aside.get(0))), where);
                }
                // the next run into the folder: recovers, then its own switch is clean
                StringWriter err = new StringWriter();
                try (OutputFolder next = OutputFolder.open(target, "scan", new PrintWriter(err))) {
                    assertTrue(Files.exists(target), where + ": the next run must restore the folder");
                    Map<String, String> now = content(target);
                    boolean ok = now.equals(new TreeMap<>(OLD)) || (fail
                            ? now.keySet().equals(java.util.Set.of(OutputFolder.ERROR_REPORT)) : now.equals(expectedNew));
                    assertTrue(ok, where + ", after recovery: " + now);
                    next.writeString("z.txt", "next");
                    next.commit();
                }
                assertEquals(Map.of("z.txt", "next"), content(target), where);
                String name = target.getFileName().toString();
                assertEquals(List.of(), hidden(dir, "." + name + ".staging-"), where);
                assertEquals(List.of(), hidden(dir, "." + name + ".replaced-"), where);
                if (fail && Files.exists(dir.resolve(name + ".previous"))) {
                    assertEquals(new TreeMap<>(OLD), content(dir.resolve(name + ".previous")), where);
                }
            }
        }
    }
}
