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
import org.junit.jupiter.params.provider.ValueSource;
import org.recoil.core.testing.SharedReference;

class HypotestCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static String ws(String name) {
        return SharedReference.resolve("pyhf/" + name + ".json").toString();
    }

    /** DESIGN.md contract; pyhf 0.7 asymptotic q~ CLs at mu = 1 within 1e-4. */
    @ParameterizedTest
    @ValueSource(strings = {"counting_shapesys", "twobin_normsys_histosys", "twochannel_staterror_lumi",
        "recoil_20bin_shape"})
    void asymptoticJsonMatchesPyhf(String name) throws IOException {
        FitCommandTest.Run r = FitCommandTest.run("hypotest", ws(name), "--mu", "1", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        JsonNode ref = SharedReference.json("pyhf/expected.json").get("cases").get(name).get("hypotest_mu1_qtilde");
        assertEquals(1.0, doc.get("mu").asDouble());
        assertEquals(ref.get("cls_obs").asDouble(), doc.get("cls").asDouble(), 1e-4);
        assertEquals(doc.get("cls").asDouble(), doc.get("clsb").asDouble() / doc.get("clb").asDouble(), 1e-12);
        JsonNode exp = doc.get("cls_expected");
        assertEquals(5, exp.size());
        for (int k = 0; k < 5; k++) {
            assertEquals(ref.get("cls_exp").get(k).asDouble(), exp.get(k).asDouble(), 1e-4);
            if (k > 0) {
                assertTrue(exp.get(k).asDouble() > exp.get(k - 1).asDouble(), "ascending");
            }
        }
        assertEquals(r.out().trim(), doc.toPrettyString().trim(), "one JSON document and nothing else");
        assertEquals("", r.err().replaceAll("(?s)\r[^\n]*", "").trim(), "nothing on stderr but a progress line");
    }

    @Test
    void readableOutput() {
        FitCommandTest.Run r = FitCommandTest.run("hypotest", ws("counting_shapesys"), "--mu", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("CLs   = 0.586086"), r.out());
        assertTrue(r.out().contains("median 0.380389"), r.out());
        assertTrue(r.out().contains("not excluded at 90% CL"), r.out());
    }

    /** Toys split over two jobs and merged give exactly the single run's CLs. */
    @Test
    void toysSplitAndMergedEqualOneRun(@TempDir Path tmp) throws IOException {
        String w = ws("twobin_normsys_histosys");
        FitCommandTest.Run single = FitCommandTest.run("hypotest", w, "--mu", "1.5", "--calc", "toys", "--toys", "300",
                "--seed", "4", "--json");
        assertEquals(0, single.exit(), single.err());
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        assertEquals(0, FitCommandTest.run("hypotest", w, "--mu", "1.5", "--calc", "toys", "--toys", "100",
                "--seed", "4", "--save-toys", a.toString(), "--threads", "1").exit());
        assertEquals(0, FitCommandTest.run("hypotest", w, "--mu", "1.5", "--calc", "toys", "--toys", "200",
                "--first-toy", "100", "--seed", "4", "--save-toys", b.toString()).exit());
        assertTrue(Files.size(a) > 0 && Files.size(b) > 0);
        FitCommandTest.Run merged = FitCommandTest.run("hypotest", w, "--mu", "1.5", "--calc", "toys",
                "--load-toys", a + "," + b, "--json");
        assertEquals(0, merged.exit(), merged.err());
        JsonNode s = MAPPER.readTree(single.out());
        JsonNode m = MAPPER.readTree(merged.out());
        assertEquals(s.get("cls").asDouble(), m.get("cls").asDouble(), 0);
        assertEquals(s.get("cls_expected"), m.get("cls_expected"));
        assertEquals(300, m.get("toys").get("signal").asInt());
        assertTrue(s.get("cls_error").asDouble() > 0 && s.get("cls_error").asDouble() < 0.05);
        // asymptotics and 300 toys agree roughly at these counts (about 130 events per bin)
        FitCommandTest.Run asym = FitCommandTest.run("hypotest", w, "--mu", "1.5", "--json");
        double d = Math.abs(MAPPER.readTree(asym.out()).get("cls").asDouble() - s.get("cls").asDouble());
        assertTrue(d < 4 * s.get("cls_error").asDouble(), "difference " + d);
    }

    @Test
    void badInputExitsTwo() {
        String w = ws("counting_shapesys");
        FitCommandTest.assertBadInput(FitCommandTest.run("hypotest", w, "--mu", "1", "--calc", "bayes"),
                "recoil: error: --calc must be asymptotic or toys, got 'bayes'");
        FitCommandTest.assertBadInput(FitCommandTest.run("hypotest", w, "--mu", "1", "--calc", "toys", "--toys", "0"),
                "recoil: error: --toys must be at least 1, got 0");
        FitCommandTest.assertBadInput(FitCommandTest.run("hypotest", w, "--mu", "1", "--test-stat", "z"),
                "recoil: error: unknown test statistic 'z'; expected qtilde, q, ttilde, t, q0 or event_count");
        FitCommandTest.assertBadInput(FitCommandTest.run("hypotest", w, "--mu", "1", "--test-stat", "event_count"),
                "recoil: error: the asymptotic calculator needs a profile-likelihood test statistic, not event_count;"
                        + " use --calc toys");
        FitCommandTest.assertBadInput(FitCommandTest.run("hypotest", w, "--mu", "1", "--calc", "toys", "--test-stat", "q0"),
                "recoil: error: --test-stat q0 tests the background-only hypothesis: use --mu 0, got 1.0");
        FitCommandTest.Run missing = FitCommandTest.run("hypotest", w);
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("Missing required option: '--mu=X'"), missing.err());
    }

    /** Toys with the event count on a one-bin workspace without uncertainties: the classical CLs of counting.json. */
    @Test
    void eventCountToysReproduceTheCountingLimit(@TempDir Path tmp) throws IOException {
        // n = 3, b = 1.2: the 90% limit on the signal is 5.535761142 (counting.json); signal 1 per unit mu
        Path w = tmp.resolve("count.json");
        Files.writeString(w, LimitCommandTest.LOW_COUNT_WORKSPACE.replace("\"data\":[3.0]", "\"data\":[1.0]")
                .replace("\"data\":[1.0],\"modifiers\":[]", "\"data\":[1.2],\"modifiers\":[]")
                .replace("\"observations\":[{\"name\":\"sr\",\"data\":[1.0]}]",
                        "\"observations\":[{\"name\":\"sr\",\"data\":[3.0]}]"));
        FitCommandTest.Run r = FitCommandTest.run("hypotest", w.toString(), "--mu", "5.535761142", "--calc", "toys",
                "--test-stat", "event_count", "--toys", "20000", "--seed", "9", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        assertEquals("event_count", doc.get("test_statistic").asText());
        double err = doc.get("cls_error").asDouble();
        assertTrue(Math.abs(doc.get("cls").asDouble() - 0.10) < 3 * err, doc.toString());
        assertTrue(err < 0.005, doc.toString());
    }

    @Test
    void lowCountsWarnOnStderrOnly(@TempDir Path tmp) throws IOException {
        Path w = tmp.resolve("low.json");
        Files.writeString(w, LimitCommandTest.LOW_COUNT_WORKSPACE);
        FitCommandTest.Run r = FitCommandTest.run("hypotest", w.toString(), "--mu", "1", "--json");
        assertEquals(0, r.exit(), r.err());
        MAPPER.readTree(r.out());
        assertTrue(r.err().startsWith("recoil: warning: few expected events"), r.err());
        assertTrue(r.err().contains("use toys"), r.err());
    }
}
