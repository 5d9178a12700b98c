package org.recoil.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;

class OutputFolderTest {

    private static long stagingFolders(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().contains(".staging-")).count();
        }
    }

    @Test
    void nothingReachesTheTargetBeforeCommit(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out");
        OutputFolder f = OutputFolder.stage(target);
        f.writeString("a.txt", "alpha");
        f.writeString("b.txt", "beta");
        assertFalse(Files.exists(target), "target must not exist before commit");
        assertEquals(1, stagingFolders(dir));
        List<Path> files = f.commit();
        assertEquals(List.of(target.resolve("a.txt"), target.resolve("b.txt")), files);
        assertEquals("alpha", Files.readString(target.resolve("a.txt")));
        assertEquals(0, stagingFolders(dir));
        assertThrows(IllegalStateException.class, () -> f.file("c.txt"));
    }

    @Test
    void discardLeavesThePreviousContentUntouched(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out");
        Files.createDirectories(target);
        Files.writeString(target.resolve("a.txt"), "old");
        OutputFolder f = OutputFolder.stage(target);
        f.writeString("a.txt", "new, never committed");
        f.writeString("half.csv", "mass,limit\n1.0,");
        f.discard();
        assertEquals(List.of("a.txt"), OutputFolder.list(target));
        assertEquals("old", Files.readString(target.resolve("a.txt")));
        assertEquals(0, stagingFolders(dir));
    }

    @Test
    void commitReplacesFilesAndRemovesAStaleErrorReport(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out");
        OutputFolder.writeErrorReport(target, "scan", 3, new ComputationException("no mass point has a limit"));
        var report = new ObjectMapper().readTree(target.resolve(OutputFolder.ERROR_REPORT).toFile());
        assertEquals(3, report.get("exit_code").asInt());
        assertEquals("ComputationException", report.get("error").asText());
        assertTrue(report.get("message").asText().contains("no mass point"));
        OutputFolder f = OutputFolder.stage(target);
        f.writeString("limits.json", "{}");
        f.commit();
        assertEquals(List.of("limits.json"), OutputFolder.list(target));
    }

    @Test
    void aFileInTheWayIsBadInput(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out");
        Files.writeString(file, "x");
        assertThrows(InvalidInputException.class, () -> OutputFolder.stage(file));
        try (OutputFolder f = OutputFolder.stage(dir.resolve("ok"))) {
            assertThrows(IllegalArgumentException.class, () -> f.file("sub/x.txt"));
        }
        assertEquals(0, stagingFolders(dir));
    }
}
