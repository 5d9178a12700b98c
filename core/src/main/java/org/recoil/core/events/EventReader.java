package org.recoil.core.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.recoil.core.InvalidInputException;
import org.recoil.core.kinematics.ThreeVector;

/**
 * Reads {@link EventTable}s from CSV (a byte-level scanner, Jackson's CSV parser for the unusual) or
 * Parquet (page by page straight from the file, no Hadoop), chosen by the file extension
 * ({@code .csv}; {@code .parquet} or {@code .pq}), using a {@link ColumnMapping}. ROOT files
 * ({@code .root}) are refused with a hint to convert them. To process large files in bounded
 * memory, use {@link EventStream} (this class reads through it).
 *
 * <p>All or nothing: the whole file is read and checked before a table is returned. Any problem
 * gives an {@link InvalidInputException} whose message names the file, the column and the row
 * (1-based, the CSV header not counted), e.g.
 * {@code "events.csv: column 'mu1_px', row 17: missing or NaN value"}. Checked: the file exists
 * and is not empty, has at least one event, has every required column; every used value is a
 * finite number; charges and {@code n_muons} are integers ({@code n_muons >= 0}); the extra energy
 * is {@code >= 0}; for p/θ/φ momenta {@code p >= 0} and {@code 0 <= θ <= π}; sample names are not
 * blank. Columns not in the mapping are ignored; a missing column's message lists the file's own
 * columns. CSV fields must not contain line breaks (files are cut into parts at line breaks).
 */
public final class EventReader {
    private EventReader() {
    }

    /**
     * Reads with the default column names; the sample name, when the file has no {@code sample}
     * column, is the file name without extension.
     *
     * @param file a .csv, .parquet or .pq file
     * @return the events
     * @throws InvalidInputException if the file cannot be used (see the class description)
     */
    public static EventTable read(Path file) {
        return read(file, ColumnMapping.defaults());
    }

    /**
     * @param file a .csv, .parquet or .pq file
     * @param mapping the column mapping
     * @return the events; without a sample column, all of sample {@link #defaultSampleName(Path)}
     * @throws InvalidInputException if the file cannot be used
     */
    public static EventTable read(Path file, ColumnMapping mapping) {
        return read(file, mapping, defaultSampleName(file));
    }

    /**
     * @param file a .csv, .parquet or .pq file
     * @param mapping the column mapping
     * @param defaultSample sample name of every event when the file has no sample column
     * @return the events
     * @throws InvalidInputException if the file cannot be used
     */
    public static EventTable read(Path file, ColumnMapping mapping, String defaultSample) {
        return EventStream.readAll(new EventStream.Source(file, mapping, defaultSample));
    }

