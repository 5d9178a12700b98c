package org.recoil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.recoil.cli.report.OutputFolder;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;
import org.recoil.core.sim.SyntheticDatasetConfig;
import org.recoil.core.sim.SyntheticEventFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recoil events --lumi 276/pb --seed S --out DIR [--format parquet|csv] [--partitions P]
 * [--scale F] [--threads N]}: writes the SYNTHETIC Belle II-like events ({@link SyntheticEventFiles})
 * as files that {@code recoil histogram}, {@code recoil scan} and {@code spark-histogram} read, with a
 * {@code dataset.json} describing them. The folder is written all-or-nothing ({@link OutputFolder}).
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Write the SYNTHETIC Belle II-like events (backgrounds, pseudo-data, Z' signal) as partitioned "
                + "Parquet or CSV files for histogram, scan and spark-histogram.")
public final class EventsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--lumi", paramLabel = "L", defaultValue = "276/pb",
            description = "Integrated luminosity of the pseudo-data and of the template weights (default ${DEFAULT-VALUE}).")
    String lumi;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default 20200410, the demo's).")
    Long seed;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "parquet",
            description = "parquet or csv (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "1",
            description = "Number of partitions, each a dataset at L/P with 1/P of the Monte Carlo (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--scale", paramLabel = "F", defaultValue = "1",
            description = "Multiply the Monte Carlo sizes (1 M mumu(gamma), 200 k tautau, 2 M eemumu, 20 k signal per "
                    + "mass generated) by F (default ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--no-signal", description = "Write no signal samples.")
    boolean noSignal;

    @Option(names = "--threads", paramLabel = "N", description = "Partitions generated at once (default: all processors).")
    Integer threads;

    @Override
    public Integer call() throws JsonProcessingException {
        SyntheticDatasetConfig base = SyntheticDatasetConfig.defaults()
                .withLuminosityPb(Luminosity.parse(lumi).inversePicobarn());
        if (seed != null) {
            base = base.withSeed(seed);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new InvalidInputException("--scale " + scale + ": expected a positive number");
        }
        base = base.withBackgroundEvents(scaled(base.muMuGammaEvents()), scaled(base.tauPairEvents()),
                scaled(base.twoPhotonEvents()));
        base = base.withSignal(scaled(base.signalEvents()), noSignal ? List.of() : base.signalMasses());
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        SyntheticEventFiles.Written written;
        List<Path> files = new ArrayList<>();
        try (OutputFolder folder = OutputFolder.open(out, "events", spec.commandLine().getErr())) {
            Path staging = folder.file("dataset.json").getParent();
            written = SyntheticEventFiles.write(staging, base, partitions, format, nThreads);
            for (Path f : written.files()) {
                folder.file(f.getFileName().toString());
            }
            folder.writeString("dataset.json", Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(written.metadata()) + "\n");
            files.addAll(folder.commit());
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        var err = spec.commandLine().getErr();
        var outw = spec.commandLine().getOut();
        outw.printf(Locale.ROOT, "recoil events: SYNTHETIC, %s, seed %d, %d partition(s): %d events in %d files written to %s%n",
                lumi, base.seed(), partitions, written.events(), written.files().size(), out.toAbsolutePath().normalize());
        err.printf(Locale.ROOT, "timing (wall clock): %.2f s, %.2f M events/s%n", seconds, written.events() / seconds * 1e-6);
        outw.flush();
        err.flush();
        return RecoilCli.EXIT_OK;
    }

    private int scaled(int n) {
        double v = Math.ceil(n * scale);
        if (v > Integer.MAX_VALUE) {
            throw new InvalidInputException("--scale " + scale + ": " + v
                    + " events per sample exceed the limit of one generator run; use more --partitions");
        }
        return (int) v;
    }
}
