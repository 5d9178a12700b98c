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

/** {@code recoil fit} on a model whose signal is zero everywhere: the status says mu is undetermined. */
class FitUndeterminedTest {

    @Test
    void warnsOnStderrAndSaysSoInTheJsonStatus(@TempDir Path dir) throws IOException {
        Path ws = dir.resolve("zero_signal.json");
        Files.writeString(ws, """
                {"channels": [{"name": "sr", "samples": [
                  {"name": "signal", "data": [0.0, 0.0],
                   "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
                  {"name": "bkg", "data": [50.0, 40.0],
                   "modifiers": [{"name": "staterror_sr", "type": "staterror", "data": [2.0, 2.0]}]}]}],
                 "observations": [{"name": "sr", "data": [52.0, 41.0]}],
                 "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": []}}],
                 "version": "1.0.0"}
                """);
        FitCommandTest.Run r = FitCommandTest.run("fit", ws.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("converged_undetermined", doc.get("status").asText());
        assertTrue(doc.get("parameters").get("mu").get("error").isNull());
        assertTrue(r.err().startsWith("warning: ") && r.err().contains("singular") && r.err().contains("mu"), r.err());
        assertEquals(1, r.err().trim().lines().count(), r.err());
    }
}
