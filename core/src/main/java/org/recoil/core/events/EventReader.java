package org.recoil.core.events;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.HydratorSupplier;
import blue.strategic.parquet.ParquetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.recoil.core.InvalidInputException;
import org.recoil.core.kinematics.ThreeVector;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.AddCellToColumnException;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads {@link EventTable}s from CSV (with Tablesaw) or Parquet (with parquet-floor, no Hadoop),
 * chosen by the file extension ({@code .csv}; {@code .parquet} or {@code .pq}), using a
 * {@link ColumnMapping}.
 *
 * <p>All or nothing: the whole file is read and checked before a table is returned. Any problem
 * gives an {@link InvalidInputException} whose message names the file, the column and the row
 * (1-based, the CSV header not counted), e.g.
 * {@code "events.csv: column 'mu1_px', row 17: missing or NaN value"}. Checked: the file exists
 * and is not empty, has at least one event, has every required column; every used value is a
 * finite number; charges and {@code n_muons} are integers ({@code n_muons >= 0}); the extra energy
 * is {@code >= 0}; for p/θ/φ momenta {@code p >= 0} and {@code 0 <= θ <= π}; sample names are not
 * blank. Columns not in the mapping are ignored.
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
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new InvalidInputException(file + ": file is empty");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Raw raw;
        if (name.endsWith(".csv")) {
            raw = readCsv(file, mapping);
        } else if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            raw = readParquet(file, mapping);
        } else {
            throw new InvalidInputException(file + ": unknown event file type: expected .csv, .parquet or .pq");
        }
        return assemble(file, mapping, raw, defaultSample);
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

    /** Columns read from a file: numeric ones as doubles, the sample column (if any) as text. */
    private record Raw(int rows, Map<String, double[]> numeric, String[] sample) {
    }

    /** The numeric columns to read: required ones, plus optional ones present (or required when renamed). */
    private static List<String> numericColumns(Path file, ColumnMapping m, Set<String> present) {
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

    private static Raw readCsv(Path file, ColumnMapping m) {
        Set<String> numericCandidates = new LinkedHashSet<>(m.requiredNumeric());
        numericCandidates.add(m.weight());
        numericCandidates.add(m.nMuons());
        Table t;
        try {
            CsvReadOptions options = CsvReadOptions.builder(file.toFile())
                    .columnTypes(c -> c.equals(m.sample()) ? ColumnType.STRING
                            : numericCandidates.contains(c) ? ColumnType.DOUBLE : ColumnType.SKIP)
                    .build();
            t = Table.read().usingOptions(options);
        } catch (AddCellToColumnException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new InvalidInputException(file + ": column '" + e.getColumnName() + "', row " + e.getRowNumber()
                    + ": not a number (" + why + ")", e);
        } catch (RuntimeException e) {
            throw new InvalidInputException(file + ": cannot parse CSV: " + e.getMessage(), e);
        }
        if (t.columnCount() == 0 && t.rowCount() == 0) {
            throw new InvalidInputException(file + ": file is empty (no header line)");
        }
        Set<String> present = new LinkedHashSet<>(t.columnNames());
        List<String> cols = numericColumns(file, m, present);
        if (t.rowCount() == 0) {
            throw new InvalidInputException(file + ": no events (only a header line)");
        }
        Map<String, double[]> numeric = new HashMap<>();
        for (String c : cols) {
            numeric.put(c, ((DoubleColumn) t.column(c)).asDoubleArray());
        }
        String[] sample = null;
        if (present.contains(m.sample())) {
            sample = t.stringColumn(m.sample()).asObjectArray();
        }
        return new Raw(t.rowCount(), numeric, sample);
    }

    private static Raw readParquet(Path file, ColumnMapping m) {
        ParquetMetadata meta;
        try {
            meta = ParquetReader.readMetadata(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + ": not a readable Parquet file: " + e.getMessage(), e);
        }
        MessageType schema = meta.getFileMetaData().getSchema();
        Map<String, Type> fields = new LinkedHashMap<>();
        for (Type f : schema.getFields()) {
            fields.put(f.getName(), f);
        }
        List<String> cols = numericColumns(file, m, fields.keySet());
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
            if (!f.isPrimitive() || f.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY) {
                throw new InvalidInputException(file + ": column '" + m.sample() + "' has type " + describe(f)
                        + ", expected text (binary string)");
            }
        }
        long rowCount = 0;
        for (BlockMetaData b : meta.getBlocks()) {
            rowCount += b.getRowCount();
        }
        if (rowCount == 0) {
            throw new InvalidInputException(file + ": no events (0 rows)");
        }
        if (rowCount > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(file + ": " + rowCount + " rows is more than one table can hold");
        }
        int n = (int) rowCount;
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            position.put(cols.get(i), i);
        }
        double[][] values = new double[cols.size()][n];
        String[] sample = hasSample ? new String[n] : null;
        List<String> read = new ArrayList<>(cols);
        if (hasSample) {
            read.add(m.sample());
        }
        int[] row = {0};
        Hydrator<Object[], Integer> hydrator = new Hydrator<>() {
            @Override
            public Object[] start() {
                return new Object[read.size()];
            }

            @Override
            public Object[] add(Object[] target, String heading, Object value) {
                Integer at = position.get(heading);
                target[at != null ? at : read.size() - 1] = value;
                return target;
            }

            @Override
            public Integer finish(Object[] target) {
                int r = row[0];
                if (r >= n) {
                    throw new InvalidInputException(file + ": more rows than the " + n + " announced in the metadata");
                }
                for (int c = 0; c < cols.size(); c++) {
                    Object v = target[c];
                    if (v == null) {
                        throw new InvalidInputException(file + ": column '" + cols.get(c) + "', row " + (r + 1)
                                + ": missing value (null)");
                    }
                    values[c][r] = ((Number) v).doubleValue();
                }
                if (sample != null) {
                    Object s = target[read.size() - 1];
                    sample[r] = s == null ? null : s.toString();
                }
                row[0] = r + 1;
                return r;
            }
        };
        try (Stream<Integer> rows = ParquetReader.streamContent(file.toFile(), HydratorSupplier.constantly(hydrator), read)) {
            rows.forEach(r -> { });
        } catch (IOException | RuntimeException e) {
            // parquet-floor wraps exceptions thrown by the hydrator: report ours unchanged
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof InvalidInputException invalid) {
                    throw invalid;
                }
            }
            throw new InvalidInputException(file + ": cannot read Parquet data: " + e.getMessage(), e);
        }
        if (row[0] != n) {
            throw new InvalidInputException(file + ": read " + row[0] + " rows but the metadata announces " + n);
        }
        Map<String, double[]> numeric = new HashMap<>();
        for (int c = 0; c < cols.size(); c++) {
            numeric.put(cols.get(c), values[c]);
        }
        return new Raw(n, numeric, sample);
    }

    private static String describe(Type f) {
        return f.isPrimitive() ? f.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase(Locale.ROOT)
                + (f.getLogicalTypeAnnotation() != null ? " (" + f.getLogicalTypeAnnotation() + ")" : "")
                + (f.isRepetition(Type.Repetition.REPEATED) ? ", repeated" : "")
                : "group";
    }

    private static InvalidInputException bad(Path file, String column, int row, String problem) {
        return new InvalidInputException(file + ": column '" + column + "', row " + (row + 1) + ": " + problem);
    }

    private static double[] finite(Path file, String column, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw bad(file, column, i, Double.isNaN(v[i]) ? "missing or NaN value" : "infinite value " + v[i]);
            }
        }
        return v;
    }

    private static int[] integers(Path file, String column, double[] v, boolean nonNegative) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (x != Math.rint(x) || Math.abs(x) > 1e9) {
                throw bad(file, column, i, "value " + x + " is not an integer");
            }
            if (nonNegative && x < 0) {
                throw bad(file, column, i, "value " + x + " is negative");
            }
            out[i] = (int) x;
        }
        return out;
    }

    /** Checks every value and converts to the table's columns. */
    private static EventTable assemble(Path file, ColumnMapping m, Raw raw, String defaultSample) {
        int n = raw.rows();
        Map<String, double[]> num = raw.numeric();
        for (Map.Entry<String, double[]> e : num.entrySet()) {
            finite(file, e.getKey(), e.getValue());
        }
        double[][] mu1 = momenta(file, m.muon1(), num);
        double[][] mu2 = momenta(file, m.muon2(), num);
        int[] q1 = integers(file, m.charge1(), num.get(m.charge1()), false);
        int[] q2 = integers(file, m.charge2(), num.get(m.charge2()), false);
        double[] extra = num.get(m.extraEnergy()).clone();
        for (int i = 0; i < n; i++) {
            if (extra[i] < 0) {
                throw bad(file, m.extraEnergy(), i, "extra energy " + extra[i] + " is negative");
            }
        }
        double[] weight;
        if (num.containsKey(m.weight())) {
            weight = num.get(m.weight()).clone();
        } else {
            weight = new double[n];
            java.util.Arrays.fill(weight, 1.0);
        }
        int[] nMuons;
        if (num.containsKey(m.nMuons())) {
            nMuons = integers(file, m.nMuons(), num.get(m.nMuons()), true);
        } else {
            nMuons = new int[n];
            java.util.Arrays.fill(nMuons, 2);
        }
        int[] sampleIndex = new int[n];
        List<String> samples = new ArrayList<>();
        if (raw.sample() != null) {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String s = raw.sample()[i];
                if (s == null || s.isBlank()) {
                    throw bad(file, m.sample(), i, "missing sample name");
                }
                sampleIndex[i] = index.computeIfAbsent(s.strip(), x -> index.size());
            }
            samples.addAll(index.keySet());
        } else {
            if (defaultSample == null || defaultSample.isBlank()) {
                throw new InvalidInputException(file + ": no sample column and no sample name given");
            }
            samples.add(defaultSample);
        }
        return new EventTable(mu1[0], mu1[1], mu1[2], mu2[0], mu2[1], mu2[2], q1, q2, nMuons, extra, weight,
                sampleIndex, samples);
    }

    /** Cartesian momentum columns of one muon, converted from p/θ/φ if needed. */
    private static double[][] momenta(Path file, MuonColumns mc, Map<String, double[]> num) {
        String[] names = mc.names();
        double[] a = num.get(names[0]);
        double[] b = num.get(names[1]);
        double[] c = num.get(names[2]);
        if (mc.cartesian()) {
            return new double[][] {a.clone(), b.clone(), c.clone()};
        }
        int n = a.length;
        double[] px = new double[n];
        double[] py = new double[n];
        double[] pz = new double[n];
        for (int i = 0; i < n; i++) {
            int row = i;
            ThreeVector p = mc.momentum(a[i], b[i], c[i], column -> file + ": column '" + column + "', row " + (row + 1));
            px[i] = p.x();
            py[i] = p.y();
            pz[i] = p.z();
        }
        return new double[][] {px, py, pz};
    }
}
