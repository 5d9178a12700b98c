package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recoil limit --method bayesian}: zero counts, the declared prior range, chain options and diagnostics. */
class BayesianLimitCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static String oneBin(double s, double b, double n, String bkgModifiers, String poiBounds) {
        return "{\"channels\":[{\"name\":\"sr\",\"samples\":["
                + "{\"name\":\"signal\",\"data\":[" + s + "],\"modifiers\":[{\"name\":\"mu\",\"type\":\"normfactor\","
                + "\"data\":null}]},"
                + "{\"name\":\"bkg\",\"data\":[" + b + "],\"modifiers\":" + bkgModifiers + "}]}],"
                + "\"observations\":[{\"name\":\"sr\",\"data\":[" + n + "]}],"
                + "\"measurements\":[{\"name\":\"m\",\"config\":{\"poi\":\"mu\",\"parameters\":[{\"name\":\"mu\","
                + "\"bounds\":[" + poiBounds + "]}]}}],\"version\":\"1.0.0\"}";
    }

    private static final String NORMSYS = "[{\"name\":\"bkg_norm\",\"type\":\"normsys\",\"data\":{\"hi\":1.1,\"lo\":0.9}}]";

    @Test
    void zeroCountsPrintTheClosedFormWithLabelledErrors(@TempDir Path tmp) throws IOException {
        Path w = tmp.resolve("n0.json");
        Files.writeString(w, oneBin(2, 5, 0, NORMSYS, "[0, 10]"));
        FitCommandTest.Run r = FitCommandTest.run("limit", w.toString(), "--method", "bayesian", "--toys", "20");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("90% credible upper limit on mu (Bayesian, prior flat on [0, 10] (the declared"
                + " bounds of mu)): "), r.out());
        assertTrue(r.out().contains("  observed          1.15129 +- "), r.out());
        assertTrue(r.out().contains(" (numerical error)"), r.out());
        assertTrue(r.out().contains(" (Monte Carlo error)"), r.out());
        assertTrue(r.out().contains("expected from 20 background-only pseudo-experiments"), r.out());
    }

    @Test
    void declaredBoundsAreThePriorRangeInTheJson(@TempDir Path tmp) throws IOException {
        Path w = tmp.resolve("bounded.json");
        Files.writeString(w, oneBin(1, 6.3, 10, "[]", "[0, 5]"));
        FitCommandTest.Run r = FitCommandTest.run("limit", w.toString(), "--method", "bayesian", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        assertEquals(4.5616, doc.get("observed").asDouble(), 1e-4);
        assertEquals("flat on [0, 5] (the declared bounds of mu)", doc.get("prior").asText());
        assertEquals(0.0, doc.get("prior_range").get(0).asDouble());
        assertEquals(5.0, doc.get("prior_range").get(1).asDouble());
        assertTrue(doc.get("mass_above_prior").asDouble() > 0.3);
        assertTrue(doc.get("expected_exact").asBoolean());
        assertEquals(0, doc.get("toys").asInt());
        assertEquals(1, doc.get("warnings").size());
        assertTrue(doc.get("warnings").get(0).asText().contains("truncates the posterior"));
        assertTrue(r.err().contains("recoil: warning: the prior of mu, flat on [0, 5]"), r.err());
    }

    @Test
    void chainOptionsAndDiagnosticsInTheJson() throws IOException {
        FitCommandTest.Run r = FitCommandTest.run("limit", HypotestCommandTest.ws("twochannel_staterror_lumi"),
                "--method", "bayesian", "--marginalisation", "mcmc", "--chains", "3", "--chain-length", "400",
                "--max-chain-length", "800", "--toys", "4", "--seed", "7", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        assertEquals("bayesian", doc.get("method").asText());
        assertEquals("mcmc", doc.get("marginalisation").asText());
        assertEquals("monte_carlo", doc.get("observed_uncertainty_kind").asText());
        assertTrue(doc.get("observed_uncertainty").asDouble() > 0);
        JsonNode m = doc.get("mcmc");
        assertEquals(3, m.get("chains").asInt());
        assertEquals(400, m.get("initial_chain_length").asInt());
        assertEquals(800, m.get("max_chain_length").asInt());
        int length = m.get("chain_length").asInt();
        assertTrue(length == 400 || length == 800, "chain length " + length);
        double rHat = m.get("r_hat").asDouble();
        assertEquals(rHat < 1.01, m.get("converged").asBoolean());
        assertEquals(1.01, m.get("target_r_hat").asDouble());
        assertTrue(m.get("effective_sample_size").asDouble() > 0);
        assertTrue(m.get("acceptance_rate").asDouble() > 0.3);
        assertEquals(5, doc.get("expected_uncertainty").size());
        assertFalse(doc.get("expected_exact").asBoolean());
        assertEquals(4, doc.get("toys").asInt());
        assertTrue(doc.get("warnings").isArray());
        // the same seed gives the same bytes
        FitCommandTest.Run again = FitCommandTest.run("limit", HypotestCommandTest.ws("twochannel_staterror_lumi"),
                "--method", "bayesian", "--marginalisation", "mcmc", "--chains", "3", "--chain-length", "400",
                "--max-chain-length", "800", "--toys", "4", "--seed", "7", "--json", "--threads", "1");
        assertEquals(r.out(), again.out());
    }

    @Test
    void badChainOptionsAreUsageErrors() {
        String w = HypotestCommandTest.ws("counting_shapesys");
        FitCommandTest.assertBadInput(FitCommandTest.run("limit", w, "--method", "bayesian", "--chains", "1"),
                "recoil: error: --chains must be at least 2 (for the Gelman-Rubin R-hat), got 1");
        FitCommandTest.assertBadInput(FitCommandTest.run("limit", w, "--method", "bayesian", "--chain-length", "500",
                "--max-chain-length", "400"),
                "recoil: error: --max-chain-length (400) must be at least --chain-length (500)");
    }
}
