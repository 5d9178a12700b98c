package org.recoil.core.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.recoil.core.InvalidInputException;
import org.recoil.core.io.AtomicFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Writes {@link EventTable}s as CSV (Tablesaw) or Parquet (parquet-floor, no Hadoop) with the
 * default column names of {@link ColumnMapping#defaults()}, in the order
 * {@code mu1_px, mu1_py, mu1_pz, mu1_charge, mu2_px, mu2_py, mu2_pz, mu2_charge, n_muons,
 * extra_energy, weight, sample}. Doubles are written in Java's shortest exact decimal form (CSV) or
 * as IEEE doubles (Parquet), so {@link EventReader} reads back exactly the same table. Files are
 * written to a temporary file and moved into place, so a failure never leaves a partial file. The same
 * table gives the same bytes in every JVM process (the encodings of each column chunk are listed in a fixed
 * order, see {@link #sortFooterEncodings}).
 */
public final class EventWriter {
    /** Names of the double columns, in {@link EventTable.Builder}'s internal order. */
    static final String[] DOUBLE_COLUMNS = {"mu1_px", "mu1_py", "mu1_pz", "mu2_px", "mu2_py", "mu2_pz", "extra_energy",
        "weight"};

    /** The footer's length (4 bytes, little-endian) and the magic {@code PAR1} that end a Parquet file. */
    private static final int FOOTER_TAIL = 8;

    /** {@code PAR1} read as a little-endian int. */
    private static final int PARQUET_MAGIC = 0x31524150;

    private EventWriter() {
    }

    /**
     * Writes CSV or Parquet according to the file extension ({@code .csv}, {@code .parquet}/{@code .pq}).
     *
     * @param table the events
     * @param file the target file
     * @throws InvalidInputException for another extension or when writing fails
     */
    public static void write(EventTable table, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            writeCsv(table, file);
        } else if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            writeParquet(table, file);
        } else {
            throw new InvalidInputException(file + ": unknown event file type: expected .csv, .parquet or .pq");
        }
    }

    /**
     * @param table the events
     * @param file the target CSV file
     * @throws InvalidInputException when writing fails
     */
    public static void writeCsv(EventTable table, Path file) {
        int n = table.size();
        String[] samples = new String[n];
        for (int i = 0; i < n; i++) {
            samples[i] = table.sample(i);
        }
        Table t = Table.create("events",
                DoubleColumn.create("mu1_px", table.mu1Px()),
                DoubleColumn.create("mu1_py", table.mu1Py()),
                DoubleColumn.create("mu1_pz", table.mu1Pz()),
                IntColumn.create("mu1_charge", table.charge1()),
                DoubleColumn.create("mu2_px", table.mu2Px()),
                DoubleColumn.create("mu2_py", table.mu2Py()),
                DoubleColumn.create("mu2_pz", table.mu2Pz()),
                IntColumn.create("mu2_charge", table.charge2()),
                IntColumn.create("n_muons", table.nMuons()),
                DoubleColumn.create("extra_energy", table.extraEnergy()),
                DoubleColumn.create("weight", table.weight()),
                StringColumn.create("sample", samples));
        AtomicFiles.write(file, p -> {
            try {
                t.write().csv(p.toFile());
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    /**
     * The Parquet schema of the event files Recoil writes: the columns {@link ColumnMapping}'s defaults name,
     * momenta and weights as required doubles, charges and the muon count as 32-bit integers, the sample as a
     * UTF-8 string.
     */
    public static final MessageType PARQUET_SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.DOUBLE).named("mu1_px")
            .required(PrimitiveTypeName.DOUBLE).named("mu1_py")
            .required(PrimitiveTypeName.DOUBLE).named("mu1_pz")
            .required(PrimitiveTypeName.INT32).named("mu1_charge")
            .required(PrimitiveTypeName.DOUBLE).named("mu2_px")
            .required(PrimitiveTypeName.DOUBLE).named("mu2_py")
            .required(PrimitiveTypeName.DOUBLE).named("mu2_pz")
            .required(PrimitiveTypeName.INT32).named("mu2_charge")
            .required(PrimitiveTypeName.INT32).named("n_muons")
            .required(PrimitiveTypeName.DOUBLE).named("extra_energy")
            .required(PrimitiveTypeName.DOUBLE).named("weight")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("sample")
            .named("events");

    /**
     * @param table the events
     * @param file the target Parquet file
     * @throws InvalidInputException when writing fails
     */
    public static void writeParquet(EventTable table, Path file) {
        AtomicFiles.write(file, p -> {
            try (org.apache.parquet.hadoop.ParquetWriter<Integer> writer =
                         new EventsParquetBuilder(p, PARQUET_SCHEMA, table)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                    .build()) {
                for (int i = 0; i < table.size(); i++) {
                    writer.write(i);
                }
            }
            sortFooterEncodings(p);
        });
    }

    /**
     * Lists the encodings of every column chunk in a Parquet file's footer in ascending order of their Thrift
     * values, rewriting the footer in place. parquet-hadoop (1.15) gathers a chunk's encodings in a {@code HashSet}
     * of enum constants, whose iteration order follows identity hash codes and so can change from one JVM process
     * to the next (the first set seen is then kept for the whole process by the library's canonicalising cache):
     * without this the same events written by two processes could differ in up to one footer byte per column. The
     * order carries no meaning (the format calls it a set), so readers see the same file.
     *
     * @param file a Parquet file just written, with a plain (unencrypted) footer
     * @throws IOException if the file cannot be read or rewritten, or is not a Parquet file
     */
    public static void sortFooterEncodings(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer tail = readFully(ch, size - FOOTER_TAIL, FOOTER_TAIL).order(ByteOrder.LITTLE_ENDIAN);
            int length = tail.getInt(0);
            if (size < 2L * FOOTER_TAIL + length || tail.getInt(4) != PARQUET_MAGIC) {
                throw new IOException(file + ": not a Parquet file with a plain footer");
            }
            long start = size - FOOTER_TAIL - length;
            byte[] footer = readFully(ch, start, length).array();
            FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(footer));
            for (RowGroup group : meta.getRow_groups()) {
                for (ColumnChunk chunk : group.getColumns()) {
                    ColumnMetaData column = chunk.getMeta_data();
                    List<Encoding> encodings = new ArrayList<>(column.getEncodings());
                    encodings.sort(Comparator.comparingInt(Encoding::getValue));
                    column.setEncodings(encodings);
                }
            }
            ByteArrayOutputStream sorted = new ByteArrayOutputStream(length);
            Util.writeFileMetaData(meta, sorted);
            if (Arrays.equals(footer, sorted.toByteArray())) {
                return;
            }
            ByteBuffer out = ByteBuffer.allocate(sorted.size() + FOOTER_TAIL).order(ByteOrder.LITTLE_ENDIAN);
            out.put(sorted.toByteArray()).putInt(sorted.size()).putInt(PARQUET_MAGIC).flip();
            ch.truncate(start);
            while (out.hasRemaining()) {
                ch.write(out, start + out.position());
            }
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        if (position < 0) {
            throw new IOException("not a Parquet file: too short");
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("not a Parquet file: unexpected end");
            }
        }
        return b;
    }

    /**
     * The Parquet writer of parquet-floor's {@code ParquetWriter.writeFile} (same settings: Snappy, format
     * 2.0, no block size from the file system, write-support name), so the files are byte for byte those it
     * writes, but with the row written by column index from the table's arrays, without boxing every value
     * and looking every column up by name.
     */
    private static final class EventsParquetBuilder
            extends org.apache.parquet.hadoop.ParquetWriter.Builder<Integer, EventsParquetBuilder> {
        private final MessageType schema;
        private final EventTable table;

        EventsParquetBuilder(Path file, MessageType schema, EventTable table) {
            super(new FileOutput(file));
            this.schema = schema;
            this.table = table;
        }

        @Override
        protected EventsParquetBuilder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return new EventsWriteSupport(schema, table);
        }
    }

    /** As parquet-floor's: a plain file, its position the channel's. */
    private record FileOutput(Path file) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return createOrOverwrite(blockSizeHint);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            FileOutputStream fos = new FileOutputStream(file.toFile());
            return new DelegatingPositionOutputStream(fos) {
                @Override
                public long getPos() throws IOException {
                    return fos.getChannel().position();
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 1024;
        }
    }

    /** Writes row {@code i} of the table: the same record-consumer calls as parquet-floor's write support. */
    private static final class EventsWriteSupport extends WriteSupport<Integer> {
        private static final String[] NAMES = {"mu1_px", "mu1_py", "mu1_pz", "mu1_charge", "mu2_px", "mu2_py",
            "mu2_pz", "mu2_charge", "n_muons", "extra_energy", "weight", "sample"};
        private final MessageType schema;
        private final double[] px1;
        private final double[] py1;
        private final double[] pz1;
        private final double[] px2;
        private final double[] py2;
        private final double[] pz2;
        private final int[] q1;
        private final int[] q2;
        private final int[] nMu;
        private final double[] extra;
        private final double[] w;
        private final int[] sampleIndex;
        private final Binary[] sampleNames;
        private RecordConsumer out;

        EventsWriteSupport(MessageType schema, EventTable table) {
            this.schema = schema;
            px1 = table.mu1Px();
            py1 = table.mu1Py();
            pz1 = table.mu1Pz();
            px2 = table.mu2Px();
            py2 = table.mu2Py();
            pz2 = table.mu2Pz();
            q1 = table.charge1();
            q2 = table.charge2();
            nMu = table.nMuons();
            extra = table.extraEnergy();
            w = table.weight();
            sampleIndex = table.sampleIndices();
            List<String> samples = table.samples();
            sampleNames = new Binary[samples.size()];
            for (int k = 0; k < sampleNames.length; k++) {
                sampleNames[k] = Binary.fromString(samples.get(k));
            }
            for (int k = 0; k < NAMES.length; k++) {
                if (schema.getFieldIndex(NAMES[k]) != k) {
                    throw new IllegalStateException("column " + NAMES[k] + " out of order");
                }
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Collections.emptyMap());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public String getName() {
            // parquet-floor's name (the footer's writer.model.name), so the files stay byte-identical
            return "blue.strategic.parquet.ParquetWriter";
        }

        @Override
        public void write(Integer row) {
            int i = row;
            out.startMessage();
            putDouble(0, px1[i]);
            putDouble(1, py1[i]);
            putDouble(2, pz1[i]);
            putInt(3, q1[i]);
            putDouble(4, px2[i]);
            putDouble(5, py2[i]);
            putDouble(6, pz2[i]);
            putInt(7, q2[i]);
            putInt(8, nMu[i]);
            putDouble(9, extra[i]);
            putDouble(10, w[i]);
            out.startField(NAMES[11], 11);
            out.addBinary(sampleNames[sampleIndex[i]]);
            out.endField(NAMES[11], 11);
            out.endMessage();
        }

        private void putDouble(int k, double v) {
            out.startField(NAMES[k], k);
            out.addDouble(v);
            out.endField(NAMES[k], k);
        }

        private void putInt(int k, int v) {
            out.startField(NAMES[k], k);
            out.addInteger(v);
            out.endField(NAMES[k], k);
        }
    }
}
