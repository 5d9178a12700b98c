package org.recoil.core.events;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
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
            List<ColumnDescriptor> descriptors = projection.getColumns();
            // required columns are decoded page by page in bulk; optional ones through column readers
            PageColumn[] direct = new PageColumn[descriptors.size()];
            ColumnReader[] readers = new ColumnReader[descriptors.size()];
            for (int c = 0; c < descriptors.size(); c++) {
                ColumnDescriptor d = descriptors.get(c);
                if (d.getMaxDefinitionLevel() == 0 && d.getMaxRepetitionLevel() == 0) {
                    direct[c] = new PageColumn(d, pages.getPageReader(d));
                } else {
                    readers[c] = store.getColumnReader(d);
                }
            }
            long done = 0;
            while (done < total) {
                int n = (int) Math.min(chunkRows, total - done);
                double[][] values = new double[nc][n];
                for (int c = 0; c < nc; c++) {
                    if (direct[c] != null) {
                        direct[c].fill(values[c], n);
                    } else {
                        fill(readers[c], values[c], n, done, cols.get(c));
                    }
                }
                int[] sampleIndex = null;
                List<String> samples = new ArrayList<>();
                if (hasSample && direct[nc] != null) {
                    sampleIndex = new int[n];
                    direct[nc].samples(sampleIndex, n, samples, done, m.sample());
                } else if (hasSample) {
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
                            id = sampleId(b, samples, done + i, m.sample());
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

    /** The chunk's id of a sample name (added in order of first appearance). */
    private static int sampleId(Binary b, List<String> samples, long row, String column) {
        String s = b.toStringUsingUTF8().strip();
        if (s.isEmpty()) {
            throw new EventStream.RowProblem(row, column, "missing sample name");
        }
        int id = samples.indexOf(s);
        if (id < 0) {
            id = samples.size();
            samples.add(s);
        }
        return id;
    }

    /**
     * A required, non-repeated column of a row group, decoded a page at a time: PLAIN doubles and
     * ints in bulk from the page's bytes, dictionary-encoded values through the dictionary ids,
     * anything else through parquet-column's values reader of the page's encoding. The same values
     * as the column readers give, without their per-value bookkeeping.
     */
    private static final class PageColumn {
        private final ColumnDescriptor d;
        private final PageReader pages;
        private final PrimitiveType.PrimitiveTypeName type;
        private final Dictionary dict;
        private double[] dictValues;
        /** The current page's values (numeric) or dictionary ids / -1 (binary, with {@link #binaries}). */
        private double[] buf = new double[0];
        private int[] ids = new int[0];
        private Binary[] binaries;
        private int pos;
        private int len;

        PageColumn(ColumnDescriptor d, PageReader pages) throws IOException {
            this.d = d;
            this.pages = pages;
            this.type = d.getPrimitiveType().getPrimitiveTypeName();
            DictionaryPage dp = pages.readDictionaryPage();
            this.dict = dp != null ? dp.getEncoding().initDictionary(d, dp) : null;
        }

        /** Decodes the next page; false at the end of the column chunk. */
        private boolean nextPage() throws IOException {
            DataPage page = pages.readPage();
            if (page == null) {
                return false;
            }
            int count = page.getValueCount();
            ByteBufferInputStream in;
            org.apache.parquet.column.Encoding enc;
            if (page instanceof DataPageV1 v1) {
                in = v1.getBytes().toInputStream();
                ValuesReader rl = v1.getRlEncoding().getValuesReader(d, ValuesType.REPETITION_LEVEL);
                ValuesReader dl = v1.getDlEncoding().getValuesReader(d, ValuesType.DEFINITION_LEVEL);
                rl.initFromPage(count, in);
                dl.initFromPage(count, in);
                enc = v1.getValueEncoding();
            } else {
                DataPageV2 v2 = (DataPageV2) page;
                in = v2.getData().toInputStream();
                enc = v2.getDataEncoding();
            }
            pos = 0;
            len = count;
            if (type == PrimitiveType.PrimitiveTypeName.BINARY) {
                if (ids.length < count) {
                    ids = new int[count];
                }
                if (enc.usesDictionary()) {
                    binaries = null;
                    dictionaryIds(in, count, ids, dict.getMaxId());
                } else {
                    binaries = new Binary[count];
                    ValuesReader r = enc.getValuesReader(d, ValuesType.VALUES);
                    r.initFromPage(count, in);
                    for (int i = 0; i < count; i++) {
                        binaries[i] = r.readBytes().copy();
                    }
                }
                return true;
            }
            if (buf.length < count) {
                buf = new double[count];
            }
            if (enc.usesDictionary()) {
                if (dictValues == null) {
                    dictValues = new double[dict.getMaxId() + 1];
                    for (int i = 0; i < dictValues.length; i++) {
                        dictValues[i] = switch (type) {
                            case DOUBLE -> dict.decodeToDouble(i);
                            case FLOAT -> dict.decodeToFloat(i);
                            case INT32 -> dict.decodeToInt(i);
                            case INT64 -> dict.decodeToLong(i);
                            default -> throw new IllegalStateException("unexpected type " + type);
                        };
                    }
                }
                if (ids.length < count) {
                    ids = new int[count];
                }
                dictionaryIds(in, count, ids, dict.getMaxId());
                for (int i = 0; i < count; i++) {
                    buf[i] = dictValues[ids[i]];
                }
            } else if (enc == org.apache.parquet.column.Encoding.PLAIN && type == PrimitiveType.PrimitiveTypeName.DOUBLE) {
                in.slice(8 * count).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(buf, 0, count);
            } else if (enc == org.apache.parquet.column.Encoding.PLAIN && type == PrimitiveType.PrimitiveTypeName.INT32) {
                java.nio.IntBuffer ib = in.slice(4 * count).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
                for (int i = 0; i < count; i++) {
                    buf[i] = ib.get(i);
                }
            } else {
                ValuesReader r = enc.getValuesReader(d, ValuesType.VALUES);
                r.initFromPage(count, in);
                for (int i = 0; i < count; i++) {
                    buf[i] = switch (type) {
                        case DOUBLE -> r.readDouble();
                        case FLOAT -> r.readFloat();
                        case INT32 -> r.readInteger();
                        case INT64 -> r.readLong();
                        default -> throw new IllegalStateException("unexpected type " + type);
                    };
                }
            }
            return true;
        }

        /**
         * Decodes the dictionary ids of a dictionary-encoded page: a byte with the bit width, then
         * the RLE / bit-packing hybrid runs (as parquet-column's dictionary values reader reads them).
         */
        private void dictionaryIds(ByteBufferInputStream in, int count, int[] out, int maxId) throws IOException {
            java.nio.ByteBuffer b = in.slice(in.available());
            int width = b.get() & 0xff;
            if (width > 32) {
                throw new IOException("column " + d + ": dictionary id bit width " + width);
            }
            int mask = width == 32 ? -1 : (1 << width) - 1;
            int bytes = (width + 7) / 8;
            int k = 0;
            while (k < count) {
                int header = 0;
                int shift = 0;
                int x;
                do {
                    x = b.get() & 0xff;
                    header |= (x & 0x7f) << shift;
                    shift += 7;
                } while ((x & 0x80) != 0 && shift < 35);
                if ((header & 1) == 0) {
                    int run = header >>> 1;
                    int v = 0;
                    for (int j = 0; j < bytes; j++) {
                        v |= (b.get() & 0xff) << (8 * j);
                    }
                    if (Integer.compareUnsigned(v, maxId) > 0) {
                        throw new IOException("column " + d + ": dictionary id " + v + " beyond the dictionary");
                    }
                    int m = Math.min(run, count - k);
                    java.util.Arrays.fill(out, k, k + m, v);
                    k += m;
                } else {
                    int values = (header >>> 1) * 8;
                    long acc = 0;
                    int bits = 0;
                    for (int j = 0; j < values; j++) {
                        while (bits < width) {
                            acc |= (long) (b.get() & 0xff) << bits;
                            bits += 8;
                        }
                        int v = (int) acc & mask;
                        acc >>>= width;
                        bits -= width;
                        if (k < count) {
                            if (Integer.compareUnsigned(v, maxId) > 0) {
                                throw new IOException("column " + d + ": dictionary id " + v + " beyond the dictionary");
                            }
                            out[k++] = v;
                        }
                    }
                }
            }
        }

        /** The next n values as doubles. */
        void fill(double[] out, int n) throws IOException {
            int k = 0;
            while (k < n) {
                if (pos == len && !nextPage()) {
                    throw new IOException("column " + d + " ends after fewer values than the row group's rows");
                }
                int m = Math.min(n - k, len - pos);
                System.arraycopy(buf, pos, out, k, m);
                pos += m;
                k += m;
            }
        }

        /** The sample ids of the next n rows, numbered in order of first appearance in {@code samples}. */
        void samples(int[] out, int n, List<String> samples, long firstRow, String column) throws IOException {
            int[] byDictId = dict != null ? new int[dict.getMaxId() + 1] : null;
            if (byDictId != null) {
                java.util.Arrays.fill(byDictId, -1);
            }
            Map<Binary, Integer> byValue = new HashMap<>();
            int k = 0;
            while (k < n) {
                if (pos == len && !nextPage()) {
                    throw new IOException("column " + d + " ends after fewer values than the row group's rows");
                }
                int m = Math.min(n - k, len - pos);
                for (int i = 0; i < m; i++, k++, pos++) {
                    if (binaries == null) {
                        int dictId = ids[pos];
                        int id = byDictId[dictId];
                        if (id < 0) {
                            id = sampleId(dict.decodeToBinary(dictId), samples, firstRow + k, column);
                            byDictId[dictId] = id;
                        }
                        out[k] = id;
                    } else {
                        Binary b = binaries[pos];
                        Integer id = byValue.get(b);
                        if (id == null) {
                            id = sampleId(b, samples, firstRow + k, column);
                            byValue.put(b, id);
                        }
                        out[k] = id;
                    }
                }
            }
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
