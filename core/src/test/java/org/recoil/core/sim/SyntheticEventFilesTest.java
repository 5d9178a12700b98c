package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventTable;
import org.recoil.core.events.EventWriter;
import org.apache.parquet.schema.MessageType;

/** {@link SyntheticEventFiles}: the signal set-up shared by all partitions gives the events of a fresh set-up. */
class SyntheticEventFilesTest {

    @Test
    void sharedSignalSetUpGivesTheEventsOfEachPartitionsOwnDataset(@TempDir Path dir) {
        SyntheticDatasetConfig base = SyntheticDatasetConfig.defaults().withSeed(11).withLuminosityPb(20.0)
                .withBackgroundEvents(2_000, 400, 4_000).withSignal(300, List.of(3.0));
        SyntheticEventFiles.Written w = SyntheticEventFiles.write(dir, base, 2, "csv", 2);
        assertEquals(6, w.files().size());
        for (int p = 0; p < 2; p++) {
            SyntheticDataset expected = SyntheticDataset.generate(SyntheticEventFiles.partition(base, 2, p));
            EventTable signal = EventReader.read(dir.resolve(String.format("signal-%05d.csv", p)));
            EventTable want = expected.signals().get(3.0).toEventTable();
            assertEquals(want.size(), signal.size());
            assertArrayEquals(want.mu1Px(), signal.mu1Px(), 0.0);
            assertArrayEquals(want.mu2Pz(), signal.mu2Pz(), 0.0);
            assertArrayEquals(want.weight(), signal.weight(), 0.0);
            EventTable data = EventReader.read(dir.resolve(String.format("data-%05d.csv", p)));
            assertArrayEquals(expected.dataTable().mu1Py(), data.mu1Py(), 0.0);
        }
    }

    /**
     * The column-wise Parquet writer writes the bytes of parquet-floor's record writer it replaced (with the
     * encodings listed in the fixed order).
     */
    @Test
    void parquetFilesAreThoseOfParquetFloorsWriter(@TempDir Path dir) throws Exception {
        SyntheticDatasetConfig c = SyntheticDatasetConfig.defaults().withSeed(5).withLuminosityPb(20.0)
                .withBackgroundEvents(20_000, 4_000, 40_000).withSignal(100, List.of());
        SyntheticDataset d = SyntheticDataset.generate(c);
        for (EventTable t : List.of(d.backgroundTable(), d.dataTable())) {
            Path mine = dir.resolve("mine.parquet");
            Path floor = dir.resolve("floor.parquet");
            Files.deleteIfExists(mine);
            Files.deleteIfExists(floor);
            EventWriter.write(t, mine);
            MessageType schema = EventWriter.PARQUET_SCHEMA;
            double[] px1 = t.mu1Px();
            double[] py1 = t.mu1Py();
            double[] pz1 = t.mu1Pz();
            double[] px2 = t.mu2Px();
            double[] py2 = t.mu2Py();
            double[] pz2 = t.mu2Pz();
            int[] q1 = t.charge1();
            int[] q2 = t.charge2();
            int[] n = t.nMuons();
            double[] e = t.extraEnergy();
            double[] wt = t.weight();
            try (blue.strategic.parquet.ParquetWriter<Integer> w = blue.strategic.parquet.ParquetWriter.writeFile(
                    schema, floor.toFile(), (i, out) -> {
                        out.write("mu1_px", px1[i]);
                        out.write("mu1_py", py1[i]);
                        out.write("mu1_pz", pz1[i]);
                        out.write("mu1_charge", q1[i]);
                        out.write("mu2_px", px2[i]);
                        out.write("mu2_py", py2[i]);
                        out.write("mu2_pz", pz2[i]);
                        out.write("mu2_charge", q2[i]);
                        out.write("n_muons", n[i]);
                        out.write("extra_energy", e[i]);
                        out.write("weight", wt[i]);
                        out.write("sample", t.sample(i));
                    })) {
                for (int i = 0; i < t.size(); i++) {
                    w.write(i);
                }
            }
            // parquet-floor's writer lists a column chunk's encodings in an order that can change between JVM
            // processes; EventWriter lists them in a fixed order and is otherwise byte for byte the same
            EventWriter.sortFooterEncodings(floor);
            assertArrayEquals(Files.readAllBytes(floor), Files.readAllBytes(mine));
        }
    }
}
