package org.recoil.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.limits.calc.AsymptoticDiscoveryCalculator;
import org.recoil.limits.calc.DiscoveryResult;
import org.recoil.limits.calc.ToyDiscoveryCalculator;
import org.recoil.limits.calc.ToyOptions;
import org.recoil.limits.calc.ToySet;
import org.recoil.limits.calc.ToySetFiles;
import org.recoil.limits.teststat.PointEstimateMinimizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recoil significance WS.json}: the discovery test of the background-only hypothesis with
 * q<sub>0</sub> (Cowan et al., arXiv:1007.1727, Eq. (12)): local p<sub>0</sub>, Z, the expected
 * p<sub>0</sub> band for μ = 1 and the Asimov median significance, asymptotic (as pyhf 0.7's
 * {@code hypotest(0, ..., test_stat="q0")}) or with toys that can be split across jobs
 * ({@code --first-toy}, {@code --save-toys}) and merged ({@code --load-toys}). JSON (DESIGN.md):
 * {@code {"p0","z","p0_expected":[5, pyhf's order],"z_expected_asimov","calc"}} plus
 * {@code test_statistic}, {@code q0} and, for toys, {@code p0_error} and the toy counts.
 */
@Command(name = "significance", mixinStandardHelpOptions = true,
        description = "Discovery significance: p0 and Z of the background-only hypothesis (q0; asymptotic or toys).")
public final class SignificanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceInput input;

    @Option(names = "--calc", paramLabel = "CALC", defaultValue = "asymptotic",
            description = "asymptotic (default) or toys")
    String calc;

    @Mixin
    ToyCountOptions toyCount;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all processors)")
    Integer threads;

    @Mixin
    ToySplitOptions split;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() {
        if (input.expectedOnly()) {
            throw new InvalidInputException("significance always reports the expected significance (Asimov, mu = 1)"
                    + " beside the observed one; --expected-only does not apply");
        }
        HistFactoryModel model = input.inferenceModel(ModelOptions.defaults());
        DiscoveryResult r = discover(spec, model, calc, toyCount, threads, split);
        print(spec, r, input.name(), null, json);
        return RecoilCli.EXIT_OK;
    }

    /**
     * Runs the discovery test as {@code significance} and {@code hypotest --test-stat q0} do.
     *
     * @param spec the command (stderr for progress, whether {@code --seed} was given)
     * @param model the model
     * @param calc {@code asymptotic} or {@code toys}
     * @param toyCount toys and seed
     * @param threads worker threads, or null for all processors
     * @param split the first toy, and the toy files to write or to merge instead of generating toys
     * @return the result
     * @throws InvalidInputException for bad options
     */
    static DiscoveryResult discover(CommandSpec spec, HistFactoryModel model, String calc, ToyCountOptions toyCount,
                                    Integer threads, ToySplitOptions split) {
        switch (calc) {
            case "asymptotic" -> {
                if (split.usesToyFiles()) {
                    throw new InvalidInputException("--save-toys and --load-toys need --calc toys");
                }
                return new AsymptoticDiscoveryCalculator(model, new PointEstimateMinimizer()).discovery();
            }
            case "toys" -> {
                int firstToy = split.firstToy();
                int toys = toyCount.toys();
                long seed = toyCount.seed();
                try (ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "discovery toys")) {
                    ToyOptions o = ToyOptions.of(toys, seed).withProgress(bar);
                    if (threads != null) {
                        o = o.withThreads(threads);
                    }
                    ToyDiscoveryCalculator tc = new ToyDiscoveryCalculator(model, new PointEstimateMinimizer(), o);
                    ToySet set;
                    if (!split.loadToys.isEmpty()) {
                        set = ToySetFiles.readMerged(split.loadToys).stream()
                                .filter(s -> s.testStatistic().equals("q0")).findFirst().orElseThrow(() ->
                                        new InvalidInputException("the toy files " + split.loadToys + " hold no q0 toys"));
                        if (set.seed() != seed && spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
                            throw new InvalidInputException("the toy files were made with seed " + set.seed()
                                    + ", not " + seed);
                        }
                    } else {
                        set = tc.generate(firstToy, toys);
                    }
                    if (split.saveToys != null) {
                        ToySetFiles.write(split.saveToys, List.of(set));
                    }
                    return tc.evaluate(set);
                }
            }
            default -> throw new InvalidInputException("--calc must be asymptotic or toys, got '" + calc + "'");
        }
    }

    /**
     * Prints the warnings (stderr) and the result (stdout).
     *
     * @param spec the command
     * @param r the result
     * @param source the workspace's name
     * @param mu the tested POI value to put first in the JSON ({@code hypotest}), or null
     * @param json one JSON document instead of the text summary
     */
    static void print(CommandSpec spec, DiscoveryResult r, String source, Double mu, boolean json) {
        PrintWriter err = spec.commandLine().getErr();
        for (String w : r.warnings()) {
            err.println("recoil: warning: " + w);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            if (mu != null) {
                doc.put("mu", mu);
            }
            doc.putAll(of(r));
            Json.print(out, doc);
            return;
        }
        out.printf(Locale.ROOT, "Discovery test of mu = 0 (%s, q0): %s%n", r.calculator(), source);
        out.printf(Locale.ROOT, "  p0 = %.6g%s   Z = %.3f sigma   (q0 = %.4f, mu_hat = %.4g)%n", r.p0(),
                r.toys().map(t -> String.format(Locale.ROOT, " +- %.2g", t.p0Error())).orElse(""), r.z(), r.q0(),
                r.muHat());
        double[] e = r.p0Expected().toArray();
        out.printf(Locale.ROOT, "  expected for mu = 1: median p0 = %.4g (Asimov Z = %.3f sigma);"
                + " band %.3g (+2 sigma), %.3g (+1 sigma), %.3g (-1 sigma), %.3g (-2 sigma)%n",
                e[2], r.zExpectedAsimov(), e[0], e[1], e[3], e[4]);
        r.toys().ifPresent(t -> out.printf(Locale.ROOT, "  toys: %d background-only, %d signal, %d failed%n",
                t.backgroundToys(), t.signalToys(), t.backgroundFailed() + t.signalFailed()));
        out.flush();
    }

    /**
     * @param r a discovery result
     * @return the JSON document as an insertion-ordered map (a non-finite Z as null)
     */
    static Map<String, Object> of(DiscoveryResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("p0", r.p0());
        doc.put("z", Double.isFinite(r.z()) ? r.z() : null);
        doc.put("p0_expected", r.p0Expected().toArray());
        doc.put("z_expected_asimov", r.zExpectedAsimov());
        doc.put("calc", r.calculator());
        doc.put("test_statistic", "q0");
        doc.put("q0", r.q0());
        r.toys().ifPresent(t -> {
            doc.put("p0_error", t.p0Error());
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("background", t.backgroundToys());
            n.put("signal", t.signalToys());
            n.put("failed", t.backgroundFailed() + t.signalFailed());
            doc.put("toys", n);
        });
        return doc;
    }
}
