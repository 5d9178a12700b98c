package org.recoil.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.sim.DetectorSmearing;
import org.recoil.core.sim.PseudoDataMode;
import org.recoil.core.sim.SyntheticDataset;
import org.recoil.core.sim.SyntheticDatasetConfig;

/**
 * The page-streaming Parquet reader: every codec, page version and value encoding parquet-mr
 * writes gives the written events exactly, with and without offset indexes and whatever the part
 * size; the bytes a part holds in buffers depend on the page size, not on the row-group size.
 */
class ParquetPagesTest {

    @TempDir
    static Path dir;
    private static EventTable events;

    @BeforeAll
    static void generate() {
        SyntheticDatasetConfig cfg = new SyntheticDatasetConfig(5.0, 3L, 2000, 600, 600, 100, List.of(),
                PseudoDataMode.FROM_TEMPLATES);
        events = SyntheticDataset.generate(cfg, BeamConfiguration.belle2(), DetectorSmearing.belle2())
                .backgroundTable();
    }

    private static MessageType schema(boolean optionalPx) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        if (optionalPx) {
            b.optional(PrimitiveTypeName.DOUBLE).named("mu1_px");
        } else {
            b.required(PrimitiveTypeName.DOUBLE).named("mu1_px");
        }
        return b.required(PrimitiveTypeName.DOUBLE).named("mu1_py")
                .required(PrimitiveTypeName.DOUBLE).named("mu1_pz")
                .required(PrimitiveTypeName.INT32).named("mu1_charge")
                .required(PrimitiveTypeName.DOUBLE).named("mu2_px")
                .required(PrimitiveTypeName.DOUBLE).named("mu2_py")
                .required(PrimitiveTypeName.DOUBLE).named("mu2_pz")
                .required(PrimitiveTypeName.INT64).named("mu2_charge")
                .required(PrimitiveTypeName.INT32).named("n_muons")
                .required(PrimitiveTypeName.DOUBLE).named("extra_energy")
                .required(PrimitiveTypeName.DOUBLE).named("weight")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sample")
                .named("events");
    }

    /** Writes {@code copies} copies of the events with the given writer settings; row nullAt gets no mu1_px. */
    private static Path write(String name, int copies, boolean optionalPx, int nullAt,
                              Consumer<ExampleParquetWriter.Builder> settings) throws IOException {
        Path f = dir.resolve(name);
        MessageType schema = schema(optionalPx);
        ExampleParquetWriter.Builder b = ExampleParquetWriter.builder(new LocalOutputFile(f)).withType(schema)
                .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE);
        settings.accept(b);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        int n = events.size();
        try (ParquetWriter<Group> w = b.build()) {
            for (int r = 0; r < copies * n; r++) {
                int i = r % n;
                Group g = groups.newGroup();
                if (r != nullAt) {
                    g.append("mu1_px", events.mu1Px()[i]);
                }
                g.append("mu1_py", events.mu1Py()[i]).append("mu1_pz", events.mu1Pz()[i])
                        .append("mu1_charge", events.charge1()[i]).append("mu2_px", events.mu2Px()[i])
                        .append("mu2_py", events.mu2Py()[i]).append("mu2_pz", events.mu2Pz()[i])
                        .append("mu2_charge", (long) events.charge2()[i]).append("n_muons", events.nMuons()[i])
                        .append("extra_energy", events.extraEnergy()[i]).append("weight", events.weight()[i])
                        .append("sample", events.sample(i));
                w.write(g);
            }
        }
        return f;
    }

    /**
     * The codecs whose parquet-mr compressors need Hadoop classes that parquet-floor's Hadoop subset
     * lacks: gzip pages compressed with the JDK, Zstandard and LZ4 with aircompressor.
     */
    private static ExampleParquetWriter.Builder gzip(ExampleParquetWriter.Builder b, CompressionCodecName codec) {
        if (codec == CompressionCodecName.UNCOMPRESSED || codec == CompressionCodecName.SNAPPY) {
            return b;
        }
        return b.withCodecFactory(new CompressionCodecFactory() {
            @Override
            public BytesInputCompressor getCompressor(CompressionCodecName name) {
                return new BytesInputCompressor() {
                    @Override
                    public BytesInput compress(BytesInput bytes) throws IOException {
                        byte[] in = bytes.toByteArray();
                        if (codec != CompressionCodecName.GZIP) {
                            io.airlift.compress.Compressor c = codec == CompressionCodecName.ZSTD
                                    ? new io.airlift.compress.zstd.ZstdCompressor()
                                    : new io.airlift.compress.lz4.Lz4Compressor();
                            byte[] out = new byte[c.maxCompressedLength(in.length)];
                            int n = c.compress(in, 0, in.length, out, 0, out.length);
                            return BytesInput.from(out, 0, n);
                        }
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                            z.write(in);
                        }
                        return BytesInput.from(out.toByteArray());
                    }

                    @Override
                    public CompressionCodecName getCodecName() {
                        return codec;
                    }

                    @Override
                    public void release() {
                    }
                };
            }

            @Override
            public BytesInputDecompressor getDecompressor(CompressionCodecName name) {
                throw new UnsupportedOperationException("writing only");
            }

            @Override
            public void release() {
            }
        });
    }

    private static EventTable copies(int k) {
        List<EventTable> t = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            t.add(events);
        }
        return EventTable.concat(t);
    }

    /** Reads through the parts of {@link ParquetEvents#plan}, in order; returns the largest part buffers. */
    private static long readParts(Path f, int chunkRows, int partRows, boolean offsetIndex, List<EventTable> out,
                                  int[] parts) {
        List<EventStream.Part> p = ParquetEvents.plan(f, ColumnMapping.defaults(), "x", chunkRows, partRows,
                offsetIndex);
        parts[0] = p.size();
        long peak = 0;
        for (EventStream.Part part : p) {
            ParquetEvents.PartReader r = (ParquetEvents.PartReader) part.reader();
            r.accept(out::add);
            peak = Math.max(peak, r.peakBufferedBytes());
        }
        return peak;
    }

    @Test
    void everyCodecPageVersionAndEncodingGivesTheWrittenEvents() throws IOException {
        List<CompressionCodecName> codecs = List.of(CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY,
                CompressionCodecName.GZIP, CompressionCodecName.ZSTD, CompressionCodecName.LZ4_RAW);
        int k = 0;
        for (CompressionCodecName codec : codecs) {
            for (ParquetProperties.WriterVersion version : ParquetProperties.WriterVersion.values()) {
                // every value encoding with one codec; every codec with dictionaries
                for (int enc = 0; enc < (codec == CompressionCodecName.SNAPPY ? 3 : 1); enc++) {
                    boolean dictionary = enc == 0;
                    boolean split = enc == 2;
                    Path f = write("f" + k++ + ".parquet", 1, false, -1, b -> gzip(b.withCompressionCodec(codec), codec)
                            .withWriterVersion(version).withDictionaryEncoding(dictionary)
                            .withByteStreamSplitEncoding(split).withPageRowCountLimit(250)
                            .withRowGroupSize(200_000L));
                    String what = codec + " " + version + (dictionary ? " dictionary" : split ? " split" : "");
                    EventTable expected = events;
                    assertEquals(expected.size(), EventReader.read(f).size(), what);
                    assertEquals(expected, EventReader.read(f), what);
                    for (boolean offsetIndex : new boolean[] {true, false}) {
                        List<EventTable> chunks = new ArrayList<>();
                        int[] parts = new int[1];
                        readParts(f, 333, 400, offsetIndex, chunks, parts);
                        assertTrue(parts[0] >= 3, what + ": parts " + parts[0]);
                        assertTrue(chunks.stream().allMatch(c -> c.size() <= 333), what);
                        assertEquals(expected, EventTable.concat(chunks), what + ", offset index " + offsetIndex);
                    }
                }
            }
        }
    }

    @Test
    void aNullNamesItsRowInEveryPageVersion() throws IOException {
        for (ParquetProperties.WriterVersion version : ParquetProperties.WriterVersion.values()) {
            for (boolean dictionary : new boolean[] {true, false}) {
                Path f = write("null-" + version + dictionary + ".parquet", 2, true, 3456,
                        b -> b.withWriterVersion(version).withDictionaryEncoding(dictionary)
                                .withPageRowCountLimit(500));
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventReader.read(f));
                assertEquals(f + ": column 'mu1_px', row 3457: missing value (null)", e.getMessage());
            }
        }
    }

    @Test
    void corruptPagesAreBadInputNotACrash() throws IOException {
        Path f = write("corrupt.parquet", 1, false, -1, b -> b.withDictionaryEncoding(false).withPageRowCountLimit(250));
        byte[] good = java.nio.file.Files.readAllBytes(f);
        java.util.Random rnd = new java.util.Random(7);
        // overwrite bytes in the data (not the footer): every outcome is either the right events or one clear line
        int footer = java.nio.ByteBuffer.wrap(good, good.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        for (int k = 0; k < 40; k++) {
            byte[] bad = good.clone();
            int at = 4 + rnd.nextInt(good.length - 12 - footer - 4);
            for (int j = 0; j < 8 && at + j < good.length - 8 - footer; j++) {
                bad[at + j] = (byte) rnd.nextInt(256);
            }
            Path g = dir.resolve("corrupt-" + k + ".parquet");
            java.nio.file.Files.write(g, bad);
            try {
                EventReader.read(g);
            } catch (InvalidInputException e) {
                assertTrue(e.getMessage().startsWith(g.toString()), e.getMessage());
            }
        }
    }

    @Test
    void buffersDependOnThePageSizeNotOnTheRowGroupSize() throws IOException {
        // the same pages (at most 1000 rows), in row groups of ~4000 rows or one row group of >= 40 000
        int k = (40_000 + events.size() - 1) / events.size();
        Path small = write("small-groups.parquet", k, false, -1,
                b -> b.withPageRowCountLimit(1000).withRowGroupSize(200_000L));
        Path huge = write("one-group.parquet", k, false, -1,
                b -> b.withPageRowCountLimit(1000).withRowGroupSize(1L << 40));
        EventTable expected = copies(k);
        List<EventTable> a = new ArrayList<>();
        List<EventTable> b = new ArrayList<>();
        int[] partsA = new int[1];
        int[] partsB = new int[1];
        long peakSmall = readParts(small, 5000, 5000, true, a, partsA);
        long peakHuge = readParts(huge, 5000, 5000, true, b, partsB);
        assertEquals(expected, EventTable.concat(a));
        assertEquals(expected, EventTable.concat(b));
        // the single row group is read in parts of ~5000 rows (in parallel by EventStream)
        assertTrue(partsB[0] >= 8, "parts of the single row group: " + partsB[0]);
        // 12 columns, each with one read buffer of at most READ_BYTES and pages of at most 1000 rows
        long bound = 12L * (ParquetEvents.READ_BYTES + 64 * 1024);
        assertTrue(peakHuge <= bound, "buffered " + peakHuge + " bytes, bound " + bound);
        assertTrue(peakHuge <= 2 * peakSmall, "buffered " + peakHuge + " bytes, with small row groups " + peakSmall);
    }
}
