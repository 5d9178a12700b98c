package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventTable;
import org.recoil.core.sim.SyntheticDataset;
import org.recoil.core.sim.SyntheticDatasetConfig;

/** {@code recoil events}: the synthetic events as files, partitioned, reproducible, readable by {@code histogram}. */
class EventsCommandTest {

    /** Monte Carlo scale of the tests: 1% of the default sizes. */
    private static final String SCALE = "0.01";
    /** Luminosity of the tests (the pseudo-data are Poisson at it, whatever the Monte Carlo scale). */
    private static final String LUMI = "20/pb";

    @Test
    void onePartitionIsTheDatasetOfThatSeed(@TempDir Path dir) {
        Path out = dir.resolve("ev");
        SearchCommandsTest.Run r = SearchCommandsTest.run("events", "--out", out.toString(), "--seed", "7",
                "--scale", SCALE, "--format", "csv", "--threads", "1", "--lumi", LUMI, "--no-signal");
        assertEquals(0, r.exit(), r.err());
        SyntheticDatasetConfig c = SyntheticDatasetConfig.defaults().withSeed(7).withLuminosityPb(20.0)
                .withBackgroundEvents(10_000, 2_000, 20_000).withSignal(200, List.of());
        SyntheticDataset d = SyntheticDataset.generate(c);
        EventTable data = EventReader.read(out.resolve("data-00000.csv"));
        EventTable expected = d.dataTable();
        assertEquals(expected.size(), data.size());
        assertArrayEquals(expected.mu1Px(), data.mu1Px(), 0.0);
        EventTable bkg = EventReader.read(out.resolve("backgrounds-00000.csv"));
        assertArrayEquals(d.backgroundTable().weight(), bkg.weight(), 0.0);
        assertFalse(Files.exists(out.resolve("signal-00000.csv")));
        assertTrue(r.out().contains("SYNTHETIC"), r.out());
    }

    @Test
    void partitionsAddUpToTheLuminosityAndDoNotDependOnThreads(@TempDir Path dir) throws IOException {
        Path one = dir.resolve("t1");
        Path two = dir.resolve("t2");
        for (Path out : List.of(one, two)) {
            SearchCommandsTest.Run r = SearchCommandsTest.run("events", "--out", out.toString(), "--seed", "3",
                    "--scale", SCALE, "--partitions", "3", "--no-signal", "--lumi", LUMI,
                    "--threads", out == one ? "1" : "2");
            assertEquals(0, r.exit(), r.err());
        }
        for (String f : List.of("backgrounds-00000.parquet", "backgrounds-00002.parquet", "data-00001.parquet",
                "dataset.json")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(two.resolve(f)), f);
        }
        assertFalse(Files.exists(one.resolve("signal-00000.parquet")));
        // template weights of the three partitions add up to sigma x L of the whole dataset: compare with P = 1
        Path whole = dir.resolve("whole");
        assertEquals(0, SearchCommandsTest.run("events", "--out", whole.toString(), "--seed", "3",
                "--scale", SCALE, "--no-signal", "--lumi", LUMI).exit());
        double sumParts = 0;
        for (int p = 0; p < 3; p++) {
            sumParts += sum(EventReader.read(one.resolve(String.format("backgrounds-%05d.parquet", p))).weight());
        }
        double sumWhole = sum(EventReader.read(whole.resolve("backgrounds-00000.parquet")).weight());
        // two independent Monte Carlo estimates of the same accepted cross section x L: equal within a few percent
        assertEquals(1.0, sumParts / sumWhole, 0.05);
        int dataParts = 0;
        for (int p = 0; p < 3; p++) {
            dataParts += EventReader.read(one.resolve(String.format("data-%05d.parquet", p))).size();
        }
        int dataWhole = EventReader.read(whole.resolve("data-00000.parquet")).size();
        assertEquals(dataWhole, dataParts, 5 * Math.sqrt(dataWhole));
    }

    @Test
    void badOptionsAreRefusedAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("bad");
        for (String[] extra : new String[][] {{"--partitions", "0"}, {"--format", "root"}, {"--scale", "-1"},
            {"--lumi", "12 apples"}, {"--threads", "0"}}) {
            String[] args = Stream.concat(Stream.of("events", "--out", out.toString(), "--no-signal"),
                    Stream.of(extra)).toArray(String[]::new);
            SearchCommandsTest.Run r = SearchCommandsTest.run(args);
            assertEquals(2, r.exit(), String.join(" ", extra) + ": " + r.err());
            assertTrue(r.err().startsWith("recoil: error: "), r.err());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", extra));
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no staging folder left behind");
        }
    }

    private static double sum(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x;
        }
        return s;
    }
}
