package org.recoil.core.events;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.recoil.core.InvalidInputException;

/**
 * CSV event files, read with Jackson's streaming CSV parser (numbers with its fast, correctly
 * rounded double parser) in parts of about {@link EventStream#CSV_PART_BYTES} bytes cut at line
 * breaks, each part independent of the others so that parts can be read in parallel.
 */
final class CsvEvents {
    /** Thread-safe, shared: parsers are created per part. */
    private static final CsvFactory FACTORY = CsvFactory.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private CsvEvents() {
    }

    /** Reads the header, checks the columns and cuts the file into parts. */
    static List<EventStream.Part> plan(Path file, long size, ColumnMapping m, String defaultSample, int partBytes) {
        byte[] head = bytes(file, 0, (int) Math.min(size, 1 << 20));
        int eol = indexOf(head, head.length, 0, (byte) '\n');
        if (eol < 0 && head.length < size) {
            throw new InvalidInputException(file + ": the header line is longer than 1 MB");
        }
        int headerEnd = eol < 0 ? head.length : eol + 1;
        List<String> header = new ArrayList<>();
        try (CsvParser p = FACTORY.createParser(head, 0, headerEnd)) {
            if (p.nextToken() == JsonToken.START_ARRAY) {
                for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    header.add(p.getText().strip());
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot parse the CSV header: " + e.getMessage(), e);
        }
        if (header.isEmpty() || header.size() == 1 && header.get(0).isEmpty()) {
            throw new InvalidInputException(file + ": file is empty (no header line)");
        }
        LinkedHashSet<String> present = new LinkedHashSet<>(header);
        List<String> cols = EventReader.numericColumns(file, m, present);
        int[] position = new int[header.size()];
        java.util.Arrays.fill(position, -1);
        for (int c = 0; c < cols.size(); c++) {
            position[header.indexOf(cols.get(c))] = c;
        }
        int sampleColumn = header.indexOf(m.sample());
        if (sampleColumn >= 0) {
            position[sampleColumn] = cols.size();
        }
        Layout layout = new Layout(file, m, cols, header.size(), position, defaultSample);
        List<EventStream.Part> parts = new ArrayList<>();
        long p = partBytes;
        for (long start = headerEnd; start < size || parts.isEmpty(); start += p) {
            long from = start;
            long to = Math.min(size, start + p);
            parts.add(new EventStream.Part(to - from, chunk -> layout.read(from, to, from == headerEnd, size, chunk)));
        }
        return parts;
    }

    /** How a file's columns map to the table. */
    private record Layout(Path file, ColumnMapping m, List<String> cols, int fields, int[] position,
                          String defaultSample) {

        /**
         * Reads the lines that start in [from, to) (the first part: from the header's end), as one chunk.
         */
        void read(long from, long to, boolean first, long size, Consumer<EventTable> chunk) {
            long start = first ? from : lineStart(from, size);
            long end = to >= size ? size : lineStart(to, size);
            if (start >= end) {
                return;
            }
            if (end - start > Integer.MAX_VALUE - 16) {
                throw new InvalidInputException(file + ": a line is longer than 2 GB");
            }
            byte[] buf = bytes(file, start, (int) (end - start));
            int cap = Math.max(16, buf.length / 48);
            double[][] values = new double[cols.size()][cap];
            int[] sampleIndex = position.length > 0 && hasSample() ? new int[cap] : null;
            Map<String, Integer> sampleIds = new HashMap<>();
            List<String> samples = new ArrayList<>();
            if (sampleIndex == null) {
                samples.add(defaultSample);
            }
            int n = 0;
            try (CsvParser p = FACTORY.createParser(buf, 0, buf.length)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t != JsonToken.START_ARRAY) {
                        throw new EventStream.RowProblem(n, null, "unexpected CSV structure");
                    }
                    if (n == values[0].length) {
                        int grown = n * 2;
                        for (int c = 0; c < values.length; c++) {
                            values[c] = java.util.Arrays.copyOf(values[c], grown);
                        }
                        if (sampleIndex != null) {
                            sampleIndex = java.util.Arrays.copyOf(sampleIndex, grown);
                        }
                    }
                    int f = 0;
                    for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), f++) {
                        if (f >= fields) {
                            throw new EventStream.RowProblem(n, null, "more fields than the " + fields
                                    + " columns of the header");
                        }
                        int at = position[f];
                        if (at < 0) {
                            continue;
                        }
                        if (at == values.length) {
                            String s = p.getText().strip();
                            if (s.isEmpty()) {
                                throw new EventStream.RowProblem(n, m.sample(), "missing sample name");
                            }
                            Integer id = sampleIds.get(s);
                            if (id == null) {
                                id = samples.size();
                                sampleIds.put(s, id);
                                samples.add(s);
                            }
                            sampleIndex[n] = id;
                        } else {
                            values[at][n] = number(p, n, cols.get(at));
                        }
                    }
                    if (f < fields) {
                        throw new EventStream.RowProblem(n, null, "only " + f + " fields, the header has " + fields);
                    }
                    n++;
                }
            } catch (IOException e) {
                throw new EventStream.RowProblem(n, null, "cannot parse CSV: " + e.getMessage());
            }
            if (n > 0) {
                chunk.accept(EventReader.assemble(m, cols, values, n, 0, sampleIndex, samples));
            }
        }

        private boolean hasSample() {
            for (int pos : position) {
                if (pos == cols.size()) {
                    return true;
                }
            }
            return false;
        }

        private static double number(CsvParser p, int row, String column) throws IOException {
            // the parser holds each value as a String already: parse it without copying
            String t = p.getText();
            int len = t.length();
            if (len == 0 || t.charAt(0) <= ' ' || t.charAt(len - 1) <= ' ') {
                t = t.strip();
                if (t.isEmpty()) {
                    return Double.NaN;
                }
            }
            try {
                return NumberInput.parseDouble(t, true);
            } catch (NumberFormatException e) {
                throw new EventStream.RowProblem(row, column, "not a number ('" + t + "')");
            }
        }

        /** The first byte of the first line starting at or after {@code at} (the byte after a line break). */
        private long lineStart(long at, long size) {
            long pos = at - 1;
            byte[] b = new byte[1 << 16];
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                while (pos < size) {
                    ByteBuffer bb = ByteBuffer.wrap(b);
                    int r = ch.read(bb, pos);
                    if (r <= 0) {
                        return size;
                    }
                    int i = indexOf(b, r, 0, (byte) '\n');
                    if (i >= 0) {
                        return pos + i + 1;
                    }
                    pos += r;
                }
                return size;
            } catch (IOException e) {
                throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
            }
        }
    }

    private static int indexOf(byte[] b, int len, int from, byte x) {
        for (int i = from; i < len; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytes(Path file, long from, int len) {
        byte[] b = new byte[len];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bb = ByteBuffer.wrap(b);
            while (bb.hasRemaining()) {
                if (ch.read(bb, from + bb.position()) < 0) {
                    throw new InvalidInputException(file + ": file shorter than expected (changed while reading?)");
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return b;
    }
}
