package org.recoil.core.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blue.strategic.parquet.Dehydrator;
import blue.strategic.parquet.ParquetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;
import org.recoil.core.io.AtomicFiles;
import org.recoil.core.kinematics.FourVector;
import org.recoil.core.physics.PhysicsConstants;

class EventTableIoTest {
    private static final String HEADER = "mu1_px,mu1_py,mu1_pz,mu1_charge,mu2_px,mu2_py,mu2_pz,mu2_charge,extra_energy";

    @TempDir
    Path dir;

    private static EventTable randomTable(long seed, int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        EventTable.Builder b = EventTable.builder();
        String[] samples = {"signal_m1.0", "mumu", "tau tau, both to mu"};
        for (int i = 0; i < n; i++) {
            b.add(rng.nextDouble() * 8 - 4, rng.nextDouble() / 3, -rng.nextDouble() * 1e-7, rng.nextBoolean() ? 1 : -1,
                    rng.nextDouble() * 3, -0.0, rng.nextDouble() * 5 - 1, rng.nextBoolean() ? 1 : -1, 2 + rng.nextInt(2),
                    rng.nextDouble() * 0.7, rng.nextDouble() * 2 - 0.2, samples[rng.nextInt(3)]);
        }
        return b.build();
    }

    @Test
    void csvRoundTripIsExact() {
        EventTable t = randomTable(1L, 500);
        Path f = dir.resolve("events.csv");
        EventWriter.write(t, f);
        EventTable back = EventReader.read(f);
        assertEquals(t, back);
        assertEquals(t.samples(), back.samples());
    }

    @Test
    void parquetRoundTripIsExact() {
        EventTable t = randomTable(2L, 700);
        Path f = dir.resolve("events.parquet");
        EventWriter.write(t, f);
        EventTable back = EventReader.read(f);
        assertEquals(t, back);
        assertArrayEquals(t.nMuons(), back.nMuons());
    }

    @Test
    void optionalColumnsTakeDefaults() throws IOException {
        Path f = dir.resolve("mumu_bkg.csv");
        Files.writeString(f, HEADER + "\n1,0,2,1,-1,0,-2,-1,0.1\n0.5,0.5,0,-1,0,0,1,1,0\n");
        EventTable t = EventReader.read(f);
        assertEquals(2, t.size());
        assertEquals(List.of("mumu_bkg"), t.samples());
        assertArrayEquals(new double[] {1, 1}, t.weight());
        assertArrayEquals(new int[] {2, 2}, t.nMuons());
        assertArrayEquals(new int[] {1, -1}, t.charge1());
        assertArrayEquals(new double[] {0.1, 0}, t.extraEnergy());
        assertEquals("data", EventReader.read(f, ColumnMapping.defaults(), "data").sample(1));
        FourVector mu = t.muon1(0);
        assertEquals(Math.sqrt(5 + PhysicsConstants.MUON_MASS * PhysicsConstants.MUON_MASS), mu.e(), 1e-15);
    }

    @Test
    void sphericalMomentaAndRenamedColumns() throws IOException {
        Path f = dir.resolve("sph.csv");
        double p1 = 3.2;
        double t1 = 0.7;
        double f1 = -2.1;
        double p2 = 1.1;
        double t2 = 2.9;
        double f2 = 0.4;
        Files.writeString(f, "P1,TH1,PH1,Q1,P2,TH2,PH2,Q2,EX,W,N,S\n" + p1 + "," + t1 + "," + f1 + ",1," + p2 + "," + t2
                + "," + f2 + ",-1,0.25,0.5,3,data\n");
        ColumnMapping m = new ColumnMapping(MuonColumns.spherical("P1", "TH1", "PH1"),
                MuonColumns.spherical("P2", "TH2", "PH2"), "Q1", "Q2", "EX", "W", "N", "S");
        EventTable t = EventReader.read(f, m);
        FourVector expected1 = FourVector.fromPThetaPhi(PhysicsConstants.MUON_MASS, p1, t1, f1);
        FourVector expected2 = FourVector.fromPThetaPhi(PhysicsConstants.MUON_MASS, p2, t2, f2);
        assertEquals(expected1.px(), t.mu1Px()[0], 1e-15);
        assertEquals(expected1.py(), t.mu1Py()[0], 1e-15);
        assertEquals(expected1.pz(), t.mu1Pz()[0], 1e-15);
        assertEquals(expected2.px(), t.mu2Px()[0], 1e-15);
        assertEquals(expected2.pz(), t.mu2Pz()[0], 1e-15);
        assertEquals(0.5, t.weight()[0]);
        assertEquals(3, t.nMuons()[0]);
        assertEquals("data", t.sample(0));
        assertEquals(-1, t.charge2()[0]);
    }

