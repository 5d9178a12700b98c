package org.recoil.limits.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;

/**
 * Errors and correlations of Recoil's fits against the inverse Hessian of pyhf 0.7's −2 ln L at pyhf's best fit,
 * by central finite differences of {@code model.logpdf} (test resource; not iminuit's HESSE): errors within 1e-3
 * relative, correlations within 1e-3 absolute, on the reference workspaces and an ATLAS sbottom point.
 */
class CorrelationMatrixTest {

    static List<String> workspaces() {
        return PyhfDiagnosticsReference.workspaces();
    }

    @ParameterizedTest
    @MethodSource("workspaces")
    void errorsAndCorrelationsMatchPyhfFiniteDifferenceHessian(String key) {
        JsonNode ref = PyhfDiagnosticsReference.entry(key);
        HistFactoryModel m = PyhfDiagnosticsReference.model(key);
        FitResult r = Minimizer.standard().fit(m, m.observed());
        assertTrue(r.converged(), r.message());
        assertEquals(ref.get("twice_nll").asDouble(), r.twiceNll(), 1e-6 * ref.get("twice_nll").asDouble());
        CorrelationMatrix c = CorrelationMatrix.of(r, m.parameters());
        JsonNode free = ref.get("free");
        assertEquals(free.size(), c.size(), "free parameters " + c.parameters());
        for (int a = 0; a < free.size(); a++) {
            String name = free.get(a).asText();
            assertEquals(name, c.parameters().get(a));
            int i = m.parameters().indexOf(name);
            double e = ref.get("errors").get(a).asDouble();
            assertEquals(e, r.error(i), 1e-3 * e, key + " error of " + name);
            for (int b = 0; b < free.size(); b++) {
                assertEquals(ref.get("correlation").get(a).get(b).asDouble(), c.get(a, b), 1e-3,
                        key + " correlation " + name + " / " + free.get(b).asText());
            }
        }
    }

    @Test
    void prunedKeepsOnlyStronglyCorrelatedParameters() {
        CorrelationMatrix c = new CorrelationMatrix(List.of("a", "b", "c"),
                new double[][] {{1, 0.5, 0.01}, {0.5, 1, -0.02}, {0.01, -0.02, 1}});
        CorrelationMatrix p = c.pruned(0.1);
        assertEquals(List.of("a", "b"), p.parameters());
        assertEquals(0.5, p.get("a", "b"));
        assertEquals(-0.02, c.get("b", "c"));
    }
}
