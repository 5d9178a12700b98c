package org.recoil.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.recoil.limits.scan.GlobalSignificanceResult;

/**
 * The report of a scan's global significance ({@code recoil scan --global-significance}):
 * {@code global_significance.json} and the paragraph appended to {@code summary.txt}. Pure functions.
 */
public final class GlobalSignificanceReport {

    /** File name of the JSON report. */
    public static final String FILE = "global_significance.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GlobalSignificanceReport() {
    }

    /**
     * @param g the result
     * @return the content of {@value #FILE} (non-finite values as null)
     */
    public static String json(GlobalSignificanceResult g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mass", g.mass());
        m.put("z_local", g.zLocal());
        m.put("p0_local", g.pLocal());
        Map<String, Object> toys = new LinkedHashMap<>();
        toys.put("pseudo_experiments", g.toys());
        toys.put("p_global", g.pGlobal());
        toys.put("p_global_error", g.pGlobalError());
        toys.put("z_global", finite(g.zGlobal()));
        toys.put("trials_factor", g.pGlobal() > 0 ? g.trialsFactor() : null);
        toys.put("failed_fits", g.failedFits());
        m.put("toys", toys);
        Map<String, Object> gv = new LinkedHashMap<>();
        gv.put("reference_z", Math.sqrt(g.referenceLevel()));
        gv.put("mean_upcrossings", g.meanUpcrossings());
        gv.put("p_global", g.pGlobalGrossVitells());
        gv.put("z_global", finite(g.zGlobalGrossVitells()));
        gv.put("trials_factor", g.trialsFactorGrossVitells());
        m.put("gross_vitells", gv);
        m.put("warnings", g.warnings());
        try {
            return JSON.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + FILE, e);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * @param g the result
     * @return the lines appended to {@code summary.txt}
     */
    public static String summary(GlobalSignificanceResult g) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nglobal significance of the largest local excess (M = %.4g GeV, Z_local ="
                + " %.2f, p0_local = %.3g):%n", g.mass(), g.zLocal(), g.pLocal()));
        if (g.pGlobal() > 0) {
            b.append(String.format(Locale.ROOT, "  %d background-only pseudo-experiments of the whole scan: p_global ="
                    + " %.4f +- %.4f (Z_global = %.2f), trials factor %.1f%n", g.toys(), g.pGlobal(), g.pGlobalError(),
                    g.zGlobal(), g.trialsFactor()));
        } else {
            double bound = 1.0 / g.toys();
            b.append(String.format(Locale.ROOT, "  %d background-only pseudo-experiments of the whole scan: none reaches"
                    + " it, p_global < %.2g (Z_global > %.2f)%n", g.toys(), bound,
                    NormalDistribution.of(0, 1).inverseSurvivalProbability(bound)));
        }
        b.append(String.format(Locale.ROOT, "  Gross-Vitells (<N> = %.2f upcrossings of Z0 = %.1f): p_global = %.3g"
                + " (Z_global = %.2f), trials factor %.1f%n", g.meanUpcrossings(), Math.sqrt(g.referenceLevel()),
                g.pGlobalGrossVitells(), g.zGlobalGrossVitells(), g.trialsFactorGrossVitells()));
        for (String w : g.warnings()) {
            b.append("  warning: ").append(w).append('\n');
        }
        return b.toString();
    }
}
