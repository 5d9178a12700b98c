package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventTable;
import org.recoil.core.events.EventWriter;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionConfig;

class SparkHistogrammerTest {

    private static final String CONFIG = """
            beams: belle2
            cuts:
              two_opposite_charge_muons: true
              max_extra_energy: 0.4
              recoil_mass: {min: -1.0, max: 9.0}
            histogram:
              observable: recoil_mass
              binning: {bins: 50, lo: -1.0, hi: 9.0}
            """;

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static List<Path> files;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
        files = new ArrayList<>();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        String[][] samples = {{"mumu", "tautau"}, {"mumu", "eemumu"}, {"signal"}};
        for (int f = 0; f < samples.length; f++) {
            EventTable.Builder b = EventTable.builder();
            for (int i = 0; i < 3000; i++) {
                // dyadic weights k/8: every partial sum is exact in double, so any addition order agrees bit for bit
                double w = (1 + rng.nextInt(16)) / 8.0;
                b.add(rng.nextDouble(-3, 3), rng.nextDouble(-3, 3), rng.nextDouble(-1.5, 5), rng.nextBoolean() ? 1 : -1,
                        rng.nextDouble(-3, 3), rng.nextDouble(-3, 3), rng.nextDouble(-1.5, 5), rng.nextBoolean() ? 1 : -1,
                        2, rng.nextDouble(0, 0.6), w, samples[f][rng.nextInt(samples[f].length)]);
            }
            Path p = dir.resolve("events" + f + ".parquet");
            EventWriter.writeParquet(b.build(), p);
            files.add(p);
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Map<String, Histogram> local() {
        SelectionConfig cfg = SelectionConfig.parse(CONFIG, false, "test");
        List<EventTable> tables = files.stream().map(f -> EventReader.read(f, cfg.columns())).toList();
        Binning b = cfg.histogram().binning().toBinning("test");
        return Selection.fromConfig(cfg).apply(EventTable.concat(tables)).histograms(b, cfg.histogram().observable());
    }

    @Test
    void histogramsEqualTheLocalSelectionExactly() {
        Map<String, Histogram> expected = local();
        // several partitions per file so that merging really happens
        spark.conf().set("spark.sql.files.maxPartitionBytes", "60000");
        Map<String, Histogram> got = new SparkHistogrammer(spark, CONFIG, false, "test")
                .histograms(files.stream().map(Path::toString).toList());
        assertEquals(expected.keySet(), Set.copyOf(got.keySet()));
        double total = 0;
        for (Map.Entry<String, Histogram> e : expected.entrySet()) {
            Histogram l = e.getValue();
            Histogram d = got.get(e.getKey());
            assertArrayEquals(l.contents(), d.contents(), 0.0, e.getKey() + " sums of weights");
            assertArrayEquals(l.sumw2(), d.sumw2(), 0.0, e.getKey() + " sums of squared weights");
            assertEquals(l.underflow(), d.underflow(), 0.0);
            assertEquals(l.overflow(), d.overflow(), 0.0);
            assertEquals(l.underflowSumw2(), d.underflowSumw2(), 0.0);
            assertEquals(l.overflowSumw2(), d.overflowSumw2(), 0.0);
            total += l.integral();
        }
        assertTrue(total > 100, "the selection keeps a real number of events: " + total);
        assertTrue(spark.read().parquet(files.get(0).toString()).javaRDD().getNumPartitions() > 1,
                "files are split into several partitions");
    }

    @Test
    void badValueFoundInATaskIsBadInputNamingFileAndColumn() {
        // the extra energies are not integers: used as a charge column, an executor rejects them
        String cfg = CONFIG + "columns: {charge1: extra_energy}\n";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SparkHistogrammer(spark, cfg,
                false, "cfg.yaml").histograms(List.of(files.get(1).toString())));
        assertTrue(e.getMessage().contains("events1.parquet") && e.getMessage().contains("'extra_energy'")
                && e.getMessage().contains("not an integer"), e.getMessage());
    }

    @Test
    void cliWritesTheSameHistogramsAsTheLocalHistogramCommand() throws Exception {
        Path cfg = dir.resolve("sel.yaml");
        java.nio.file.Files.writeString(cfg, CONFIG);
        Path localOut = dir.resolve("local.json");
        Path sparkOut = dir.resolve("spark.json");
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine local = org.recoil.cli.RecoilCli.commandLine();
        local.setErr(new java.io.PrintWriter(err));
        local.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
        List<String> args = new ArrayList<>(List.of("histogram", "--config", cfg.toString(), "--out", localOut.toString()));
        files.forEach(f -> args.add(f.toString()));
        assertEquals(0, local.execute(args.toArray(String[]::new)), err.toString());
        picocli.CommandLine dist = SparkCli.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        dist.setOut(new java.io.PrintWriter(out));
        dist.setErr(new java.io.PrintWriter(err));
        args.set(0, "spark-histogram");
        args.set(4, sparkOut.toString());
        args.add("--json");
        assertEquals(0, dist.execute(args.toArray(String[]::new)), err.toString());
        Map<String, Histogram> l = org.recoil.core.hist.HistogramJson.readSet(localOut);
        Map<String, Histogram> d = org.recoil.core.hist.HistogramJson.readSet(sparkOut);
        assertEquals(l.keySet(), d.keySet());
        l.forEach((k, h) -> assertEquals(h, d.get(k), k));
        assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString()).has("selected_weight"));
    }

    @Test
    void missingColumnIsBadInputNamingIt() {
        String cfg = CONFIG + "columns: {extra_energy: e_extra}\n";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SparkHistogrammer(spark, cfg,
                false, "cfg.yaml").histograms(List.of(files.get(0).toString())));
        assertTrue(e.getMessage().contains("'e_extra'"), e.getMessage());
    }
}
