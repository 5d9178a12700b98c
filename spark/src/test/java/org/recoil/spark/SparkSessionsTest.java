package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Starting Spark from the command line: a master URL Spark cannot use is bad input (exit 2). */
class SparkSessionsTest {

    @Test
    void anUnusableMasterIsBadInputNamingIt(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("analysis.yaml");
        Files.writeString(cfg, "inputs:\n  synthetic: {seed: 7, signal_masses: [1.0]}\nluminosity: 276/pb\n"
                + "mass_grid: {masses: [1.0]}\n");
        StringWriter err = new StringWriter();
        CommandLine cl = SparkCli.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("spark-scan", "--config", cfg.toString(), "--out", dir.resolve("out").toString(),
                "--master", "nowhere://cluster");
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("--master nowhere://cluster: cannot start Spark"), err.toString());
        assertEquals(java.util.List.of(org.recoil.cli.report.OutputFolder.ERROR_REPORT),
                org.recoil.cli.report.OutputFolder.list(dir.resolve("out")));
    }
}
