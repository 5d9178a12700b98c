package org.recoil.core.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.RecoilException;
import org.recoil.core.events.EventTable;
import org.recoil.core.events.EventWriter;
import org.recoil.core.kinematics.BeamConfiguration;

/**
 * The {@link SyntheticDataset} written as partitioned event files, for {@code recoil histogram},
 * {@code recoil scan} ({@code inputs: files:}) and {@code spark-histogram}: partition {@code p} of
 * {@code P} is a complete synthetic dataset at luminosity L/P with Monte Carlo sizes N/P and its own
 * seed, so that the union of the partitions is a dataset at luminosity L (template weights σ·(L/P)/(N/P)
 * add up to σ·L; pseudo-data are Poisson at L/P per partition, hence Poisson at L in total). One
 * partition ({@code P = 1}) is exactly {@link SyntheticDataset#generate} with the given seed, i.e. the
 * events of {@code recoil demo}. Partitions are generated and written in parallel, each holding only its
 * own events in memory; the files are the same whatever the thread count.
 *
 * <p>Files, for partition {@code p} (5 digits): {@code backgrounds-p.EXT} (samples {@code mumu_gamma},
 * {@code tautau_gamma}, {@code eemumu}, weighted to L), {@code data-p.EXT} (pseudo-data, unit weights),
 * {@code signal-p.EXT} (samples {@code zprime_M.MMM}, weighted to σ(g′ = 1)·L) when signal masses are
 * given. The events are SYNTHETIC (see {@link SyntheticDataset}).
 */
public final class SyntheticEventFiles {

    /** Largest number of partitions accepted. */
    public static final int MAX_PARTITIONS = 100_000;

    private SyntheticEventFiles() {
    }

