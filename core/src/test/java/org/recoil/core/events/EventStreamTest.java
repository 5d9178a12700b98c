package org.recoil.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.selection.CutFlow;
import org.recoil.core.selection.Observable;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionAccumulator;
import org.recoil.core.selection.SelectionResult;
import org.recoil.core.sim.DetectorSmearing;
import org.recoil.core.sim.PseudoDataMode;
import org.recoil.core.sim.SyntheticDataset;
import org.recoil.core.sim.SyntheticDatasetConfig;

/**
 * The streaming reader gives the events of the whole-table path bit for bit: the same table, and
 * the same histograms and cut flows whatever the part size, chunk size and thread count, for CSV
 * and Parquet alike.
 */
class EventStreamTest {

    @TempDir
    static Path dir;
    private static EventTable events;
    private static Path csv;
    private static Path parquet;
    private static final Binning BINNING = Binning.uniform(60, -10, 50);

    @BeforeAll
    static void write() {
        SyntheticDatasetConfig cfg = new SyntheticDatasetConfig(20.0, 11L, 20000, 5000, 5000, 100, List.of(),
                PseudoDataMode.FROM_TEMPLATES);
        events = SyntheticDataset.generate(cfg, BeamConfiguration.belle2(), DetectorSmearing.belle2())
                .backgroundTable();
        csv = dir.resolve("events.csv");
        parquet = dir.resolve("events.parquet");
        EventWriter.write(events, csv);
        EventWriter.write(events, parquet);
    }

    private static Selection selection() {
        return Selection.fromConfig(SyntheticDataset.defaultSelection());
    }

    private record Summary(Map<String, Histogram> histograms, CutFlow cutFlow, Map<String, CutFlow> bySample,
                           long events) {
    }

    private static Summary stream(List<Path> files, int threads, int partBytes, int chunkRows) {
        Selection sel = selection();
        SelectionAccumulator acc = new SelectionAccumulator(sel.cutNames(), BINNING, Observable.RECOIL_MASS_SQUARED,
                SelectionAccumulator.Keep.NONE);
        List<EventStream.Source> sources = files.stream()
                .map(f -> EventStream.Source.of(f, ColumnMapping.defaults())).toList();
        EventStream.forEach(sources, threads, partBytes, chunkRows, sel::apply, (info, r) -> acc.add(r));
        return new Summary(acc.histograms(), acc.cutFlow(), acc.cutFlowBySample(), acc.events());
    }

