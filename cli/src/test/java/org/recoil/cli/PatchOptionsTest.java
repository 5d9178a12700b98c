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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recoil.core.testing.SharedReference;

/**
 * {@code --patch} / {@code --patchset --point} on fit, hypotest, limit and workspace inspect, and
 * {@code recoil workspace patch}, on the published ATLAS sbottom likelihoods against pyhf
 * ({@code realworld/sbottom-ins1748602/expected.json}).
 */
class PatchOptionsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Path dir() {
        return SharedReference.resolve("realworld/sbottom-ins1748602");
    }

    private static String bkg(String region) {
        return dir().resolve(region).resolve("BkgOnly.json").toString();
    }

    private static String patch(String region, String point) {
        return dir().resolve(region).resolve("patch." + point + ".json").toString();
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : MAPPER.readTree(dir().resolve("expected.json").toFile()).get("cases")) {
            out.add(Arguments.of(c.get("region").asText(), c.get("point").asText(), c));
        }
        return out.stream();
    }

    private static JsonNode json(FitCommandTest.Run r) throws IOException {
        assertEquals(0, r.exit(), r.err());
        return MAPPER.readTree(r.out());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void fitAndHypotestOfPatchedWorkspacesMatchPyhf(String region, String point, JsonNode ref) throws IOException {
        JsonNode fit = json(FitCommandTest.run("fit", bkg(region), "--patch", patch(region, point), "--json"));
        assertEquals("converged", fit.get("status").asText());
        assertEquals(ref.get("twice_nll").asDouble(), fit.get("twice_nll").asDouble(), 1e-6 * ref.get("twice_nll").asDouble());
        assertEquals(ref.get("mu_hat").asDouble(), fit.at("/parameters/mu_SIG/value").asDouble(), 1e-3);
        assertEquals(ref.get("npars").asInt(), fit.get("parameters").size());

        JsonNode h = json(FitCommandTest.run("hypotest", bkg(region), "--patch", patch(region, point), "--mu", "1", "--json"));
        assertEquals(ref.get("cls_obs").asDouble(), h.get("cls").asDouble(), 1e-4, point + " observed CLs");
        for (int k = 0; k < 5; k++) {
            assertEquals(ref.get("cls_exp").get(k).asDouble(), h.get("cls_expected").get(k).asDouble(), 1e-4,
                    point + " expected CLs " + k);
        }
    }

    /** The 90% CL observed limit of the CLI is where the CLI's hypotest gives CLs = 0.10. */
    @Test
    void limitOfAPatchedWorkspaceIsWhereClsIsTenPercent() throws IOException {
        String b = bkg("RegionC");
        String p = patch("RegionC", "sbottom_1300_1150_60");
        JsonNode lim = json(FitCommandTest.run("limit", b, "--patch", p, "--json"));
        assertEquals("asymptotic", lim.get("method").asText());
        double observed = lim.get("observed").asDouble();
        assertTrue(observed > 0 && observed < 1, "mu = 1 is excluded at 90% (CLs 0.013): " + observed);
        JsonNode h = json(FitCommandTest.run("hypotest", b, "--patch", p, "--mu", Double.toString(observed), "--json"));
        assertEquals(0.10, h.get("cls").asDouble(), 1e-4);
        JsonNode exp = lim.get("expected");
        assertEquals(5, exp.size());
        JsonNode median = json(FitCommandTest.run("hypotest", b, "--patch", p, "--mu",
                Double.toString(exp.get(2).asDouble()), "--json"));
        assertEquals(0.10, median.get("cls_expected").get(2).asDouble(), 1e-4);
    }

    @Test
    void inspectShowsThePatchedWorkspace() throws IOException {
        JsonNode before = json(FitCommandTest.run("workspace", "inspect", bkg("RegionA"), "--json"));
        JsonNode after = json(FitCommandTest.run("workspace", "inspect", bkg("RegionA"), "--patch",
                patch("RegionA", "sbottom_1300_850_60"), "--json"));
        assertEquals(3, before.get("channels").size());
        assertEquals(2, after.get("channels").size(), "the patch removes the validation region");
        assertFalse(before.at("/measurements/0/poi_in_model").asBoolean());
        assertTrue(after.at("/measurements/0/poi_in_model").asBoolean());
        assertEquals(64, after.at("/parameters/total").asInt());
        assertTrue(after.get("samples").toString().contains("sbottom_1300_850_60"));
        FitCommandTest.Run text = FitCommandTest.run("workspace", "inspect", bkg("RegionA"), "--patch",
                patch("RegionA", "sbottom_1300_850_60"));
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().startsWith("workspace " + bkg("RegionA") + " + " + patch("RegionA", "sbottom_1300_850_60")
                + ": 2 channels, 6 bins"), text.out());
    }

    /** A patchset made of RegionA's three patch files, names and values from the file names. */
    private static Path patchset(Path tmp) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode meta = root.putObject("metadata");
        meta.put("description", "sbottom RegionA");
        meta.putObject("digests").put("sha256", "516fa21b09fd7aecb09116e8906f8259f151aa41b8763eefd9e5548bb7c82a58");
        meta.putArray("labels").add("m_sbottom").add("m_chi2").add("m_chi1");
        meta.putObject("references").put("hepdata", "ins1748602");
        ArrayNode patches = root.putArray("patches");
        for (String point : List.of("sbottom_1000_250_60", "sbottom_1300_205_60", "sbottom_1300_850_60")) {
            ObjectNode p = patches.addObject();
            ObjectNode pm = p.putObject("metadata");
            pm.put("name", point);
            ArrayNode values = pm.putArray("values");
            for (String v : point.substring("sbottom_".length()).split("_")) {
                values.add(Integer.parseInt(v));
            }
            p.set("patch", MAPPER.readTree(Path.of(patch("RegionA", point)).toFile()));
        }
        root.put("version", "1.0.0");
        Path f = tmp.resolve("patchset.json");
        MAPPER.writeValue(f.toFile(), root);
        return f;
    }

    @Test
    void patchsetPointByNameOrValuesGivesTheSameResultAsThePatchFile(@TempDir Path tmp) throws IOException {
        String set = patchset(tmp).toString();
        String direct = FitCommandTest.run("hypotest", bkg("RegionA"), "--patch", patch("RegionA", "sbottom_1000_250_60"),
                "--mu", "1", "--json").out();
        for (String point : List.of("sbottom_1000_250_60", "1000,250,60")) {
            FitCommandTest.Run r = FitCommandTest.run("hypotest", bkg("RegionA"), "--patchset", set, "--point", point,
                    "--mu", "1", "--json");
            assertEquals(0, r.exit(), r.err());
            assertEquals(direct, r.out(), "--point " + point);
        }
        JsonNode fit = json(FitCommandTest.run("fit", bkg("RegionA"), "--patchset", set, "--point", "1300,850,60", "--json"));
        assertEquals(99.2198330184203, fit.get("twice_nll").asDouble(), 1e-6 * 99.22);
        JsonNode lim = json(FitCommandTest.run("limit", bkg("RegionA"), "--patchset", set, "--point", "sbottom_1300_205_60",
                "--json"));
        assertTrue(lim.get("observed").asDouble() > 0);
    }

    @Test
    void patchErrorsExitTwoWithOneLineNamingTheOperation(@TempDir Path tmp) throws IOException {
        // RegionC's patch removes channel 5: RegionA has 3 channels
        String wrong = patch("RegionC", "sbottom_1300_1150_60");
        FileCheck.assertBadInput(FitCommandTest.run("fit", bkg("RegionA"), "--patch", wrong, "--json"),
                "recoil: error: " + wrong + ": operation 2 (remove /channels/5): cannot apply: the path does not exist"
                        + " in the document (/channels is an array of 3 elements, no index '5')");
        Path test = tmp.resolve("test.json");
        Files.writeString(test, "[{\"op\": \"test\", \"path\": \"/measurements/0/config/poi\", \"value\": \"mu\"}]");
        FileCheck.assertBadInput(FitCommandTest.run("hypotest", bkg("RegionA"), "--patch", test.toString(), "--mu", "1"),
                "recoil: error: " + test + ": operation 0 (test /measurements/0/config/poi): test failed, expected value"
                        + " \"mu\" but found \"mu_SIG\"");
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "[{\"op\": \"add\", \"path\": \"/channels/0\"}]");
        FileCheck.assertBadInput(FitCommandTest.run("limit", bkg("RegionA"), "--patch", bad.toString()),
                "recoil: error: " + bad + ": operation 0 (add /channels/0): malformed operation, 'add' needs a 'value'");
        FileCheck.assertBadInput(FitCommandTest.run("workspace", "inspect", bkg("RegionA"), "--patchset", patchset(tmp).toString()),
                "recoil: error: " + tmp.resolve("patchset.json") + ": a patchset needs a point: give its patch name or its"
                        + " values (--point NAME or --point V1,V2,...)");
        FileCheck.assertBadInput(FitCommandTest.run("fit", bkg("RegionA"), "--point", "1,2,3"),
                "recoil: error: --point 1,2,3 needs a patchset (--patchset FILE)");
        FitCommandTest.Run unknown = FitCommandTest.run("fit", bkg("RegionA"), "--patchset", patchset(tmp).toString(),
                "--point", "1300,850,61");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no patch named '1300,850,61' or with values (m_sbottom, m_chi2, m_chi1)"
                + " = [1300,850,61]; the 3 points are sbottom_1000_250_60 [1000,250,60]"), unknown.err());
        // a patchset given as a patch
        FitCommandTest.Run asPatch = FitCommandTest.run("fit", bkg("RegionA"), "--patch", patchset(tmp).toString());
        assertEquals(2, asPatch.exit());
        assertTrue(asPatch.err().contains("is a pyhf patchset, not a single JSON patch"), asPatch.err());
    }

    @Test
    void workspacePatchWritesTheSignalWorkspaceAtomically(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("signal.json");
        String p = patch("RegionB", "sbottom_1300_1050_60");
        FitCommandTest.Run w = FitCommandTest.run("workspace", "patch", bkg("RegionB"), p, "--out", out.toString());
        assertEquals(0, w.exit(), w.err());
        assertTrue(w.out().startsWith("wrote " + out + ": " + bkg("RegionB") + " + " + p + ", 2 channels"), w.out());
        String viaFile = FitCommandTest.run("hypotest", out.toString(), "--mu", "1", "--json").out();
        String viaPatch = FitCommandTest.run("hypotest", bkg("RegionB"), "--patch", p, "--mu", "1", "--json").out();
        assertEquals(viaPatch, viaFile);
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(out), files.toList(), "no temporary file left");
        }
        // a patch that does not apply writes nothing
        Path none = tmp.resolve("none.json");
        FitCommandTest.Run bad = FitCommandTest.run("workspace", "patch", bkg("RegionB"), p, p, "--out", none.toString());
        // applied twice: the second copy's operation 1 targets channel 2, which the first copy removed
        FileCheck.assertBadInput(bad, "recoil: error: " + p + ": operation 1 (add /channels/2/samples/0): cannot apply:"
                + " the parent /channels/2/samples of the path does not exist in the document (/channels is an array of"
                + " 2 elements, no index '2')");
        assertFalse(Files.exists(none));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(out), files.toList(), "nothing written");
        }
        FileCheck.assertBadInput(FitCommandTest.run("workspace", "patch", bkg("RegionB"), "--out", none.toString()),
                "recoil: error: nothing to apply: give PATCH.json files or --patchset FILE --point NAME");
        Path viaSet = tmp.resolve("a.json");
        assertEquals(0, FitCommandTest.run("workspace", "patch", bkg("RegionA"), "--patchset", patchset(tmp).toString(),
                "--point", "sbottom_1300_850_60", "--out", viaSet.toString()).exit());
        Path viaPatch2 = tmp.resolve("b.json");
        assertEquals(0, FitCommandTest.run("workspace", "patch", bkg("RegionA"), patch("RegionA", "sbottom_1300_850_60"),
                "--out", viaPatch2.toString()).exit());
        assertEquals(Files.readString(viaPatch2), Files.readString(viaSet));
    }

    /** Shared assertion: exit 2, exactly this one line on stderr, nothing on stdout. */
    static final class FileCheck {
        private FileCheck() {
        }

        static void assertBadInput(FitCommandTest.Run r, String message) {
            assertEquals(2, r.exit(), r.err());
            assertEquals(message, r.err().trim());
            assertEquals(1, r.err().trim().lines().count(), "one line");
            assertEquals("", r.out());
        }
    }
}
