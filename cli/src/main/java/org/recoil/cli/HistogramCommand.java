package org.recoil.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventPaths;
import org.recoil.core.events.EventStream;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.HistogramJson;
import org.recoil.core.selection.Observable;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionAccumulator;
import org.recoil.core.selection.SelectionConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code recoil histogram EVENTS... [--config CONFIG] --out FILE [--bins N --range LO,HI] [--json]}:
 * streams event tables (CSV or Parquet; files, directories or globs) through the selection of the
 * config in bounded memory ({@link EventStream}), refuses a histogram range that misses nearly all
 * selected events ({@link org.recoil.core.selection.RangeCheck}), writes the histograms
 * of the selected events per sample as JSON (atomically: no partial file on failure) and prints the
 * cut flow (a table, or with {@code --json} one JSON document).
 *
 * <p>Output file and summary: {@link HistogramOutput} (histograms readable with
 * {@link HistogramJson#readSet(Path)}).
 */
@Command(name = "histogram",
        mixinStandardHelpOptions = true,
        description = {"Select dimuon events and write recoil-mass histograms per sample (JSON); print the cut flow.",
            "Events: CSV or Parquet files (see ColumnMapping for column names); samples come from a 'sample' column "
                    + "or else from each file's name; samples of the same name in several files are merged."})
public final class HistogramCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "EVENTS",
            description = "Event files (.csv, .parquet, .pq), directories of them, or glob patterns ('bkg/*.parquet').")
    List<String> events;

    @Option(names = "--config", paramLabel = "CONFIG",
            description = "Selection config (YAML, or JSON for .json): beams, columns, cuts, histogram. "
                    + "Without it: Belle II beams, default columns, only the two-opposite-charge-muon cut.")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output JSON file.")
    Path out;

    @Mixin
    BinningOptions binningOptions;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads reading and selecting events (default: all processors); results do not depend on it.")
    Integer threads;

    @Option(names = "--json", description = "Print the cut flow as one JSON document instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SelectionConfig cfg = config != null ? SelectionConfig.read(config) : SelectionConfig.parse("", false, "defaults");
        Binning binning = binningOptions.resolve(cfg, config);
        List<Path> files = EventPaths.expandAll(Path.of(""), events);
        if (threads != null && threads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threads);
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Selection selection = Selection.fromConfig(cfg);
        Observable observable = cfg.histogram().observable();
        SelectionAccumulator acc = new SelectionAccumulator(selection.cutNames(), binning, observable,
                SelectionAccumulator.Keep.NONE);
        EventStream.forEach(files.stream().map(f -> EventStream.Source.of(f, cfg.columns())).toList(), n,
                t -> acc.compact(selection.apply(t)), (info, c) -> acc.add(c));
        acc.range().require(observable);
        HistogramOutput output = new HistogramOutput(cfg, selection.beams(), binning,
                files.stream().map(Path::toString).toList(), acc.events(), acc.cutFlow(), acc.cutFlowBySample(),
                acc.histograms());
        output.write(out);
        if (json) {
            Json.print(spec.commandLine().getOut(), output.summary(out));
        } else {
            output.printTable(spec.commandLine().getOut(), out);
        }
        return RecoilCli.EXIT_OK;
    }
}
