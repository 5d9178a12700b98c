package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.events.EventTable;
import org.recoil.core.events.EventWriter;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.hist.HistogramJson;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.kinematics.FourVector;
import org.recoil.core.kinematics.RecoilMass;
import org.recoil.core.physics.PhysicsConstants;
import picocli.CommandLine;

class HistogramCommandTest {
    private static final double M = PhysicsConstants.MUON_MASS;

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = RecoilCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Three CM-frame events (sqrt(s) = 10): two signal-like with known recoil masses, one with the same charges. */
    private Path writeEvents(String name) {
        EventTable t = EventTable.builder()
                .add(FourVector.fromMassAndMomentum(M, 1, 0.5, 2), 1, FourVector.fromMassAndMomentum(M, -0.5, 1, -1.5), -1,
                        0.1, 0.5, "signal")
                .add(FourVector.fromMassAndMomentum(M, 0.6, 0.1, 0.5), -1, FourVector.fromMassAndMomentum(M, 0.5, 0.7, -0.3), 1,
                        0.1, 2.0, "mumu")
                .add(FourVector.fromMassAndMomentum(M, 1, 0, 1), 1, FourVector.fromMassAndMomentum(M, -1, 0, 1), 1, 0.0,
                        1.0, "mumu")
                .build();
        Path f = dir.resolve(name);
        EventWriter.write(t, f);
        return f;
    }

    private Path writeConfig(String text) throws IOException {
        Path c = dir.resolve("cfg.yaml");
        Files.writeString(c, text);
        return c;
    }

