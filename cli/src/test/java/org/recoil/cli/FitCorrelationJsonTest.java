package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.recoil.core.testing.SharedReference;

/** {@code fit --json} carries the correlation matrix of the free parameters (DESIGN.md contract). */
class FitCorrelationJsonTest {

    @Test
    void correlationOfFreeParametersIsSymmetricWithUnitDiagonal() throws IOException {
        String ws = SharedReference.resolve("pyhf/twochannel_staterror_lumi.json").toString();
        FitCommandTest.Run r = FitCommandTest.run("fit", ws, "--fix", "lumi=1", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.has("status") && doc.has("twice_nll") && doc.has("parameters"), "existing keys kept");
        JsonNode c = doc.get("correlation");
        JsonNode names = c.get("parameters");
        JsonNode m = c.get("matrix");
        assertEquals(doc.get("parameters").size() - 1, names.size(), "the fixed lumi is left out");
        for (JsonNode n : names) {
            assertFalse(n.asText().equals("lumi"));
        }
        assertEquals(names.size(), m.size());
        int mu = -1;
        int bkg = -1;
        for (int a = 0; a < names.size(); a++) {
            mu = names.get(a).asText().equals("mu") ? a : mu;
            bkg = names.get(a).asText().equals("bkg_norm") ? a : bkg;
            assertEquals(1.0, m.get(a).get(a).asDouble(), 1e-12);
            for (int b = 0; b < names.size(); b++) {
                assertEquals(m.get(a).get(b).asDouble(), m.get(b).get(a).asDouble(), 1e-12);
                assertTrue(Math.abs(m.get(a).get(b).asDouble()) <= 1 + 1e-12);
            }
        }
        // the signal strength and the background normalisation are anti-correlated
        assertTrue(m.get(mu).get(bkg).asDouble() < -0.1, m.toString());
    }
}