    /** The CSV fast path's numbers equal Java's parser's, for every kind of number text (and the general path's). */
    @Test
    void csvNumbersEqualJavasParserBitForBit() throws IOException {
        java.util.Random rnd = new java.util.Random(5);
        List<String> texts = new ArrayList<>(List.of("0", "-0", "-0.0", "+5", "1.", ".5", "0.1", "1e22", "1e23", "1E-22",
                "1e-23", "9007199254740992", "9007199254740993", "123456789012345678", "1234567890123456789012",
                "4.9e-324", "1.7976931348623157E308", "2.2250738585072014E-308", "0.000001234", "3.0E-4",
                "123.456e-5", "7d", "0x1p3", "1.0000000000000000000000001", "12345678901234567.5"));
        for (int i = 0; i < 300; i++) {
            // half-way cases (ties to even) with 17 digits, and 17/18-digit decimals near 1
            texts.add((4503599627370496L + rnd.nextInt(1 << 30)) + ".5");
            texts.add(String.format(java.util.Locale.ROOT, "%.17f", rnd.nextDouble()));
            texts.add(String.format(java.util.Locale.ROOT, "%.16f", 10 * rnd.nextDouble()));
            texts.add(Double.toString(Math.nextUp(1.0 + i * 0x1p-40)));
        }
        for (int i = 0; i < 3000; i++) {
            double x = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(40) - 20);
            texts.add(Double.toString(x));
            texts.add(String.format(java.util.Locale.ROOT, "%." + rnd.nextInt(18) + "f", x));
            texts.add(String.format(java.util.Locale.ROOT, "%." + rnd.nextInt(18) + "e", x));
        }
        StringBuilder plain = new StringBuilder("mu1_px,mu1_py,mu1_pz,mu1_charge,mu2_px,mu2_py,mu2_pz,mu2_charge,"
                + "extra_energy\n");
        StringBuilder odd = new StringBuilder(plain);
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            plain.append(t).append(",1,2,1,3,4,5,-1,0.5\n");
            odd.append(i % 2 == 0 ? "\"" + t + "\"" : " " + t + " ").append(",1,2,1,3,4,5,-1,0.5\r\n");
        }
        for (StringBuilder content : List.of(plain, odd)) {
            Path f = dir.resolve("numbers.csv");
            Files.writeString(f, content);
            double[] px = EventStream.readAll(EventStream.Source.of(f, ColumnMapping.defaults())).mu1Px();
            assertEquals(texts.size(), px.length);
            for (int i = 0; i < px.length; i++) {
                double want = Double.parseDouble(texts.get(i));
                assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(px[i]), texts.get(i));
            }
        }
    }

    @Test
    void readersReturnTheWrittenEventsExactly() {
        assertEquals(events, EventReader.read(csv));
        assertEquals(events, EventReader.read(parquet));
        // in many small parts and chunks, on several threads
        List<EventTable> chunks = new ArrayList<>();
        EventStream.forEach(List.of(EventStream.Source.of(csv, ColumnMapping.defaults())), 3, 50_000, 1000,
                t -> t, (info, t) -> chunks.add(t));
        assertTrue(chunks.size() > 10, "parts: " + chunks.size());
        assertEquals(events, EventTable.concat(chunks));
    }

    @Test
    void histogramsAndCutFlowsEqualTheWholeTableBitForBit() {
        SelectionResult whole = selection().apply(events);
        Map<String, Histogram> expected = whole.histograms(BINNING, Observable.RECOIL_MASS_SQUARED);
        assertTrue(expected.values().stream().mapToDouble(Histogram::integral).sum() > 0);
        for (Path f : List.of(csv, parquet)) {
            for (int threads : new int[] {1, 2, 4}) {
                Summary s = stream(List.of(f), threads, 30_000, 777);
                assertEquals(expected, s.histograms(), f + " with " + threads + " threads");
                assertEquals(whole.cutFlow(), s.cutFlow());
                assertEquals(whole.cutFlowBySample(), s.bySample());
                assertEquals(events.size(), s.events());
            }
        }
        // CSV and Parquet of the same events, default sizes: identical
        assertEquals(stream(List.of(csv), 2, EventStream.CSV_PART_BYTES, EventStream.CHUNK_ROWS),
                stream(List.of(parquet), 2, EventStream.CSV_PART_BYTES, EventStream.CHUNK_ROWS));
        // several files: as their concatenation
        SelectionResult twice = selection().apply(EventTable.concat(List.of(events, events)));
        assertEquals(twice.histograms(BINNING, Observable.RECOIL_MASS_SQUARED),
                stream(List.of(csv, parquet), 2, 40_000, 5000).histograms());
    }

    @Test
    void anErrorInALaterPartNamesTheFileRow() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        int row = 4321;
        String[] v = lines.get(row).split(",", -1);
        v[5] = "abc";
        lines.set(row, String.join(",", v));
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, lines);
        for (int threads : new int[] {1, 3}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventStream.forEach(
                    List.of(EventStream.Source.of(bad, ColumnMapping.defaults())), threads, 20_000, 1000, t -> t,
                    (info, t) -> { }));
            assertEquals(bad + ": column 'mu2_py', row " + row + ": not a number ('abc')", e.getMessage());
        }
    }

    @Test
    void missingColumnsListTheFilesOwnHeaderAndRootIsRefused() throws IOException {
        Path f = dir.resolve("extra.csv");
        Files.writeString(f, "run,mu1_px,mu1_py,mu1_pz,mu1_charge,mu2_px,mu2_py,mu2_charge,event_id\n1,1,2,3,1,1,2,-1,7\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventReader.read(f));
        assertEquals(f + ": missing columns 'mu2_pz', 'extra_energy' (columns present: run, mu1_px, mu1_py, mu1_pz,"
                + " mu1_charge, mu2_px, mu2_py, mu2_charge, event_id)", e.getMessage());
        Path root = dir.resolve("ntuple.root");
        Files.writeString(root, "root");
        InvalidInputException r = assertThrows(InvalidInputException.class, () -> EventReader.read(root));
        assertTrue(r.getMessage().startsWith(root + ": ROOT files are not read directly; convert the TTree to"
                + " Parquet"), r.getMessage());
    }
}
