package org.recoil.bench;

import blue.strategic.parquet.ParquetWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.schema.MessageType;
import org.recoil.core.events.ColumnMapping;
import org.recoil.core.events.EventPaths;
import org.recoil.core.events.EventStream;
import org.recoil.core.events.EventTable;
import org.recoil.core.events.EventWriter;
import org.recoil.core.hist.Binning;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.selection.Observable;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionAccumulator;
import org.recoil.core.sim.DetectorSmearing;
import org.recoil.core.sim.PseudoDataMode;
import org.recoil.core.sim.SyntheticDataset;
import org.recoil.core.sim.SyntheticDatasetConfig;

/**
 * Whole-process speed and memory of reading, selecting and histogramming a large event file (issue 22:
 * a 10⁷-event CSV at ≥ 2 M events/s, Parquet at ≥ 10 M events/s, with {@code -Xmx512m}). A main, not
 * JMH: the measured quantity is one cold pass over a file too large for the heap, as {@code recoil
 * histogram} makes it.
 *
 * <p>Write the files (to /tmp; never commit them), then time each in its own JVM:
 * <pre>
 * mvn -B -q -o -DskipTests -pl bench -am package
 * CP=bench/target/benchmarks.jar
 * java -cp $CP org.recoil.bench.EventReadingBenchmark write /tmp/recoil-bench 10000000
 * java -Xmx512m -cp $CP org.recoil.bench.EventReadingBenchmark read /tmp/recoil-bench/events.csv [threads]
 * java -Xmx512m -cp $CP org.recoil.bench.EventReadingBenchmark read /tmp/recoil-bench/events.parquet [threads]
 * java -Xmx3g -cp $CP org.recoil.bench.EventReadingBenchmark write-one-group /tmp/recoil-one 10000000
 * java -Xmx512m -cp $CP org.recoil.bench.EventReadingBenchmark read /tmp/recoil-one/events.parquet [threads]
 * </pre>
 * ({@code write-one-group}: the Parquet file as one row group, to check that its size does not
 * matter for the reader's memory.)
 * The files repeat a seeded synthetic Belle II-like background sample (about 2 × 10⁵ events) until
 * the requested size. {@code read} prints events, seconds, events/s, the peak heap and the process's
 * peak resident memory (VmHWM), and the events per CPU second of the whole process (a figure that holds
 * on a loaded machine, where the wall-clock rate does not).
 */
public final class EventReadingBenchmark {
    private EventReadingBenchmark() {
    }

