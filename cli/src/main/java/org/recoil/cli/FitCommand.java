package org.recoil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.ConstraintType;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.InterpolationCode;
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

    @Option(names = "--fix", paramLabel = "NAME=VALUE", description = "hold a parameter at a value (repeatable)")
    List<String> fix = new ArrayList<>();

    @Option(names = "--no-poi", description = "fit without a parameter of interest (background-only workspaces)")
    boolean noPoi;

    @Option(names = "--normsys-code", paramLabel = "CODE", description = "normsys interpolation: 0, 1, 2, 4 (default), 4p")
    String normsysCode;

    @Option(names = "--histosys-code", paramLabel = "CODE", description = "histosys interpolation: 0, 1, 2, 4, 4p (default)")
    String histosysCode;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() {
        ModelOptions options = ModelOptions.defaults();
        if (noPoi) {
            options = options.withoutPoi();
        }
        if (normsysCode != null) {
            options = options.withNormsysCode(InterpolationCode.parse(normsysCode));
        }
        if (histosysCode != null) {
            options = options.withHistosysCode(InterpolationCode.parse(histosysCode));
        }
        HistFactoryModel model = input.model(options);
        org.recoil.fitting.model.Parameters p = model.parameters();
        double[] init = p.inits();
        boolean[] fixed = p.fixed();
        for (String f : fix) {
            int eq = f.indexOf('=');
            if (eq <= 0 || eq == f.length() - 1) {
                throw new InvalidInputException("--fix expects NAME=VALUE, got '" + f + "'");
            }
            String name = f.substring(0, eq).trim();
            double value;
            try {
                value = Double.parseDouble(f.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--fix " + f + ": '" + f.substring(eq + 1) + "' is not a number");
            }
            if (!Double.isFinite(value)) {
                throw new InvalidInputException("--fix " + f + ": the value must be finite");
            }
            int i = p.indexOf(name);
            init[i] = value;
            fixed[i] = true;
        }
        FitResult r = Minimizer.standard().minimize(model, model.observed(), init, fixed);
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
