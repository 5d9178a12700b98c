package org.recoil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.cli.diagnostics.CorrelationPlot;
import org.recoil.cli.diagnostics.DiagnosticCharts;
import org.recoil.cli.diagnostics.YieldPlot;
import org.recoil.cli.plot.PlotWriter;
import org.recoil.cli.report.OutputFolder;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.model.Parameters;
import org.recoil.limits.diagnostics.CorrelationMatrix;
import org.recoil.limits.diagnostics.GoodnessOfFit;
import org.recoil.limits.diagnostics.GoodnessOfFitResult;
import org.recoil.limits.diagnostics.Impact;
import org.recoil.limits.diagnostics.Impacts;
import org.recoil.limits.diagnostics.MinosError;
import org.recoil.limits.diagnostics.ProfileScans;
import org.recoil.limits.diagnostics.Pull;
import org.recoil.limits.diagnostics.Pulls;
import org.recoil.limits.diagnostics.YieldTable;
import org.recoil.limits.diagnostics.Yields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recoil diagnostics WS.json [--out DIR] [--json]}: the fit diagnostics of a (patched) pyhf workspace in one
 * run: the free fit with its correlation matrix, pulls and constraints, impacts on the POI ranked, MINOS-style
 * intervals, the saturated goodness of fit (asymptotic, and with toys if asked), pre- and post-fit yields. With
 * {@code --out} it writes tables (CSV, text), {@code diagnostics.json} and plots (PNG + SVG) into the folder, all
 * or nothing; with {@code --json} it prints the document on stdout.
 */
@Command(name = "diagnostics", mixinStandardHelpOptions = true,
        description = "Fit diagnostics: correlations, pulls, impacts, MINOS errors, goodness of fit, pre/post-fit yields.")
