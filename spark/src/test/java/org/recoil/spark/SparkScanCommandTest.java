package org.recoil.spark;

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
import org.recoil.cli.report.OutputFolder;

/** {@code recoil spark-scan} writes the files of {@code recoil scan} with the same numbers. */
class SparkScanCommandTest extends SparkSessionTest {

    /** A tiny synthetic analysis with toy CLs: seconds, not minutes. */
    private static final String SMALL = String.join("\n",
            "inputs:",
            "  synthetic: {seed: 7, mumu_gamma_events: 100000, tautau_gamma_events: 40000, eemumu_events: 20000,",
            "              signal_events: 2000, signal_masses: [1.0, 3.0]}",
            "luminosity: 276/pb",
            "mass_grid: {masses: [1.0, 2.0, 3.0]}",
            "method: toys",
            "toys: 40",
            "seed: 5",
            "");






    @Test
    void sameLimitsJsonAndCsvAsTheLocalScan(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("analysis.yaml");
        Files.writeString(cfg, SMALL);
        Path localOut = dir.resolve("local");
        Path sparkOut = dir.resolve("spark");
        TestSpark.Run local = TestSpark.run("scan", "--config", cfg.toString(), "--out", localOut.toString(), "--threads", "2");
        TestSpark.Run dist = TestSpark.run("spark-scan", "--config", cfg.toString(), "--out", sparkOut.toString(), "--threads", "2");
        assertEquals(0, local.exit(), local.err());
        assertEquals(0, dist.exit(), dist.err());
        assertTrue(dist.out().startsWith("recoil spark-scan: SYNTHETIC inputs"), dist.out());
        assertTrue(dist.out().contains("Spark local[2] (one task per mass point)"), dist.out());
        assertTrue(dist.err().contains("[mass scan") && dist.err().contains("3/3"), "progress on stderr: " + dist.err());
        assertEquals(OutputFolder.list(localOut), OutputFolder.list(sparkOut));
        assertEquals(Files.readString(localOut.resolve("limits.csv")), Files.readString(sparkOut.resolve("limits.csv")));
        ObjectMapper m = new ObjectMapper();
        JsonNode l = m.readTree(localOut.resolve("limits.json").toFile());
        JsonNode d = m.readTree(sparkOut.resolve("limits.json").toFile());
        assertEquals(l, d);
        assertEquals("toys", d.get("method").asText());
        assertEquals(3, d.get("points").size());
        assertTrue(d.get("points").get(1).get("gprime").get("observed").isNumber(), d.get("points").get(1).toString());
        assertTrue(Files.readString(sparkOut.resolve("summary.txt")).contains("recoil spark-scan"));
    }

    @Test
    void globalSignificanceEqualsTheLocalScansByteForByte(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("analysis.yaml");
        Files.writeString(cfg, SMALL.replace("method: toys", "method: asymptotic"));
        Path localOut = dir.resolve("local");
        Path sparkOut = dir.resolve("spark");
        TestSpark.Run local = TestSpark.run("scan", "--config", cfg.toString(), "--out", localOut.toString(),
                "--threads", "2", "--global-significance", "--lee-toys", "60");
        TestSpark.Run dist = TestSpark.run("spark-scan", "--config", cfg.toString(), "--out", sparkOut.toString(),
                "--threads", "2", "--global-significance", "--lee-toys", "60");
        assertEquals(0, local.exit(), local.err());
        assertEquals(0, dist.exit(), dist.err());
        assertTrue(dist.err().contains("[look-elsewhere toys") && dist.err().contains("60/60"),
                "progress on stderr: " + dist.err());
        assertEquals(OutputFolder.list(localOut), OutputFolder.list(sparkOut));
        String json = Files.readString(localOut.resolve("global_significance.json"));
        assertEquals(json, Files.readString(sparkOut.resolve("global_significance.json")));
        assertEquals(60, new ObjectMapper().readTree(json).get("toys").get("pseudo_experiments").asInt());
        String l = Files.readString(localOut.resolve("summary.txt"));
        String d = Files.readString(sparkOut.resolve("summary.txt"));
        String paragraph = "global significance of the largest local excess";
        assertTrue(l.contains(paragraph), l);
        assertEquals(l.substring(l.indexOf(paragraph)), d.substring(d.indexOf(paragraph)));
    }

