package org.recoil.core.events;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.recoil.core.InvalidInputException;

/**
 * Parquet event files, read one row group per part with parquet-column's column readers (no
 * Hadoop, no per-value objects), only the mapped columns, in chunks of at most
 * {@link EventStream#CHUNK_ROWS} rows.
 */
final class ParquetEvents {
    private ParquetEvents() {
    }

    /** Reads the footer, checks the columns and their types, and makes one part per row group. */
    static List<EventStream.Part> plan(Path file, ColumnMapping m, String defaultSample, int chunkRows) {
        ParquetMetadata meta;
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            meta = r.getFooter();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + ": not a readable Parquet file: " + e.getMessage(), e);
        }
        MessageType schema = meta.getFileMetaData().getSchema();
        Map<String, Type> fields = new LinkedHashMap<>();
        for (Type f : schema.getFields()) {
            fields.put(f.getName(), f);
        }
        List<String> cols = EventReader.numericColumns(file, m, fields.keySet());
        for (String c : cols) {
            Type f = fields.get(c);
            boolean numeric = f.isPrimitive() && switch (f.asPrimitiveType().getPrimitiveTypeName()) {
                case DOUBLE, FLOAT, INT32, INT64 -> true;
                default -> false;
            };
            if (!numeric || f.isRepetition(Type.Repetition.REPEATED)) {
                throw new InvalidInputException(file + ": column '" + c + "' has type " + describe(f)
                        + ", expected one number per row (double, float, int32 or int64)");
            }
        }
        boolean hasSample = fields.containsKey(m.sample());
        if (hasSample) {
            Type f = fields.get(m.sample());
            if (!f.isPrimitive() || f.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY
                    || f.isRepetition(Type.Repetition.REPEATED)) {
                throw new InvalidInputException(file + ": column '" + m.sample() + "' has type " + describe(f)
                        + ", expected text (binary string)");
            }
        }
        List<Type> read = new ArrayList<>();
        for (String c : cols) {
            read.add(fields.get(c));
        }
        if (hasSample) {
            read.add(fields.get(m.sample()));
        }
        MessageType projection = new MessageType(schema.getName(), read);
        String createdBy = meta.getFileMetaData().getCreatedBy();
        List<BlockMetaData> blocks = meta.getBlocks();
        long rows = 0;
        for (BlockMetaData b : blocks) {
            rows += b.getRowCount();
        }
        if (rows == 0) {
            throw new InvalidInputException(file + ": no events (0 rows)");
        }
        List<EventStream.Part> parts = new ArrayList<>();
        for (int g = 0; g < blocks.size(); g++) {
            if (blocks.get(g).getRowCount() == 0) {
                continue;
            }
            int group = g;
            long bytes = 0;
            for (ColumnChunkMetaData c : blocks.get(g).getColumns()) {
                if (projection.containsPath(c.getPath().toArray())) {
                    bytes += c.getTotalSize();
                }
            }
            // the compressed column chunks, and ~16 bytes per row of results
            bytes += 16 * blocks.get(g).getRowCount();
            parts.add(new EventStream.Part(bytes, chunk -> readGroup(file, m, cols, hasSample, projection, createdBy,
                    group, defaultSample, chunkRows, chunk)));
        }
        return parts;
    }

    private static void readGroup(Path file, ColumnMapping m, List<String> cols, boolean hasSample,
                                  MessageType projection, String createdBy, int group, String defaultSample,
                                  int chunkRows, Consumer<EventTable> chunk) {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            r.setRequestedSchema(projection);
            PageReadStore pages = r.readRowGroup(group);
            long total = pages.getRowCount();
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new NoConversion(projection.getFieldCount()),
                    projection, createdBy);
            int nc = cols.size();
            ColumnReader[] readers = new ColumnReader[projection.getFieldCount()];
            List<ColumnDescriptor> descriptors = projection.getColumns();
            for (int c = 0; c < readers.length; c++) {
                readers[c] = store.getColumnReader(descriptors.get(c));
            }
            long done = 0;
            while (done < total) {
                int n = (int) Math.min(chunkRows, total - done);
                double[][] values = new double[nc][n];
                for (int c = 0; c < nc; c++) {
                    fill(readers[c], values[c], n, done, cols.get(c));
                }
                int[] sampleIndex = null;
                List<String> samples = new ArrayList<>();
                if (hasSample) {
                    sampleIndex = new int[n];
                    Map<Binary, Integer> ids = new HashMap<>();
                    ColumnReader sr = readers[nc];
                    int maxDef = sr.getDescriptor().getMaxDefinitionLevel();
                    for (int i = 0; i < n; i++) {
                        if (sr.getCurrentDefinitionLevel() < maxDef) {
                            throw new EventStream.RowProblem(done + i, m.sample(), "missing sample name");
                        }
                        Binary b = sr.getBinary();
                        Integer id = ids.get(b);
                        if (id == null) {
                            String s = b.toStringUsingUTF8().strip();
                            if (s.isEmpty()) {
                                throw new EventStream.RowProblem(done + i, m.sample(), "missing sample name");
                            }
                            id = samples.indexOf(s);
                            if (id < 0) {
                                id = samples.size();
                                samples.add(s);
                            }
                            ids.put(b.copy(), id);
                        }
                        sampleIndex[i] = id;
                        sr.consume();
                    }
                } else {
                    samples.add(defaultSample);
                }
                chunk.accept(EventReader.assemble(m, cols, values, n, done, sampleIndex, samples));
                done += n;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof EventStream.RowProblem || e instanceof InvalidInputException) {
                throw (RuntimeException) e;
            }
            throw new InvalidInputException(file + ": cannot read Parquet row group " + group + ": " + e.getMessage(),
                    e);
        }
    }

    /** Reads n values of a numeric column as doubles; a null (missing) value is a row problem. */
    private static void fill(ColumnReader r, double[] out, int n, long firstRow, String column) {
        int maxDef = r.getDescriptor().getMaxDefinitionLevel();
        PrimitiveType.PrimitiveTypeName type = r.getDescriptor().getPrimitiveType().getPrimitiveTypeName();
        for (int i = 0; i < n; i++) {
            if (maxDef > 0 && r.getCurrentDefinitionLevel() < maxDef) {
                throw new EventStream.RowProblem(firstRow + i, column, "missing value (null)");
            }
            out[i] = switch (type) {
                case DOUBLE -> r.getDouble();
                case FLOAT -> r.getFloat();
                case INT32 -> r.getInteger();
                case INT64 -> r.getLong();
                default -> throw new IllegalStateException("unexpected type " + type);
            };
            r.consume();
        }
    }

    private static String describe(Type f) {
        return f.isPrimitive() ? f.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase(Locale.ROOT)
                + (f.getLogicalTypeAnnotation() != null ? " (" + f.getLogicalTypeAnnotation() + ")" : "")
                + (f.isRepetition(Type.Repetition.REPEATED) ? ", repeated" : "")
                : "group";
    }

    /** The column readers need converters; values are taken from the readers directly. */
    private static final class NoConversion extends GroupConverter {
        private final Converter[] fields;

        NoConversion(int n) {
            fields = new Converter[n];
            for (int i = 0; i < n; i++) {
                fields[i] = new PrimitiveConverter() {
                };
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fields[fieldIndex];
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
