package org.recoil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.cli.diagnostics.DiagnosticCharts;
import org.recoil.cli.plot.PlotWriter;
import org.recoil.cli.report.OutputFolder;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.limits.diagnostics.ProfileScans;
import org.recoil.limits.diagnostics.Scan1D;
import org.recoil.limits.diagnostics.Scan2D;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recoil nll-scan WS.json --param mu --range 0,3 --points 50 [--param y --range a,b --points m]}: the
 * profile likelihood −2Δln L on a grid of one or two parameters, every other free parameter refitted. Prints CSV
 * (or one JSON document with {@code --json}); {@code --out DIR} writes {@code scan.csv}, {@code scan.json} and the
 * plot (68%/95% crossings in 1D, contours in 2D) all or nothing.
 */
@Command(name = "nll-scan", mixinStandardHelpOptions = true,
        description = "Profile-likelihood scan in one or two parameters (-2 delta ln L, others profiled).")
public final class NllScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceInput input;

    @Option(names = "--param", paramLabel = "NAME", required = true,
            description = "parameter to scan (give it twice for a 2D scan)")
    List<String> params = new ArrayList<>();

    @Option(names = "--range", paramLabel = "FROM,TO", required = true,
            description = "scan range of each --param, in the same order")
    List<String> ranges = new ArrayList<>();

    @Option(names = "--points", paramLabel = "N", description = "grid points of each --param (default 50 in 1D, 20 in 2D)")
    List<Integer> points = new ArrayList<>();

    @Option(names = "--no-poi", description = "background-only workspace: no parameter of interest")
    boolean noPoi;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "write scan.csv, scan.json and the plot into DIR")
    java.nio.file.Path out;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads of 2D scans (default: available processors)")
    Integer threads;

    @Override
    public Integer call() {
        int dims = params.size();
        if (dims > 2) {
            throw new InvalidInputException("--param: give one or two parameters, got " + dims);
        }
        if (ranges.size() != dims) {
            throw new InvalidInputException("--range: give one range per --param (" + dims + "), got " + ranges.size());
        }
        if (!points.isEmpty() && points.size() != dims) {
            throw new InvalidInputException("--points: give one count per --param (" + dims + "), got " + points.size());
        }
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        double[][] r = new double[dims][];
        int[] n = new int[dims];
        for (int k = 0; k < dims; k++) {
            r[k] = parseRange(params.get(k), ranges.get(k));
            n[k] = points.isEmpty() ? (dims == 1 ? 50 : 20) : points.get(k);
        }
        HistFactoryModel model = input.model(noPoi ? ModelOptions.defaults().withoutPoi() : ModelOptions.defaults());
        // the observed data, or with --expected-only the background-only Asimov data (a blind review)
        org.recoil.fitting.model.Data data = input.data(model);
        for (String name : params) {
            if (!model.parameters().names().contains(name)) {
                throw new InvalidInputException("--param: no parameter named '" + name + "' in the model; parameters are "
                        + model.parameters().names());
            }
        }
        FitResult fit = Minimizer.standard().fit(model, data);
        if (!fit.converged()) {
            throw new FitFailedException(input.name() + ": the fit did not converge (" + fit.status() + "): "
                    + fit.message(), fit);
        }
        ProfileScans scans = new ProfileScans(nThreads);
        Map<String, Object> doc = new LinkedHashMap<>();
        String csv;
        org.knowm.xchart.XYChart chart = null;
        if (dims == 1) {
            Scan1D s = scans.scan(model, data, fit, params.get(0), r[0][0], r[0][1], n[0]);
            doc.put("parameter", s.name());
            doc.put("best_fit", s.bestFit());
            doc.put("twice_nll_min", s.twiceNllMin());
            doc.put("x", s.x());
            doc.put("delta_twice_nll", s.deltaTwiceNll());
            doc.put("crossings_68", s.crossings(1.0));
            doc.put("crossings_95", s.crossings(3.84));
            StringBuilder sb = new StringBuilder(s.name() + ",delta_twice_nll\n");
            for (int k = 0; k < s.x().length; k++) {
                sb.append(String.format(Locale.ROOT, "%.10g,%.10g%n", s.x()[k], s.deltaTwiceNll()[k]));
            }
            csv = sb.toString();
            if (out != null) {
                chart = DiagnosticCharts.scan1d(s, "Profile likelihood: " + input.name());
            }
        } else {
            Scan2D s = scans.scan2d(model, data, fit, params.get(0), r[0][0], r[0][1], n[0], params.get(1),
                    r[1][0], r[1][1], n[1]);
            doc.put("parameters", List.of(s.nameX(), s.nameY()));
            doc.put("best_fit", List.of(s.bestX(), s.bestY()));
            doc.put("twice_nll_min", s.twiceNllMin());
            doc.put("x", s.x());
            doc.put("y", s.y());
            doc.put("delta_twice_nll", s.deltaTwiceNll());
            StringBuilder sb = new StringBuilder(s.nameX() + "," + s.nameY() + ",delta_twice_nll\n");
            for (int i = 0; i < s.x().length; i++) {
                for (int j = 0; j < s.y().length; j++) {
                    sb.append(String.format(Locale.ROOT, "%.10g,%.10g,%.10g%n", s.x()[i], s.y()[j], s.at(i, j)));
                }
            }
            csv = sb.toString();
            if (out != null) {
                chart = DiagnosticCharts.scan2d(s, "Profile likelihood: " + input.name());
            }
        }
        if (out != null) {
            try (OutputFolder folder = OutputFolder.open(out, "nll-scan", spec.commandLine().getErr())) {
                folder.writeString("scan.csv", csv);
                folder.writeString("scan.json", Json.mapper().writeValueAsString(doc) + "\n");
                folder.file("scan.png");
                folder.file("scan.svg");
                PlotWriter.write(chart, folder.file("scan"));
                folder.commit();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Json.print(o, doc);
        } else {
            o.print(csv);
            o.flush();
        }
        return RecoilCli.EXIT_OK;
    }

    private static double[] parseRange(String name, String range) {
        String[] parts = range.split(",");
        if (parts.length != 2) {
            throw new InvalidInputException("--range of '" + name + "' expects FROM,TO, got '" + range + "'");
        }
        try {
            return new double[] {Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())};
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--range of '" + name + "' expects two numbers FROM,TO, got '" + range + "'");
        }
    }
}
