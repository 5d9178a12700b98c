package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting Spark from the command line: a master URL Spark cannot use is bad input (exit 2). */
class SparkSessionsTest {

    @Test
    void anUnusableMasterIsBadInputNamingIt(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("analysis.yaml");
        Files.writeString(cfg, "inputs:\n  synthetic: {seed: 7, signal_masses: [1.0]}\nluminosity: 276/pb\n"
                + "mass_grid: {masses: [1.0]}\n");
        TestSpark.Run r = TestSpark.run("spark-scan", "--config", cfg.toString(), "--out",
                dir.resolve("out").toString(), "--master", "nowhere://cluster");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--master nowhere://cluster: cannot start Spark"), r.err());
        assertEquals(java.util.List.of(org.recoil.cli.report.OutputFolder.ERROR_REPORT),
                org.recoil.cli.report.OutputFolder.list(dir.resolve("out")));
    }
}
