package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.patch.PyhfDigest;
import org.recoil.fitting.patch.WorkspaceEdits;

/**
 * {@code recoil workspace digest|combine|rename|sort}: what the commands print and write (the verbs
 * themselves are checked against pyhf 0.7.6 in the fitting module's {@code WorkspaceEditsTest}).
 */
class WorkspaceVerbsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String ref(String p) {
        return SharedReference.resolve(p).toString();
    }

    @Test
    void digestPrintsWhatPyhfDigestPrints() {
        // `pyhf digest` (pyhf 0.7.6) on these files
        FitCommandTest.Run r = FitCommandTest.run("workspace", "digest", ref("pyhf/counting_shapesys.json"));
        assertEquals(0, r.exit(), r.err());
        assertEquals("sha256:5548c873373516992ff462bc86a3d3879451f6e38316a344bdb5536bdb995399\n", r.out());
        FitCommandTest.Run erjr = FitCommandTest.run("workspace", "digest", ref("realworld/erjr-3l/BkgOnly.json"),
                "-a", "sha256", "-a", "md5", "--json");
        assertEquals(0, erjr.exit(), erjr.err());
        assertTrue(erjr.out().contains("\"sha256\" : \"a20207ad6da9dc3e3e53dc159155a8371d7b44487e03fb4af4c6be20be4ad695\""),
                erjr.out());
        assertTrue(erjr.out().contains("\"md5\" : \""), erjr.out());
    }

    @Test
    void combineRenameSortWriteWhatTheVerbsGive(@TempDir Path tmp) throws IOException {
        String a = ref("pyhf/recoil_20bin_shape.json");
        String b = ref("pyhf/twochannel_staterror_lumi.json");
        Path out = tmp.resolve("combined.json");
        FitCommandTest.Run c = FitCommandTest.run("workspace", "combine", a, b, "--join", "outer", "--out", out.toString());
        assertEquals(0, c.exit(), c.err());
        assertEquals("wrote " + out + ": 3 channels, 1 measurements\n", c.out());
        JsonNode expected = WorkspaceEdits.combine(MAPPER.readTree(Path.of(a).toFile()), a, MAPPER.readTree(Path.of(b).toFile()),
                b, WorkspaceEdits.Join.OUTER, false);
        assertEquals(PyhfDigest.canonicalJson(expected), PyhfDigest.canonicalJson(MAPPER.readTree(out.toFile())));
        // the combined workspace reads back (as a model it is not valid: bkg_norm is a normfactor in one input and
        // a normsys in the other, which pyhf refuses too)
        assertEquals(List.of("recoil", "cr", "sr"), org.recoil.fitting.spec.WorkspaceIO.read(out).channelNames());

        FitCommandTest.Run renamed = FitCommandTest.run("workspace", "rename", b, "--channel", "sr=SR", "-m", "mu=mu_sig",
                "--measurement", "meas=fit");
        assertEquals(0, renamed.exit(), renamed.err());
        JsonNode rn = MAPPER.readTree(renamed.out());
        assertEquals(PyhfDigest.canonicalJson(WorkspaceEdits.rename(MAPPER.readTree(Path.of(b).toFile()), b,
                Map.of("sr", "SR"), Map.of(), Map.of("mu", "mu_sig"), Map.of("meas", "fit"))), PyhfDigest.canonicalJson(rn));
        assertEquals("mu_sig", rn.at("/measurements/0/config/poi").asText());

        FitCommandTest.Run sorted = FitCommandTest.run("workspace", "sort", ref("realworld/erjr-3l/BkgOnly.json"));
        assertEquals(0, sorted.exit(), sorted.err());
        // pyhf 0.7.6: utils.digest(Workspace.sorted(erjr-3l/BkgOnly.json))
        assertEquals("4b516782fc3eb40457bf8fbb9439b590a271be74b9d9ae9c51827aec31bef318",
                PyhfDigest.digest(MAPPER.readTree(sorted.out()), "sha256"));
    }

    @Test
    void clashUnderJoinNoneIsOneLineAndWritesNothing(@TempDir Path tmp) throws IOException {
        String a = ref("pyhf/twobin_normsys_histosys.json");
        String b = ref("pyhf/counting_shapesys.json");
        Path out = tmp.resolve("c.json");
        FitCommandTest.assertBadInput(FitCommandTest.run("workspace", "combine", a, b, "--out", out.toString()),
                "recoil: error: cannot combine " + a + " and " + b + " with --join none: both have channel 'sr'; rename"
                        + " one (recoil workspace rename) or use --join outer, 'left outer' or 'right outer'");
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }
        FitCommandTest.assertBadInput(FitCommandTest.run("workspace", "rename", a, "--sample", "nope=x"),
                "recoil: error: " + a + ": cannot rename sample 'nope': the workspace has no sample of that name (it has"
                        + " 'signal', 'background')");
        FitCommandTest.assertBadInput(FitCommandTest.run("workspace", "combine", a, b, "--join", "inner"),
                "recoil: error: join 'inner' is not one of none, outer, 'left outer', 'right outer'");
    }
}
