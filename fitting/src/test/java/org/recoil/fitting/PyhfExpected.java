package org.recoil.fitting;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recoil.core.testing.SharedReference;

/** The "fit" blocks of reference/pyhf/expected.json (tests only). */
public final class PyhfExpected {
    private PyhfExpected() {
    }

    /** The pyhf free-fit result of one case: −2 ln L and best-fit values in pyhf's parameter order. */
    public record Fit(double twiceNll, Map<String, Double> parameters) {
    }

    /** @return the expected free fit of case {@code name} (e.g. "twobin_normsys_histosys") */
    public static Fit fit(String name) {
        JsonNode fit = SharedReference.json("pyhf/expected.json").path("cases").path(name).path("fit");
        if (fit.isMissingNode()) {
            throw new IllegalArgumentException("no case " + name);
        }
        Map<String, Double> p = new LinkedHashMap<>();
        fit.get("parameters").fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().doubleValue()));
        return new Fit(fit.get("twice_nll").doubleValue(), p);
    }
}