    @Test
    void leeToysZeroIsBadInputAndWritesNothing(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("analysis.yaml");
        Files.writeString(cfg, SMALL);
        Path out = dir.resolve("out");
        TestSpark.Run r = TestSpark.run("spark-scan", "--config", cfg.toString(), "--out", out.toString(),
                "--global-significance", "--lee-toys", "0");
        assertEquals(2, r.exit(), r.err());
        assertEquals("recoil: error: --lee-toys must be at least 1, got 0", r.err().trim());
        assertTrue(!Files.exists(out));
    }

    @Test
    void mvaTrainingIsRefusedBeforeSpark(@TempDir Path dir) {
        Path cfg = org.recoil.core.testing.SharedReference.projectRoot().resolve("examples/analysis-mva.yaml");
        Path out = dir.resolve("out");
        TestSpark.Run r = TestSpark.run("spark-scan", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("spark-scan applies a saved model only"), r.err());
    }

    /**
     * A saved MVA model is applied without XGBoost (not on this module's class path): spark-scan and scan
     * give the same limits. The model (src/test/resources/mva-model-small.json, 10 trees of depth 3) was
     * written by {@code recoil scan} with this config and {@code save_model:} (XGBoost4J 3.x).
     */
    @Test
    void aSavedMvaModelIsAppliedWithoutXgboost(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assertions.assertThrows(ClassNotFoundException.class,
                () -> Class.forName("ml.dmlc.xgboost4j.java.XGBoost"), "XGBoost is not on the class path");
        Path model = Path.of(SparkScanCommandTest.class.getResource("/mva-model-small.json").toURI());
        Path cfg = dir.resolve("analysis.yaml");
        Files.writeString(cfg, SMALL.replace("method: toys", "method: asymptotic")
                + "selection: {mva: {model: " + model + ", seed: 3, min_background_entries: 3}}\n");
        Path localOut = dir.resolve("local");
        Path sparkOut = dir.resolve("spark");
        TestSpark.Run local = TestSpark.run("scan", "--config", cfg.toString(), "--out", localOut.toString(),
                "--threads", "2");
        TestSpark.Run dist = TestSpark.run("spark-scan", "--config", cfg.toString(), "--out", sparkOut.toString(),
                "--threads", "2");
        assertEquals(0, local.exit(), local.err());
        assertEquals(0, dist.exit(), dist.err());
        assertTrue(OutputFolder.list(sparkOut).contains("mva_efficiency.csv"), OutputFolder.list(sparkOut).toString());
        assertEquals(Files.readString(localOut.resolve("limits.csv")), Files.readString(sparkOut.resolve("limits.csv")));
        assertEquals(Files.readString(localOut.resolve("mva_efficiency.csv")),
                Files.readString(sparkOut.resolve("mva_efficiency.csv")));
        JsonNode mva = new ObjectMapper().readTree(sparkOut.resolve("limits.json").toFile()).get("inputs").get("mva");
        assertTrue(mva.get("test_auc").asDouble() > 0.9, mva.toString());
        assertEquals(model.toString(), mva.get("model").asText());
    }

    @Test
    void aBadConfigFailsBeforeSparkWithExitCode2AndAnErrorReport(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("analysis.yaml");
        Files.writeString(cfg, SMALL.replace("method: toys", "method: frequentist"));
        Path out = dir.resolve("out");
        TestSpark.Run r = TestSpark.run("spark-scan", "--config", cfg.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("unknown limit method 'frequentist'"), r.err());
        assertEquals(List.of(OutputFolder.ERROR_REPORT), OutputFolder.list(out));
        JsonNode report = new ObjectMapper().readTree(out.resolve(OutputFolder.ERROR_REPORT).toFile());
        assertEquals(2, report.get("exit_code").asInt());
        assertEquals("spark-scan", report.get("command").asText());
    }
}