    /**
     * Checks a file (exists, not empty, known type, required columns present, Parquet column types)
     * and cuts it into parts for {@link EventStream}.
     *
     * @param file the file
     * @param mapping the column mapping
     * @param defaultSample sample name without a sample column
     * @param csvPartBytes target size of a CSV part
     * @param chunkRows largest chunk of a Parquet row group
     * @return the parts, in row order
     * @throws InvalidInputException if the file cannot be used
     */
    static List<EventStream.Part> plan(Path file, ColumnMapping mapping, String defaultSample, int csvPartBytes,
                                       int chunkRows) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".root")) {
            throw new InvalidInputException(file + ": ROOT files are not read directly; convert the TTree to Parquet"
                    + " (e.g. with uproot and pandas/pyarrow, see the README section 'ROOT ntuples') with columns"
                    + " mu1_px, mu1_py, mu1_pz, mu1_charge, mu2_px, mu2_py, mu2_pz, mu2_charge, extra_energy"
                    + " [, weight, n_muons, sample] in GeV");
        }
        boolean csv = name.endsWith(".csv");
        if (!csv && !name.endsWith(".parquet") && !name.endsWith(".pq")) {
            throw new InvalidInputException(file + ": unknown event file type: expected .csv, .parquet or .pq");
        }
        if (size == 0) {
            throw new InvalidInputException(file + ": file is empty");
        }
        if (defaultSample == null || defaultSample.isBlank()) {
            throw new InvalidInputException(file + ": no sample name given for a file without a sample column");
        }
        return csv ? CsvEvents.plan(file, size, mapping, defaultSample, csvPartBytes)
                : ParquetEvents.plan(file, mapping, defaultSample, chunkRows);
    }

    /**
     * @param file an event file
     * @return its file name without the {@code .csv}/{@code .parquet}/{@code .pq} extension
     */
    public static String defaultSampleName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The numeric columns to read: required ones, plus optional ones present (or required when renamed). */
    static List<String> numericColumns(Path file, ColumnMapping m, Set<String> present) {
        List<String> cols = new ArrayList<>(m.requiredNumeric());
        if (m.weightRequired() || present.contains(m.weight())) {
            cols.add(m.weight());
        }
        if (m.nMuonsRequired() || present.contains(m.nMuons())) {
            cols.add(m.nMuons());
        }
        List<String> missing = new ArrayList<>();
        for (String c : new LinkedHashSet<>(cols)) {
            if (!present.contains(c)) {
                missing.add(c);
            }
        }
        if (m.sampleRequired() && !present.contains(m.sample())) {
            missing.add(m.sample());
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(file + ": missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(c -> "'" + c + "'").toList())
                    + " (columns present: " + String.join(", ", present) + ")");
        }
        return new ArrayList<>(new LinkedHashSet<>(cols));
    }

    /**
     * One chunk's raw columns, checked and converted to an event table; problems are reported with
     * the row in the chunk's part ({@link EventStream.RowProblem}).
     *
     * @param m the mapping
     * @param cols the numeric column names, in the order of {@code values}
     * @param values per numeric column, the values of the chunk's rows
     * @param n rows in the chunk
     * @param rowOffset row of the chunk's first event in its part
     * @param sampleIndex per row, the index of its sample name in {@code samples}, or null
     * @param samples the chunk's sample names, in order of first appearance (one: the default)
     * @return the events
     */
    static EventTable assemble(ColumnMapping m, List<String> cols, double[][] values, int n, long rowOffset,
                               int[] sampleIndex, List<String> samples) {
        Map<String, double[]> num = new HashMap<>();
        for (int c = 0; c < cols.size(); c++) {
            double[] v = values[c];
            if (!allFinite(v, n)) {
                for (int i = 0; i < n; i++) {
                    if (!Double.isFinite(v[i])) {
                        throw new EventStream.RowProblem(rowOffset + i, cols.get(c),
                                Double.isNaN(v[i]) ? "missing or NaN value" : "infinite value " + v[i]);
                    }
                }
            }
            num.put(cols.get(c), v);
        }
        double[][] mu1 = momenta(m.muon1(), num, n, rowOffset);
        double[][] mu2 = momenta(m.muon2(), num, n, rowOffset);
        int[] q1 = integers(m.charge1(), num.get(m.charge1()), n, rowOffset, false);
        int[] q2 = integers(m.charge2(), num.get(m.charge2()), n, rowOffset, false);
        double[] extra = owned(num.get(m.extraEnergy()), n);
        int negative = firstNegative(extra, n);
        if (negative >= 0) {
            throw new EventStream.RowProblem(rowOffset + negative, m.extraEnergy(),
                    "extra energy " + extra[negative] + " is negative");
        }
        double[] weight;
        if (num.containsKey(m.weight())) {
            weight = owned(num.get(m.weight()), n);
        } else {
            weight = new double[n];
            java.util.Arrays.fill(weight, 1.0);
        }
        int[] nMuons;
        if (num.containsKey(m.nMuons())) {
            nMuons = integers(m.nMuons(), num.get(m.nMuons()), n, rowOffset, true);
        } else {
            nMuons = new int[n];
            java.util.Arrays.fill(nMuons, 2);
        }
        // like owned(): the readers allocate the sample ids per chunk, so an array of exactly n is the table's
        int[] idx = sampleIndex == null ? new int[n]
                : sampleIndex.length == n ? sampleIndex : java.util.Arrays.copyOf(sampleIndex, n);
        return new EventTable(mu1[0], mu1[1], mu1[2], mu2[0], mu2[1], mu2[2], q1, q2, nMuons, extra, weight, idx,
                samples);
    }

    /**
     * The first n values as an array the table may own: the array itself when it has exactly n
     * values and no other column of the table uses it (the readers allocate one array per column
     * and chunk), otherwise a copy.
     */
    private static double[] owned(double[] v, int n) {
        return v.length == n ? v : java.util.Arrays.copyOf(v, n);
    }

    /** Index of the first negative value among the first n, or -1 (a small loop of its own: quick to compile). */
    private static int firstNegative(double[] v, int n) {
        for (int i = 0; i < n; i++) {
            if (v[i] < 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the first n values are all finite, without a branch per value: a value is not finite
     * exactly when its exponent bits are all ones, and then adding one to the exponent field carries
     * into the sign bit.
     */
    private static boolean allFinite(double[] v, int n) {
        long carry = 0;
        for (int i = 0; i < n; i++) {
            carry |= (Double.doubleToRawLongBits(v[i]) & 0x7ff0_0000_0000_0000L) + 0x0010_0000_0000_0000L;
        }
        return carry >= 0;
    }

    private static int[] integers(String column, double[] v, int n, long rowOffset, boolean nonNegative) {
        int[] out = new int[n];
        boolean bad = false;
        for (int i = 0; i < n; i++) {
            double x = v[i];
            int k = (int) x;
            bad |= (k != x) | (Math.abs(x) > 1e9) | (nonNegative & x < 0);
            out[i] = k;
        }
        if (bad) {
            for (int i = 0; i < n; i++) {
                double x = v[i];
                if ((int) x != x || Math.abs(x) > 1e9) {
                    throw new EventStream.RowProblem(rowOffset + i, column, "value " + x + " is not an integer");
                }
                if (nonNegative && x < 0) {
                    throw new EventStream.RowProblem(rowOffset + i, column, "value " + x + " is negative");
                }
            }
        }
        return out;
    }

    /** Cartesian momentum columns of one muon, converted from p/θ/φ if needed. */
    private static double[][] momenta(MuonColumns mc, Map<String, double[]> num, int n, long rowOffset) {
        String[] names = mc.names();
        double[] a = num.get(names[0]);
        double[] b = num.get(names[1]);
        double[] c = num.get(names[2]);
        if (mc.cartesian()) {
            return new double[][] {owned(a, n), owned(b, n), owned(c, n)};
        }
        double[] px = new double[n];
        double[] py = new double[n];
        double[] pz = new double[n];
        String[] column = new String[1];
        for (int i = 0; i < n; i++) {
            ThreeVector p;
            try {
                p = mc.momentum(a[i], b[i], c[i], col -> {
                    column[0] = col;
                    return "";
                });
            } catch (InvalidInputException e) {
                throw new EventStream.RowProblem(rowOffset + i, column[0], e.getMessage().substring(2));
            }
            px[i] = p.x();
            py[i] = p.y();
            pz[i] = p.z();
        }
        return new double[][] {px, py, pz};
    }
}
