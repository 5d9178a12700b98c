package org.recoil.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.cli.Json;
import org.recoil.core.InvalidInputException;
import org.recoil.core.hist.Histogram;
import org.recoil.core.hist.HistogramJson;
import org.recoil.core.io.AtomicFiles;
import org.recoil.core.selection.SelectionConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recoil spark-histogram EVENTS... [--config CONFIG] --out FILE [--master URL] [--json]}: the
 * histograms of {@code recoil histogram} for Parquet event tables, computed on Spark
 * ({@link SparkHistogrammer}). The output file has the {@code observable}, {@code unit},
 * {@code inputs} and {@code histograms} fields of the local command (readable with
 * {@link HistogramJson#readSet(Path)}); the cut flow is not computed on Spark.
 */
@Command(name = "spark-histogram", mixinStandardHelpOptions = true,
        description = "Select dimuon events of Parquet files on Spark and write recoil-mass histograms per sample (JSON).")
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

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--json", description = "print a one-document JSON summary on stdout")
    boolean json;

    @Override
    public Integer call() {
        String text = "";
        boolean isJson = false;
        String name = "defaults";
        if (config != null) {
            try {
                text = Files.readString(config);
            } catch (IOException e) {
                throw new InvalidInputException(config + ": cannot read the selection config: " + e.getMessage(), e);
            }
            isJson = config.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
            name = config.toString();
        }
        SelectionConfig cfg = SelectionConfig.parse(text, isJson, name);
        Map<String, Histogram> histograms;
        try (SparkSessions s = SparkSessions.open(master, "recoil spark-histogram")) {
            histograms = new SparkHistogrammer(s.session(), text, isJson, name).histograms(events);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("observable", cfg.histogram().observable().key());
        doc.put("unit", cfg.histogram().observable().unit());
        doc.put("inputs", events);
        Map<String, Object> hs = new LinkedHashMap<>();
        histograms.forEach((k, h) -> hs.put(k, HistogramJson.toDto(h)));
        doc.put("histograms", hs);
        try {
            AtomicFiles.writeString(out, Json.mapper().writeValueAsString(doc) + System.lineSeparator());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise histograms", e);
        }
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("out", out.toString());
            summary.put("observable", cfg.histogram().observable().key());
            Map<String, Object> integrals = new LinkedHashMap<>();
            histograms.forEach((k, h) -> integrals.put(k, h.integral()));
            summary.put("selected_weight", integrals);
            Json.print(spec.commandLine().getOut(), summary);
        } else {
            spec.commandLine().getOut().println("Wrote " + histograms.size() + " histogram"
                    + (histograms.size() == 1 ? "" : "s") + " of " + cfg.histogram().observable().key() + " to " + out);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
