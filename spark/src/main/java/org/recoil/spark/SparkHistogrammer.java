package org.recoil.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.ColumnMapping;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventTable;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionConfig;

/**
 * Recoil-mass histograms of Parquet event tables at scale: the files are read with Spark SQL
 * (columns named by the config's {@link ColumnMapping}), each partition's rows become one
 * {@link EventTable} column block, the {@code core} {@link Selection} (cuts, recoil mass
 * M²<sub>rec</sub> = s + m²<sub>μμ</sub> − 2E*<sub>μμ</sub>√s) and
 * {@link org.recoil.core.selection.SelectionResult#histograms} run on it unchanged, and the
 * per-partition histograms (sums of weights and of squared weights, under- and overflow) are added
 * on the driver. The result therefore equals what {@code recoil histogram} computes from the same
 * files, up to the order in which floating-point weights are added (exactly equal when the sums are
 * exact, e.g. for unit or dyadic weights).
 *
 * <p>Row conventions follow {@link EventReader}: the optional {@code weight} (default 1),
 * {@code n_muons} (default 2) and {@code sample} columns are used when present; without a sample
 * column the sample is the file name without extension. Momenta must be Cartesian columns.
 */
public final class SparkHistogrammer {

    private final SparkSession spark;
    private final String configText;
    private final boolean json;
    private final String configName;
    private final SelectionConfig config;

    /**
     * @param spark the Spark session
     * @param configText the selection config (YAML or JSON text, format of {@link SelectionConfig})
     * @param json whether the text is JSON
     * @param configName name of the config for error messages (e.g. its file)
     * @throws InvalidInputException if the config is invalid or its momenta are not Cartesian columns
     */
    public SparkHistogrammer(SparkSession spark, String configText, boolean json, String configName) {
        this.spark = spark;
        this.configText = configText;
        this.json = json;
        this.configName = configName;
        this.config = SelectionConfig.parse(configText, json, configName);
        ColumnMapping m = config.columns();
        if (!m.muon1().cartesian() || !m.muon2().cartesian()) {
            throw new InvalidInputException(configName + ": columns: the Spark reader needs Cartesian muon momenta"
                    + " (px, py, pz), not p/theta/phi");
        }
        binning();
    }

    private Binning binning() {
        return config.histogram().binning().toBinning(configName + ": histogram.binning");
    }

    /** The selection with everything an executor needs: config text, rebuilt there. */
    private record Job(String configText, boolean json, String configName, boolean hasWeight, boolean hasNMuons,
                       boolean hasSample) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One sample's histogram in serialisable form. */
    record Parts(double[] contents, double[] sumw2, double underflow, double underflowSumw2, double overflow,
                 double overflowSumw2) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Parts of(Histogram h) {
            return new Parts(h.contents(), h.sumw2(), h.underflow(), h.underflowSumw2(), h.overflow(),
                    h.overflowSumw2());
        }

