package org.recoil.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.recoil.limits.calc.HypoTestResult;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code recoil hypotest} and the Spark module's {@code spark-toys} print for a hypothesis
 * test: warnings on stderr, then the {@code --json} document (DESIGN.md contract:
 * {@code {"mu","cls","clsb","clb","cls_expected":[5 ascending]}}, plus {@code calc},
 * {@code test_statistic} and, for toys, {@code cls_error} and the toy counts) or the text summary.
 * Shared so that both commands print the same.
 */
public final class HypotestOutput {

    private HypotestOutput() {
    }

    /**
     * Prints the warnings (stderr) and the result (stdout).
     *
     * @param spec the command's spec (its stdout and stderr)
     * @param r the result
     * @param source the workspace's name
     * @param where how the test ran, in the text summary's first line, e.g. {@code "toys on Spark"}
     * @param json one JSON document instead of the text summary
     */
    public static void print(CommandSpec spec, HypoTestResult r, String source, String where, boolean json) {
        print(spec, r, source, where, json, 0.90);
    }

    /**
     * Prints the warnings (stderr) and the result (stdout), the text summary saying whether μ is excluded at
     * the confidence level {@code cl} (CLs &lt; 1 − cl).
     *
     * @param spec the command's spec (its stdout and stderr)
     * @param r the result
     * @param source the workspace's name
     * @param where how the test ran, in the text summary's first line
     * @param json one JSON document instead of the text summary
     * @param cl the confidence level of the exclusion statement, in (0, 1)
     */
    public static void print(CommandSpec spec, HypoTestResult r, String source, String where, boolean json, double cl) {
        PrintWriter err = spec.commandLine().getErr();
        for (String w : r.warnings()) {
            err.println("recoil: warning: " + w);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, of(r));
            return;
        }
        out.printf(Locale.ROOT, "CLs hypothesis test of mu = %s (%s, %s): %s%n", fmt(r.mu()), where,
                r.testStatistic(), source);
        out.printf(Locale.ROOT, "  CLs   = %.6f%s%n", r.cls(),
                r.toys().map(t -> String.format(Locale.ROOT, " +- %.6f", t.clsError())).orElse(""));
        out.printf(Locale.ROOT, "  CLs+b = %.6f%n", r.clsb());
        out.printf(Locale.ROOT, "  CLb   = %.6f%n", r.clb());
        double[] e = r.clsExpected().toArray();
        out.printf(Locale.ROOT, "  expected CLs: -2 sigma %.6f, -1 sigma %.6f, median %.6f, +1 sigma %.6f, +2 sigma %.6f%n",
                e[0], e[1], e[2], e[3], e[4]);
        r.toys().ifPresent(t -> out.printf(Locale.ROOT, "  toys: %d signal+background, %d background-only, %d failed%n",
                t.signalToys(), t.backgroundToys(), t.signalFailed() + t.backgroundFailed()));
        String pct = percent(cl);
        out.printf(Locale.ROOT, "  %s%n", r.cls() < 1 - cl
                ? "excluded at " + pct + " CL (CLs < " + alpha(cl) + ")" : "not excluded at " + pct + " CL");
        out.flush();
    }

    /** 1 − cl as written, at least two decimals: 0.90 -> 0.10, 0.954 -> 0.046. */
    private static String alpha(double cl) {
        BigDecimal a = BigDecimal.ONE.subtract(BigDecimal.valueOf(cl));
        return a.scale() < 2 ? a.setScale(2).toPlainString() : a.stripTrailingZeros().toPlainString();
    }

    private static String percent(double cl) {
        double pct = 100 * cl;
        return (pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct)) + "%";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /**
     * @param r a hypothesis-test result
     * @return the JSON document as an insertion-ordered map
     */
    public static Map<String, Object> of(HypoTestResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("mu", r.mu());
        doc.put("cls", r.cls());
        doc.put("clsb", r.clsb());
        doc.put("clb", r.clb());
        doc.put("cls_expected", r.clsExpected().toArray());
        doc.put("calc", r.calculator());
        doc.put("test_statistic", r.testStatistic());
        r.toys().ifPresent(t -> {
            doc.put("cls_error", t.clsError());
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("signal", t.signalToys());
            n.put("background", t.backgroundToys());
            n.put("failed", t.signalFailed() + t.backgroundFailed());
            doc.put("toys", n);
        });
        return doc;
    }
}
