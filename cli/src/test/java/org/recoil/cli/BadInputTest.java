package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.testing.SharedReference;

/**
 * Bad input that used to pass as good or end in an internal error: each is exit 2 with one line on
 * stderr naming the file and what is wrong, and nothing on stdout.
 */
class BadInputTest {

    private static FitCommandTest.Run badInput(String fileName, String... args) {
        FitCommandTest.Run r = FitCommandTest.run(args);
        assertEquals(2, r.exit(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("recoil: error: ") && err.contains(fileName), err);
        assertFalse(err.contains("Exception"), err);
        assertEquals("", r.out().strip(), "nothing on stdout");
        return r;
    }

    private static Path twobin() {
        return SharedReference.resolve("pyhf/twobin_normsys_histosys.json");
    }

    @Test
    void aFixedPoiIsRejectedByHypotestAndLimitAsPyhfDoes(@TempDir Path dir) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode ws = (ObjectNode) m.readTree(twobin().toFile());
        ObjectNode mu = (ObjectNode) ws.get("measurements").get(0).get("config").get("parameters").get(0);
        assertEquals("mu", mu.get("name").asText());
        mu.put("fixed", true);
        Path f = dir.resolve("fixed-poi.json");
        m.writeValue(f.toFile(), ws);
        for (String[] args : new String[][] {
            {"hypotest", f.toString(), "--mu", "1", "--json"},
            {"limit", f.toString(), "--json"},
            {"limit", f.toString(), "--method", "bayesian", "--json"},
            {"hypotest", f.toString(), "--mu", "1", "--calc", "toys", "--toys", "10", "--json"}}) {
            FitCommandTest.Run r = badInput("fixed-poi.json", args);
            assertTrue(r.err().contains("the POI 'mu' is set \"fixed\": true"), r.err());
        }
        // a fit with the POI fixed is a legitimate question
        FitCommandTest.Run fit = FitCommandTest.run("fit", f.toString(), "--json");
        assertEquals(0, fit.exit(), fit.err());
    }

    @Test
    void dataAfterTheWorkspaceIsRejected(@TempDir Path dir) throws IOException {
        String text = Files.readString(twobin());
        Path two = Files.writeString(dir.resolve("two.json"), text + text);
        FitCommandTest.Run r = badInput("two.json", "fit", two.toString(), "--json");
        assertTrue(r.err().contains("data after the JSON document at line"), r.err());
        Path garbage = Files.writeString(dir.resolve("garbage.json"), text + "\n}oops\n");
        badInput("garbage.json", "hypotest", garbage.toString(), "--mu", "1", "--json");
    }

    @Test
    void jsonNestedTooDeepIsRejectedWithItsLocation(@TempDir Path dir) throws IOException {
        Path deep = Files.writeString(dir.resolve("deep.json"), "{\"channels\": " + "[".repeat(3000)
                + "]".repeat(3000) + "}");
        FitCommandTest.Run r = badInput("deep.json", "fit", deep.toString(), "--json");
        assertTrue(r.err().matches("(?s)recoil: error: \\S*deep\\.json: not valid JSON at line 1, column \\d+: .*"),
                r.err());
    }

    @Test
    void badAnalysisConfigsAreOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        String[][] cases = {
            {"", "the analysis config is empty"},
            {"luminosity: 276/pb\nluminosity: 50/fb\n", "key 'luminosity' given twice at line 2"},
            {"method: toys\ntoys: 1.5\n", "toys: expected a whole number, got 1.5"},
            {"mass_grid:\n  min: 1.0\n max: 2.0\n", "YAML syntax error at line 3, column"},
            {"mass_grid: {min: 0.2, max: 8.0, step: 1e-300}\n", "more than the 10000 allowed"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path cfg = Files.writeString(dir.resolve("analysis" + i + ".yaml"), c[0]);
            FitCommandTest.Run r = FitCommandTest.run("scan", "--config", cfg.toString(), "--out",
                    dir.resolve("out" + i).toString());
            assertEquals(2, r.exit(), r.err());
            String err = r.err().strip();
            assertEquals(1, err.lines().count(), "one line: " + err);
            assertTrue(err.startsWith("recoil: error: " + cfg + ": ") && err.contains(c[1]), err);
            i++;
        }
    }
}