    private static void assertInvalid(String expectedMessage, Path file, ColumnMapping m) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventReader.read(file, m));
        assertEquals(expectedMessage, e.getMessage());
    }

    private static void assertInvalidContains(String fragment, Path file) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    private Path csv(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void csvErrorsNameFileColumnAndRow() throws IOException {
        ColumnMapping d = ColumnMapping.defaults();
        Path missing = csv("missing.csv", "mu1_px,mu1_py,mu1_pz,mu1_charge,mu2_px,mu2_py,mu2_charge\n1,2,3,1,1,2,-1\n");
        assertInvalid(missing + ": missing columns 'mu2_pz', 'extra_energy' (columns present: mu1_px, mu1_py, mu1_pz, "
                + "mu1_charge, mu2_px, mu2_py, mu2_charge)", missing, d);
        Path nonNumeric = csv("text.csv", HEADER + "\n1,0,2,1,-1,0,-2,-1,0.1\n1,0,2,1,-1,abc,-2,-1,0.1\n");
        assertInvalidContains("column 'mu2_py', row 2: not a number", nonNumeric);
        Path empty = csv("emptycell.csv", HEADER + "\n1,0,2,1,-1,0,-2,-1,0.1\n1,0,2,1,-1,0,-2,-1,0.1\n1,0,,1,-1,0,-2,-1,0.1\n");
        assertInvalid(empty + ": column 'mu1_pz', row 3: missing or NaN value", empty, d);
        Path nan = csv("nan.csv", HEADER + "\n1,0,2,1,NaN,0,-2,-1,0.1\n");
        assertInvalid(nan + ": column 'mu2_px', row 1: missing or NaN value", nan, d);
        Path inf = csv("inf.csv", HEADER + "\n1,0,2,1,1,0,-2,-1,Infinity\n");
        assertInvalid(inf + ": column 'extra_energy', row 1: infinite value Infinity", inf, d);
        Path charge = csv("charge.csv", HEADER + "\n1,0,2,0.5,1,0,-2,-1,0\n");
        assertInvalid(charge + ": column 'mu1_charge', row 1: value 0.5 is not an integer", charge, d);
        Path negExtra = csv("extra.csv", HEADER + "\n1,0,2,1,1,0,-2,-1,0\n1,0,2,1,1,0,-2,-1,-0.2\n");
        assertInvalid(negExtra + ": column 'extra_energy', row 2: extra energy -0.2 is negative", negExtra, d);
        Path nMu = csv("nmu.csv", HEADER + ",n_muons\n1,0,2,1,1,0,-2,-1,0,-1\n");
        assertInvalid(nMu + ": column 'n_muons', row 1: value -1.0 is negative", nMu, d);
        Path blankSample = csv("blank.csv", HEADER + ",sample\n1,0,2,1,1,0,-2,-1,0,a\n1,0,2,1,1,0,-2,-1,0,\n");
        assertInvalid(blankSample + ": column 'sample', row 2: missing sample name", blankSample, d);
        Path zero = csv("zero.csv", "");
        assertInvalid(zero + ": file is empty", zero, d);
        Path headerOnly = csv("header.csv", HEADER + "\n");
        assertInvalid(headerOnly + ": no events (only a header line)", headerOnly, d);
        Path ragged = csv("ragged.csv", HEADER + "\n1,0,2,1,1,0,-2\n");
        assertInvalidContains("row 1", ragged);
        Path theta = csv("theta.csv", "p1,t1,f1,mu1_charge,mu2_px,mu2_py,mu2_pz,mu2_charge,extra_energy\n1,3.5,0,1,1,0,0,-1,0\n");
        assertInvalid(theta + ": column 't1', row 1: polar angle 3.5 rad is outside [0, pi]", theta,
                d.withMuons(MuonColumns.spherical("p1", "t1", "f1"), null));
        // an optional column renamed in the mapping must exist
        Path ok = csv("ok.csv", HEADER + "\n1,0,2,1,1,0,-2,-1,0\n");
        assertInvalid(ok + ": missing column 'wgt' (columns present: mu1_px, mu1_py, mu1_pz, mu1_charge, mu2_px, mu2_py, "
                + "mu2_pz, mu2_charge, extra_energy)", ok, new ColumnMapping(null, null, null, null, null, "wgt", null, null));
        Path txt = csv("events.txt", HEADER + "\n1,0,2,1,1,0,-2,-1,0\n");
        assertInvalid(txt + ": unknown event file type: expected .csv, .parquet or .pq", txt, d);
        Path none = dir.resolve("nope.csv");
        assertInvalid(none + ": no such file", none, d);
    }

    private Path parquet(String name, MessageType schema, int rows, Dehydrator<Integer> d) throws IOException {
        Path f = dir.resolve(name);
        try (ParquetWriter<Integer> w = ParquetWriter.writeFile(schema, f.toFile(), d)) {
            for (int i = 0; i < rows; i++) {
                w.write(i);
            }
        }
        return f;
    }

    private static Types.GroupBuilder<MessageType> commonColumns(boolean withMu2Pz, boolean optionalPx) {
        Types.GroupBuilder<MessageType> b = Types.buildMessage();
        if (optionalPx) {
            b = b.optional(PrimitiveTypeName.DOUBLE).named("mu1_px");
        } else {
            b = b.required(PrimitiveTypeName.DOUBLE).named("mu1_px");
        }
        b = b.required(PrimitiveTypeName.FLOAT).named("mu1_py")
                .required(PrimitiveTypeName.DOUBLE).named("mu1_pz")
                .required(PrimitiveTypeName.INT64).named("mu1_charge")
                .required(PrimitiveTypeName.DOUBLE).named("mu2_px")
                .required(PrimitiveTypeName.DOUBLE).named("mu2_py");
        if (withMu2Pz) {
            b = b.required(PrimitiveTypeName.DOUBLE).named("mu2_pz");
        }
        return b.required(PrimitiveTypeName.INT32).named("mu2_charge")
                .required(PrimitiveTypeName.DOUBLE).named("extra_energy");
    }

    private static void writeCommon(int i, blue.strategic.parquet.ValueWriter w, boolean withMu2Pz, boolean nullPxAt2,
            boolean nanExtraAt1) {
        if (!(nullPxAt2 && i == 2)) {
            w.write("mu1_px", 1.0 + i);
        }
        w.write("mu1_py", 0.5f);
        w.write("mu1_pz", -1.0);
        w.write("mu1_charge", 1L);
        w.write("mu2_px", 0.25);
        w.write("mu2_py", 0.0);
        if (withMu2Pz) {
            w.write("mu2_pz", 2.0);
        }
        w.write("mu2_charge", -1);
        if (!(nanExtraAt1 && i == 1)) {
            w.write("extra_energy", 0.0);
        } else {
            w.write("extra_energy", Double.NaN);
        }
    }

    @Test
    void parquetWithOtherNumericTypesIsRead() throws IOException {
        Path f = parquet("types.parquet", commonColumns(true, false).named("e"), 3, (i, w) -> writeCommon(i, w, true, false, false));
        EventTable t = EventReader.read(f);
        assertArrayEquals(new double[] {1, 2, 3}, t.mu1Px());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, t.mu1Py());
        assertArrayEquals(new int[] {1, 1, 1}, t.charge1());
        assertEquals(List.of("types"), t.samples());
    }

    @Test
    void parquetErrorsNameFileColumnAndRow() throws IOException {
        ColumnMapping d = ColumnMapping.defaults();
        Path missing = parquet("missing.parquet", commonColumns(false, false).named("e"), 2,
                (i, w) -> writeCommon(i, w, false, false, false));
        assertInvalidContains("missing column 'mu2_pz'", missing);
        Path nul = parquet("null.parquet", commonColumns(true, true).named("e"), 4, (i, w) -> writeCommon(i, w, true, true, false));
        assertInvalid(nul + ": column 'mu1_px', row 3: missing value (null)", nul, d);
        Path text = parquet("text.parquet", commonColumns(true, false)
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("weight").named("e"), 1,
                (i, w) -> {
                    writeCommon(i, w, true, false, false);
                    w.write("weight", "heavy");
                });
        assertInvalid(text + ": column 'weight' has type binary (STRING), expected one number per row (double, float, "
                + "int32 or int64)", text, d);
        Path nan = parquet("nan.parquet", commonColumns(true, false).named("e"), 3, (i, w) -> writeCommon(i, w, true, false, true));
        assertInvalid(nan + ": column 'extra_energy', row 2: missing or NaN value", nan, d);
        Path zero = parquet("zero.parquet", commonColumns(true, false).named("e"), 0, (i, w) -> { });
        assertInvalid(zero + ": no events (0 rows)", zero, d);
        Path corrupt = csv("corrupt.parquet", "not parquet at all");
        assertInvalidContains("not a readable Parquet file", corrupt);
    }

    @Test
    void failedWritesLeaveNoFile() throws IOException {
        Path target = dir.resolve("out.json");
        assertThrows(InvalidInputException.class, () -> AtomicFiles.write(target, p -> {
            Files.writeString(p, "partial");
            throw new IOException("disk full");
        }));
        assertFalse(Files.exists(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "no temporary file left behind");
        }
        AtomicFiles.writeString(target, "{}");
        assertEquals("{}", Files.readString(target));
        AtomicFiles.writeString(target, "[]");
        assertEquals("[]", Files.readString(target));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AtomicFiles.writeString(dir.resolve("no/such/dir/x.json"), "{}"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void builderValidatesAndConcatMergesSamples() {
        EventTable.Builder b = EventTable.builder();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> b.add(1, 0, Double.NaN, 1, 0, 0, 1, -1, 2, 0, 1, "s"));
        assertEquals("event table: event 0: mu1_pz is NaN, must be finite", e.getMessage());
        assertThrows(InvalidInputException.class, () -> b.add(1, 0, 0, 1, 0, 0, 1, -1, 2, -1, 1, "s"));
        assertThrows(InvalidInputException.class, () -> b.add(1, 0, 0, 1, 0, 0, 1, -1, 2, 0, 1, " "));
        assertThrows(InvalidInputException.class, b::build);
        EventTable a = EventTable.builder().add(1, 0, 0, 1, 0, 0, 1, -1, 2, 0, 1, "x").add(2, 0, 0, 1, 0, 0, 1, -1, 2, 0, 1, "y")
                .build();
        EventTable c = EventTable.builder().add(3, 0, 0, 1, 0, 0, 1, -1, 2, 0, 1, "y").add(4, 0, 0, 1, 0, 0, 1, -1, 2, 0, 1, "z")
                .build();
        EventTable all = EventTable.concat(List.of(a, c));
        assertEquals(List.of("x", "y", "z"), all.samples());
        assertArrayEquals(new double[] {1, 2, 3, 4}, all.mu1Px());
        assertArrayEquals(new int[] {0, 1, 1, 2}, all.sampleIndices());
        // the accessors return copies
        all.mu1Px()[0] = 99;
        assertEquals(1.0, all.mu1Px()[0]);
    }
}