        Histogram toHistogram(Binning b) {
            return Histogram.of(b, contents, sumw2, underflow, underflowSumw2, overflow, overflowSumw2);
        }
    }

    /** Histograms of one partition, by sample. */
    record PartitionResult(int events, LinkedHashMap<String, Parts> histograms) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Selects the events of the Parquet files and histograms the config's observable per sample.
     *
     * @param files Parquet files or directories (local paths or any Hadoop URI: hdfs://, s3a://, ...)
     * @return sample name to histogram (samples in order of first appearance across partitions)
     * @throws InvalidInputException if a column is missing or a value is invalid (the message names the file)
     */
    public Map<String, Histogram> histograms(List<String> files) {
        if (files.isEmpty()) {
            throw new InvalidInputException("no event files given");
        }
        ColumnMapping m = config.columns();
        Dataset<Row> raw;
        try {
            raw = spark.read().parquet(files.toArray(String[]::new));
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
            throw new InvalidInputException(files + ": missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing.stream().map(c -> "'" + c + "'").toList())
                    + " (columns present: " + String.join(", ", present) + ")");
        }
        List<Column> select = new ArrayList<>();
        for (String c : required.subList(0, 9)) {
            select.add(col(c).cast(DataTypes.DoubleType));
        }
        select.add(hasWeight ? col(m.weight()).cast(DataTypes.DoubleType) : org.apache.spark.sql.functions.lit(1.0));
        select.add(hasNMuons ? col(m.nMuons()).cast(DataTypes.DoubleType) : org.apache.spark.sql.functions.lit(2.0));
        select.add(hasSample ? col(m.sample()).cast(DataTypes.StringType)
                : org.apache.spark.sql.functions.lit((String) null).cast(DataTypes.StringType));
        select.add(input_file_name());
        Job job = new Job(configText, json, configName, hasWeight, hasNMuons, hasSample);
        List<PartitionResult> parts;
        try {
            parts = raw.select(select.toArray(Column[]::new)).javaRDD()
                    .mapPartitions((Iterator<Row> rows) -> List.of(histogramPartition(job, rows)).iterator())
                    .collect();
        } catch (Exception e) {
            throw SparkErrors.unwrap(e);
        }
        Binning b = binning();
        Map<String, Histogram> out = new LinkedHashMap<>();
        for (PartitionResult p : parts) {
            p.histograms().forEach((s, h) -> out.merge(s, h.toHistogram(b), Histogram::add));
        }
        return out;
    }

    /** Runs on an executor: rows of one partition -> event table -> core selection -> histograms. */
    private static PartitionResult histogramPartition(Job job, Iterator<Row> rows) {
        SelectionConfig cfg = SelectionConfig.parse(job.configText(), job.json(), job.configName());
        ColumnMapping m = cfg.columns();
        Binning binning = cfg.histogram().binning().toBinning(job.configName() + ": histogram.binning");
        EventTable.Builder builder = EventTable.builder();
        int row = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            String file = r.getString(12);
            String where = file + ": row " + (row + 1) + " of its Spark partition";
            double[] v = new double[11];
            for (int c = 0; c < 11; c++) {
                if (r.isNullAt(c)) {
                    throw new InvalidInputException(where + ": missing value (null) in column " + column(m, c));
                }
                v[c] = r.getDouble(c);
            }
            String sample = job.hasSample() ? r.getString(11) : EventReader.defaultSampleName(fileName(file));
            if (sample == null || sample.isBlank()) {
                throw new InvalidInputException(where + ": column '" + m.sample() + "': missing sample name");
            }
            try {
                builder.add(v[0], v[1], v[2], integer(v[6], where, m.charge1(), false), v[3], v[4], v[5],
                        integer(v[7], where, m.charge2(), false), integer(v[10], where, m.nMuons(), true), v[8],
                        v[9], sample.strip());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + ": " + e.getMessage(), e);
            }
            row++;
        }
        LinkedHashMap<String, Parts> hs = new LinkedHashMap<>();
        if (row > 0) {
            Selection.fromConfig(cfg).apply(builder.build()).histograms(binning, cfg.histogram().observable())
                    .forEach((s, h) -> hs.put(s, Parts.of(h)));
        }
        return new PartitionResult(row, hs);
    }

    private static String column(ColumnMapping m, int c) {
        String[] names = {m.muon1().names()[0], m.muon1().names()[1], m.muon1().names()[2], m.muon2().names()[0],
            m.muon2().names()[1], m.muon2().names()[2], m.charge1(), m.charge2(), m.extraEnergy(), m.weight(),
            m.nMuons()};
        return "'" + names[c] + "'";
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

    private static Path fileName(String uri) {
        try {
            return Path.of(URI.create(uri).getPath()).getFileName();
        } catch (IllegalArgumentException e) {
            return Path.of(uri.substring(uri.lastIndexOf('/') + 1));
        }
    }
}
