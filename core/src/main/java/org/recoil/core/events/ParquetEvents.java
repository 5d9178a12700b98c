package org.recoil.core.events;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.OffsetIndex;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageLocation;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;
import org.recoil.core.InvalidInputException;

/**
 * Parquet event files, read page by page straight from the file: the footer and page headers with
 * parquet-format's Thrift structures, the pages decompressed with aircompressor (Snappy, Zstandard,
 * LZ4) or the JDK (gzip), PLAIN and dictionary-encoded values decoded in bulk, other encodings
 * through parquet-column's values readers. No Hadoop, no whole row group in memory: each column
 * chunk is read through its own bounded, reused buffer (about {@value #READ_BYTES} bytes, or one
 * page if larger), so the memory a reader needs depends on the page size, never on the row-group
 * or file size.
 *
 * <p>Each row group is cut into parts of about {@value #PART_ROWS} rows at page boundaries (taken
 * from the column chunks' offset indexes, or found by walking the page headers), so that the parts
 * of even a single huge row group are read in parallel; a part delivers chunks of at most {@code
 * chunkRows} rows. Only the mapped columns are read.
 */
final class ParquetEvents {
    /** Target rows of a part (parts end at page boundaries of the largest column). */
    static final int PART_ROWS = 1 << 17;
    /** Bytes read from a column chunk at a time (more if a page is larger). */
    static final int READ_BYTES = 256 << 10;
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private ParquetEvents() {
    }

    /** A top-level field of the schema. */
    private record Field(String name, int leaf, SchemaElement element, boolean group) {
    }

    /**
     * A column chunk's pages: the dictionary page (offset, or -1) and the data pages' header offsets
     * and first rows, with the chunk's end.
     */
    private record Pages(CompressionCodec codec, long dictionary, long[] offset, long[] firstRow, long end,
                         long compressedBytes, int largestPage, long rows) {
        /** Index of the page holding the given row. */
        int pageOf(long row) {
            int i = Arrays.binarySearch(firstRow, row);
            return i >= 0 ? i : -i - 2;
        }
    }

    /** A column to read: its name, physical type and whether it may hold nulls. */
    private record Column(String name, Type type, boolean optional) {
    }

    /** Reads the footer, checks the columns and their types, and cuts the row groups into parts. */
    static List<EventStream.Part> plan(Path file, ColumnMapping m, String defaultSample, int chunkRows) {
        return plan(file, m, defaultSample, chunkRows, PART_ROWS, true);
    }