public final class DiagnosticsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceInput input;

    @Option(names = "--out", paramLabel = "DIR", description = "write tables, diagnostics.json and plots into DIR")
    java.nio.file.Path out;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean json;

    @Option(names = "--no-poi", description = "background-only workspace: no parameter of interest (no impacts)")
    boolean noPoi;

    @Option(names = "--minos", paramLabel = "NAME", description = "parameters for MINOS intervals (repeatable; default: the POI)")
    List<String> minos = new ArrayList<>();

    @Option(names = "--level", paramLabel = "L", defaultValue = "1.0",
            description = "rise of -2 ln L defining the MINOS interval (default ${DEFAULT-VALUE}: the 68.3 percent interval)")
    double level;

    @Option(names = "--impacts-of", paramLabel = "NAME",
            description = "parameters whose impacts to compute (repeatable; default: every free nuisance parameter)")
    List<String> impactsOf = new ArrayList<>();

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "parameters in the impact plot (default ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--corr-threshold", paramLabel = "R", defaultValue = "0.1",
            description = "correlation plot: parameters with some |rho| >= R (default ${DEFAULT-VALUE}), at most 40")
    double corrThreshold;

    @Option(names = "--toys", paramLabel = "N", description = "toys for the goodness-of-fit p-value (default: none)")
    Integer toys;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the toys (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: available processors)")
    Integer threads;

    @Override
    public Integer call() {
        if (toys != null && toys < 1) {
            throw new InvalidInputException("--toys must be at least 1, got " + toys);
        }
        if (!(corrThreshold >= 0 && corrThreshold <= 1)) {
            throw new InvalidInputException("--corr-threshold must be in [0, 1], got " + corrThreshold);
        }
        if (top < 1) {
            throw new InvalidInputException("--top must be at least 1, got " + top);
        }
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + nThreads);
        }
        HistFactoryModel model = input.model(noPoi ? ModelOptions.defaults().withoutPoi() : ModelOptions.defaults());
        // the observed data, or with --expected-only the background-only Asimov data (a blind review)
        org.recoil.fitting.model.Data data = input.data(model);
        Parameters p = model.parameters();
        for (String name : minos) {
            checkName(p, name, "--minos");
        }
        for (String name : impactsOf) {
            checkName(p, name, "--impacts-of");
        }
        if (p.poiIndex() < 0 && !impactsOf.isEmpty()) {
            throw new InvalidInputException("--impacts-of: the model has no parameter of interest");
        }
        FitResult fit = Minimizer.standard().fit(model, data);
        if (!fit.converged()) {
            throw new FitFailedException(input.name() + ": the fit did not converge (" + fit.status() + "): "
                    + fit.message(), fit);
        }
        CorrelationMatrix corr = CorrelationMatrix.of(fit, p);
        List<Pull> pulls = Pulls.of(model, fit);
        List<Impact> impacts = List.of();
        if (p.poiIndex() >= 0) {
            Impacts imp = new Impacts(nThreads);
            impacts = impactsOf.isEmpty() ? imp.all(model, data, fit)
                    : imp.of(model, data, fit, impactsOf);
        }
        List<String> minosNames = new ArrayList<>(minos);
        if (minosNames.isEmpty() && p.poiIndex() >= 0) {
            minosNames.add(p.names().get(p.poiIndex()));
        }
        ProfileScans scans = new ProfileScans(nThreads);
        List<MinosError> minosErrors = new ArrayList<>();
        for (String name : minosNames) {
            minosErrors.add(scans.minos(model, data, fit, name, level));
        }
        GoodnessOfFitResult gof = new GoodnessOfFit(nThreads).test(model, data, fit, p.fixed(),
                toys == null ? 0 : toys, seed);
        YieldTable prefit = Yields.prefit(model, data);
        YieldTable postfit = Yields.postfit(model, data, fit);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("workspace", input.name());
        doc.put("status", "converged");
        doc.put("twice_nll", fit.twiceNll());
        doc.put("poi", p.poiIndex() < 0 ? null : p.names().get(p.poiIndex()));
        Map<String, Object> pars = new LinkedHashMap<>();
        for (int i = 0; i < p.size(); i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("value", fit.value(i));
            e.put("error", num(fit.error(i)));
            pars.put(p.names().get(i), e);
        }
        doc.put("parameters", pars);
        doc.put("correlation", CorrelationJson.of(corr));
        doc.put("pulls", pulls.stream().map(DiagnosticsCommand::pullJson).toList());
        doc.put("impacts", impacts.stream().map(DiagnosticsCommand::impactJson).toList());
        doc.put("minos", minosErrors.stream().map(DiagnosticsCommand::minosJson).toList());
        doc.put("gof", gofJson(gof));
        doc.put("yields", List.of(yieldsJson(prefit), yieldsJson(postfit)));

        if (out != null) {
            write(model, fit, doc, pulls, impacts, corr, prefit, postfit);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            Json.print(stdout, doc);
        } else {
            printSummary(stdout, p, fit, pulls, impacts, minosErrors, gof);
        }
        return RecoilCli.EXIT_OK;
    }

    /** Rejects, before any fit, a name that is unknown or names a fixed parameter. */
    private static void checkName(Parameters p, String name, String option) {
        if (!p.names().contains(name)) {
            throw new InvalidInputException(option + ": no parameter named '" + name + "' in the model; parameters are "
                    + p.names());
        }
        if (p.isFixed(p.indexOf(name))) {
            throw new InvalidInputException(option + ": parameter '" + name + "' is fixed; "
                    + (option.equals("--minos") ? "it cannot be profiled" : "impacts are defined for free parameters only"));
        }
    }

    private void write(HistFactoryModel model, FitResult fit, Map<String, Object> doc, List<Pull> pulls,
                       List<Impact> impacts, CorrelationMatrix corr, YieldTable prefit, YieldTable postfit) {
        // every chart is built before anything is written; the folder is switched in whole at commit (OutputFolder)
        var pullChart = pulls.isEmpty() ? null : DiagnosticCharts.pulls(pulls, "Pulls: " + input.name());
        String poi = model.parameters().poiIndex() < 0 ? null : model.parameters().names().get(model.parameters().poiIndex());
        var impactChart = impacts.isEmpty() ? null : DiagnosticCharts.impacts(impacts, top, poi, "Impacts on " + poi);
        var corrChart = CorrelationPlot.chart(corr, corrThreshold, 40, "Correlations (|rho| >= " + corrThreshold + ")");
        List<YieldPlot> plots = new ArrayList<>();
        for (String ch : model.channelNames()) {
            plots.add(YieldPlot.of(prefit, ch, "Pre-fit: " + ch));
            plots.add(YieldPlot.of(postfit, ch, "Post-fit: " + ch));
        }
        try (OutputFolder folder = OutputFolder.open(out, "diagnostics", spec.commandLine().getErr())) {
            try {
                folder.writeString("diagnostics.json", Json.mapper().writeValueAsString(doc) + "\n");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            folder.writeString("pulls.csv", pullsCsv(pulls));
            folder.writeString("impacts.csv", impactsCsv(impacts));
            folder.writeString("correlation.csv", correlationCsv(corr));
            folder.writeString("yields.csv", yieldsCsv(prefit) + yieldsCsv(postfit).lines().skip(1)
                    .map(l -> l + "\n").reduce("", String::concat));
            folder.writeString("yields.txt", yieldsText(prefit) + "\n" + yieldsText(postfit));
            if (pullChart != null) {
                folder.file("pulls.png");
                folder.file("pulls.svg");
                PlotWriter.write(pullChart, folder.file("pulls"));
            }
            if (impactChart != null) {
                folder.file("impacts.png");
                folder.file("impacts.svg");
                PlotWriter.write(impactChart, folder.file("impacts"));
            }
            if (corrChart != null) {
                CorrelationPlot.write(corrChart, folder.file("correlation.png"), folder.file("correlation.svg"));
            }
            int k = 0;
            for (String ch : model.channelNames()) {
                for (String stage : List.of("prefit", "postfit")) {
                    String base = stage + "_" + ch.replaceAll("[^A-Za-z0-9_.-]", "_");
                    plots.get(k++).write(folder.file(base + ".png"), folder.file(base + ".svg"));
                }
            }
            folder.commit();
        }
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Map<String, Object> pullJson(Pull p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("modifier_type", p.modifierType());
        m.put("value", p.value());
        m.put("error", num(p.error()));
        m.put("centre", p.centre());
        m.put("prefit_width", p.prefitWidth());
        m.put("pull", p.pull());
        m.put("constraint", num(p.constraint()));
        return m;
    }

    private static Map<String, Object> impactJson(Impact i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", i.name());
        m.put("modifier_type", i.modifierType());
        m.put("value", i.value());
        m.put("error", num(i.error()));
        m.put("pull", num(i.pull()));
        m.put("postfit_up", i.postfitUp());
        m.put("postfit_down", i.postfitDown());
        m.put("prefit_up", num(i.prefitUp()));
        m.put("prefit_down", num(i.prefitDown()));
        return m;
    }

    private static Map<String, Object> minosJson(MinosError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("value", e.value());
        m.put("level", e.level());
        m.put("lower", num(e.lower()));
        m.put("upper", num(e.upper()));
        m.put("lower_status", e.lowerStatus().name().toLowerCase(Locale.ROOT));
        m.put("upper_status", e.upperStatus().name().toLowerCase(Locale.ROOT));
        m.put("fits", e.fits());
        return m;
    }

    private static Map<String, Object> gofJson(GoodnessOfFitResult g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistic", g.statistic());
        m.put("dof", g.dof());
        m.put("p_asymptotic", num(g.pAsymptotic()));
        m.put("toys", g.toys());
        m.put("p_toys", num(g.pToys()));
        return m;
    }

    private static Map<String, Object> yieldsJson(YieldTable t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", t.stage());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (YieldTable.Row r : t.rows()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("channel", r.channel());
            e.put("sample", r.sample());
            e.put("bin", r.bin());
            e.put("yield", r.yield());
            e.put("error", r.error());
            rows.add(e);
        }
        m.put("rows", rows);
        Map<String, Object> data = new LinkedHashMap<>();
        for (YieldTable.ChannelData c : t.channels()) {
            data.put(c.channel(), c.data());
        }
        m.put("data", data);
        return m;
    }

    static String pullsCsv(List<Pull> pulls) {
        StringBuilder sb = new StringBuilder("name,modifier_type,value,error,centre,prefit_width,pull,constraint\n");
        for (Pull p : pulls) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g%n", p.name(), p.modifierType(),
                    p.value(), p.error(), p.centre(), p.prefitWidth(), p.pull(), p.constraint()));
        }
        return sb.toString();
    }

    static String impactsCsv(List<Impact> impacts) {
        StringBuilder sb = new StringBuilder(
                "rank,name,modifier_type,value,error,pull,postfit_up,postfit_down,prefit_up,prefit_down\n");
        int k = 1;
        for (Impact i : impacts) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%.10g,%.10g,%s,%.10g,%.10g,%s,%s%n", k++, i.name(),
                    i.modifierType(), i.value(), i.error(), csv(i.pull()), i.postfitUp(), i.postfitDown(),
                    csv(i.prefitUp()), csv(i.prefitDown())));
        }
        return sb.toString();
    }

    private static String csv(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.10g", v) : "";
    }

    static String correlationCsv(CorrelationMatrix c) {
        StringBuilder sb = new StringBuilder("parameter");
        for (String n : c.parameters()) {
            sb.append(',').append(n);
        }
        sb.append('\n');
        for (int a = 0; a < c.size(); a++) {
            sb.append(c.parameters().get(a));
            for (int b = 0; b < c.size(); b++) {
                sb.append(',').append(csv(c.get(a, b)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String yieldsCsv(YieldTable t) {
        StringBuilder sb = new StringBuilder("stage,channel,sample,bin,yield,error,data\n");
        Map<String, double[]> data = new LinkedHashMap<>();
        t.channels().forEach(c -> data.put(c.channel(), c.data()));
        for (YieldTable.Row r : t.rows()) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.10g,%.10g,%s%n", t.stage(), r.channel(), r.sample(),
                    r.bin(), r.yield(), r.error(), r.sample().equals(YieldTable.TOTAL)
                            ? String.format(Locale.ROOT, "%.10g", data.get(r.channel())[r.bin()]) : ""));
        }
        return sb.toString();
    }

    static String yieldsText(YieldTable t) {
        StringBuilder sb = new StringBuilder();
        for (YieldTable.ChannelData c : t.channels()) {
            sb.append(String.format("%s yields, channel %s%n", t.stage(), c.channel()));
            List<String> cols = new ArrayList<>(c.samples());
            cols.add(YieldTable.TOTAL);
            sb.append(String.format("%-5s", "bin"));
            for (String s : cols) {
                sb.append(String.format("  %24s", s));
            }
            sb.append(String.format("  %10s%n", "data"));
            double[] data = c.data();
            for (int b = 0; b < data.length; b++) {
                sb.append(String.format("%-5d", b));
                for (String s : cols) {
                    YieldTable.Row r = t.rows(c.channel(), s).get(b);
                    sb.append(String.format("  %24s", String.format("%.4g ± %.3g", r.yield(), r.error())));
                }
                sb.append(String.format("  %10.6g%n", data[b]));
            }
        }
        return sb.toString();
    }

    private void printSummary(PrintWriter o, Parameters p, FitResult fit, List<Pull> pulls, List<Impact> impacts,
                              List<MinosError> minosErrors, GoodnessOfFitResult gof) {
        o.printf("Diagnostics of %s: fit converged, -2 ln L = %.6f%n", input.name(), fit.twiceNll());
        for (MinosError e : minosErrors) {
            o.printf("MINOS (level %.3g) %s = %.6g %s %s%n", e.level(), e.name(), e.value(),
                    e.lowerStatus() == MinosError.Status.VALID ? String.format("%+.6g", e.lower())
                            : "(lower: " + e.lowerStatus().name().toLowerCase(Locale.ROOT) + ")",
                    e.upperStatus() == MinosError.Status.VALID ? String.format("%+.6g", e.upper())
                            : "(upper: " + e.upperStatus().name().toLowerCase(Locale.ROOT) + ")");
        }
        o.printf("Goodness of fit (saturated): t = %.4f, dof = %d, p = %.4g%s%n", gof.statistic(), gof.dof(),
                gof.pAsymptotic(), gof.toys() > 0 ? String.format(", p(toys, %d) = %.4g", gof.toys(), gof.pToys()) : "");
        long large = pulls.stream().filter(x -> Math.abs(x.pull()) > 1).count();
        o.printf("Pulls: %d constrained parameters, %d pulled by more than 1 sigma%n", pulls.size(), large);
        if (!impacts.isEmpty()) {
            o.printf("Top impacts on %s (post-fit +1/-1 sigma):%n", p.names().get(p.poiIndex()));
            for (Impact i : impacts.subList(0, Math.min(top, impacts.size()))) {
                o.printf("  %-40s %+.4g / %+.4g%n", i.name(), i.postfitUp(), i.postfitDown());
            }
        }
        if (out != null) {
            o.printf("Wrote %s%n", out);
        }
        o.flush();
    }
}
