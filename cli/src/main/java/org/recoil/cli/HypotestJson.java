package org.recoil.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recoil.limits.calc.HypoTestResult;

/**
 * The {@code --json} document of a hypothesis test (DESIGN.md contract:
 * {@code {"mu","cls","clsb","clb","cls_expected":[5 ascending]}}, plus {@code calc},
 * {@code test_statistic} and, for toys, {@code cls_error} and the toy counts). Shared by
 * {@code recoil hypotest} and the Spark module's {@code spark-toys}, so both print the same document.
 */
public final class HypotestJson {

    private HypotestJson() {
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
