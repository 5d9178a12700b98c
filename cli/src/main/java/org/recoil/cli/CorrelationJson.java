package org.recoil.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoil.limits.diagnostics.CorrelationMatrix;

/** The {@code "correlation"} field of {@code fit --json} and {@code diagnostics --json} (DESIGN.md contract). */
final class CorrelationJson {
    private CorrelationJson() {
    }

    /**
     * @param c the correlation matrix of a fit
     * @return {@code {"parameters":[names],"matrix":[[..]]}}, undefined (NaN) entries as null
     */
    static Map<String, Object> of(CorrelationMatrix c) {
        List<List<Object>> rows = new ArrayList<>();
        for (double[] row : c.matrix()) {
            List<Object> r = new ArrayList<>(row.length);
            for (double v : row) {
                r.add(Double.isFinite(v) ? v : null);
            }
            rows.add(r);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameters", c.parameters());
        m.put("matrix", rows);
        return m;
    }
}
