package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blue.strategic.parquet.ParquetWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.cli.Json;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventTable;
import org.recoil.core.events.EventWriter;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.hist.HistogramJson;
import org.recoil.core.selection.CutFlow;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionConfig;
import org.recoil.core.selection.SelectionResult;

class SparkHistogrammerTest extends SparkSessionTest {

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

    /** Every section and cut, so that a config detail lost on the way to the executors would show. */
    private static final String FULL_CONFIG = """
            beams: {electron_energy: 7.0, positron_energy: 4.0, crossing_angle: 0.083}
            columns: {weight: weight, sample: sample}
            cuts:
              two_opposite_charge_muons: true
              muon_momentum: {min: 0.3, max: 6.5}
              muon_polar_angle_deg: {min: 17, max: 150}
              max_extra_energy: 0.45
              tau_suppression:
                min_pt: {intercept: 0.25, slope: -0.02}
                max_pt: {intercept: 5.0, slope: 0.0}
              recoil_mass: {min: -1.0}
            histogram:
              observable: recoil_mass_squared
              binning: {edges: [-5.0, 0.0, 2.5, 10.0, 30.0, 60.0, 100.0]}
            """;

    /** p/θ/φ columns of the spherical copies of the event files. */
    private static final String SPHERICAL_COLUMNS = """
            columns:
              muon1: {p: mu1_p, theta: mu1_theta, phi: mu1_phi}
              muon2: {p: mu2_p, theta: mu2_theta, phi: mu2_phi}
            """;

    @TempDir
    static Path dir;
    /** Cartesian event files; samples spread over files, hence over partitions. */
    private static List<Path> files;
    /** The same events with p/θ/φ momentum columns instead of px/py/pz. */
    private static List<Path> sphericalFiles;

