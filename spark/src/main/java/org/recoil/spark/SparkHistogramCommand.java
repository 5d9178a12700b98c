package org.recoil.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.cli.Json;
import org.recoil.core.InvalidInputException;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.hist.HistogramJson;
import org.recoil.core.io.AtomicFiles;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.selection.CutFlow;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recoil spark-histogram EVENTS... [--config CONFIG] --out FILE [--master URL] [--json]}:
 * {@code recoil histogram} for Parquet event tables, computed on Spark ({@link SparkHistogrammer}).
 * The output file is the local command's document, field for field: {@code {"observable", "unit",
 * "sqrt_s", "beams", "inputs", "cutflow": {"total": [...], "samples": {...}}, "histograms": {...}}}
 * (histograms readable with {@link HistogramJson#readSet(Path)}); stdout carries the same cut-flow
 * table, or with {@code --json} the same summary (plus {@code selected_weight}, the sum of selected
 * weights per sample). The binning is the config's {@code histogram.binning}.
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
            description = "Selection config (YAML, or JSON for .json), as for 'recoil histogram'; "
                    + "it must give histogram.binning")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output JSON file.")
    Path out;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--json", description = "Print the cut flow as one JSON document instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        SelectionConfig cfg = config != null ? SelectionConfig.read(config) : SelectionConfig.parse("", false, "defaults");
        if (cfg.histogram().binning() == null) {
            throw new InvalidInputException("no binning: give histogram.binning in the config"
                    + (config != null ? " " + config : " (--config)"));
        }
        Binning binning = cfg.histogram().binning().toBinning((config != null ? config + ": " : "") + "histogram.binning");
        SparkHistogrammer.Result result;
        try (SparkSessions s = SparkSessions.open(master, "recoil spark-histogram")) {
            result = new SparkHistogrammer(s.session(), cfg, binning).apply(events);
        }
        Map<String, Histogram> histograms = result.histograms();

        Map<String, Object> cutflow = new LinkedHashMap<>();
        cutflow.put("total", result.cutFlow().steps());
        Map<String, Object> perSample = new LinkedHashMap<>();
        result.cutFlowBySample().forEach((k, f) -> perSample.put(k, f.steps()));
        cutflow.put("samples", perSample);

        BeamConfiguration beams = Selection.fromConfig(cfg).beams();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("observable", cfg.histogram().observable().key());
        doc.put("unit", cfg.histogram().observable().unit());
        doc.put("sqrt_s", beams.sqrtS());
        Map<String, Object> beamDoc = new LinkedHashMap<>();
        beamDoc.put("electron_energy", beams.electronEnergy());
        beamDoc.put("positron_energy", beams.positronEnergy());
        beamDoc.put("crossing_angle", beams.crossingAngle());
        doc.put("beams", beamDoc);
        doc.put("inputs", events);
        doc.put("cutflow", cutflow);
        Map<String, Object> hs = new LinkedHashMap<>();
        histograms.forEach((k, h) -> hs.put(k, HistogramJson.toDto(h)));
        doc.put("histograms", hs);
        try {
            AtomicFiles.writeString(out, Json.mapper().writeValueAsString(doc) + System.lineSeparator());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise histograms", e);
        }

        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("out", out.toString());
            summary.put("observable", cfg.histogram().observable().key());
            summary.put("events", result.events());
            summary.put("selected", result.cutFlow().selected().events());
            summary.put("cutflow", cutflow);
            Map<String, Object> integrals = new LinkedHashMap<>();
            histograms.forEach((k, h) -> integrals.put(k, h.integral()));
            summary.put("selected_weight", integrals);
            Json.print(w, summary);
        } else {
            w.println("Cut flow, all samples (" + result.events() + " events from " + events.size() + " file"
                    + (events.size() == 1 ? "" : "s") + "):");
            w.print(result.cutFlow().format());
            for (Map.Entry<String, CutFlow> e : result.cutFlowBySample().entrySet()) {
                w.println();
                w.println("Sample " + e.getKey() + ":");
                w.print(e.getValue().format());
            }
            w.println();
            w.println("Wrote " + histograms.size() + " histogram" + (histograms.size() == 1 ? "" : "s") + " of "
                    + cfg.histogram().observable().key() + " (" + binning.nBins() + " bins on [" + binning.lo() + ", "
                    + binning.hi() + "] " + cfg.histogram().observable().unit() + ") to " + out);
            w.flush();
        }
        return 0;
    }
}