    /**
     * What was written.
     *
     * @param files the event files, partition by partition (backgrounds, data, signal)
     * @param events the number of events written, all files together
     * @param metadata a description of the whole set: label, seed, luminosity, partitions and per
     *     partition its seed and samples (for a {@code dataset.json} beside the files)
     */
    public record Written(List<Path> files, long events, Map<String, Object> metadata) {
        /** Copies the lists. */
        public Written {
            files = List.copyOf(files);
            metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /**
     * @param base the settings of the whole dataset (luminosity L, seed, Monte Carlo sizes N, signal masses)
     * @param partitions P, the number of partitions (1 .. {@value #MAX_PARTITIONS})
     * @return the settings of partition {@code p}: luminosity L/P, sizes ⌈N/P⌉, seed derived from
     *     (seed, p), or the base settings themselves when P = 1
     */
    public static SyntheticDatasetConfig partition(SyntheticDatasetConfig base, int partitions, int p) {
        if (partitions == 1) {
            return base;
        }
        return new SyntheticDatasetConfig(base.luminosityPb() / partitions,
                SeedSequence.derive(base.seed(), SeedSequence.key("partition"), p),
                share(base.muMuGammaEvents(), partitions), share(base.tauPairEvents(), partitions),
                share(base.twoPhotonEvents(), partitions), share(base.signalEvents(), partitions),
                base.signalMasses(), base.pseudoData());
    }

    private static int share(int n, int partitions) {
        return (int) Math.max(1, (n + (long) partitions - 1) / partitions);
    }

    /**
     * Generates and writes the partitions.
     *
     * @param directory the folder to write into (must exist; files are written atomically)
     * @param base the settings of the whole dataset
     * @param partitions P
     * @param extension {@code parquet} or {@code csv}
     * @param threads partitions generated at once (≥ 1)
     * @return the files, event count and metadata
     * @throws InvalidInputException for a bad partition count, thread count or extension
     */
    public static Written write(Path directory, SyntheticDatasetConfig base, int partitions, String extension,
            int threads) {
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new InvalidInputException("--partitions " + partitions + ": expected 1 to " + MAX_PARTITIONS);
        }
        if (threads < 1) {
            throw new InvalidInputException("--threads " + threads + ": expected at least 1");
        }
        String ext = extension.toLowerCase(Locale.ROOT);
        if (!ext.equals("csv") && !ext.equals("parquet")) {
            throw new InvalidInputException("--format " + extension + ": expected parquet or csv");
        }
        // the signal set-up (σ, VEGAS grid, maximum weight) depends on the mass only: done once for all
        // partitions instead of once per partition (it costs more than 10^5 matrix elements per mass)
        Map<Double, SignalGenerator> signal = signalGenerators(base);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, partitions), r -> {
            Thread t = new Thread(r, "recoil-events");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Part>> futures = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                final int index = p;
                futures.add(pool.submit(() -> writePartition(directory, partition(base, partitions, index), index, ext,
                        signal)));
            }
            List<Path> files = new ArrayList<>();
            long events = 0;
            List<Object> parts = new ArrayList<>();
            for (Future<Part> f : futures) {
                Part part = get(f);
                files.addAll(part.files());
                events += part.events();
                parts.add(part.metadata());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("synthetic", true);
            m.put("label", SyntheticDataset.LABEL);
            m.put("seed", base.seed());
            m.put("luminosity_pb", base.luminosityPb());
            m.put("partitions", partitions);
            m.put("format", ext);
            m.put("events", events);
            m.put("partition", parts);
            return new Written(files, events, m);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Part(List<Path> files, long events, Map<String, Object> metadata) {
    }

    private static Map<Double, SignalGenerator> signalGenerators(SyntheticDatasetConfig base) {
        BeamConfiguration beams = BeamConfiguration.belle2();
        DetectorSmearing detector = DetectorSmearing.belle2();
        List<SignalGenerator> generators = base.signalMasses().parallelStream()
                .map(m -> SignalGenerator.of(m, beams, detector))
                .toList();
        Map<Double, SignalGenerator> byMass = new HashMap<>();
        for (int i = 0; i < generators.size(); i++) {
            byMass.put(base.signalMasses().get(i), generators.get(i));
        }
        return byMass;
    }

    private static Part writePartition(Path dir, SyntheticDatasetConfig config, int p, String ext,
            Map<Double, SignalGenerator> signalGenerators) {
        SyntheticDataset d = SyntheticDataset.generate(config, BeamConfiguration.belle2(), DetectorSmearing.belle2(),
                signalGenerators::get);
        String suffix = String.format(Locale.ROOT, "-%05d.%s", p, ext);
        List<Path> files = new ArrayList<>();
        long events = 0;
        EventTable bkg = d.backgroundTable();
        events += write(bkg, dir.resolve("backgrounds" + suffix), files);
        events += write(d.dataTable(), dir.resolve("data" + suffix), files);
        List<EventTable> signal = new ArrayList<>();
        for (SimulatedEvents s : d.signals().values()) {
            if (s.size() > 0) {
                signal.add(s.toEventTable());
            }
        }
        if (!signal.isEmpty()) {
            events += write(EventTable.concat(signal), dir.resolve("signal" + suffix), files);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", p);
        m.put("seed", config.seed());
        m.put("luminosity_pb", config.luminosityPb());
        m.put("files", files.stream().map(f -> f.getFileName().toString()).toList());
        m.put("samples", d.metadata().get("samples"));
        return new Part(files, events, m);
    }

    private static int write(EventTable table, Path file, List<Path> files) {
        EventWriter.write(table, file);
        files.add(file);
        return table.size();
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputationException("interrupted while writing the synthetic events", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecoilException r) {
                throw r;
            }
            if (e.getCause() instanceof OutOfMemoryError) {
                throw new ComputationException("out of memory while generating a partition of the synthetic events:"
                        + " use more --partitions (fewer events per partition) or fewer --threads", e.getCause());
            }
            throw new ComputationException("writing the synthetic events failed: " + e.getCause(), e.getCause());
        }
    }
}
