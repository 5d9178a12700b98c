package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.cli.report.OutputFolder;

/**
 * {@code recoil scan --global-significance}: local p0/Z per point in limits.csv/json, the largest local
 * excess in summary.txt, the local-p0 plot, and global_significance.json; bad input exits 2 with
 * nothing written.
 */
class GlobalSignificanceCommandTest {

    @Test
    void scanReportsLocalAndGlobalSignificance(@TempDir Path dir) throws IOException {
        Path cfg = SearchCommandsTest.config(dir, SearchCommandsTest.SMALL);
        Path out = dir.resolve("out");
        SearchCommandsTest.Run r = SearchCommandsTest.run("scan", "--config", cfg.toString(), "--out", out.toString(),
                "--threads", "2", "--global-significance", "--lee-toys", "40");
        assertEquals(0, r.exit(), r.err());
        List<String> files = OutputFolder.list(out);
        for (String f : List.of("global_significance.json", "local_p0.png", "local_p0.svg")) {
            assertTrue(files.contains(f), f + " in " + files);
        }
        List<String> csv = Files.readAllLines(out.resolve("limits.csv"));
        List<String> header = SearchCommandsTest.fields(csv.get(0));
        // columns keep their positions: p0_local and z_local where they were added, later columns after them
        assertEquals(List.of("p0_local", "z_local"), header.subList(31, 33));
        assertEquals("gof_p", header.get(header.size() - 1));
        JsonNode limits = new ObjectMapper().readTree(out.resolve("limits.json").toFile());
        double zMax = 0;
        for (int i = 1; i < csv.size(); i++) {
            List<String> f = SearchCommandsTest.fields(csv.get(i));
            double p0 = Double.parseDouble(f.get(header.indexOf("p0_local")));
            double z = Double.parseDouble(f.get(header.indexOf("z_local")));
            assertTrue(p0 > 0 && p0 <= 0.5 && z >= 0, csv.get(i));
            JsonNode p = limits.get("points").get(i - 1);
            assertEquals(p0, p.get("p0_local").asDouble(), 0);
            assertEquals(z, p.get("z_local").asDouble(), 0);
            zMax = Math.max(zMax, z);
        }
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("largest local excess: M = ") && summary.contains("background-only pseudo-experiments"
                + " of the whole scan") && summary.contains("Gross-Vitells"), summary);
        JsonNode g = new ObjectMapper().readTree(out.resolve("global_significance.json").toFile());
        assertEquals(zMax, g.get("z_local").asDouble(), 0);
        assertEquals(40, g.get("toys").get("pseudo_experiments").asInt());
        double pg = g.get("toys").get("p_global").asDouble();
        assertTrue(pg >= 0 && pg <= 1);
        assertEquals(pg / g.get("p0_local").asDouble(), g.get("toys").get("trials_factor").asDouble(), 1e-9);
        assertTrue(g.get("gross_vitells").get("p_global").asDouble() >= g.get("p0_local").asDouble());
        assertTrue(Files.readString(out.resolve("local_p0.svg")).contains("<svg"));
    }

    @Test
    void leeToysZeroIsBadInputAndWritesNothing(@TempDir Path dir) throws IOException {
        Path cfg = SearchCommandsTest.config(dir, SearchCommandsTest.SMALL);
        Path out = dir.resolve("out");
        SearchCommandsTest.Run r = SearchCommandsTest.run("scan", "--config", cfg.toString(), "--out", out.toString(),
                "--global-significance", "--lee-toys", "0");
        assertEquals(2, r.exit(), r.err());
        assertEquals("recoil: error: --lee-toys must be at least 1, got 0", r.err().trim());
        assertEquals("", r.out());
        assertFalse(Files.exists(out));
    }
}
