package org.recoil.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.ConstraintType;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.limits.diagnostics.CorrelationMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code recoil fit WS.json [--patch P.json]... [--patchset S.json --point NAME]}: free maximum-likelihood fit of
 * a (patched) pyhf JSON workspace (DESIGN.md CLI contract). A fit that does not converge exits with code 3 and prints nothing on stdout.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Maximum-likelihood fit of a pyhf JSON workspace (HistFactory, pyhf 0.7 conventions).")
public final class FitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceInput input;

    @Option(names = "--no-poi", description = "fit without a parameter of interest (background-only workspaces)")
    boolean noPoi;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() {
        ModelOptions options = noPoi ? ModelOptions.defaults().withoutPoi() : ModelOptions.defaults();
        HistFactoryModel model = input.model(options);
        org.recoil.fitting.model.Parameters p = model.parameters();
        double[] init = p.inits();
        boolean[] fixed = p.fixed();
        FitResult r;
        try (ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "fit")) {
            r = Minimizer.standard().withListener(bar).minimize(model, input.data(model), init, fixed);
        }
        if (!r.converged()) {
            throw new FitFailedException(input.name() + ": the fit did not converge (" + r.status() + "): " + r.message(), r);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (r.undetermined().length > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: " + input.name() + ": the Hessian at the minimum is singular; not determined by the"
                    + " data and constraints (errors undefined): " + java.util.Arrays.stream(r.undetermined())
                    .mapToObj(p.names()::get).collect(java.util.stream.Collectors.joining(", ")));
            err.flush();
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("status", r.status().id());
            doc.put("twice_nll", r.twiceNll());
            Map<String, Object> pars = new LinkedHashMap<>();
            for (int i = 0; i < p.size(); i++) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("value", r.value(i));
                e.put("error", finiteOrNull(r.error(i)));
                if (fixed[i]) {
                    e.put("fixed", true);
                }
                pars.put(p.names().get(i), e);
            }
            doc.put("parameters", pars);
            doc.put("poi", p.poiIndex() < 0 ? null : p.names().get(p.poiIndex()));
            doc.put("correlation", CorrelationJson.of(CorrelationMatrix.of(r, p)));
            Json.print(out, doc);
        } else {
            printTable(out, model, r, fixed);
        }
        return RecoilCli.EXIT_OK;
    }

    private static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private void printTable(PrintWriter out, HistFactoryModel model, FitResult r, boolean[] fixed) {
        org.recoil.fitting.model.Parameters p = model.parameters();
        out.printf("Fit of %s (measurement %s): %s, -2 ln L = %.6f%n", input.name(), model.measurementName(),
                r.status().id().replace('_', ' '), r.twiceNll());
        int width = Math.max(9, p.names().stream().mapToInt(String::length).max().orElse(9) + 6);
        out.printf("%-" + width + "s  %14s  %12s  %8s%n", "parameter", "value", "error", "pull");
        for (int i = 0; i < p.size(); i++) {
            String name = p.names().get(i) + (i == p.poiIndex() ? " (POI)" : "");
            String err = fixed[i] ? "fixed" : String.format("%.6g", r.error(i));
            String pull = "";
            if (model.constraintType(i) != ConstraintType.NONE && !fixed[i]) {
                pull = String.format("%+.3f", (r.value(i) - model.constraintCentre(i)) / model.constraintWidth(i));
            }
            out.printf("%-" + width + "s  %14.6g  %12s  %8s%n", name, r.value(i), err, pull);
        }
        out.flush();
    }
}
