package org.recoil.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.cli.BinningOptions;
import org.recoil.cli.HistogramOutput;
import org.recoil.cli.Json;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.HistogramJson;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recoil spark-histogram EVENTS... [--config CONFIG] --out FILE [--bins N --range LO,HI] [--master URL] [--json]}:
 * {@code recoil histogram} for Parquet event tables, computed on Spark ({@link SparkHistogrammer}).
 * The output file is the local command's document, field for field: {@code {"observable", "unit",
 * "sqrt_s", "beams", "inputs", "cutflow": {"total": [...], "samples": {...}}, "histograms": {...}}}
 * (histograms readable with {@link HistogramJson#readSet(Path)}); stdout carries the same cut-flow
 * table, or with {@code --json} the same summary (plus {@code selected_weight}, the sum of selected
 * weights per sample). The binning is {@code --bins/--range}, else the config's {@code histogram.binning}.
 */
@Command(name = "spark-histogram", mixinStandardHelpOptions = true,
        description = "Select dimuon events of Parquet files on Spark and write recoil-mass histograms per sample "
                + "(JSON); print the cut flow.")
public final class SparkHistogramCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EVENTS",
            description = "Parquet files or directories (local paths or Hadoop URIs: hdfs://, s3a://, ...)")
    List<String> events;

    @Option(names = "--config", paramLabel = "CONFIG",
            description = "Selection config (YAML, or JSON for .json), as for 'recoil histogram'")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output JSON file.")
    Path out;

    @Mixin
    SparkMasterOption master;

    @Mixin
    BinningOptions binningOptions;

    @Option(names = "--json", description = "Print the cut flow as one JSON document instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        SelectionConfig cfg = config != null ? SelectionConfig.read(config) : SelectionConfig.parse("", false, "defaults");
        Binning binning = binningOptions.resolve(cfg, config);
        SparkHistogrammer.Result result;
        try (SparkSessions s = master.open("recoil spark-histogram")) {
            result = new SparkHistogrammer(s.session(), cfg, binning).apply(events);
        }
        HistogramOutput output = new HistogramOutput(cfg, Selection.fromConfig(cfg).beams(), binning, result.files(),
                result.events(), result.cutFlow(), result.cutFlowBySample(), result.histograms());
        output.write(out);
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> summary = output.summary(out);
            Map<String, Object> integrals = new LinkedHashMap<>();
            result.histograms().forEach((k, h) -> integrals.put(k, h.integral()));
            summary.put("selected_weight", integrals);
            Json.print(w, summary);
        } else {
            output.printTable(w, out);
        }
        return 0;
    }
}
