package org.recoil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.hist.HistogramJson;
import org.recoil.core.io.AtomicFiles;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.selection.CutFlow;
import org.recoil.core.selection.SelectionConfig;

/**
 * What {@code recoil histogram} and {@code spark-histogram} write and print for the selected
 * events: the output file {@code {"observable", "unit", "sqrt_s", "beams", "inputs", "cutflow":
 * {"total": [...], "samples": {...}}, "histograms": {"sample": {histogram}, ...}}} (histograms in the
 * form of {@link HistogramJson}, readable with {@link HistogramJson#readSet(Path)}), the cut-flow
 * table, and the {@code --json} summary {@code {"out", "observable", "events", "selected",
 * "cutflow"}}.
 *
 * @param config the selection config
 * @param beams the beams of the selection
 * @param binning the histograms' binning
 * @param inputs the event files as given
 * @param events events read
 * @param cutFlow the cut flow of all samples
 * @param cutFlowBySample the cut flow per sample
 * @param histograms the histogram per sample
 */
public record HistogramOutput(SelectionConfig config, BeamConfiguration beams, Binning binning, List<String> inputs,
                              long events, CutFlow cutFlow, Map<String, CutFlow> cutFlowBySample,
                              Map<String, Histogram> histograms) {

    /** Copies the collections (sample order kept). */
    public HistogramOutput {
        inputs = List.copyOf(inputs);
        cutFlowBySample = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cutFlowBySample));
        histograms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(histograms));
    }

    private Map<String, Object> cutFlowJson() {
        Map<String, Object> cutflow = new LinkedHashMap<>();
        cutflow.put("total", cutFlow.steps());
        Map<String, Object> perSample = new LinkedHashMap<>();
        cutFlowBySample.forEach((s, f) -> perSample.put(s, f.steps()));
        cutflow.put("samples", perSample);
        return cutflow;
    }

    /**
     * Writes the output file atomically (no partial file on failure).
     *
     * @param out the file
     */
    public void write(Path out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("observable", config.histogram().observable().key());
        doc.put("unit", config.histogram().observable().unit());
        doc.put("sqrt_s", beams.sqrtS());
        Map<String, Object> beamDoc = new LinkedHashMap<>();
        beamDoc.put("electron_energy", beams.electronEnergy());
        beamDoc.put("positron_energy", beams.positronEnergy());
        beamDoc.put("crossing_angle", beams.crossingAngle());
        doc.put("beams", beamDoc);
        doc.put("inputs", inputs);
        doc.put("cutflow", cutFlowJson());
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
    }

    /**
     * @param out the output file written
     * @return the {@code --json} summary; callers may add fields after these
     */
    public Map<String, Object> summary(Path out) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("out", out.toString());
        summary.put("observable", config.histogram().observable().key());
        summary.put("events", events);
        summary.put("selected", cutFlow.selected().events());
        summary.put("cutflow", cutFlowJson());
        return summary;
    }

    /**
     * Prints the cut flow of all samples and per sample, and what was written.
     *
     * @param w where to print
     * @param out the output file written
     */
    public void printTable(PrintWriter w, Path out) {
        w.println("Cut flow, all samples (" + events + " events from " + inputs.size() + " file"
                + (inputs.size() == 1 ? "" : "s") + "):");
        w.print(cutFlow.format());
        for (Map.Entry<String, CutFlow> e : cutFlowBySample.entrySet()) {
            w.println();
            w.println("Sample " + e.getKey() + ":");
            w.print(e.getValue().format());
        }
        w.println();
        w.println("Wrote " + histograms.size() + " histogram" + (histograms.size() == 1 ? "" : "s") + " of "
                + config.histogram().observable().key() + " (" + binning.nBins() + " bins on [" + binning.lo() + ", "
                + binning.hi() + "] " + config.histogram().observable().unit() + ") to " + out);
        w.flush();
    }
}
