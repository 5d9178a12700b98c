package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.cli.report.SearchRun;
import org.recoil.core.events.EventWriter;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.sim.DetectorSmearing;
import org.recoil.core.sim.PseudoDataMode;
import org.recoil.core.sim.SignalGenerator;
import org.recoil.core.sim.SyntheticDataset;
import org.recoil.core.sim.SyntheticDatasetConfig;

/**
 * {@code recoil scan} on event files whose background weights are declared at the wrong luminosity:
 * the limits are still computed (exit 0), but stderr and summary.txt warn with the ratio and the
 * significance, and no point is reported as ok.
 */
class EventFileScanTest {

    @Test
    void observedFarFromExpectedWarnsOnStderrAndInTheSummary(@TempDir Path dir) throws IOException {
        SyntheticDatasetConfig cfg = new SyntheticDatasetConfig(100.0, 7L, 60000, 20000, 10000, 100, List.of(),
                PseudoDataMode.FROM_TEMPLATES);
        SyntheticDataset.generate(cfg, BeamConfiguration.belle2(), DetectorSmearing.belle2()).write(dir, "parquet");
        Files.delete(dir.resolve("dataset.json"));
        Files.createDirectories(dir.resolve("signal"));
        for (double m : new double[] {1.0, 3.0}) {
            EventWriter.write(SignalGenerator.of(m, BeamConfiguration.belle2(), DetectorSmearing.belle2())
                    .generate(1000, 7L, 1.0).toEventTable(), dir.resolve("signal/m" + (int) m + ".parquet"));
        }
        // the background weights are events at 100/pb, declared as 50/pb: twice the expected background
        Path config = SearchCommandsTest.config(dir, String.join("\n",
                "inputs:",
                "  files:",
                "    data: {path: data.parquet}",
                "    backgrounds: [{path: backgrounds.parquet, luminosity: 50/pb}]",
                "    signal: [{path: signal/m1.parquet, mass: 1.0}, {path: 'signal/m3*', mass: 3.0}]",
                "luminosity: 100/pb",
                "mass_grid: {masses: [2.0, 3.0]}",
                ""));
        Path out = dir.resolve("out");
        SearchCommandsTest.Run r = SearchCommandsTest.run("scan", "--config", config.toString(), "--out",
                out.toString(), "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("recoil: warning: whole selected spectrum: observed") && r.err().contains("ratio 0.5")
                && r.err().contains("sigma"), r.err());
        String summary = Files.readString(out.resolve(SearchRun.SUMMARY));
        assertTrue(summary.contains("WARNING: whole selected spectrum"), summary);
        JsonNode limits = new ObjectMapper().readTree(out.resolve(SearchRun.LIMITS_JSON).toFile());
        int points = 0;
        for (JsonNode p : limits.findValues("status")) {
            if (p.isTextual()) {
                assertTrue(!p.asText().equals("ok"), limits.toString());
                points++;
            }
        }
        assertTrue(points >= 2, limits.toString());
    }
}