    /**
     * {@link #plan(Path, ColumnMapping, String, int)} with the target part size, and whether to use
     * the offset indexes (else the page headers are walked, as for files written without them).
     */
    static List<EventStream.Part> plan(Path file, ColumnMapping m, String defaultSample, int chunkRows,
                                       int partRows, boolean offsetIndex) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            FileMetaData meta = footer(ch);
            Map<String, Field> fields = fields(meta.getSchema());
            List<String> cols = EventReader.numericColumns(file, m, fields.keySet());
            List<Column> read = new ArrayList<>();
            for (String c : cols) {
                Field f = fields.get(c);
                boolean numeric = !f.group() && switch (f.element().getType()) {
                    case DOUBLE, FLOAT, INT32, INT64 -> true;
                    default -> false;
                };
                if (!numeric || f.element().getRepetition_type() == FieldRepetitionType.REPEATED) {
                    throw new InvalidInputException(file + ": column '" + c + "' has type " + describe(f)
                            + ", expected one number per row (double, float, int32 or int64)");
                }
                read.add(new Column(c, f.element().getType(),
                        f.element().getRepetition_type() == FieldRepetitionType.OPTIONAL));
            }
            boolean hasSample = fields.containsKey(m.sample());
            if (hasSample) {
                Field f = fields.get(m.sample());
                if (f.group() || f.element().getType() != Type.BYTE_ARRAY
                        || f.element().getRepetition_type() == FieldRepetitionType.REPEATED) {
                    throw new InvalidInputException(file + ": column '" + m.sample() + "' has type " + describe(f)
                            + ", expected text (binary string)");
                }
                read.add(new Column(m.sample(), Type.BYTE_ARRAY,
                        f.element().getRepetition_type() == FieldRepetitionType.OPTIONAL));
            }
            long rows = 0;
            for (RowGroup g : meta.getRow_groups()) {
                rows += g.getNum_rows();
            }
            if (rows == 0) {
                throw new InvalidInputException(file + ": no events (0 rows)");
            }
            List<EventStream.Part> parts = new ArrayList<>();
            int nc = cols.size();
            for (int g = 0; g < meta.getRow_groups().size(); g++) {
                RowGroup group = meta.getRow_groups().get(g);
                long groupRows = group.getNum_rows();
                if (groupRows == 0) {
                    continue;
                }
                Pages[] pages = new Pages[read.size()];
                int largest = 0;
                for (int c = 0; c < read.size(); c++) {
                    pages[c] = pages(ch, group, fields.get(read.get(c).name()).leaf(), groupRows, g, read.get(c),
                            offsetIndex);
                    if (pages[c].compressedBytes() > pages[largest].compressedBytes()) {
                        largest = c;
                    }
                }
                // parts end at page boundaries of the largest column (usually all columns' boundaries)
                long[] bounds = pages[largest].firstRow();
                long from = 0;
                int k = 0;
                while (from < groupRows) {
                    while (k < bounds.length && bounds[k] < from + partRows) {
                        k++;
                    }
                    long to = k < bounds.length ? bounds[k] : groupRows;
                    long first = from;
                    long last = to;
                    int groupIndex = g;
                    // the memory a part needs while read: buffers and pages per column, and its chunk tables
                    long bytes = 0;
                    for (Pages p : pages) {
                        bytes += Math.max(READ_BYTES, p.largestPage()) + 2L * p.largestPage();
                    }
                    bytes += 2L * Math.min(chunkRows, to - from) * 8 * (nc + 4);
                    parts.add(new EventStream.Part(bytes, false, new PartReader(file, m, read, nc, hasSample, pages,
                            groupIndex, first, last, defaultSample, chunkRows)));
                    from = to;
                }
            }
            return parts;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException ie) {
                throw ie;
            }
            throw new InvalidInputException(file + ": not a readable Parquet file: " + e.getMessage(), e);
        }
    }

    /** The file's metadata from its footer. */
    private static FileMetaData footer(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 12) {
            throw new IOException("too short (" + size + " bytes) for a Parquet file");
        }
        ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, tail, size - 8);
        byte[] magic = Arrays.copyOfRange(tail.array(), 4, 8);
        if (Arrays.equals(magic, "PARE".getBytes(StandardCharsets.US_ASCII))) {
            throw new IOException("encrypted Parquet files are not supported");
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("no Parquet magic number at the end of the file");
        }
        int length = tail.getInt(0);
        if (length <= 0 || length > size - 12) {
            throw new IOException("footer length " + length + " does not fit the file size " + size);
        }
        ByteBuffer footer = ByteBuffer.allocate(length);
        readFully(ch, footer, size - 8 - length);
        return Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, at + b.position());
            if (n < 0) {
                throw new EOFException("file ends at byte " + (at + b.position()));
            }
        }
    }

    /** The top-level fields of the schema, in order, with their leaf (column chunk) indexes. */
    private static Map<String, Field> fields(List<SchemaElement> schema) throws IOException {
        if (schema.isEmpty()) {
            throw new IOException("empty schema");
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        int[] next = {1};
        int[] leaf = {0};
        for (int i = 0; i < schema.get(0).getNum_children(); i++) {
            if (next[0] >= schema.size()) {
                throw new IOException("schema ends early");
            }
            SchemaElement e = schema.get(next[0]);
            boolean group = e.isSetNum_children();
            fields.put(e.getName(), new Field(e.getName(), group ? -1 : leaf[0], e, group));
            skip(schema, next, leaf);
        }
        return fields;
    }

    /** Steps over the element at next[0] and its descendants, counting the leaves. */
    private static void skip(List<SchemaElement> schema, int[] next, int[] leaf) throws IOException {
        if (next[0] >= schema.size()) {
            throw new IOException("schema ends early");
        }
        SchemaElement e = schema.get(next[0]++);
        if (!e.isSetNum_children()) {
            leaf[0]++;
            return;
        }
        for (int i = 0; i < e.getNum_children(); i++) {
            skip(schema, next, leaf);
        }
    }

    /** The pages of one column chunk: from its offset index if it has one, else by walking the page headers. */
    private static Pages pages(FileChannel ch, RowGroup group, int leaf, long rows, int g, Column col,
                               boolean offsetIndex) throws IOException {
        if (leaf >= group.getColumns().size()) {
            throw new IOException("row group " + g + " has no column chunk for '" + col.name() + "'");
        }
        ColumnChunk chunk = group.getColumns().get(leaf);
        ColumnMetaData md = chunk.getMeta_data();
        if (md == null || chunk.isSetFile_path()) {
            throw new IOException("column '" + col.name() + "' of row group " + g + " is not stored in the file"
                    + " (encrypted or external column chunks are not supported)");
        }
        long dataStart = md.getData_page_offset();
        long start = dataStart;
        if (md.isSetDictionary_page_offset() && md.getDictionary_page_offset() > 0
                && md.getDictionary_page_offset() < dataStart) {
            start = md.getDictionary_page_offset();
        }
        long end = start + md.getTotal_compressed_size();
        if (start < 4 || end > ch.size()) {
            throw new IOException("column '" + col.name() + "' of row group " + g + " lies outside the file");
        }
        List<Long> offsets = new ArrayList<>();
        List<Long> firsts = new ArrayList<>();
        long dictionary = -1;
        int largest = 0;
        if (offsetIndex && chunk.isSetOffset_index_offset() && chunk.getOffset_index_length() > 0) {
            ByteBuffer b = ByteBuffer.allocate(chunk.getOffset_index_length());
            readFully(ch, b, chunk.getOffset_index_offset());
            OffsetIndex index = Util.readOffsetIndex(new ByteArrayInputStream(b.array()));
            for (PageLocation p : index.getPage_locations()) {
                offsets.add(p.getOffset());
                firsts.add(p.getFirst_row_index());
                largest = Math.max(largest, p.getCompressed_page_size());
            }
            if (!offsets.isEmpty() && offsets.get(0) > start) {
                dictionary = start;
            }
        } else {
            // only the headers are read: small reads at each page
            ColumnInput in = new ColumnInput(ch, 4096);
            in.seek(start, end);
            long row = 0;
            while (in.position() < end) {
                long at = in.position();
                PageHeader h = Util.readPageHeader(in);
                int size = h.getCompressed_page_size();
                largest = Math.max(largest, Math.max(size, h.getUncompressed_page_size()));
                switch (h.getType()) {
                    case DICTIONARY_PAGE -> dictionary = at;
                    case DATA_PAGE, DATA_PAGE_V2 -> {
                        offsets.add(at);
                        firsts.add(row);
                        row += h.isSetData_page_header() ? h.getData_page_header().getNum_values()
                                : h.getData_page_header_v2().getNum_rows();
                    }
                    default -> {
                    }
                }
                in.seek(in.position() + size, end);
            }
        }
        if (offsets.isEmpty() || firsts.get(0) != 0) {
            throw new IOException("column '" + col.name() + "' of row group " + g + " has no data pages");
        }
        long[] off = offsets.stream().mapToLong(Long::longValue).toArray();
        long[] first = firsts.stream().mapToLong(Long::longValue).toArray();
        for (int i = 1; i < first.length; i++) {
            if (first[i] <= first[i - 1] || first[i] >= rows || off[i] <= off[i - 1] || off[i] >= end) {
                throw new IOException("column '" + col.name() + "' of row group " + g + ": inconsistent page index");
            }
        }
        return new Pages(md.getCodec(), dictionary, off, first, end, md.getTotal_compressed_size(), largest, rows);
    }

    /**
     * Reads rows [from, to) of a row group in chunks; remembers the most bytes its columns held in
     * buffers at once (for the tests of the memory bound).
     */
    static final class PartReader implements Consumer<Consumer<EventTable>> {
        private final Path file;
        private final ColumnMapping m;
        private final List<Column> read;
        private final List<String> names;
        private final int nc;
        private final boolean hasSample;
        private final Pages[] pages;
        private final int group;
        private final long from;
        private final long to;
        private final String defaultSample;
        private final int chunkRows;
        private long peakBuffered;

        PartReader(Path file, ColumnMapping m, List<Column> read, int nc, boolean hasSample, Pages[] pages, int group,
                   long from, long to, String defaultSample, int chunkRows) {
            this.file = file;
            this.m = m;
            this.read = read;
            this.names = read.stream().limit(nc).map(Column::name).toList();
            this.nc = nc;
            this.hasSample = hasSample;
            this.pages = pages;
            this.group = group;
            this.from = from;
            this.to = to;
            this.defaultSample = defaultSample;
            this.chunkRows = chunkRows;
        }

        /** @return the most bytes the part's columns held in buffers at once, after {@link #accept} */
        long peakBufferedBytes() {
            return peakBuffered;
        }

        @Override
        public void accept(Consumer<EventTable> chunk) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                PageColumn[] columns = new PageColumn[read.size()];
                for (int c = 0; c < columns.length; c++) {
                    columns[c] = new PageColumn(ch, read.get(c), pages[c], from, to);
                }
                long total = to - from;
                // chunks of equal size, at most chunkRows
                int chunks = (int) ((total + chunkRows - 1) / chunkRows);
                long done = 0;
                for (int k = 0; k < chunks; k++) {
                    int n = (int) ((total * (k + 1)) / chunks - done);
                    double[][] values = new double[nc][n];
                    for (int c = 0; c < nc; c++) {
                        columns[c].fill(values[c], n, done);
                    }
                    int[] sampleIndex = null;
                    List<String> samples = new ArrayList<>();
                    if (hasSample) {
                        sampleIndex = new int[n];
                        columns[nc].samples(sampleIndex, n, samples, done);
                    } else {
                        samples.add(defaultSample);
                    }
                    long buffered = 0;
                    for (PageColumn c : columns) {
                        buffered += c.bufferedBytes();
                    }
                    peakBuffered = Math.max(peakBuffered, buffered);
                    chunk.accept(EventReader.assemble(m, names, values, n, done, sampleIndex, samples));
                    done += n;
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof EventStream.RowProblem || e instanceof InvalidInputException) {
                    throw (RuntimeException) e;
                }
                throw new InvalidInputException(file + ": cannot read Parquet row group " + group + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * A column chunk's bytes from some position on, read from the file into one bounded buffer that is
     * reused (grown only for a page larger than {@value #READ_BYTES} bytes); an input stream for the page
     * headers.
     */
    static final class ColumnInput extends InputStream {
        private final FileChannel ch;
        private final int readSize;
        private byte[] buf = new byte[0];
        /** File offset of buf[0]. */
        private long base;
        private int pos;
        private int lim;
        private long end;

        /**
         * @param ch the file
         * @param readSize bytes to read at a time (more when more are needed at once)
         */
        ColumnInput(FileChannel ch, int readSize) {
            this.ch = ch;
            this.readSize = readSize;
        }

        /** Moves to a file offset, reading no further than {@code end}; keeps buffered bytes when possible. */
        void seek(long offset, long end) {
            this.end = end;
            if (offset >= base && offset <= base + lim) {
                pos = (int) (offset - base);
            } else {
                base = offset;
                pos = 0;
                lim = 0;
            }
        }

        long position() {
            return base + pos;
        }

        /** @return the capacity of the buffer (for tests of the memory bound) */
        int capacity() {
            return buf.length;
        }

        /** Makes at least n bytes from the position on available in {@link #buf} at {@link #pos}. */
        void ensure(int n) throws IOException {
            if (lim - pos >= n) {
                return;
            }
            long at = base + pos;
            if (at + n > end) {
                throw new EOFException("column chunk ends at byte " + end + ", " + n + " bytes needed at " + at);
            }
            int want = (int) Math.min(Math.max(n, readSize), end - at);
            int keep = lim - pos;
            if (buf.length < want) {
                byte[] b = new byte[want];
                System.arraycopy(buf, pos, b, 0, keep);
                buf = b;
            } else {
                System.arraycopy(buf, pos, buf, 0, keep);
            }
            base = at;
            pos = 0;
            lim = keep;
            ByteBuffer b = ByteBuffer.wrap(buf, keep, want - keep);
            readFully(ch, b, at);
            lim = want;
        }

        @Override
        public int read() throws IOException {
            if (base + pos >= end) {
                return -1;
            }
            ensure(1);
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (base + pos >= end) {
                return -1;
            }
            if (pos == lim) {
                ensure(1);
            }
            int k = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, b, off, k);
            pos += k;
            return k;
        }
    }

    /**
     * One column of a part, decoded a page at a time: PLAIN doubles straight from the page bytes,
     * dictionary-encoded values through their ids, other encodings through parquet-column's values
     * readers. A null value is a row problem.
     */
    static final class PageColumn {
        private static final int PLAIN_DOUBLE = 0;
        private static final int DICTIONARY = 1;
        private static final int DECODED = 2;

        private final Column col;
        private final Pages pages;
        private final ColumnInput in;
        private final Decompressor decompressor;
        private final long partEnd;
        /** Dictionary values (numeric) or names (text), when the chunk has a dictionary. */
        private double[] dictValues;
        private String[] dictNames;
        /** The current page: its bytes (decompressed), where its values start, how they are stored. */
        private byte[] page = new byte[0];
        private int valuesStart;
        private int kind;
        private int[] ids = new int[0];
        private double[] decoded = new double[0];
        private String[] names = new String[0];
        /** Index of the current page, values in it, next value, first null (or MAX_VALUE). */
        private int pageIndex;
        private int count;
        private int pos;
        private int nullAt;

        PageColumn(FileChannel ch, Column col, Pages pages, long from, long to) throws IOException {
            this.col = col;
            this.pages = pages;
            this.in = new ColumnInput(ch, READ_BYTES);
            this.decompressor = switch (pages.codec()) {
                case SNAPPY -> new SnappyDecompressor();
                case ZSTD -> new ZstdDecompressor();
                case LZ4_RAW -> new Lz4Decompressor();
                case UNCOMPRESSED, GZIP -> null;
                default -> throw new IOException("column '" + col.name() + "': compression " + pages.codec()
                        + " is not supported (use SNAPPY, ZSTD, GZIP, LZ4_RAW or none)");
            };
            int first = pages.pageOf(from);
            int last = pages.pageOf(to - 1);
            this.partEnd = last + 1 < pages.offset().length ? pages.offset()[last + 1] : pages.end();
            if (pages.dictionary() >= 0) {
                in.seek(pages.dictionary(), pages.offset()[0]);
                PageHeader h = Util.readPageHeader(in);
                if (h.getType() != org.apache.parquet.format.PageType.DICTIONARY_PAGE) {
                    throw new IOException("column '" + col.name() + "': expected a dictionary page, found "
                            + h.getType());
                }
                dictionary(h);
            }
            pageIndex = first - 1;
            in.seek(pages.offset()[first], partEnd);
            nextPage();
            // skip the rows of the first page before the part
            long skip = from - pages.firstRow()[first];
            if (skip > count) {
                throw new IOException("column '" + col.name() + "': page " + first + " holds fewer rows than indexed");
            }
            pos = (int) skip;
        }

        /** The page's bytes after the header, decompressed into {@link #page} from offset 0 (length returned). */
        private int load(PageHeader h, int levelBytes) throws IOException {
            int csize = h.getCompressed_page_size();
            int usize = h.getUncompressed_page_size();
            if (csize < 0 || usize < 0 || levelBytes < 0 || levelBytes > Math.min(csize, usize)) {
                throw new IOException("column '" + col.name() + "': bad page sizes");
            }
            // a corrupt header must not make us allocate more than a page can plausibly need
            if (usize > Runtime.getRuntime().maxMemory() / 8) {
                throw new IOException("column '" + col.name() + "': a page of " + usize + " bytes (uncompressed) is"
                        + " too large for the heap");
            }
            in.ensure(csize);
            byte[] src = in.buf;
            int at = in.pos;
            in.pos += csize;
            if (page.length < usize + 8) {
                page = new byte[usize + 8 + (usize >> 3)];
            }
            System.arraycopy(src, at, page, 0, levelBytes);
            boolean compressed = h.getType() != org.apache.parquet.format.PageType.DATA_PAGE_V2
                    || !h.getData_page_header_v2().isSetIs_compressed() || h.getData_page_header_v2().isIs_compressed();
            int clen = csize - levelBytes;
            int ulen = usize - levelBytes;
            if (!compressed || pages.codec() == CompressionCodec.UNCOMPRESSED) {
                if (clen != ulen) {
                    throw new IOException("column '" + col.name() + "': uncompressed page of " + clen + " bytes, "
                            + ulen + " expected");
                }
                System.arraycopy(src, at + levelBytes, page, levelBytes, clen);
            } else if (decompressor != null) {
                int n = decompressor.decompress(src, at + levelBytes, clen, page, levelBytes, ulen);
                if (n != ulen) {
                    throw new IOException("column '" + col.name() + "': page decompressed to " + n + " bytes, " + ulen
                            + " expected");
                }
            } else {
                try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(src, at + levelBytes, clen))) {
                    int n = z.readNBytes(page, levelBytes, ulen);
                    if (n != ulen) {
                        throw new IOException("column '" + col.name() + "': page decompressed to " + n + " bytes, "
                                + ulen + " expected");
                    }
                }
            }
            return usize;
        }

        private void dictionary(PageHeader h) throws IOException {
            int len = load(h, 0);
            int n = h.getDictionary_page_header().getNum_values();
            // every entry takes at least 4 bytes (a number, or a string's length)
            if (n < 0 || 4L * n > len) {
                throw new IOException("column '" + col.name() + "': dictionary of " + n + " values in " + len
                        + " bytes");
            }
            Encoding e = h.getDictionary_page_header().getEncoding();
            if (e != Encoding.PLAIN && e != Encoding.PLAIN_DICTIONARY) {
                throw new IOException("column '" + col.name() + "': dictionary encoding " + e + " is not supported");
            }
            ByteBuffer b = ByteBuffer.wrap(page, 0, len).order(ByteOrder.LITTLE_ENDIAN);
            if (col.type() == Type.BYTE_ARRAY) {
                dictNames = new String[n];
                for (int i = 0; i < n; i++) {
                    int l = b.getInt();
                    if (l < 0 || l > b.remaining()) {
                        throw new IOException("column '" + col.name() + "': bad dictionary string length " + l);
                    }
                    dictNames[i] = new String(page, b.position(), l, StandardCharsets.UTF_8).strip();
                    b.position(b.position() + l);
                }
                return;
            }
            dictValues = new double[n];
            plain(b, dictValues, n);
        }

        /** n PLAIN values of the column's numeric type as doubles. */
        private void plain(ByteBuffer b, double[] out, int n) throws IOException {
            int width = col.type() == Type.DOUBLE || col.type() == Type.INT64 ? 8 : 4;
            if ((long) n * width > b.remaining()) {
                throw new IOException("column '" + col.name() + "': page holds fewer values than its header says");
            }
            switch (col.type()) {
                case DOUBLE -> b.asDoubleBuffer().get(out, 0, n);
                case FLOAT -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = b.getFloat();
                    }
                }
                case INT32 -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = b.getInt();
                    }
                }
                case INT64 -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = b.getLong();
                    }
                }
                default -> throw new IllegalStateException("unexpected type " + col.type());
            }
        }

        /** Decodes the next data page of the part. */
        private void nextPage() throws IOException {
            pageIndex++;
            if (pageIndex >= pages.offset().length || pages.offset()[pageIndex] >= partEnd) {
                throw new IOException("column '" + col.name() + "' ends after fewer values than the row group's rows");
            }
            in.seek(pages.offset()[pageIndex], partEnd);
            PageHeader h = Util.readPageHeader(in);
            int rows;
            int len;
            int levels;
            Encoding enc;
            int maxDef = col.optional() ? 1 : 0;
            if (h.getType() == org.apache.parquet.format.PageType.DATA_PAGE) {
                DataPageHeader d = h.getData_page_header();
                rows = d.getNum_values();
                enc = d.getEncoding();
                len = load(h, 0);
                levels = 0;
                nullAt = Integer.MAX_VALUE;
                if (maxDef > 0) {
                    if (d.getDefinition_level_encoding() != Encoding.RLE) {
                        throw new IOException("column '" + col.name() + "': definition level encoding "
                                + d.getDefinition_level_encoding() + " is not supported");
                    }
                    int l = ByteBuffer.wrap(page, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                    if (l < 0 || l > len - 4) {
                        throw new IOException("column '" + col.name() + "': bad definition levels length " + l);
                    }
                    nullAt = firstNull(4, 4 + l, rows);
                    levels = 4 + l;
                }
            } else if (h.getType() == org.apache.parquet.format.PageType.DATA_PAGE_V2) {
                DataPageHeaderV2 d = h.getData_page_header_v2();
                rows = d.getNum_values();
                enc = d.getEncoding();
                int rl = d.getRepetition_levels_byte_length();
                int dl = d.getDefinition_levels_byte_length();
                levels = rl + dl;
                len = load(h, levels);
                nullAt = maxDef > 0 && d.getNum_nulls() > 0 ? firstNull(rl, rl + dl, rows) : Integer.MAX_VALUE;
            } else {
                // the offsets are those of data pages only
                throw new IOException("column '" + col.name() + "': page " + pageIndex + " is a " + h.getType()
                        + ", not a data page");
            }
            if (rows < 0 || rows > pages.rows()) {
                throw new IOException("column '" + col.name() + "': page of " + rows + " values in a row group of "
                        + pages.rows() + " rows");
            }
            int dense = Math.min(rows, nullAt);
            count = rows;
            pos = 0;
            ByteBuffer b = ByteBuffer.wrap(page, levels, len - levels).order(ByteOrder.LITTLE_ENDIAN);
            if (enc == Encoding.PLAIN_DICTIONARY || enc == Encoding.RLE_DICTIONARY) {
                if (dictValues == null && dictNames == null) {
                    throw new IOException("column '" + col.name() + "': dictionary-encoded page without a dictionary");
                }
                if (ids.length < rows) {
                    ids = new int[rows];
                }
                if (len - levels < 1) {
                    throw new IOException("column '" + col.name() + "': empty dictionary-encoded page");
                }
                int width = page[levels] & 0xff;
                int max = hybrid(page, levels + 1, len, width, ids, dense);
                int size = dictValues != null ? dictValues.length : dictNames.length;
                if (dense > 0 && Integer.compareUnsigned(max, size - 1) > 0) {
                    throw new IOException("column '" + col.name() + "': dictionary id " + max + " beyond the"
                            + " dictionary of " + size);
                }
                kind = DICTIONARY;
            } else if (col.type() == Type.BYTE_ARRAY) {
                if (names.length < rows) {
                    names = new String[rows];
                }
                ValuesReader r = org.apache.parquet.column.Encoding.valueOf(enc.name()).getValuesReader(descriptor(),
                        ValuesType.VALUES);
                r.initFromPage(dense, ByteBufferInputStream.wrap(b));
                Binary previous = null;
                for (int i = 0; i < dense; i++) {
                    Binary v = r.readBytes();
                    names[i] = v.equals(previous) ? names[i - 1] : v.toStringUsingUTF8().strip();
                    previous = v.copy();
                }
                kind = DECODED;
            } else if (enc == Encoding.PLAIN && col.type() == Type.DOUBLE) {
                if ((long) dense * 8 > len - levels) {
                    throw new IOException("column '" + col.name() + "': page holds fewer values than its header says");
                }
                valuesStart = levels;
                kind = PLAIN_DOUBLE;
            } else {
                if (decoded.length < rows) {
                    decoded = new double[rows];
                }
                if (enc == Encoding.PLAIN) {
                    plain(b, decoded, dense);
                } else {
                    ValuesReader r = org.apache.parquet.column.Encoding.valueOf(enc.name())
                            .getValuesReader(descriptor(), ValuesType.VALUES);
                    r.initFromPage(dense, ByteBufferInputStream.wrap(b));
                    for (int i = 0; i < dense; i++) {
                        decoded[i] = switch (col.type()) {
                            case DOUBLE -> r.readDouble();
                            case FLOAT -> r.readFloat();
                            case INT32 -> r.readInteger();
                            case INT64 -> r.readLong();
                            default -> throw new IllegalStateException("unexpected type " + col.type());
                        };
                    }
                }
                kind = DECODED;
            }
        }

        private ColumnDescriptor descriptor() {
            PrimitiveType.PrimitiveTypeName t = switch (col.type()) {
                case DOUBLE -> PrimitiveType.PrimitiveTypeName.DOUBLE;
                case FLOAT -> PrimitiveType.PrimitiveTypeName.FLOAT;
                case INT32 -> PrimitiveType.PrimitiveTypeName.INT32;
                case INT64 -> PrimitiveType.PrimitiveTypeName.INT64;
                default -> PrimitiveType.PrimitiveTypeName.BINARY;
            };
            org.apache.parquet.schema.Type.Repetition rep = col.optional()
                    ? org.apache.parquet.schema.Type.Repetition.OPTIONAL
                    : org.apache.parquet.schema.Type.Repetition.REQUIRED;
            return new ColumnDescriptor(new String[] {col.name()}, new PrimitiveType(rep, t, col.name()), 0,
                    col.optional() ? 1 : 0);
        }

        /** The index of the first null among the page's rows (definition level 0), or MAX_VALUE. */
        private int firstNull(int from, int to, int rows) throws IOException {
            if (rows < 0 || rows > pages.rows()) {
                throw new IOException("column '" + col.name() + "': page of " + rows + " values in a row group of "
                        + pages.rows() + " rows");
            }
            int[] levels = new int[rows];
            hybrid(page, from, to, 1, levels, rows);
            for (int i = 0; i < rows; i++) {
                if (levels[i] == 0) {
                    return i;
                }
            }
            return Integer.MAX_VALUE;
        }

        /** Checks that the next n rows exist and have no null; returns how many the current page has. */
        private int next(int n, long partRow) throws IOException {
            if (pos == count) {
                nextPage();
            }
            int m = Math.min(n, count - pos);
            if (nullAt != Integer.MAX_VALUE && nullAt >= pos && nullAt < pos + m) {
                throw new EventStream.RowProblem(partRow + nullAt - pos, col.name(),
                        col.type() == Type.BYTE_ARRAY ? "missing sample name" : "missing value (null)");
            }
            return m;
        }

        /** The next n values as doubles; {@code partRow} is the part's row of the first. */
        void fill(double[] out, int n, long partRow) throws IOException {
            int k = 0;
            while (k < n) {
                int m = next(n - k, partRow + k);
                switch (kind) {
                    case PLAIN_DOUBLE -> ByteBuffer.wrap(page, valuesStart + 8 * pos, 8 * m)
                            .order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out, k, m);
                    case DICTIONARY -> {
                        final double[] dict = dictValues;
                        final int[] id = ids;
                        for (int i = 0; i < m; i++) {
                            out[k + i] = dict[id[pos + i]];
                        }
                    }
                    default -> System.arraycopy(decoded, pos, out, k, m);
                }
                pos += m;
                k += m;
            }
        }

        /** The sample ids of the next n rows, numbered in order of first appearance in {@code samples}. */
        void samples(int[] out, int n, List<String> samples, long partRow) throws IOException {
            int[] byDictId = dictNames != null ? new int[dictNames.length] : null;
            if (byDictId != null) {
                Arrays.fill(byDictId, -1);
            }
            Map<String, Integer> byName = new HashMap<>();
            int k = 0;
            while (k < n) {
                int m = next(n - k, partRow + k);
                for (int i = 0; i < m; i++, k++, pos++) {
                    if (kind == DICTIONARY) {
                        int dictId = ids[pos];
                        int id = byDictId[dictId];
                        if (id < 0) {
                            id = sampleId(dictNames[dictId], samples, partRow + k);
                            byDictId[dictId] = id;
                        }
                        out[k] = id;
                    } else {
                        String s = names[pos];
                        Integer id = byName.get(s);
                        if (id == null) {
                            id = sampleId(s, samples, partRow + k);
                            byName.put(s, id);
                        }
                        out[k] = id;
                    }
                }
            }
        }

        /** The chunk's id of a sample name (added in order of first appearance). */
        private int sampleId(String s, List<String> samples, long partRow) {
            if (s.isEmpty()) {
                throw new EventStream.RowProblem(partRow, col.name(), "missing sample name");
            }
            int id = samples.indexOf(s);
            if (id < 0) {
                id = samples.size();
                samples.add(s);
            }
            return id;
        }

        /** Bytes this column holds in buffers (read buffer, page, ids, decoded values), for tests. */
        long bufferedBytes() {
            return in.capacity() + (long) page.length + 4L * ids.length + 8L * decoded.length;
        }
    }

    /**
     * Decodes n values of the RLE / bit-packing hybrid encoding (Parquet's "RLE" encoding, without a
     * length prefix) of the given bit width from {@code b[from, to)} into {@code out}.
     *
     * @return the largest value decoded, as an unsigned integer (0 for no values)
     */
    static int hybrid(byte[] b, int from, int to, int width, int[] out, int n) throws IOException {
        if (width > 32) {
            throw new IOException("bit width " + width + " of an RLE / bit-packed run");
        }
        int mask = width == 32 ? -1 : (1 << width) - 1;
        int bytes = (width + 7) / 8;
        int p = from;
        int k = 0;
        int max = 0;
        while (k < n) {
            int header = 0;
            int shift = 0;
            int x;
            do {
                if (p >= to) {
                    throw new IOException("RLE / bit-packed values end after " + k + " of " + n);
                }
                x = b[p++] & 0xff;
                header |= (x & 0x7f) << shift;
                shift += 7;
            } while ((x & 0x80) != 0 && shift < 35);
            if ((header & 1) == 0) {
                int run = header >>> 1;
                if (p + bytes > to) {
                    throw new IOException("RLE run ends after the data");
                }
                int v = 0;
                for (int j = 0; j < bytes; j++) {
                    v |= (b[p++] & 0xff) << (8 * j);
                }
                if (run <= 0) {
                    throw new IOException("RLE run of length " + run);
                }
                int m = Math.min(run, n - k);
                Arrays.fill(out, k, k + m, v);
                max = Integer.compareUnsigned(v, max) > 0 ? v : max;
                k += m;
            } else {
                int groups = header >>> 1;
                int values = groups * 8;
                long runBytes = (long) groups * width;
                int m = Math.min(values, n - k);
                int used = (int) Math.min(runBytes, to - p);
                if ((long) m * width > 8L * used) {
                    throw new IOException("bit-packed run ends after the data");
                }
                if (width == 0) {
                    Arrays.fill(out, k, k + m, 0);
                } else if (width <= 24 && p + (long) runBytes + 8 <= b.length) {
                    // a little-endian 64-bit load covers any value of up to 57 bits at any bit offset
                    int mx = max;
                    for (int j = 0; j < m; j++) {
                        long bit = (long) j * width;
                        long word = (long) LONG_LE.get(b, p + (int) (bit >>> 3));
                        int v = (int) (word >>> (bit & 7)) & mask;
                        out[k + j] = v;
                        mx = Math.max(mx, v);
                    }
                    max = mx;
                } else {
                    long acc = 0;
                    int bits = 0;
                    int q = p;
                    for (int j = 0; j < m; j++) {
                        while (bits < width) {
                            acc |= (long) (b[q++] & 0xff) << bits;
                            bits += 8;
                        }
                        int v = (int) acc & mask;
                        acc >>>= width;
                        bits -= width;
                        out[k + j] = v;
                        max = Integer.compareUnsigned(v, max) > 0 ? v : max;
                    }
                }
                k += m;
                p += used;
            }
        }
        return max;
    }

    private static String describe(Field f) {
        if (f.group()) {
            return "group";
        }
        SchemaElement e = f.element();
        String logical = null;
        if (e.isSetLogicalType()) {
            logical = e.getLogicalType().getSetField().getFieldName();
        } else if (e.isSetConverted_type()) {
            logical = e.getConverted_type().name();
            if (logical.equals("UTF8")) {
                logical = "STRING";
            }
        }
        String type = switch (e.getType()) {
            case BYTE_ARRAY -> "binary";
            default -> e.getType().name().toLowerCase(Locale.ROOT);
        };
        return type + (logical != null ? " (" + logical + ")" : "")
                + (e.getRepetition_type() == FieldRepetitionType.REPEATED ? ", repeated" : "");
    }
}