    @Test
    void writesHistogramsAndPrintsCutFlow() throws IOException {
        Path events = writeEvents("ev.csv");
        Path cfg = writeConfig("""
                beams: {sqrt_s: 10}
                cuts:
                  max_extra_energy: 0.4
                histogram:
                  observable: recoil_mass
                  binning: {bins: 10, lo: 0, hi: 10}
                """);
        Path out = dir.resolve("hists.json");
        Run r = run("histogram", events.toString(), "--config", cfg.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Cut flow, all samples (3 events from 1 file)"), r.out());
        assertTrue(r.out().contains("opposite_charge"), r.out());
        assertTrue(r.out().contains("Sample mumu:"), r.out());

        RecoilMass rm = new RecoilMass(BeamConfiguration.symmetric(10));
        double m0 = rm.recoilMass(FourVector.fromMassAndMomentum(M, 1, 0.5, 2), FourVector.fromMassAndMomentum(M, -0.5, 1, -1.5));
        double m1 = rm.recoilMass(FourVector.fromMassAndMomentum(M, 0.6, 0.1, 0.5),
                FourVector.fromMassAndMomentum(M, 0.5, 0.7, -0.3));
        Map<String, Histogram> h = HistogramJson.readSet(out);
        assertEquals(List.of("signal", "mumu"), List.copyOf(h.keySet()));
        Binning b = Binning.uniform(10, 0, 10);
        assertEquals(0.5, h.get("signal").content(b.findBin(m0)));
        assertEquals(0.25, h.get("signal").sumw2(b.findBin(m0)));
        assertEquals(2.0, h.get("mumu").content(b.findBin(m1)));
        assertEquals(2.0, h.get("mumu").integral());

        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertEquals("recoil_mass", doc.get("observable").asText());
        assertEquals("GeV", doc.get("unit").asText());
        assertEquals(10.0, doc.get("sqrt_s").asDouble(), 1e-12);
        JsonNode total = doc.get("cutflow").get("total");
        assertEquals("all", total.get(0).get("cut").asText());
        assertEquals(3.5, total.get(0).get("sum_weights").asDouble());
        assertEquals("opposite_charge", total.get(2).get("cut").asText());
        assertEquals(2, total.get(2).get("events").asInt());
        assertEquals(2.5, total.get(3).get("sum_weights").asDouble());
        assertEquals(1, doc.get("cutflow").get("samples").get("mumu").get(3).get("events").asInt());
    }

    @Test
    void commandLineBinningOverridesAndJsonSummary() throws IOException {
        Path a = writeEvents("a.parquet");
        Path out = dir.resolve("h2.json");
        Path cfg = writeConfig("beams: {sqrt_s: 10}\nhistogram: {observable: recoil_mass_squared}\n");
        Run r = run("histogram", a.toString(), "--config", cfg.toString(), "--out", out.toString(), "--bins", "4",
                "--range", "-10,90", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = new ObjectMapper().readTree(r.out());
        assertEquals(3, summary.get("events").asInt());
        assertEquals(2, summary.get("selected").asInt());
        assertEquals("recoil_mass_squared", summary.get("observable").asText());
        Map<String, Histogram> h = HistogramJson.readSet(out);
        assertEquals(Binning.uniform(4, -10, 90), h.get("signal").binning());
        assertEquals(0.5, h.get("signal").integral());
    }

    @Test
    void badInputGivesExitTwoAndNoOutput() throws IOException {
        Path events = writeEvents("ev.csv");
        Path out = dir.resolve("never.json");
        Path goodCfg = writeConfig("beams: {sqrt_s: 10}\n");
        // no binning anywhere
        Run r = run("histogram", events.toString(), "--config", goodCfg.toString(), "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no binning"), r.err());
        // malformed range, lonely --bins
        assertEquals(2, run("histogram", events.toString(), "--out", out.toString(), "--bins", "4", "--range", "0;1").exit());
        assertEquals(2, run("histogram", events.toString(), "--out", out.toString(), "--bins", "4").exit());
        assertEquals(2, run("histogram", events.toString(), "--out", out.toString(), "--bins", "0", "--range", "0,1").exit());
        // missing event file
        r = run("histogram", dir.resolve("missing.csv").toString(), "--out", out.toString(), "--bins", "4", "--range", "0,1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("missing.csv: no such file"), r.err());
        // unknown config key
        Path badCfg = dir.resolve("bad.yaml");
        Files.writeString(badCfg, "cuts: {max_extra: 1}\n");
        r = run("histogram", events.toString(), "--config", badCfg.toString(), "--out", out.toString(), "--bins", "4",
                "--range", "0,1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown key 'max_extra' in 'cuts'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one-line error: " + r.err());
        // missing --out is a usage error
        assertEquals(2, run("histogram", events.toString()).exit());
        // output directory does not exist
        r = run("histogram", events.toString(), "--out", dir.resolve("nodir/x.json").toString(), "--bins", "4", "--range",
                "0,1");
        assertEquals(2, r.exit());
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    /** Momenta in MeV put every selected event outside the histogram: bad input, not an empty histogram. */
    @Test
    void eventsOutsideTheRangeAreBadInput() throws IOException {
        EventTable t = EventTable.builder()
                .add(FourVector.fromMassAndMomentum(M, 1000, 500, 2000), 1,
                        FourVector.fromMassAndMomentum(M, -500, 1000, -1500), -1, 100, 1.0, "mumu")
                .add(FourVector.fromMassAndMomentum(M, 600, 100, 500), -1,
                        FourVector.fromMassAndMomentum(M, 500, 700, -300), 1, 100, 1.0, "mumu")
                .build();
        Path f = dir.resolve("mev.csv");
        EventWriter.write(t, f);
        Path out = dir.resolve("mev.json");
        Path cfg = writeConfig("beams: {sqrt_s: 10}\nhistogram: {observable: recoil_mass, binning: {bins: 10, lo: 0,"
                + " hi: 10}}\n");
        Run r = run("histogram", f.toString(), "--config", cfg.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("histogram range [0, 10) GeV of recoil_mass: only 0 of 2 selected events lie"
                + " inside") && r.err().contains("momenta in MeV?"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }

    /** A directory and a glob name the same files as listing them. */
    @Test
    void directoriesAndGlobsAreExpanded() throws IOException {
        Files.createDirectories(dir.resolve("ev"));
        Path a = writeEvents("ev/a.csv");
        Path b = writeEvents("ev/b.parquet");
        Files.writeString(dir.resolve("ev/notes.txt"), "not events");
        String cfg = writeConfig("beams: {sqrt_s: 10}\nhistogram: {observable: recoil_mass, binning: {bins: 10, lo: 0,"
                + " hi: 10}}\n").toString();
        Path listed = dir.resolve("listed.json");
        Path fromDir = dir.resolve("dir.json");
        Path fromGlob = dir.resolve("glob.json");
        assertEquals(0, run("histogram", a.toString(), b.toString(), "--config", cfg, "--out", listed.toString()).exit());
        Run d = run("histogram", dir.resolve("ev").toString(), "--config", cfg, "--out", fromDir.toString());
        assertEquals(0, d.exit(), d.err());
        assertTrue(d.out().contains("6 events from 2 files"), d.out());
        assertEquals(0, run("histogram", dir.resolve("ev").toString() + "/*.{csv,parquet}", "--config", cfg, "--out",
                fromGlob.toString()).exit());
        assertEquals(HistogramJson.readSet(listed), HistogramJson.readSet(fromDir));
        assertEquals(HistogramJson.readSet(listed), HistogramJson.readSet(fromGlob));
        Run none = run("histogram", dir.resolve("ev").toString() + "/*.pq", "--config", cfg, "--out",
                fromGlob.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no file matches"), none.err());
    }

    @Test
    void eventsSplitIntoSeveralFilesGiveTheSameJsonByteForByte() throws IOException {
        // weights over 12 orders of magnitude, some negative: plain sums depend on the grouping
        org.apache.commons.rng.UniformRandomProvider rng =
                org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        int n = 12_000;
        EventTable.Builder whole = EventTable.builder();
        int[] cuts = {0, 1700, 5200, 5201, 9000, n};
        EventTable.Builder[] parts = new EventTable.Builder[cuts.length - 1];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = EventTable.builder();
        }
        String[] samples = {"mumu", "tautau", "signal"};
        double plainWhole = 0;
        double[] plainParts = new double[parts.length];
        for (int i = 0, p = 0; i < n; i++) {
            while (i >= cuts[p + 1]) {
                p++;
            }
            double w = Math.scalb(rng.nextDouble(), rng.nextInt(41) - 20) * (rng.nextInt(8) == 0 ? -1 : 1);
            double[] v = {rng.nextDouble(-3, 3), rng.nextDouble(-3, 3), rng.nextDouble(-1.5, 5), rng.nextDouble(-3, 3),
                rng.nextDouble(-3, 3), rng.nextDouble(-1.5, 5), rng.nextDouble(0, 0.6)};
            int q1 = rng.nextBoolean() ? 1 : -1;
            int q2 = rng.nextBoolean() ? 1 : -1;
            String sample = samples[i < samples.length ? i : rng.nextInt(samples.length)];
            for (EventTable.Builder b : List.of(whole, parts[p])) {
                b.add(v[0], v[1], v[2], q1, v[3], v[4], v[5], q2, 2, v[6], w, sample);
            }
            plainWhole += w;
            plainParts[p] += w;
        }
        double plainMerged = 0;
        for (double s : plainParts) {
            plainMerged += s;
        }
        assertTrue(plainWhole != plainMerged, "plain sums depend on the grouping for these weights");
        Path one = dir.resolve("one");
        Path split = dir.resolve("split");
        Files.createDirectories(one);
        Files.createDirectories(split);
        EventWriter.writeParquet(whole.build(), one.resolve("all.parquet"));
        for (int p = 0; p < parts.length; p++) {
            // CSV and Parquet mixed: the reader does not matter either
            EventWriter.write(parts[p].build(), split.resolve("part" + p + (p % 2 == 0 ? ".parquet" : ".csv")));
        }
        Path cfg = writeConfig("""
                beams: belle2
                cuts:
                  max_extra_energy: 0.4
                  recoil_mass: {min: -1.0, max: 9.0}
                histogram:
                  observable: recoil_mass
                  binning: {bins: 40, lo: -1.0, hi: 9.0}
                """);
        Path outOne = dir.resolve("one.json");
        assertEquals(0, run("histogram", "--config", cfg.toString(), "--out", outOne.toString(), one.toString()).exit());
        String expected = afterInputs(Files.readString(outOne));
        for (String threads : List.of("1", "3")) {
            Path outSplit = dir.resolve("split" + threads + ".json");
            Run r = run("histogram", "--config", cfg.toString(), "--out", outSplit.toString(), "--threads", threads,
                    split.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(expected, afterInputs(Files.readString(outSplit)), threads + " threads");
        }
        assertTrue(expected.contains("\"signal\"") && expected.contains("sum_weights2"), expected);
    }

    /** The output document from its cut flow on (the list of inputs before it differs). */
    private static String afterInputs(String json) {
        int i = json.indexOf("\"cutflow\"");
        assertTrue(i > 0, json);
        return json.substring(i);
    }
}
