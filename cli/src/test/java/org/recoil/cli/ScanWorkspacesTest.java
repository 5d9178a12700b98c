package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.scan.LimitMethod;
import org.recoil.limits.scan.MuLimit;
import org.recoil.limits.scan.ScanOptions;

/** {@code recoil scan --save-workspaces DIR}: the saved workspaces give back the scan's limits. */
class ScanWorkspacesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void savedWorkspacesReproduceTheScansLimits(@TempDir Path dir) throws IOException {
        Path cfg = SearchCommandsTest.config(dir, SearchCommandsTest.SMALL);
        Path out = dir.resolve("out");
        Path ws = dir.resolve("workspaces");
        SearchCommandsTest.Run r = SearchCommandsTest.run("scan", "--config", cfg.toString(), "--out", out.toString(),
                "--threads", "2", "--save-workspaces", ws.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode limits = MAPPER.readTree(out.resolve("limits.json").toFile());
        double cl = limits.get("cl").asDouble();
        assertEquals("asymptotic", limits.get("method").asText());
        int checked = 0;
        for (JsonNode p : limits.get("points")) {
            if (p.get("mu").isNull()) {
                continue;
            }
            Path file = ws.resolve(WorkspaceExport.fileName(p.get("mass").asDouble()));
            assertTrue(Files.isRegularFile(file), file.toString());
            // the same computation on the workspace read back: the scan's numbers to the last bit
            HistFactoryModel model = HistFactoryModel.of(WorkspaceIO.read(file));
            MuLimit mu = new LimitMethod.Asymptotic().compute(model, ScanOptions.defaults().minimizer().get(), cl, 0L);
            assertEquals(p.at("/mu/observed").asDouble(), mu.observed(), 0.0, file.toString());
            for (int k = 0; k < 5; k++) {
                assertEquals(p.at("/mu/expected").get(k).asDouble(), mu.expected().toArray()[k], 0.0);
            }
            // and `recoil limit` on the file, as a user would check a point (its own root-finding accuracy)
            FitCommandTest.Run lim = FitCommandTest.run("limit", file.toString(), "--cl", Double.toString(cl), "--json");
            assertEquals(0, lim.exit(), lim.err());
            JsonNode l = MAPPER.readTree(lim.out());
            assertEquals(p.at("/mu/observed").asDouble(), l.get("observed").asDouble(), 2e-3 * l.get("observed").asDouble());
            checked++;
        }
        assertTrue(checked >= 2, "points with limits: " + checked);
        try (Stream<Path> files = Files.list(ws)) {
            assertEquals(checked, files.count(), "one workspace per fitted point, nothing else");
        }
    }
}
