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
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.spec.WorkspaceIO;

class WorkspaceCommandTest {

    @Test
    void inspectJson() throws IOException {
        String ws = SharedReference.resolve("pyhf/twochannel_staterror_lumi.json").toString();
        FitCommandTest.Run r = FitCommandTest.run("workspace", "inspect", ws, "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(2, doc.get("channels").size());
        assertEquals("cr", doc.get("channels").get(0).get("name").asText());
        assertEquals(3, doc.get("channels").get(1).get("bins").asInt());
        assertEquals(8, doc.get("parameters").get("total").asInt());
        assertEquals(5, doc.get("parameters").get("by_type").get("staterror").asInt());
        assertEquals(2, doc.get("parameters").get("by_type").get("normfactor").asInt());
        assertEquals(5, doc.get("modifiers").size());
        assertEquals("mu", doc.get("measurements").get(0).get("poi").asText());
    }

    @Test
    void inspectTextOfRealWorkspace() {
        String ws = SharedReference.resolve("realworld/sbottom-ins1748602/RegionA/BkgOnly.json").toString();
        FitCommandTest.Run r = FitCommandTest.run("workspace", "inspect", ws);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("workspace " + ws + ": 3 channels, 9 bins, 8 samples, 59 modifiers, 65 parameters"),
                r.out());
        assertTrue(r.out().contains("POI mu_SIG (not in the model: fit with --no-poi)"), r.out());
        assertTrue(r.out().contains("histosys+normsys"), r.out());
    }

    @Test
    void pruneWritesAValidSmallerWorkspace(@TempDir Path tmp) throws IOException {
        String ws = SharedReference.resolve("pyhf/twochannel_staterror_lumi.json").toString();
        Path out = tmp.resolve("pruned.json");
        FitCommandTest.Run r = FitCommandTest.run("workspace", "prune", ws, "--modifier", "lumi", "--channel", "cr",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        var pruned = WorkspaceIO.read(out);
        assertEquals(java.util.List.of("sr"), pruned.channelNames());
        assertFalse(pruned.modifierNames().contains("lumi"));
        assertTrue(pruned.measurement(null).parameters().stream().noneMatch(p -> p.name().equals("lumi")));
        FitCommandTest.Run fit = FitCommandTest.run("fit", out.toString(), "--json");
        assertEquals(0, fit.exit(), fit.err());
    }

    @Test
    void pruneErrorsExitTwoAndWriteNothing(@TempDir Path tmp) {
        String ws = SharedReference.resolve("pyhf/twochannel_staterror_lumi.json").toString();
        Path out = tmp.resolve("pruned.json");
        FitCommandTest.assertBadInput(FitCommandTest.run("workspace", "prune", ws, "--sample", "nope", "--out",
                out.toString()), "recoil: error: " + ws + ": cannot prune sample 'nope': no such sample; samples are"
                + " [background, signal]");
        assertFalse(Files.exists(out));
        FitCommandTest.Run r = FitCommandTest.run("workspace", "prune", ws, "--channel", "cr");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--out"), r.err());
    }
}