    /**
     * @param args {@code write DIR EVENTS}, {@code write-one-group DIR EVENTS} or {@code read FILES [THREADS [parse-only]]} (FILES: a file,
     *             a directory or a glob pattern)
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("write")) {
            write(Path.of(args[1]), Long.parseLong(args[2]));
        } else if (args.length >= 3 && args[0].equals("write-one-group")) {
            writeOneGroup(Path.of(args[1]), Long.parseLong(args[2]));
        } else if (args.length >= 2 && args[0].equals("read")) {
            int threads = args.length >= 3 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
            read(args[1], threads, args.length < 4 || !args[3].equals("parse-only"));
        } else {
            System.err.println("usage: write DIR EVENTS | write-one-group DIR EVENTS"
                    + " | read FILES [THREADS [parse-only]]");
            System.exit(2);
        }
    }

    private static EventTable base() {
        SyntheticDatasetConfig cfg = new SyntheticDatasetConfig(276.0, 20221203L, 120_000, 40_000, 40_000, 100,
                List.of(), PseudoDataMode.FROM_TEMPLATES);
        return SyntheticDataset.generate(cfg, BeamConfiguration.belle2(), DetectorSmearing.belle2()).backgroundTable();
    }

    private static void write(Path dir, long n) throws IOException {
        Files.createDirectories(dir);
        EventTable t = base();
        int m = t.size();
        double[][] d = {t.mu1Px(), t.mu1Py(), t.mu1Pz(), t.mu2Px(), t.mu2Py(), t.mu2Pz(), t.extraEnergy(), t.weight()};
        int[] q1 = t.charge1();
        int[] q2 = t.charge2();
        int[] nMu = t.nMuons();
        String[] sample = new String[m];
        for (int i = 0; i < m; i++) {
            sample[i] = t.sample(i);
        }
        Path csv = dir.resolve("events.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("mu1_px,mu1_py,mu1_pz,mu1_charge,mu2_px,mu2_py,mu2_pz,mu2_charge,n_muons,extra_energy,weight,"
                    + "sample\n");
            StringBuilder b = new StringBuilder(256);
            for (long r = 0; r < n; r++) {
                int i = (int) (r % m);
                b.setLength(0);
                b.append(d[0][i]).append(',').append(d[1][i]).append(',').append(d[2][i]).append(',').append(q1[i])
                        .append(',').append(d[3][i]).append(',').append(d[4][i]).append(',').append(d[5][i])
                        .append(',').append(q2[i]).append(',').append(nMu[i]).append(',').append(d[6][i]).append(',')
                        .append(d[7][i]).append(',').append(sample[i]).append('\n');
                w.append(b);
            }
        }
        MessageType schema = EventWriter.PARQUET_SCHEMA;
        Path pq = dir.resolve("events.parquet");
        try (ParquetWriter<Long> w = ParquetWriter.writeFile(schema, pq.toFile(), (r, out) -> {
            int i = (int) (r % m);
            out.write("mu1_px", d[0][i]);
            out.write("mu1_py", d[1][i]);
            out.write("mu1_pz", d[2][i]);
            out.write("mu1_charge", q1[i]);
            out.write("mu2_px", d[3][i]);
            out.write("mu2_py", d[4][i]);
            out.write("mu2_pz", d[5][i]);
            out.write("mu2_charge", q2[i]);
            out.write("n_muons", nMu[i]);
            out.write("extra_energy", d[6][i]);
            out.write("weight", d[7][i]);
            out.write("sample", sample[i]);
        })) {
            for (long r = 0; r < n; r++) {
                w.write(r);
            }
        }
        System.out.printf(Locale.ROOT, "wrote %d events: %s (%d MB), %s (%d MB)%n", n, csv, Files.size(csv) >> 20, pq,
                Files.size(pq) >> 20);
    }

    /**
     * The Parquet file of {@link #write} as one single row group (parquet-mr holds the whole group in
     * memory while writing: give this a heap of about the file size), to check that reading needs no
     * more memory for it.
     */
    private static void writeOneGroup(Path dir, long n) throws IOException {
        Files.createDirectories(dir);
        EventTable t = base();
        int m = t.size();
        MessageType schema = EventWriter.PARQUET_SCHEMA;
        double[][] d = {t.mu1Px(), t.mu1Py(), t.mu1Pz(), t.mu2Px(), t.mu2Py(), t.mu2Pz(), t.extraEnergy(), t.weight()};
        int[] q1 = t.charge1();
        int[] q2 = t.charge2();
        int[] nMu = t.nMuons();
        Path pq = dir.resolve("events.parquet");
        org.apache.parquet.example.data.simple.SimpleGroupFactory groups =
                new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
        try (org.apache.parquet.hadoop.ParquetWriter<org.apache.parquet.example.data.Group> w =
                     org.apache.parquet.hadoop.example.ExampleParquetWriter
                             .builder(new org.apache.parquet.io.LocalOutputFile(pq)).withType(schema)
                             .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE)
                             .withCompressionCodec(org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY)
                             .withWriterVersion(org.apache.parquet.column.ParquetProperties.WriterVersion.PARQUET_2_0)
                             .withRowGroupSize(Long.MAX_VALUE).build()) {
            for (long r = 0; r < n; r++) {
                int i = (int) (r % m);
                w.write(groups.newGroup().append("mu1_px", d[0][i]).append("mu1_py", d[1][i])
                        .append("mu1_pz", d[2][i]).append("mu1_charge", q1[i]).append("mu2_px", d[3][i])
                        .append("mu2_py", d[4][i]).append("mu2_pz", d[5][i]).append("mu2_charge", q2[i])
                        .append("n_muons", nMu[i]).append("extra_energy", d[6][i]).append("weight", d[7][i])
                        .append("sample", t.sample(i)));
            }
        }
        System.out.printf(Locale.ROOT, "wrote %d events in one row group: %s (%d MB)%n", n, pq, Files.size(pq) >> 20);
    }

    private static void read(String spec, int threads, boolean select) throws IOException {
        long t0 = System.nanoTime();
        List<EventStream.Source> sources = EventPaths.expand(Path.of("."), spec).stream()
                .map(f -> EventStream.Source.of(f, ColumnMapping.defaults())).toList();
        Selection selection = Selection.fromConfig(SyntheticDataset.defaultSelection());
        SelectionAccumulator acc = new SelectionAccumulator(selection.cutNames(), Binning.uniform(100, -10, 90),
                Observable.RECOIL_MASS_SQUARED, SelectionAccumulator.Keep.NONE);
        if (select) {
            EventStream.forEach(sources, threads, t -> acc.compact(selection.apply(t)), (info, c) -> acc.add(c));
        } else {
            long[] rows = {0};
            EventStream.forEach(sources, threads, EventTable::size, (info, n) -> rows[0] += n);
            System.out.println("parsed only: " + rows[0] + " events");
        }
        double s = (System.nanoTime() - t0) * 1e-9;
        double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() * 1e-9;
        long heap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heap += p.getPeakUsage().getUsed();
            }
        }
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .findFirst().orElse("VmHWM: ?").replaceAll("\\s+", " ");
        System.out.printf(Locale.ROOT, "%s: %d events, %d selected, %d threads, %.2f s, %.2f M events/s, process CPU"
                        + " %.2f s (%.2f M events per CPU second), peak heap %d MB (max %d MB), %s%n",
                sources.size() == 1 ? sources.get(0).file().getFileName() : sources.size() + " files",
                acc.events(), acc.cutFlow().selected().events(), threads, s, acc.events() / s / 1e6, cpu,
                acc.events() / cpu / 1e6, heap >> 20,
                Runtime.getRuntime().maxMemory() >> 20, hwm);
    }
}
