package org.recoil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventTable;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.hist.HistogramJson;
import org.recoil.core.io.AtomicFiles;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.selection.CutFlow;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionConfig;
import org.recoil.core.selection.SelectionResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code recoil histogram EVENTS... [--config CONFIG] --out FILE [--bins N --range LO,HI] [--json]}:
 * reads event tables (CSV or Parquet), applies the selection of the config, writes the histograms
 * of the selected events per sample as JSON (atomically: no partial file on failure) and prints the
 * cut flow (a table, or with {@code --json} one JSON document).
 *
 * <p>Output file: {@code {"observable", "unit", "sqrt_s", "beams", "inputs", "cutflow": {"total":
 * [...], "samples": {...}}, "histograms": {"sample": {histogram}, ...}}} with histograms in the form
 * of {@link HistogramJson} (readable with {@link HistogramJson#readSet(Path)}).
 */
@Command(name = "histogram",
        mixinStandardHelpOptions = true,
        description = {"Select dimuon events and write recoil-mass histograms per sample (JSON); print the cut flow.",
            "Events: CSV or Parquet files (see ColumnMapping for column names); samples come from a 'sample' column "
                    + "or else from each file's name; samples of the same name in several files are merged."})
public final class HistogramCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "EVENTS", description = "Event files (.csv, .parquet, .pq).")
    List<Path> events;

    @Option(names = "--config", paramLabel = "CONFIG",
            description = "Selection config (YAML, or JSON for .json): beams, columns, cuts, histogram. "
                    + "Without it: Belle II beams, default columns, only the two-opposite-charge-muon cut.")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output JSON file.")
    Path out;

    @Option(names = "--bins", paramLabel = "N", description = "Number of uniform bins (with --range; overrides the config).")
    Integer bins;

    @Option(names = "--range", paramLabel = "LO,HI", description = "Histogram range (with --bins; overrides the config).")
    String range;

    @Option(names = "--json", description = "Print the cut flow as one JSON document instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SelectionConfig cfg = config != null ? SelectionConfig.read(config) : SelectionConfig.parse("", false, "defaults");
        Binning binning = binning(cfg);
        List<EventTable> tables = new ArrayList<>();
        for (Path f : events) {
            tables.add(EventReader.read(f, cfg.columns()));
        }
        EventTable all = EventTable.concat(tables);
        Selection selection = Selection.fromConfig(cfg);
        SelectionResult result = selection.apply(all);
        Map<String, Histogram> histograms = result.histograms(binning, cfg.histogram().observable());

        Map<String, Object> cutflow = new LinkedHashMap<>();
        cutflow.put("total", result.cutFlow().steps());
        Map<String, Object> perSample = new LinkedHashMap<>();
        result.cutFlowBySample().forEach((s, f) -> perSample.put(s, f.steps()));
        cutflow.put("samples", perSample);

        BeamConfiguration beams = selection.beams();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("observable", cfg.histogram().observable().key());
        doc.put("unit", cfg.histogram().observable().unit());
        doc.put("sqrt_s", beams.sqrtS());
        Map<String, Object> beamDoc = new LinkedHashMap<>();
        beamDoc.put("electron_energy", beams.electronEnergy());
        beamDoc.put("positron_energy", beams.positronEnergy());
        beamDoc.put("crossing_angle", beams.crossingAngle());
        doc.put("beams", beamDoc);
        doc.put("inputs", events.stream().map(Path::toString).toList());
        doc.put("cutflow", cutflow);
        Map<String, Object> hs = new LinkedHashMap<>();
        histograms.forEach((s, h) -> hs.put(s, HistogramJson.toDto(h)));
        doc.put("histograms", hs);
        String text;
        try {
            text = Json.mapper().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise histograms", e);
        }
        AtomicFiles.writeString(out, text + System.lineSeparator());

        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("out", out.toString());
            summary.put("observable", cfg.histogram().observable().key());
            summary.put("events", all.size());
            summary.put("selected", result.cutFlow().selected().events());
            summary.put("cutflow", cutflow);
            Json.print(spec.commandLine().getOut(), summary);
        } else {
            var w = spec.commandLine().getOut();
            w.println("Cut flow, all samples (" + all.size() + " events from " + events.size() + " file"
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
        return RecoilCli.EXIT_OK;
    }

    private Binning binning(SelectionConfig cfg) {
        if (bins != null || range != null) {
            if (bins == null || range == null) {
                throw new InvalidInputException("give --bins and --range together");
            }
            String[] parts = range.split(",", -1);
            if (parts.length != 2) {
                throw new InvalidInputException("--range must be LO,HI, got '" + range + "'");
            }
            double lo;
            double hi;
            try {
                lo = Double.parseDouble(parts[0].strip());
                hi = Double.parseDouble(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--range must be two numbers LO,HI, got '" + range + "'", e);
            }
            try {
                return Binning.uniform(bins, lo, hi);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--bins/--range: " + e.getMessage(), e);
            }
        }
        if (cfg.histogram().binning() == null) {
            throw new InvalidInputException("no binning: give --bins N --range LO,HI or histogram.binning in the config"
                    + (config != null ? " " + config : ""));
        }
        return cfg.histogram().binning().toBinning((config != null ? config + ": " : "") + "histogram.binning");
    }
}