    @BeforeAll
    static void writeEventFiles() throws IOException {
        // several partitions per file so that merging really happens
        spark.conf().set("spark.sql.files.maxPartitionBytes", "60000");
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
                        rng.nextInt(10) == 0 ? 3 : 2, rng.nextDouble(0, 0.6), w, samples[f][rng.nextInt(samples[f].length)]);
            }
            Path p = dir.resolve("events" + f + ".parquet");
            EventWriter.writeParquet(b.build(), p);
            files.add(p);
        }
        sphericalFiles = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            sphericalFiles.add(spherical(files.get(f), dir.resolve("spherical" + f + ".parquet")));
        }
    }

    /** Writes a copy of a Cartesian event file with columns mu?_p, mu?_theta, mu?_phi instead of mu?_px/py/pz. */
    private static Path spherical(Path cartesian, Path target) throws IOException {
        EventTable t = EventReader.read(cartesian);
        Types.GroupBuilder<MessageType> schema = Types.buildMessage();
        for (String c : List.of("mu1_p", "mu1_theta", "mu1_phi", "mu2_p", "mu2_theta", "mu2_phi", "extra_energy",
                "weight")) {
            schema = schema.required(PrimitiveTypeName.DOUBLE).named(c);
        }
        for (String c : List.of("mu1_charge", "mu2_charge", "n_muons")) {
            schema = schema.required(PrimitiveTypeName.INT32).named(c);
        }
        schema = schema.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sample");
        double[][][] p = {{t.mu1Px(), t.mu1Py(), t.mu1Pz()}, {t.mu2Px(), t.mu2Py(), t.mu2Pz()}};
        try (ParquetWriter<Integer> w = ParquetWriter.writeFile((MessageType) schema.named("events"), target.toFile(), (i, out) -> {
            for (int mu = 0; mu < 2; mu++) {
                double px = p[mu][0][i];
                double py = p[mu][1][i];
                double pz = p[mu][2][i];
                double mag = Math.sqrt(px * px + py * py + pz * pz);
                out.write("mu" + (mu + 1) + "_p", mag);
                out.write("mu" + (mu + 1) + "_theta", Math.acos(pz / mag));
                out.write("mu" + (mu + 1) + "_phi", Math.atan2(py, px));
            }
            out.write("extra_energy", t.extraEnergy()[i]);
            out.write("weight", t.weight()[i]);
            out.write("mu1_charge", t.charge1()[i]);
            out.write("mu2_charge", t.charge2()[i]);
            out.write("n_muons", t.nMuons()[i]);
            out.write("sample", t.sample(i));
        })) {
            for (int i = 0; i < t.size(); i++) {
                w.write(i);
            }
        }
        return target;
    }


    private static List<String> names(List<Path> paths) {
        return paths.stream().map(Path::toString).toList();
    }

    /** The local code path: EventReader, EventTable.concat and Selection.apply. */
    private static SelectionResult local(SelectionConfig cfg, List<Path> paths) {
        List<EventTable> tables = paths.stream().map(f -> EventReader.read(f, cfg.columns())).toList();
        return Selection.fromConfig(cfg).apply(EventTable.concat(tables));
    }

    private static void assertSameHistograms(Map<String, Histogram> expected, Map<String, Histogram> got) {
        assertEquals(expected.keySet(), Set.copyOf(got.keySet()));
        for (Map.Entry<String, Histogram> e : expected.entrySet()) {
            Histogram l = e.getValue();
            Histogram d = got.get(e.getKey());
            assertArrayEquals(l.contents(), d.contents(), 0.0, e.getKey() + " sums of weights");
            assertArrayEquals(l.sumw2(), d.sumw2(), 0.0, e.getKey() + " sums of squared weights");
            assertEquals(l.underflow(), d.underflow(), 0.0);
            assertEquals(l.overflow(), d.overflow(), 0.0);
            assertEquals(l.underflowSumw2(), d.underflowSumw2(), 0.0);
            assertEquals(l.overflowSumw2(), d.overflowSumw2(), 0.0);
        }
    }

    /** Cut flows equal step by step: cut names, event counts, sums of weights and of squared weights (exactly). */
    private static void assertSameCutFlow(CutFlow expected, CutFlow got, String what) {
        assertEquals(expected.steps().size(), got.steps().size(), what);
        for (int j = 0; j < expected.steps().size(); j++) {
            CutFlow.Step l = expected.steps().get(j);
            CutFlow.Step d = got.steps().get(j);
            assertEquals(l.cut(), d.cut(), what);
            assertEquals(l.events(), d.events(), what + " " + l.cut() + " events");
            assertEquals(l.sumWeights(), d.sumWeights(), 0.0, what + " " + l.cut() + " sum of weights");
            assertEquals(l.sumWeights2(), d.sumWeights2(), 0.0, what + " " + l.cut() + " sum of squared weights");
        }
    }

    private static SparkHistogrammer.Result onSpark(SelectionConfig cfg, List<Path> paths) {
        return new SparkHistogrammer(spark, cfg, cfg.histogram().binning().toBinning("test"))
                .apply(names(paths));
    }

    @Test
    void histogramsEqualTheLocalSelectionExactly() {
        SelectionConfig cfg = SelectionConfig.parse(CONFIG, false, "test");
        Binning b = cfg.histogram().binning().toBinning("test");
        Map<String, Histogram> expected = local(cfg, files).histograms(b, cfg.histogram().observable());
        Map<String, Histogram> got = onSpark(cfg, files).histograms();
        assertSameHistograms(expected, got);
        assertTrue(expected.values().stream().mapToDouble(Histogram::integral).sum() > 100,
                "the selection keeps a real number of events");
        assertTrue(spark.read().parquet(files.get(0).toString()).javaRDD().getNumPartitions() > 1,
                "files are split into several partitions");
    }

    @Test
    void cutFlowsEqualTheLocalSelectionExactly() {
        SelectionConfig cfg = SelectionConfig.parse(FULL_CONFIG, false, "full.yaml");
        SelectionResult expected = local(cfg, files);
        SparkHistogrammer.Result got = onSpark(cfg, files);
        assertEquals(9000, got.events());
        assertEquals(List.of("all", "two_muons", "opposite_charge", "muon_momentum", "muon_polar_angle", "extra_energy",
                "tau_suppression", "recoil_mass"), got.cutFlow().steps().stream().map(CutFlow.Step::cut).toList());
        assertSameCutFlow(expected.cutFlow(), got.cutFlow(), "all samples");
        assertEquals(Set.of("mumu", "tautau", "eemumu", "signal"), got.cutFlowBySample().keySet());
        assertEquals(expected.cutFlowBySample().keySet(), got.cutFlowBySample().keySet());
        expected.cutFlowBySample().forEach((s, f) -> assertSameCutFlow(f, got.cutFlowBySample().get(s), s));
        // every cut removes something, and "mumu" (in two files, so in two partitions) was merged
        for (int j = 1; j < got.cutFlow().steps().size(); j++) {
            assertTrue(got.cutFlow().steps().get(j).events() < got.cutFlow().steps().get(j - 1).events(),
                    got.cutFlow().format());
        }
        assertTrue(got.cutFlow().selected().events() > 50, got.cutFlow().format());
        CutFlow mumu0 = local(cfg, files.subList(0, 1)).cutFlowBySample().get("mumu");
        assertTrue(got.cutFlowBySample().get("mumu").step("all").events() > mumu0.step("all").events());
        // the histograms follow the same (deterministic) sample order as the cut flows
        assertEquals(List.copyOf(got.cutFlowBySample().keySet()), List.copyOf(got.histograms().keySet()));
        assertEquals(List.copyOf(got.histograms().keySet()), List.copyOf(onSpark(cfg, files).histograms().keySet()));
        Binning b = cfg.histogram().binning().toBinning("test");
        assertSameHistograms(expected.histograms(b, cfg.histogram().observable()), got.histograms());
    }

    @Test
    void selectionConfigSurvivesTheTripToTheExecutors() throws Exception {
        SelectionConfig cfg = SelectionConfig.parse(FULL_CONFIG, false, "full.yaml");
        // the executors get the config as JSON (written with the CLI's mapper) and parse it strictly
        assertEquals(cfg, SelectionConfig.parse(Json.mapper().writeValueAsString(cfg), true, "json"));
        SelectionConfig sph = SelectionConfig.parse(CONFIG + SPHERICAL_COLUMNS, false, "sph.yaml");
        assertEquals(sph, SelectionConfig.parse(Json.mapper().writeValueAsString(sph), true, "json"));
    }

    @Test
    void sphericalMomentumColumnsGiveTheCartesianResults() {
        SelectionConfig cart = SelectionConfig.parse(FULL_CONFIG.replace("columns: {weight: weight, sample: sample}\n",
                ""), false, "cartesian.yaml");
        SelectionConfig sph = SelectionConfig.parse(FULL_CONFIG.replace("columns: {weight: weight, sample: sample}\n",
                SPHERICAL_COLUMNS), false, "spherical.yaml");
        assertTrue(!sph.columns().muon1().cartesian() && !sph.columns().muon2().cartesian());
        // per event, the recoil mass from p/θ/φ agrees with the Cartesian one to rounding
        SelectionResult localCart = local(cart, files);
        SelectionResult localSph = local(sph, sphericalFiles);
        double[] m2c = localCart.recoilMass2();
        double[] m2s = localSph.recoilMass2();
        double[] mc = localCart.recoilMass();
        double[] ms = localSph.recoilMass();
        for (int i = 0; i < m2c.length; i++) {
            assertEquals(m2c[i], m2s[i], 1e-12 * Math.max(1, Math.abs(m2c[i])), "M_rec^2 of event " + i);
            assertEquals(mc[i], ms[i], 1e-12 * Math.max(1, Math.abs(mc[i])), "M_rec of event " + i);
        }
        SparkHistogrammer.Result gotCart = onSpark(cart, files);
        SparkHistogrammer.Result gotSph = onSpark(sph, sphericalFiles);
        // Spark converts p/θ/φ exactly as the local reader does: identical to the local spherical run
        assertSameCutFlow(localSph.cutFlow(), gotSph.cutFlow(), "spherical, local vs Spark");
        Binning b = sph.histogram().binning().toBinning("test");
        assertSameHistograms(localSph.histograms(b, sph.histogram().observable()), gotSph.histograms());
        // and (no event sits on a cut or bin edge) the same counts and histograms as the Cartesian columns
        assertSameCutFlow(gotCart.cutFlow(), gotSph.cutFlow(), "spherical vs Cartesian");
        gotCart.cutFlowBySample().forEach((s, f) -> assertSameCutFlow(f, gotSph.cutFlowBySample().get(s), s));
        assertSameHistograms(gotCart.histograms(), gotSph.histograms());
        assertTrue(gotSph.cutFlow().selected().events() > 50, gotSph.cutFlow().format());
    }

    @Test
    void anEmptyEventFileIsBadInputAsInTheLocalReader() {
        Path emptyDir = dir.resolve("empty-production");
        spark.read().parquet(files.get(0).toString()).limit(0).write().parquet(emptyDir.toString());
        SelectionConfig cfg = SelectionConfig.parse(CONFIG, false, "cfg.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> onSpark(cfg, List.of(files.get(0), emptyDir)));
        assertTrue(e.getMessage().contains("empty-production") && e.getMessage().contains("no events (0 rows)")
                && !e.getMessage().contains("events0"), e.getMessage());
    }

    @Test
    void missingThetaColumnIsBadInputNamingFileAndColumn() {
        SelectionConfig cfg = SelectionConfig.parse(CONFIG + SPHERICAL_COLUMNS.replace("theta: mu1_theta",
                "theta: mu1_th"), false, "sph.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> onSpark(cfg, sphericalFiles.subList(1, 2)));
        assertTrue(e.getMessage().contains("spherical1.parquet") && e.getMessage().contains("missing column 'mu1_th'"),
                e.getMessage());
    }

    @Test
    void polarAngleOutsideZeroPiIsBadInputNamingFileAndColumn() {
        // azimuths lie in (-π, π]: read as polar angles, a negative one is rejected by an executor
        SelectionConfig cfg = SelectionConfig.parse(CONFIG + SPHERICAL_COLUMNS.replace("theta: mu2_theta",
                "theta: mu2_phi"), false, "sph.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> onSpark(cfg, sphericalFiles.subList(2, 3)));
        assertTrue(e.getMessage().contains("spherical2.parquet") && e.getMessage().contains("column 'mu2_phi'")
                && e.getMessage().contains("outside [0, pi]"), e.getMessage());
    }

    @Test
    void badValueFoundInATaskIsBadInputNamingFileAndColumn() {
        // the extra energies are not integers: used as a charge column, an executor rejects them
        SelectionConfig cfg = SelectionConfig.parse(CONFIG + "columns: {charge1: extra_energy}\n", false, "cfg.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> onSpark(cfg, files.subList(1, 2)));
        assertTrue(e.getMessage().contains("events1.parquet") && e.getMessage().contains("'extra_energy'")
                && e.getMessage().contains("not an integer"), e.getMessage());
    }

    @Test
    void aFileWithoutTheMomentumColumnsIsNamedAmongGoodOnes() {
        // Cartesian config over a Cartesian and a p/theta/phi file: only the latter is named
        SelectionConfig cfg = SelectionConfig.parse(CONFIG, false, "cfg.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> onSpark(cfg, List.of(files.get(0), sphericalFiles.get(0))));
        assertTrue(e.getMessage().contains("spherical0.parquet") && e.getMessage().contains("mu1_px")
                && !e.getMessage().contains("events0.parquet"), e.getMessage());
    }

    @Test
    void missingColumnIsBadInputNamingIt() {
        SelectionConfig cfg = SelectionConfig.parse(CONFIG + "columns: {extra_energy: e_extra}\n", false, "cfg.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> onSpark(cfg, files.subList(0, 1)));
        assertTrue(e.getMessage().contains("events0.parquet") && e.getMessage().contains("'e_extra'"), e.getMessage());
    }

    /** Runs one command of {@link SparkCli} (local and Spark commands); returns its stdout. */
    private static String run(String... args) {
        TestSpark.Run r = TestSpark.run(args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
        return r.out();
    }

    private static String[] args(String command, Path cfg, Path out, List<Path> events, String... more) {
        List<String> a = new ArrayList<>(List.of(command, "--config", cfg.toString(), "--out", out.toString()));
        a.addAll(names(events));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** The blocks of a cut-flow printout (separated by blank lines), as a set: sample order may differ. */
    private static Set<String> blocks(String text) {
        return new HashSet<>(Arrays.asList(text.strip().split("\\R\\R")));
    }

    @Test
    void sparkHistogramNamesTheFilesOfAFolderAndAPatternAsTheLocalCommandDoes() throws Exception {
        Path folder = dir.resolve("folder");
        Files.createDirectories(folder);
        Files.copy(files.get(1), folder.resolve("b.parquet"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(files.get(0), folder.resolve("a.parquet"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path cfg = dir.resolve("full.yaml");
        Files.writeString(cfg, FULL_CONFIG);
        Path localOut = dir.resolve("local-folder.json");
        Path sparkOut = dir.resolve("spark-folder.json");
        List<String> given = List.of(folder.toString(), dir + "/events*.parquet");
        List<String> common = List.of("--config", cfg.toString(), "--json");
        List<String> l = new ArrayList<>(List.of("histogram", "--out", localOut.toString()));
        l.addAll(common);
        l.addAll(given);
        List<String> d = new ArrayList<>(List.of("spark-histogram", "--out", sparkOut.toString()));
        d.addAll(common);
        d.addAll(given);
        run(l.toArray(String[]::new));
        run(d.toArray(String[]::new));
        ObjectMapper mapper = new ObjectMapper();
        JsonNode local = mapper.readTree(localOut.toFile()).get("inputs");
        JsonNode spark = mapper.readTree(sparkOut.toFile()).get("inputs");
        List<String> expected = List.of(folder.resolve("a.parquet").toString(), folder.resolve("b.parquet").toString(),
                files.get(0).toString(), files.get(1).toString(), files.get(2).toString());
        assertEquals(expected, mapper.convertValue(local, List.class));
        assertEquals(local, spark);
        // and the printed table counts the files, not the arguments
        String table = run("spark-histogram", "--out", sparkOut.toString(), "--config", cfg.toString(), given.get(0),
                given.get(1));
        assertTrue(table.startsWith("Cut flow, all samples (15000 events from 5 files):"), table);
    }

    @Test
    void sparkHistogramWritesAndPrintsWhatTheLocalHistogramCommandDoes() throws Exception {
        Path cfg = dir.resolve("full.yaml");
        Files.writeString(cfg, FULL_CONFIG);
        Path localOut = dir.resolve("local.json");
        Path sparkOut = dir.resolve("spark.json");
        String localText = run(args("histogram", cfg, localOut, files));
        String sparkText = run(args("spark-histogram", cfg, sparkOut, files));

        ObjectMapper mapper = new ObjectMapper();
        JsonNode l = mapper.readTree(localOut.toFile());
        JsonNode d = mapper.readTree(sparkOut.toFile());
        List<String> keys = new ArrayList<>();
        l.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("observable", "unit", "sqrt_s", "beams", "inputs", "cutflow", "histograms"), keys);
        for (String k : keys) {
            // ObjectNode equality ignores key order (the sample order of the two runs may differ), not values
            assertEquals(l.get(k), d.get(k), k);
        }
        assertEquals(Set.of("total", "samples"), fieldNames(d.get("cutflow")));
        assertEquals(Set.of("mumu", "tautau", "eemumu", "signal"), fieldNames(d.get("cutflow").get("samples")));
        assertEquals(l.get("cutflow").get("total").get(0).get("events").asLong(), 9000);
        Map<String, Histogram> lh = HistogramJson.readSet(localOut);
        Map<String, Histogram> dh = HistogramJson.readSet(sparkOut);
        assertEquals(lh.keySet(), dh.keySet());
        lh.forEach((k, h) -> assertEquals(h, dh.get(k), k));

        // the printed cut-flow tables are the same, block for block, up to the output file's name
        assertEquals(blocks(localText.replace(localOut.toString(), "OUT")),
                blocks(sparkText.replace(sparkOut.toString(), "OUT")));
        assertTrue(sparkText.startsWith("Cut flow, all samples (9000 events from 3 files):"), sparkText);

        // --json summaries: every field of the local one, with equal values but for the output file
        JsonNode ls = mapper.readTree(run(args("histogram", cfg, localOut, files, "--json")));
        JsonNode ds = mapper.readTree(run(args("spark-histogram", cfg, sparkOut, files, "--json")));
        Iterator<String> it = ls.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            assertTrue(ds.has(k), k);
            if (!k.equals("out")) {
                assertEquals(ls.get(k), ds.get(k), k);
            }
        }
        assertEquals(sparkOut.toString(), ds.get("out").asText());
        assertEquals(9000, ds.get("events").asLong());
        assertEquals(ds.get("selected").asLong(), ds.get("cutflow").get("total").get(7).get("events").asLong());
        assertTrue(ds.get("selected").asLong() > 50);
        assertEquals(dh.get("signal").integral(), ds.get("selected_weight").get("signal").asDouble(), 0.0);

        // --bins/--range override the config's binning in both commands
        run(args("histogram", cfg, localOut, files, "--bins", "7", "--range", "-10,90"));
        run(args("spark-histogram", cfg, sparkOut, files, "--bins", "7", "--range", "-10,90"));
        Map<String, Histogram> lb = HistogramJson.readSet(localOut);
        Map<String, Histogram> db = HistogramJson.readSet(sparkOut);
        assertEquals(7, db.get("mumu").binning().nBins());
        assertEquals(-10.0, db.get("mumu").binning().lo());
        lb.forEach((k, h) -> assertEquals(h, db.get(k), k));
    }

    /**
     * Event files whose weights span many orders of magnitude, some negative, so that plain
     * floating-point sums depend on the order and grouping of the additions.
     */
    private static List<Path> writeMixedWeightFiles(Path folder) throws IOException {
        Files.createDirectories(folder);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2024L);
        String[][] samples = {{"mumu", "tautau"}, {"tautau", "eemumu", "mumu"}, {"signal", "mumu"}, {"eemumu"}};
        List<Path> out = new ArrayList<>();
        for (int f = 0; f < samples.length; f++) {
            EventTable.Builder b = EventTable.builder();
            for (int i = 0; i < 2500 + 700 * f; i++) {
                double w = Math.scalb(rng.nextDouble(), rng.nextInt(41) - 20) * (rng.nextInt(10) == 0 ? -1 : 1);
                b.add(rng.nextDouble(-3, 3), rng.nextDouble(-3, 3), rng.nextDouble(-1.5, 5), rng.nextBoolean() ? 1 : -1,
                        rng.nextDouble(-3, 3), rng.nextDouble(-3, 3), rng.nextDouble(-1.5, 5), rng.nextBoolean() ? 1 : -1,
                        rng.nextInt(10) == 0 ? 3 : 2, rng.nextDouble(0, 0.6), w, samples[f][rng.nextInt(samples[f].length)]);
            }
            Path p = folder.resolve("mixed" + f + ".parquet");
            EventWriter.writeParquet(b.build(), p);
            out.add(p);
        }
        return out;
    }

    @Test
    void sparkHistogramWritesTheLocalJsonByteForByteWhateverThePartitioning() throws Exception {
        List<Path> mixed = writeMixedWeightFiles(dir.resolve("mixed"));
        Path cfg = dir.resolve("mixed.yaml");
        Files.writeString(cfg, CONFIG);
        Path localOut = dir.resolve("mixed-local.json");
        run(args("histogram", cfg, localOut, mixed, "--threads", "2"));
        String local = Files.readString(localOut);
        // the same events grouped differently: one thread, so one chunk after the other
        run(args("histogram", cfg, localOut, mixed, "--threads", "1"));
        assertEquals(local, Files.readString(localOut), "local, 1 vs 2 threads");

        // plain double sums of the weights of all events, per file then merged: not the same as in one go
        SelectionConfig c = SelectionConfig.parse(Files.readString(cfg), false, "mixed.yaml");
        double perFile = 0;
        double inOneGo = 0;
        for (Path f : mixed) {
            double s = 0;
            for (double w : EventReader.read(f, c.columns()).weight()) {
                s += w;
                inOneGo += w;
            }
            perFile += s;
        }
        assertTrue(perFile != inOneGo, "the weights are such that the grouping of plain sums matters");

        String before = spark.conf().get("spark.sql.files.maxPartitionBytes");
        try {
            Set<Integer> partitionCounts = new HashSet<>();
            for (String bytes : List.of("20000", "45000", "1000000")) {
                spark.conf().set("spark.sql.files.maxPartitionBytes", bytes);
                partitionCounts.add(spark.read().parquet(names(mixed).toArray(String[]::new)).javaRDD()
                        .getNumPartitions());
                Path sparkOut = dir.resolve("mixed-spark-" + bytes + ".json");
                run(args("spark-histogram", cfg, sparkOut, mixed));
                assertEquals(local, Files.readString(sparkOut), "spark-histogram, maxPartitionBytes " + bytes);
            }
            assertTrue(partitionCounts.size() == 3, "three different partitionings: " + partitionCounts);
        } finally {
            spark.conf().set("spark.sql.files.maxPartitionBytes", before);
        }
        JsonNode total = new ObjectMapper().readTree(local).get("cutflow").get("total");
        assertTrue(total.get(total.size() - 1).get("events").asLong() > 50, local);
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }
}
