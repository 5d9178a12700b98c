package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recoil.core.testing.SharedReference;

/**
 * {@code recoil significance} (DESIGN.md contract) and {@code hypotest --test-stat q0 --mu 0}: the same
 * p0 and expected set as pyhf 0.7.6's {@code hypotest(0, ..., test_stat="q0", return_expected_set=True)}
 * (limits' test resource pyhf-q0.json).
 */
class SignificanceCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode pyhf(String name) throws IOException {
        Path f = SharedReference.projectRoot().resolve("limits/src/test/resources/org/recoil/limits/calc/pyhf-q0.json");
        return MAPPER.readTree(f.toFile()).get("cases").get(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"counting_shapesys", "twobin_normsys_histosys", "twochannel_staterror_lumi",
        "recoil_20bin_shape"})
    void significanceAndHypotestQ0MatchPyhf(String name) throws IOException {
        JsonNode ref = pyhf(name);
        FitCommandTest.Run sig = FitCommandTest.run("significance", HypotestCommandTest.ws(name), "--json");
        assertEquals(0, sig.exit(), sig.err());
        JsonNode s = MAPPER.readTree(sig.out());
        assertEquals(sig.out().trim(), s.toPrettyString().trim(), "one JSON document and nothing else");
        assertEquals("asymptotic", s.get("calc").asText());
        assertEquals(ref.get("p0").asDouble(), s.get("p0").asDouble(), 1e-4);
        assertEquals(ref.get("z").asDouble(), s.get("z").asDouble(), 1e-3);
        assertEquals(ref.get("z_expected_asimov").asDouble(), s.get("z_expected_asimov").asDouble(), 1e-3);
        assertEquals(5, s.get("p0_expected").size());
        for (int k = 0; k < 5; k++) {
            assertEquals(ref.get("p0_expected").get(k).asDouble(), s.get("p0_expected").get(k).asDouble(), 1e-4);
        }
        FitCommandTest.Run hyp = FitCommandTest.run("hypotest", HypotestCommandTest.ws(name), "--test-stat", "q0",
                "--mu", "0", "--json");
        assertEquals(0, hyp.exit(), hyp.err());
        JsonNode h = MAPPER.readTree(hyp.out());
        assertEquals(0.0, h.get("mu").asDouble());
        assertEquals(s.get("p0").asDouble(), h.get("p0").asDouble(), 0);
        assertEquals(s.get("p0_expected"), h.get("p0_expected"));
    }

    @Test
    void readableOutput() {
        FitCommandTest.Run r = FitCommandTest.run("significance", HypotestCommandTest.ws("twochannel_staterror_lumi"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("p0 = 0.0402"), r.out());
        assertTrue(r.out().contains("Z = 1.748 sigma"), r.out());
        assertTrue(r.out().contains("Asimov Z = 1.760 sigma"), r.out());
    }

    /** Toys split over two jobs and merged give exactly the single run's p0. */
    @Test
    void toysSplitAndMergedEqualOneRun(@TempDir Path tmp) throws IOException {
        String ws = HypotestCommandTest.ws("counting_shapesys");
        FitCommandTest.Run one = FitCommandTest.run("significance", ws, "--calc", "toys", "--toys", "60", "--seed",
                "4", "--json");
        assertEquals(0, one.exit(), one.err());
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        assertEquals(0, FitCommandTest.run("significance", ws, "--calc", "toys", "--toys", "25", "--seed", "4",
                "--save-toys", a.toString(), "--json").exit());
        assertEquals(0, FitCommandTest.run("significance", ws, "--calc", "toys", "--toys", "35", "--first-toy", "25",
                "--seed", "4", "--save-toys", b.toString(), "--json").exit());
        FitCommandTest.Run merged = FitCommandTest.run("hypotest", ws, "--test-stat", "q0", "--mu", "0", "--calc",
                "toys", "--load-toys", a + "," + b, "--json");
        assertEquals(0, merged.exit(), merged.err());
        JsonNode o = MAPPER.readTree(one.out());
        JsonNode m = MAPPER.readTree(merged.out());
        assertEquals("toys", o.get("calc").asText());
        assertEquals(60, o.get("toys").get("background").asInt());
        assertEquals(o.get("p0").asDouble(), m.get("p0").asDouble(), 0);
        assertEquals(o.get("p0_expected"), m.get("p0_expected"));
        assertTrue(o.get("p0_error").asDouble() > 0);
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path tmp) throws IOException {
        ObjectNode ws = (ObjectNode) MAPPER.readTree(Path.of(HypotestCommandTest.ws("counting_shapesys")).toFile());
        ArrayNode bounds = (ArrayNode) ws.get("measurements").get(0).get("config").get("parameters").get(0)
                .get("bounds").get(0);
        bounds.set(0, MAPPER.getNodeFactory().numberNode(0.5));
        Path f = tmp.resolve("poi_above_zero.json");
        Files.writeString(f, ws.toString());
        FitCommandTest.assertBadInput(FitCommandTest.run("significance", f.toString(), "--json"),
                "recoil: error: the parameter of interest 'mu' has bounds [0.5, 20.0]: the discovery test q0 needs a"
                        + " free POI whose range contains 0 (the background-only hypothesis)");
        FitCommandTest.assertBadInput(FitCommandTest.run("hypotest", HypotestCommandTest.ws("counting_shapesys"),
                "--test-stat", "q0", "--mu", "1"),
                "recoil: error: --test-stat q0 tests the background-only hypothesis: use --mu 0, got 1.0");
        Path toys = tmp.resolve("t.json");
        FitCommandTest.assertBadInput(FitCommandTest.run("significance", HypotestCommandTest.ws("counting_shapesys"),
                "--save-toys", toys.toString()), "recoil: error: --save-toys and --load-toys need --calc toys");
        assertFalse(Files.exists(toys));
    }
}
