package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recoil.core.testing.SharedReference;
import picocli.CommandLine;

class FitCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = RecoilCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"counting_shapesys", "twobin_normsys_histosys", "twochannel_staterror_lumi",
        "recoil_20bin_shape"})
    void jsonOutputMatchesPyhfExpected(String name) throws IOException {
        Run r = run("fit", SharedReference.resolve("pyhf/" + name + ".json").toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("converged", doc.get("status").asText());
        JsonNode expected = SharedReference.json("pyhf/expected.json").get("cases").get(name).get("fit");
        double nll = expected.get("twice_nll").asDouble();
        assertEquals(nll, doc.get("twice_nll").asDouble(), 1e-6 * nll);
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("parameters").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode p = doc.get("parameters").get(e.getKey());
            assertEquals(e.getValue().asDouble(), p.get("value").asDouble(), 1e-3, e.getKey());
            assertTrue(p.get("error").asDouble() > 0);
        }
        assertEquals(expected.get("parameters").size(), doc.get("parameters").size());
        assertEquals("mu", doc.get("poi").asText());
        assertEquals(r.out().trim(), doc.toPrettyString().trim().replace("\r", ""), "one JSON document and nothing else");
    }

    @Test
    void fixAndTable() throws IOException {
        String ws = SharedReference.resolve("pyhf/twochannel_staterror_lumi.json").toString();
        Run fixed = run("fit", ws, "--fix", "mu=1", "--json");
        assertEquals(0, fixed.exit(), fixed.err());
        JsonNode doc = new ObjectMapper().readTree(fixed.out());
        assertEquals(1.0, doc.get("parameters").get("mu").get("value").asDouble());
        assertTrue(doc.get("parameters").get("mu").get("fixed").asBoolean());
        assertEquals(0.0, doc.get("parameters").get("mu").get("error").asDouble());
        assertTrue(doc.get("twice_nll").asDouble() >= 7.25224309260371 - 1e-6);
        Run table = run("fit", ws);
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("-2 ln L = 7.252243"), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("mu (POI)") && l.contains("0.98268")), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("staterror_sr[2]") && l.trim().endsWith("-0.310")),
                table.out());
    }

    @Test
    void backgroundOnlyWorkspaceNeedsNoPoi() throws IOException {
        String ws = SharedReference.resolve("realworld/sbottom-ins1748602/RegionB/BkgOnly.json").toString();
        Run r = run("fit", ws, "--json");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("recoil: error: " + ws + ": the parameter of interest 'mu_SIG'"), r.err());
        assertEquals(1, r.err().trim().lines().count(), "one-line message");
        assertEquals("", r.out());
        Run ok = run("fit", ws, "--no-poi", "--json");
        assertEquals(0, ok.exit(), ok.err());
        JsonNode doc = new ObjectMapper().readTree(ok.out());
        assertTrue(doc.get("poi").isNull());
        assertEquals(60 - 2 + 1, doc.get("parameters").size()); // signal patch adds mu_SIG, SigRad; BkgOnly has 59
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        String ws = SharedReference.resolve("pyhf/twobin_normsys_histosys.json").toString();
        assertBadInput(run("fit", "/nonexistent/ws.json"), "recoil: error: /nonexistent/ws.json: no such workspace file");
        assertBadInput(run("fit", ws, "--fix", "mu"), "recoil: error: --fix expects NAME=VALUE, got 'mu'");
        assertBadInput(run("fit", ws, "--fix", "nope=1"), "recoil: error: no parameter named 'nope'; parameters are"
                + " [bkg_shape, mu, bkg_norm, eff]");
        assertBadInput(run("fit", ws, "--measurement", "other"), "recoil: error: " + ws + ": no measurement named 'other';"
                + " measurements are [meas]");
        assertBadInput(run("fit", ws, "--normsys-code", "3"), "recoil: error: unknown interpolation code '3', expected"
                + " one of 0, 1, 2, 4, 4p");
    }

    static void assertBadInput(Run r, String message) {
        assertEquals(2, r.exit(), r.err());
        assertEquals(message, r.err().trim());
        assertEquals("", r.out());
    }

    @Test
    void nonConvergedFitExitsThreeWithNothingOnStdout(@TempDir Path tmp) throws IOException {
        // every sample expects 0 events at the start point (mu = 0 fixed) while 5 are observed: -2 ln L is infinite
        Path ws = tmp.resolve("ws.json");
        Files.writeString(ws, "{\"version\":\"1.0.0\",\"channels\":[{\"name\":\"sr\",\"samples\":[{\"name\":\"s\","
                + "\"data\":[3.0],\"modifiers\":[{\"name\":\"mu\",\"type\":\"normfactor\",\"data\":null}]}]}],"
                + "\"observations\":[{\"name\":\"sr\",\"data\":[5.0]}],\"measurements\":[{\"name\":\"m\",\"config\":"
                + "{\"poi\":\"mu\",\"parameters\":[]}}]}");
        Run r = run("fit", ws.toString(), "--fix", "mu=0", "--json");
        assertEquals(3, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("recoil: could not compute: " + ws + ": the fit did not converge (FAILED)"), r.err());
        assertFalse(r.err().contains("Exception"));
    }
}
