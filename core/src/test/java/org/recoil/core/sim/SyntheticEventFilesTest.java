package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventTable;

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
}
