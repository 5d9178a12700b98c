package org.recoil.core.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same events give the same Parquet bytes in every JVM process. parquet-hadoop lists a column chunk's encodings
 * in the iteration order of a {@code HashSet} of enum constants, which follows their identity hash codes and so can
 * change from one process to the next; the writer puts them in a fixed order.
 */
class EventWriterDeterminismTest {

    @TempDir
    Path dir;

    /** Events with dictionary-encoded columns (charges, counts, samples) and plain ones (momenta), from a fixed seed. */
    static EventTable table() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(19L);
        EventTable.Builder b = EventTable.builder();
        String[] samples = {"mumu_gamma", "tautau_gamma", "eemumu"};
        for (int i = 0; i < 30_000; i++) {
            b.add(rng.nextDouble() * 8 - 4, rng.nextDouble() * 3, rng.nextDouble() * 5 - 1, rng.nextBoolean() ? 1 : -1,
                    rng.nextDouble() * 3, rng.nextDouble(), rng.nextDouble() * 5 - 1, rng.nextBoolean() ? 1 : -1,
                    2 + rng.nextInt(2), rng.nextInt(4) * 0.25, 0.5 + rng.nextInt(3), samples[rng.nextInt(3)]);
        }
        return b.build();
    }

    /**
     * Run in a child JVM: writes {@link #table()} to the file named by the first argument. With a second argument,
     * {@code A,B}, under HotSpot's {@code -XX:hashCode=3} (identity hash codes drawn from a global counter) the
     * encodings A and B get consecutive identity hash codes, in this order, that fall into increasing buckets of a
     * 16-bucket hash table, so a {@code HashSet} of the two lists A first. Prints that order.
     */
    public static final class WriteInChildProcess {
        private WriteInChildProcess() {
        }

        /** @param args the target Parquet file, and optionally the encodings to hash first, e.g. {@code PLAIN,RLE} */
        public static void main(String[] args) {
            if (args.length > 1) {
                String[] names = args[1].split(",");
                org.apache.parquet.column.Encoding a = org.apache.parquet.column.Encoding.valueOf(names[0]);
                org.apache.parquet.column.Encoding b = org.apache.parquet.column.Encoding.valueOf(names[1]);
                int h;
                do {
                    h = System.identityHashCode(new Object());
                } while (bucket(h + 1) >= bucket(h + 2));
                System.identityHashCode(a);
                System.identityHashCode(b);
            }
            System.out.println(new java.util.HashSet<>(List.of(org.apache.parquet.column.Encoding.PLAIN,
                    org.apache.parquet.column.Encoding.RLE_DICTIONARY)));
            EventWriter.write(table(), Path.of(args[0]));
        }

        /** @return the bucket of a 16-bucket {@code java.util.HashMap} for the hash code h */
        private static int bucket(int h) {
            return (h ^ (h >>> 16)) & 15;
        }
    }

    @Test
    void separateProcessesWriteTheSameBytes() throws Exception {
        Path here = dir.resolve("here.parquet");
        EventWriter.write(table(), here);
        byte[] want = Files.readAllBytes(here);
        // two child JVMs whose HashSets list the two encodings of the dictionary-encoded columns in opposite orders
        // (what different identity hash codes do by chance from one process to the next)
        Child plainFirst = writeInChild(dir.resolve("plain-first.parquet"), "PLAIN,RLE_DICTIONARY");
        Child rleFirst = writeInChild(dir.resolve("rle-first.parquet"), "RLE_DICTIONARY,PLAIN");
        assertEquals("[PLAIN, RLE_DICTIONARY]", plainFirst.hashSetOrder(), "the first child's HashSet order");
        assertEquals("[RLE_DICTIONARY, PLAIN]", rleFirst.hashSetOrder(), "the second child's HashSet order");
        assertArrayEquals(want, plainFirst.bytes(), "the same events written in this JVM and in a child JVM");
        assertArrayEquals(want, rleFirst.bytes(), "the same events written in this JVM and in another child JVM");
        assertEquals(EventReader.read(here), table());
    }

    @Test
    void theEncodingsOfEveryColumnChunkAreListedInAscendingOrder() throws IOException {
        Path f = dir.resolve("events.parquet");
        EventWriter.write(table(), f);
        int chunks = 0;
        for (RowGroup group : footer(Files.readAllBytes(f)).getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                List<Encoding> encodings = chunk.getMeta_data().getEncodings();
                List<Encoding> sorted = new ArrayList<>(encodings);
                sorted.sort((a, b) -> Integer.compare(a.getValue(), b.getValue()));
                assertEquals(sorted, encodings, "column " + chunk.getMeta_data().getPath_in_schema());
                chunks++;
            }
        }
        assertEquals(EventWriter.PARQUET_SCHEMA.getColumns().size(), chunks);
    }

    /** A footer whose encodings come in another order is rewritten to the same bytes, and reads as before. */
    @Test
    void aFooterWithTheEncodingsInAnotherOrderIsRewrittenToTheSameBytes() throws IOException {
        Path f = dir.resolve("events.parquet");
        EventTable t = table();
        EventWriter.write(t, f);
        byte[] want = Files.readAllBytes(f);

        FileMetaData meta = footer(want);
        int reordered = 0;
        for (RowGroup group : meta.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                List<Encoding> encodings = new ArrayList<>(chunk.getMeta_data().getEncodings());
                if (encodings.size() > 1) {
                    Collections.reverse(encodings);
                    reordered++;
                }
                chunk.getMeta_data().setEncodings(encodings);
            }
        }
        assertTrue(reordered > 0, "no column chunk has more than one encoding");
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        Util.writeFileMetaData(meta, footer);
        int length = footerLength(want);
        byte[] shuffled = Arrays.copyOf(want, want.length);
        System.arraycopy(footer.toByteArray(), 0, shuffled, want.length - 8 - length, length);
        assertNotEquals(Arrays.toString(want), Arrays.toString(shuffled));
        Files.write(f, shuffled);

        EventWriter.sortFooterEncodings(f);
        assertArrayEquals(want, Files.readAllBytes(f));
        assertEquals(t, EventReader.read(f));
    }

    /** What a child JVM wrote, and the order in which its HashSet listed the two encodings. */
    private record Child(byte[] bytes, String hashSetOrder) {
    }

    private Child writeInChild(Path file, String hashFirst) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=3", "-cp", System.getProperty("java.class.path"),
                WriteInChildProcess.class.getName(), file.toString(), hashFirst);
        Path log = dir.resolve(file.getFileName() + ".log");
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve(file.getFileName() + ".err").toFile())
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("the child JVM did not finish in 120 s: " + cmd);
            }
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), () -> "child JVM " + cmd + " failed:\n"
                + readQuietly(dir.resolve(file.getFileName() + ".err")));
        return new Child(Files.readAllBytes(file), Files.readAllLines(log).get(0));
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int footerLength(byte[] file) {
        return ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static FileMetaData footer(byte[] file) throws IOException {
        int length = footerLength(file);
        return Util.readFileMetaData(new ByteArrayInputStream(file, file.length - 8 - length, length));
    }
}
