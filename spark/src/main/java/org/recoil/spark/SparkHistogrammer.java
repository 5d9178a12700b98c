package org.recoil.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.recoil.cli.Json;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.ColumnMapping;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventTable;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.BinningSpec;
import org.recoil.core.hist.Histogram;
import org.recoil.core.hist.HistogramBuilder;
import org.recoil.core.kinematics.ThreeVector;
import org.recoil.core.selection.CutFlow;
import org.recoil.core.selection.CutFlowSums;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionConfig;
import org.recoil.core.selection.SelectionResult;

/**
 * Recoil-mass histograms and cut flows of Parquet event tables at scale: the files are read with
 * Spark SQL (columns named by the config's {@link ColumnMapping}), each partition's rows become one
 * {@link EventTable} column block, the {@code core} {@link Selection} (cuts, recoil mass
 * M²<sub>rec</sub> = s + m²<sub>μμ</sub> − 2E*<sub>μμ</sub>√s),
 * {@link org.recoil.core.selection.SelectionResult#histograms} and the cut flows
 * ({@link org.recoil.core.selection.SelectionResult#cutFlow()}, per sample
 * {@link org.recoil.core.selection.SelectionResult#cutFlowBySample()}) run on it unchanged, and the
 * per-partition results are added on the driver (histograms: sums of weights and of squared
 * weights, under- and overflow; cut flows). Every sum of weights travels from the executors
 * unrounded, as the two parts of a double-double sum ({@link HistogramBuilder.PartialSums},
 * {@link CutFlowSums}), and is rounded once on the driver, so that the result does not depend on
 * the partitioning or on the order of the partitions (see {@link org.recoil.core.math.ExactSum}
 * for the precise guarantee): it equals what {@code recoil histogram} computes from the same files,
 * event counts and sums of weights alike, and the two commands write the same JSON.
 *
 * <p>Row conventions follow {@link EventReader}: the optional {@code weight} (default 1),
 * {@code n_muons} (default 2) and {@code sample} columns are used when present; without a sample
 * column the sample is the file name without extension. Momenta are Cartesian ({@code px, py, pz})
 * or spherical ({@code p, theta, phi}) columns, converted as the local reader does
 * ({@link org.recoil.core.events.MuonColumns#momentum}).
 */
public final class SparkHistogrammer {

    private final SparkSession spark;
    private final SelectionConfig config;
    private final Binning binning;
    private final String configJson;

    /**
     * @param spark the Spark session
     * @param config the selection config (cuts, beams, columns, observable)
     * @param binning the histogram axis (e.g. the config's {@code histogram.binning})
     */
    public SparkHistogrammer(SparkSession spark, SelectionConfig config, Binning binning) {
        this.spark = spark;
        this.config = config;
        this.binning = binning;
        // executors rebuild config and binning from JSON (the core records are not Serializable)
        SelectionConfig shipped = new SelectionConfig(config.beams(), config.columns(), config.cuts(),
                new SelectionConfig.HistogramSettings(config.histogram().observable(), BinningSpec.of(binning)));
        try {
            this.configJson = Json.mapper().writeValueAsString(shipped);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the selection config", e);
        }
        if (!SelectionConfig.parse(configJson, true, "selection config").equals(shipped)) {
            throw new IllegalStateException("the selection config does not survive its JSON form: " + configJson);
        }
    }

    /**
     * The outcome of {@link #apply}: what {@code recoil histogram} reports for the same events.
     *
     * @param events number of events read
     * @param cutFlow the cut flow of all samples together
     * @param cutFlowBySample the cut flow of each sample (samples in order of first appearance, files in
     *     the order given and each folder's files sorted by path, as {@code recoil histogram} reads them)
     * @param histograms the histogram of the selected events of each sample (same samples and order)
     * @param files the event files read, named and ordered as {@code recoil histogram} lists them: each
     *     input argument's files in the order of the arguments, a file as given, a folder's files (sorted)
     *     as the folder's name joined with the file's; files matched by a pattern by their path (or URI,
     *     for remote file systems), sorted
     */
    public record Result(long events, CutFlow cutFlow, Map<String, CutFlow> cutFlowBySample,
                         Map<String, Histogram> histograms, List<String> files) {

        /** Copies the maps and the list, keeping their order. */
        public Result {
            cutFlowBySample = Collections.unmodifiableMap(new LinkedHashMap<>(cutFlowBySample));
            histograms = Collections.unmodifiableMap(new LinkedHashMap<>(histograms));
            files = List.copyOf(files);
        }
    }

