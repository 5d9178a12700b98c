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
            parts.add(new EventStream.Part(to - from, true,
                    chunk -> layout.read(from, to, from == headerEnd, size, chunk)));
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
            if (new FastScanner(this).read(buf, chunk)) {
                return;
            }
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

        boolean hasSample() {
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

    /**
     * The common case at byte level, without a String per value: lines of unquoted fields
     * separated by commas, ending in LF or CRLF, numbers without surrounding blanks, parsed with
     * Jackson's fast double parser (the same parser and grammar as the Jackson path, so the same
     * doubles bit for bit; integers of up to 9 digits exactly). Anything else in a part (a quote,
     * a lone CR, blanks around a number, a wrong field count, a value that is not a number, a
     * blank sample name) makes {@link #read} return false before anything is delivered, and the
     * part is read again by Jackson's CSV parser, which accepts or reports it as before.
     */
    private static final class FastScanner {
        private final Layout layout;
        private final int[] position;
        private final int fields;
        private final int numeric;
        private char[] chars = new char[64];
        /** Raw bytes of the sample names seen, and their ids (few samples: linear search). */
        private final List<byte[]> sampleKeys = new ArrayList<>();
        private final List<Integer> sampleKeyIds = new ArrayList<>();
        private final Map<String, Integer> sampleIds = new HashMap<>();
        private final List<String> samples = new ArrayList<>();

        FastScanner(Layout layout) {
            this.layout = layout;
            this.position = layout.position;
            this.fields = layout.fields;
            this.numeric = layout.cols.size();
        }

        /** @return false if the part needs the general parser (nothing delivered then) */
        boolean read(byte[] buf, Consumer<EventTable> chunk) {
            int len = buf.length;
            int cap = Math.max(16, len / 48);
            double[][] values = new double[numeric][cap];
            boolean hasSample = layout.hasSample();
            int[] sampleIndex = hasSample ? new int[cap] : null;
            if (!hasSample) {
                samples.add(layout.defaultSample);
            }
            int n = 0;
            int pos = 0;
            while (pos < len) {
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
                if (buf[pos] == '\r' && pos + 1 < len && buf[pos + 1] == '\n') {
                    pos += 2;
                    continue;
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
                int from = pos;
                while (true) {
                    if (f >= fields) {
                        return false;
                    }
                    int at = position[f];
                    // a plain number is parsed as it is scanned; anything else is scanned, then looked at
                    int i = at >= 0 && at < numeric ? plainNumber(buf, from, len) : -1;
                    if (i >= 0) {
                        values[at][n] = value;
                        at = -1;
                    } else if (i < -1) {
                        // a plain decimal beyond the fast path: Jackson's parser on exactly its text
                        i = -i - 2;
                        double v = number(buf, from, i);
                        if (v != v) {
                            return false;
                        }
                        values[at][n] = v;
                        at = -1;
                    } else {
                        i = from;
                    }
                    byte b = 0;
                    while (i < len && (b = buf[i]) != ',' && b != '\n' && b != '\r' && b != '"') {
                        i++;
                    }
                    if (i < len && (b == '"' || b == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))) {
                        return false;
                    }
                    if (at >= 0) {
                        if (at == numeric) {
                            int id = sample(buf, from, i);
                            if (id < 0) {
                                return false;
                            }
                            sampleIndex[n] = id;
                        } else {
                            double v = number(buf, from, i);
                            if (v != v && i > from) {
                                return false;
                            }
                            values[at][n] = v;
                        }
                    }
                    f++;
                    if (i >= len || b != ',') {
                        pos = i >= len ? len : i + (b == '\r' ? 2 : 1);
                        break;
                    }
                    from = i + 1;
                }
                if (f < fields) {
                    return false;
                }
                n++;
            }
            if (n > 0) {
                chunk.accept(EventReader.assemble(layout.m, layout.cols, values, n, 0, sampleIndex, samples));
            }
            return true;
        }

        /** Eight bytes of an array as a little-endian long. */
        private static final java.lang.invoke.VarHandle LONG_LE = java.lang.invoke.MethodHandles
                .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        /** Exact powers of ten, for Clinger's fast path. */
        private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
            1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        /** The value of the last {@link #plainNumber}. */
        private double value;

        /**
         * A number of the form {@code [+-]digits[.digits][(e|E)[+-]digits]} ending at a field or line
         * end, whose significand w (all its digits) is at most 2<sup>53</sup> and whose decimal
         * exponent e is within ±22: then w and 10<sup>|e|</sup> are exact doubles and one
         * multiplication or division gives the correctly rounded value (Clinger's fast path), the
         * same double as any correct parser, Jackson's included. Sets {@link #value}.
         *
         * @return the index after the number; -2 - that index for a number of this form with up to
         *     18 digits beyond the fast path (to be parsed in general); or -1 for anything else
         *     (the caller then scans the field and parses it in general)
         */
        private int plainNumber(byte[] b, int from, int len) {
            int i = from;
            boolean neg = false;
            if (i < len && (b[i] == '-' || b[i] == '+')) {
                neg = b[i] == '-';
                i++;
            }
            // w: all digits without leading zeros (at most 18 of them, so that it cannot overflow)
            long w = 0;
            int scale = 0;
            int d;
            int start = i;
            while (i < len && b[i] == '0') {
                i++;
            }
            int sig = i;
            while (i < len && (d = b[i] - '0') >= 0 && d <= 9) {
                w = w * 10 + d;
                i++;
            }
            int digits = i - sig;
            boolean any = i > start;
            if (i < len && b[i] == '.') {
                i++;
                int fraction = i;
                if (w == 0) {
                    while (i < len && b[i] == '0') {
                        i++;
                    }
                }
                sig = i;
                // eight digits at a time while there are eight (w may overflow only beyond 18 digits,
                // which are refused below)
                while (i + 8 <= len) {
                    long v = (long) LONG_LE.get(b, i);
                    if (((v & 0xF0F0F0F0F0F0F0F0L) | (((v + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                            != 0x3333333333333333L) {
                        break;
                    }
                    v = (v & 0x0F0F0F0F0F0F0F0FL) * 2561 >>> 8;
                    v = (v & 0x00FF00FF00FF00FFL) * 6553601 >>> 16;
                    w = w * 100_000_000L + ((v & 0x0000FFFF0000FFFFL) * 42949672960001L >>> 32);
                    i += 8;
                }
                while (i < len && (d = b[i] - '0') >= 0 && d <= 9) {
                    w = w * 10 + d;
                    i++;
                }
                scale = i - fraction;
                digits += i - sig;
                any |= i > fraction;
            }
            if (!any || digits > 18) {
                return -1;
            }
            int exp = 0;
            if (i < len && (b[i] == 'e' || b[i] == 'E')) {
                i++;
                boolean negExp = false;
                if (i < len && (b[i] == '-' || b[i] == '+')) {
                    negExp = b[i] == '-';
                    i++;
                }
                int expDigits = 0;
                while (i < len && (d = b[i] - '0') >= 0 && d <= 9) {
                    exp = exp * 10 + d;
                    expDigits++;
                    i++;
                    if (expDigits > 4) {
                        return -1;
                    }
                }
                if (expDigits == 0) {
                    return -1;
                }
                if (negExp) {
                    exp = -exp;
                }
            }
            if (i < len && b[i] != ',' && b[i] != '\n' && b[i] != '\r') {
                return -1;
            }
            int e = exp - scale;
            if (w > 1L << 53 && e < 0 && e >= -18) {
                double x = quotient(w, -e);
                if (x == x) {
                    value = neg ? -x : x;
                    return i;
                }
                return -i - 2;
            }
            if (w > 1L << 53 || e < -22 || e > 22) {
                return -i - 2;
            }
            double x = e >= 0 ? (double) w * POW10[e] : (double) w / POW10[-e];
            value = neg ? -x : x;
            return i;
        }

        /** 10<sup>k</sup> as longs, k = 0..18. */
        private static final long[] POW10_LONG = new long[19];

        static {
            POW10_LONG[0] = 1;
            for (int k = 1; k < POW10_LONG.length; k++) {
                POW10_LONG[k] = POW10_LONG[k - 1] * 10;
            }
        }

        /**
         * The double nearest to w / 10<sup>k</sup> (ties to even), for 2<sup>53</sup> &lt; w &lt;
         * 10<sup>18</sup> and 1 &le; k &le; 18 (the 17- and 18-digit decimals that Clinger's fast
         * path cannot take): the floating-point quotient, which is within an ulp or so of it, is
         * checked against the two half-way points to its neighbours in exact 128-bit integer
         * arithmetic and moved to the neighbour when the true value lies beyond one; accepted only
         * when proven nearest, so the result is the correctly rounded double, as any correct parser
         * gives it.
         *
         * @return the double, or NaN when it cannot be proven here (subnormal or out-of-range scales,
         *     mantissa at a power of two): the caller then uses the general parser
         */
        private static double quotient(long w, int k) {
            long p = POW10_LONG[k];
            double x = (double) w / POW10[k];
            for (int step = 0; step < 3; step++) {
                long bits = Double.doubleToRawLongBits(x);
                int biased = (int) (bits >>> 52) & 0x7ff;
                if (biased == 0 || biased == 0x7ff) {
                    return Double.NaN;
                }
                long mant = bits & ((1L << 52) - 1) | 1L << 52;
                int s = 1 - (biased - 1075); // x = mant 2^E; compare w 2^(1-E) with (2 mant ± 1) 10^k
                if (mant == 1L << 52 || s < 1 || s > 67) {
                    return Double.NaN;
                }
                long lhsHi = s >= 64 ? w << (s - 64) : w >>> (64 - s);
                long lhsLo = s >= 64 ? 0 : w << s;
                int up = compare(lhsHi, lhsLo, 2 * mant + 1, p);
                if (up > 0) {
                    x = Math.nextUp(x);
                    continue;
                }
                int down = compare(lhsHi, lhsLo, 2 * mant - 1, p);
                if (down < 0) {
                    x = Math.nextDown(x);
                    continue;
                }
                if ((mant & 1) != 0 && up == 0) {
                    return Math.nextUp(x);
                }
                if ((mant & 1) != 0 && down == 0) {
                    return Math.nextDown(x);
                }
                return x;
            }
            return Double.NaN;
        }

        /** Compares the unsigned 128-bit (hi, lo) with a b (a, b &ge; 0, below 2<sup>63</sup>). */
        private static int compare(long hi, long lo, long a, long b) {
            long phi = Math.multiplyHigh(a, b);
            long plo = a * b;
            int c = Long.compareUnsigned(hi, phi);
            return c != 0 ? c : Long.compareUnsigned(lo, plo);
        }

        /** @return the value, NaN for an empty field, or NaN (with from &lt; to) if the general parser must decide */
        private double number(byte[] b, int from, int to) {
            int len = to - from;
            if (len == 0) {
                return Double.NaN;
            }
            int i = from;
            boolean neg = false;
            if (b[i] == '-' || b[i] == '+') {
                neg = b[i] == '-';
                i++;
            }
            if (to - i >= 1 && to - i <= 9) {
                int v = 0;
                int k = i;
                while (k < to) {
                    int d = b[k] - '0';
                    if (d < 0 || d > 9) {
                        break;
                    }
                    v = v * 10 + d;
                    k++;
                }
                if (k == to) {
                    double x = v;
                    return neg ? -x : x;
                }
            }
            if (b[from] <= ' ' || b[to - 1] <= ' ') {
                return Double.NaN;
            }
            if (chars.length < len) {
                chars = new char[len];
            }
            char[] c = chars;
            for (int k = 0; k < len; k++) {
                int x = b[from + k];
                if (x < 0) {
                    return Double.NaN;
                }
                c[k] = (char) x;
            }
            try {
                double v = NumberInput.parseDouble(c, 0, len, true);
                // a NaN written as such is left to the general path (which reports it)
                return v;
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        /** @return the id of the sample name in b[from, to), or -1 if the general parser must decide */
        private int sample(byte[] b, int from, int to) {
            int len = to - from;
            for (int k = 0; k < sampleKeys.size(); k++) {
                byte[] key = sampleKeys.get(k);
                if (key.length == len && java.util.Arrays.equals(key, 0, len, b, from, to)) {
                    return sampleKeyIds.get(k);
                }
            }
            if (sampleKeys.size() >= 64) {
                return -1;
            }
            String s = new String(b, from, len, java.nio.charset.StandardCharsets.UTF_8).strip();
            if (s.isEmpty() || s.indexOf('\uFFFD') >= 0) {
                return -1;
            }
            Integer id = sampleIds.get(s);
            if (id == null) {
                id = samples.size();
                sampleIds.put(s, id);
                samples.add(s);
            }
            sampleKeys.add(java.util.Arrays.copyOfRange(b, from, to));
            sampleKeyIds.add(id);
            return id;
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
