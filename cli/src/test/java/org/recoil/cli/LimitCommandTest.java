package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recoil.core.testing.SharedReference;

class LimitCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One bin: signal 3 per unit mu, background 1, one event observed. */
    static final String LOW_COUNT_WORKSPACE = "{\"version\":\"1.0.0\",\"channels\":[{\"name\":\"sr\",\"samples\":["
            + "{\"name\":\"signal\",\"data\":[3.0],\"modifiers\":[{\"name\":\"mu\",\"type\":\"normfactor\",\"data\":null}]},"
            + "{\"name\":\"bkg\",\"data\":[1.0],\"modifiers\":[]}]}],\"observations\":[{\"name\":\"sr\",\"data\":[1.0]}],"
            + "\"measurements\":[{\"name\":\"m\",\"config\":{\"poi\":\"mu\",\"parameters\":[{\"name\":\"mu\","
            + "\"bounds\":[[0.0,10.0]],\"inits\":[1.0]}]}}]}";

    /** DESIGN.md contract; pyhf 0.7 asymptotic limits within 1e-3 relative. */
    @ParameterizedTest
    @CsvSource({"counting_shapesys,0.90,upper_limit_90", "recoil_20bin_shape,0.90,upper_limit_90",
        "twochannel_staterror_lumi,0.95,upper_limit_95"})
    void asymptoticJsonMatchesPyhf(String name, String cl, String key) throws IOException {
        String[] args = cl.equals("0.90") ? new String[] {"limit", HypotestCommandTest.ws(name), "--json"}
                : new String[] {"limit", HypotestCommandTest.ws(name), "--cl", cl, "--json"};
        FitCommandTest.Run r = FitCommandTest.run(args);
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        JsonNode ref = SharedReference.json("pyhf/expected.json").get("cases").get(name).get(key);
        assertEquals(Double.parseDouble(cl), doc.get("cl").asDouble());
        assertEquals("asymptotic", doc.get("method").asText());
        double obs = ref.get("observed").asDouble();
        assertEquals(obs, doc.get("observed").asDouble(), 1e-3 * obs);
        assertEquals(5, doc.get("expected").size());
        for (int k = 0; k < 5; k++) {
            double e = ref.get("expected").get(k).asDouble();
            assertEquals(e, doc.get("expected").get(k).asDouble(), 1e-3 * e);
        }
        assertTrue(doc.get("scan").size() > 5);
        assertEquals(r.out().trim(), doc.toPrettyString().trim(), "one JSON document and nothing else");
        assertEquals("", r.err().replaceAll("(?s)\r[^\n]*", "").trim(), "nothing on stderr but a progress line");
    }

    @Test
    void defaultClIs90PercentAndReadableOutput() {
        FitCommandTest.Run r = FitCommandTest.run("limit", HypotestCommandTest.ws("counting_shapesys"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("90% CL upper limit on mu (CLs, asymptotic, qtilde)"), r.out());
        assertTrue(r.out().contains("observed          2.51829"), r.out());
        assertTrue(r.out().contains("expected median   1.89006"), r.out());
    }

    @Test
    void bayesianWithExpectedBand() throws IOException {
        FitCommandTest.Run r = FitCommandTest.run("limit", HypotestCommandTest.ws("counting_shapesys"), "--method",
                "bayesian", "--toys", "40", "--seed", "2", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        assertEquals("bayesian", doc.get("method").asText());
        assertEquals("integration", doc.get("marginalisation").asText());
        double obs = doc.get("observed").asDouble();
        // one bin, 47 observed over 40 expected background: close to the asymptotic CLs limit 2.518
        assertEquals(2.52, obs, 0.05);
        assertTrue(doc.get("observed_uncertainty").asDouble() < 1e-6 * obs);
        for (int k = 1; k < 5; k++) {
            assertTrue(doc.get("expected").get(k).asDouble() >= doc.get("expected").get(k - 1).asDouble());
        }
        assertEquals(40, doc.get("toys").asInt());
    }

    /**
     * Toys at low counts: the toy limit differs from the asymptotic one (which warns), and the toy run
     * itself does not warn.
     */
    @Test
    void toysAtLowCounts(@TempDir Path tmp) throws IOException {
        Path w = tmp.resolve("low.json");
        Files.writeString(w, LOW_COUNT_WORKSPACE);
        FitCommandTest.Run asym = FitCommandTest.run("limit", w.toString(), "--json");
        assertEquals(0, asym.exit(), asym.err());
        assertTrue(asym.err().contains("recoil: warning: few expected events"), asym.err());
        FitCommandTest.Run toys = FitCommandTest.run("limit", w.toString(), "--method", "toys", "--toys", "1000",
                "--seed", "1", "--json");
        assertEquals(0, toys.exit(), toys.err());
        assertEquals("", toys.err().replaceAll("(?s)\r[^\n]*", "").trim(), "no warning with toys");
        double a = MAPPER.readTree(asym.out()).get("observed").asDouble();
        double t = MAPPER.readTree(toys.out()).get("observed").asDouble();
        assertEquals("toys", MAPPER.readTree(toys.out()).get("method").asText());
        // asymptotic 0.88 vs toys about 1.09 (Poisson discreteness with b = 1, n = 1)
        assertTrue(t > 1.15 * a, "toys " + t + " vs asymptotic " + a);
    }

    @Test
    void noCrossingExitsThree(@TempDir Path tmp) throws IOException {
        Path w = tmp.resolve("nosig.json");
        Files.writeString(w, LOW_COUNT_WORKSPACE.replace("\"data\":[3.0]", "\"data\":[0.0]"));
        FitCommandTest.Run r = FitCommandTest.run("limit", w.toString(), "--json");
        assertEquals(3, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("recoil: could not compute: no CLs = 0.1 crossing up to mu = "), r.err());
        assertTrue(r.err().contains("the data do not constrain mu"), r.err());
    }

    @Test
    void badInputExitsTwo() {
        String w = HypotestCommandTest.ws("counting_shapesys");
        FitCommandTest.assertBadInput(FitCommandTest.run("limit", w, "--cl", "90"),
                "recoil: error: --cl must lie in (0, 1), got 90.0");
        FitCommandTest.assertBadInput(FitCommandTest.run("limit", w, "--method", "frequentist"),
                "recoil: error: --method must be asymptotic, toys or bayesian, got 'frequentist'");
    }
}