    /** The selection with everything an executor needs: the config as JSON, rebuilt there. */
    private record Job(String configJson, boolean hasWeight, boolean hasNMuons, boolean hasSample)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One sample's histogram in serialisable form: the unrounded double-double sums (high and low
     * parts) of weights and squared weights, layout {@code [underflow, bins..., overflow]}.
     */
    record Parts(double[] sumwHi, double[] sumwLo, double[] sumw2Hi, double[] sumw2Lo) implements Serializable {
        private static final long serialVersionUID = 2L;

        static Parts of(HistogramBuilder h) {
            HistogramBuilder.PartialSums p = h.partialSums();
            return new Parts(p.sumwHi(), p.sumwLo(), p.sumw2Hi(), p.sumw2Lo());
        }

        HistogramBuilder.PartialSums partialSums() {
            return new HistogramBuilder.PartialSums(sumwHi, sumwLo, sumw2Hi, sumw2Lo);
        }
    }

    /**
     * A cut flow in serialisable form: the cuts, and per final stage the event count and the
     * unrounded double-double sums of weights and of squared weights ({@link CutFlowSums}).
     */
    record Flow(String[] cuts, long[] events, double[] swHi, double[] swLo, double[] sw2Hi, double[] sw2Lo)
            implements Serializable {
        private static final long serialVersionUID = 2L;

        static Flow of(CutFlowSums f) {
            return new Flow(f.cutNames().toArray(String[]::new), f.events(), f.sumWeightsHi(), f.sumWeightsLo(),
                    f.sumWeights2Hi(), f.sumWeights2Lo());
        }

        CutFlowSums toSums() {
            return CutFlowSums.of(List.of(cuts), events, swHi, swLo, sw2Hi, sw2Lo);
        }
    }

    /** Where a sample first appears in a partition: the file, the start of the file's block, the row within the block. */
    record FirstRow(String file, long blockStart, long row) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Cut flows and histograms of one partition (by sample, in the partition's sample order), its
     * files, and where each sample first appears.
     */
    record PartitionResult(int events, Flow cutFlow, LinkedHashMap<String, Flow> cutFlows,
                           LinkedHashMap<String, Parts> histograms, LinkedHashSet<String> files,
                           LinkedHashMap<String, FirstRow> firstRows) implements Serializable {
        private static final long serialVersionUID = 2L;
    }

    /**
     * Selects the events of the Parquet files, histograms the config's observable per sample and
     * counts the cut flow.
     *
     * @param files Parquet files or directories (local paths or any Hadoop URI: hdfs://, s3a://, ...)
     * @return cut flows and histograms (samples in order of first appearance, as {@code recoil histogram})
     * @throws InvalidInputException if a column is missing, a value is invalid (the message names the
     *     file and the column) or the files hold no event
     */
    public Result apply(List<String> files) {
        if (files.isEmpty()) {
            throw new InvalidInputException("no event files given");
        }
        ColumnMapping m = config.columns();
        Dataset<Row> raw;
        try {
            // in a folder, only the Parquet files (a dataset.json or _SUCCESS beside them is not an event file)
            raw = spark.read().option("pathGlobFilter", "*.{parquet,pq}").parquet(files.toArray(String[]::new));
        } catch (Exception e) {
            throw new InvalidInputException(files + ": cannot read Parquet: " + e.getMessage(), e);
        }
        Set<String> present = new LinkedHashSet<>(Arrays.asList(raw.columns()));
        List<String> required = new ArrayList<>();
        required.addAll(Arrays.asList(m.muon1().names()));
        required.addAll(Arrays.asList(m.muon2().names()));
        required.add(m.charge1());
        required.add(m.charge2());
        required.add(m.extraEnergy());
        boolean hasWeight = present.contains(m.weight());
        boolean hasNMuons = present.contains(m.nMuons());
        boolean hasSample = present.contains(m.sample());
        if (!hasWeight && !m.weight().equals(ColumnMapping.DEFAULT_WEIGHT)) {
            required.add(m.weight());
        }
        if (!hasNMuons && !m.nMuons().equals(ColumnMapping.DEFAULT_N_MUONS)) {
            required.add(m.nMuons());
        }
        if (!hasSample && !m.sample().equals(ColumnMapping.DEFAULT_SAMPLE)) {
            required.add(m.sample());
        }
        List<String> missing = required.stream().filter(c -> !present.contains(c)).distinct().toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException(String.join(", ", filesLacking(raw.inputFiles(), missing, files))
                    + ": missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(c -> "'" + c + "'").toList())
                    + " (columns present: " + String.join(", ", present) + ")");
        }
        List<Column> select = new ArrayList<>();
        for (String c : required.subList(0, 9)) {
            select.add(col(c).cast(DataTypes.DoubleType));
        }
        select.add(hasWeight ? col(m.weight()).cast(DataTypes.DoubleType) : lit(1.0));
        select.add(hasNMuons ? col(m.nMuons()).cast(DataTypes.DoubleType) : lit(2.0));
        select.add(hasSample ? col(m.sample()).cast(DataTypes.StringType)
                : lit((String) null).cast(DataTypes.StringType));
        select.add(input_file_name());
        select.add(input_file_block_start());
        Job job = new Job(configJson, hasWeight, hasNMuons, hasSample);
        List<PartitionResult> parts;
        try {
            parts = TaskAttempt.values(raw.select(select.toArray(Column[]::new)).javaRDD()
                    .mapPartitions((Iterator<Row> rows) -> List.of(TaskAttempt.of(() -> selectPartition(job, rows)))
                            .iterator())
                    .collect());
        } catch (Exception e) {
            throw SparkErrors.unwrap(e);
        }
        // samples in the order of 'recoil histogram': of first appearance, files in the order given
        List<String> order = sampleOrder(parts, files);
        long events = 0;
        CutFlowSums total = null;
        Map<String, CutFlowSums> bySample = new LinkedHashMap<>();
        Map<String, HistogramBuilder> builders = new LinkedHashMap<>();
        for (PartitionResult p : parts) {
            if (p.events() == 0) {
                continue;
            }
            events += p.events();
            CutFlowSums f = p.cutFlow().toSums();
            total = total == null ? f : total.merge(f);
            p.cutFlows().forEach((s, c) -> bySample.merge(s, c.toSums(), CutFlowSums::merge));
            p.histograms().forEach((s, h) -> builders.computeIfAbsent(s, k -> new HistogramBuilder(binning))
                    .merge(h.partialSums()));
        }
        if (events == 0) {
            throw new InvalidInputException(String.join(", ", files) + ": no events (0 rows)");
        }
        // as the local reader: every event file must hold events (an empty one is a broken production)
        Set<String> seen = new LinkedHashSet<>();
        parts.forEach(p -> p.files().forEach(f -> seen.add(pathOf(f))));
        List<String> empty = Arrays.stream(raw.inputFiles()).filter(f -> !seen.contains(pathOf(f))).toList();
        if (!empty.isEmpty()) {
            throw new InvalidInputException(String.join(", ", empty) + ": no events (0 rows)");
        }
        Map<String, CutFlow> flows = new LinkedHashMap<>();
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (String s : order) {
            flows.put(s, bySample.get(s).cutFlow());
            histograms.put(s, builders.get(s).build());
        }
        return new Result(events, total.cutFlow(), flows, histograms, filesAsGiven(raw.inputFiles(), files));
    }

    /** Spark's input file URIs named and ordered as the local reader lists them (see {@link Result#files()}). */
    private static List<String> filesAsGiven(String[] inputFiles, List<String> given) {
        List<String> specs = given.stream().map(SparkHistogrammer::specPath).toList();
        record Named(int rank, String path, String name) {
        }
        List<Named> named = new ArrayList<>();
        for (String uri : inputFiles) {
            String path = pathOf(uri);
            int rank = rankOf(path, specs);
            String name;
            if (rank == specs.size()) {
                name = uri.startsWith("file:") ? path : uri;
            } else if (path.equals(specs.get(rank))) {
                name = given.get(rank);
            } else {
                String spec = specs.get(rank);
                String rest = path.substring(spec.length() + (spec.endsWith("/") ? 0 : 1));
                String folder = given.get(rank);
                name = folder + (folder.endsWith("/") ? "" : "/") + rest;
            }
            named.add(new Named(rank, path, name));
        }
        named.sort(java.util.Comparator.comparingInt(Named::rank).thenComparing(Named::path));
        return named.stream().map(Named::name).toList();
    }

    /**
     * The samples in the order in which the local reader meets them: by the first input argument
     * holding the file (a file, or a folder containing it; other files, e.g. matched by a glob,
     * after), then by file path (as {@link org.recoil.core.events.EventPaths} sorts a folder), then
     * by position in the file.
     */
    private static List<String> sampleOrder(List<PartitionResult> parts, List<String> given) {
        List<String> specs = given.stream().map(SparkHistogrammer::specPath).toList();
        Map<String, FirstRow> first = new LinkedHashMap<>();
        Map<String, Integer> rank = new LinkedHashMap<>();
        java.util.Comparator<FirstRow> byPosition = java.util.Comparator
                .comparingInt((FirstRow r) -> rank.computeIfAbsent(r.file(), f -> rankOf(pathOf(f), specs)))
                .thenComparing(r -> pathOf(r.file()))
                .thenComparingLong(FirstRow::blockStart)
                .thenComparingLong(FirstRow::row);
        for (PartitionResult p : parts) {
            p.firstRows().forEach((s, r) -> first.merge(s, r, (a, b) -> byPosition.compare(a, b) <= 0 ? a : b));
        }
        List<String> order = new ArrayList<>(first.keySet());
        order.sort(java.util.Comparator.comparing(first::get, byPosition));
        return order;
    }

    /** The index of the first input argument that is the file or a folder holding it; after all of them otherwise. */
    private static int rankOf(String file, List<String> specs) {
        for (int i = 0; i < specs.size(); i++) {
            String spec = specs.get(i);
            if (file.equals(spec) || file.startsWith(spec.endsWith("/") ? spec : spec + "/")) {
                return i;
            }
        }
        return specs.size();
    }

    /** An input argument as an absolute path, comparable with {@link #pathOf} of Spark's file URIs. */
    private static String specPath(String spec) {
        if (spec.contains("://") || spec.startsWith("file:")) {
            return pathOf(spec);
        }
        try {
            return Path.of(spec).toAbsolutePath().normalize().toString();
        } catch (RuntimeException e) {
            return spec;
        }
    }

    /** Files checked one by one for the columns of an error message, at most. */
    private static final int FILES_CHECKED = 50;

    /**
     * For an error message: the input files whose own schema lacks one of the columns (Spark takes the
     * schema of one file), checked one by one up to {@value #FILES_CHECKED} files; the given inputs if
     * there are more or none is found.
     */
    private List<String> filesLacking(String[] inputFiles, List<String> columns, List<String> given) {
        if (inputFiles.length > FILES_CHECKED) {
            return given;
        }
        List<String> lacking = new ArrayList<>();
        for (String f : inputFiles) {
            Set<String> own = new LinkedHashSet<>(Arrays.asList(spark.read().parquet(f).columns()));
            if (!own.containsAll(columns)) {
                lacking.add(f);
            }
        }
        return lacking.isEmpty() ? given : lacking;
    }

    /** Runs on an executor: rows of one partition -> event table -> core selection -> cut flows, histograms. */
    private static PartitionResult selectPartition(Job job, Iterator<Row> rows) {
        SelectionConfig cfg = SelectionConfig.parse(job.configJson(), true, "selection config");
        ColumnMapping m = cfg.columns();
        Binning binning = cfg.histogram().binning().toBinning("selection config: histogram.binning");
        String[] names = columnNames(m);
        EventTable.Builder builder = EventTable.builder();
        LinkedHashSet<String> files = new LinkedHashSet<>();
        LinkedHashMap<String, FirstRow> firstRows = new LinkedHashMap<>();
        String lastFile = null;
        long lastStart = -1;
        long rowInBlock = 0;
        int row = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            String file = r.getString(12);
            long start = r.isNullAt(13) ? -1 : r.getLong(13);
            files.add(file);
            if (!file.equals(lastFile) || start != lastStart) {
                lastFile = file;
                lastStart = start;
                rowInBlock = 0;
            }
            String where = file + ": row " + (row + 1) + " of its Spark partition";
            double[] v = new double[11];
            for (int c = 0; c < 11; c++) {
                if (r.isNullAt(c)) {
                    throw new InvalidInputException(where + ": missing value (null) in column '" + names[c] + "'");
                }
                v[c] = r.getDouble(c);
                if (!Double.isFinite(v[c])) {
                    throw new InvalidInputException(where + ": column '" + names[c] + "': "
                            + (Double.isNaN(v[c]) ? "missing or NaN value" : "infinite value " + v[c]));
                }
            }
            String sample = job.hasSample() ? r.getString(11) : EventReader.defaultSampleName(fileName(file));
            if (sample == null || sample.isBlank()) {
                throw new InvalidInputException(where + ": column '" + m.sample() + "': missing sample name");
            }
            firstRows.putIfAbsent(sample.strip(), new FirstRow(file, start, rowInBlock));
            rowInBlock++;
            Function<String, String> at = column -> where + ": column '" + column + "'";
            ThreeVector p1 = m.muon1().momentum(v[0], v[1], v[2], at);
            ThreeVector p2 = m.muon2().momentum(v[3], v[4], v[5], at);
            // the integer columns are checked first: their messages name the row already
            int charge1 = integer(v[6], where, m.charge1(), false);
            int charge2 = integer(v[7], where, m.charge2(), false);
            int nMuons = integer(v[10], where, m.nMuons(), true);
            try {
                builder.add(p1.x(), p1.y(), p1.z(), charge1, p2.x(), p2.y(), p2.z(), charge2, nMuons, v[8], v[9],
                        sample.strip());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + ": " + e.getMessage(), e);
            }
            row++;
        }
        if (row == 0) {
            return new PartitionResult(0, null, new LinkedHashMap<>(), new LinkedHashMap<>(), files, firstRows);
        }
        SelectionResult result = Selection.fromConfig(cfg).apply(builder.build());
        LinkedHashMap<String, Flow> flows = new LinkedHashMap<>();
        result.cutFlowSumsBySample().forEach((s, f) -> flows.put(s, Flow.of(f)));
        LinkedHashMap<String, Parts> hs = new LinkedHashMap<>();
        result.histogramBuilders(binning, cfg.histogram().observable()).forEach((s, h) -> hs.put(s, Parts.of(h)));
        return new PartitionResult(row, Flow.of(result.cutFlowSums()), flows, hs, files, firstRows);
    }

    /** @return the names of the 11 numeric columns selected, in the order of the selected row */
    private static String[] columnNames(ColumnMapping m) {
        String[] a = m.muon1().names();
        String[] b = m.muon2().names();
        return new String[] {a[0], a[1], a[2], b[0], b[1], b[2], m.charge1(), m.charge2(), m.extraEnergy(),
            m.weight(), m.nMuons()};
    }

    private static int integer(double x, String where, String column, boolean nonNegative) {
        if (x != Math.rint(x) || Math.abs(x) > 1e9) {
            throw new InvalidInputException(where + ": column '" + column + "': value " + x + " is not an integer");
        }
        if (nonNegative && x < 0) {
            throw new InvalidInputException(where + ": column '" + column + "': value " + x + " is negative");
        }
        return (int) x;
    }

    /** The path of a file URI, so that Spark's {@code file:/a} and {@code file:///a} compare equal. */
    private static String pathOf(String uri) {
        try {
            String p = URI.create(uri).getPath();
            return p != null ? p : uri;
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }

    private static Path fileName(String uri) {
        try {
            return Path.of(URI.create(uri).getPath()).getFileName();
        } catch (IllegalArgumentException e) {
            return Path.of(uri.substring(uri.lastIndexOf('/') + 1));
        }
    }
}
