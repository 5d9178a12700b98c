package org.recoil.fitting.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.ReferenceFiles;
import org.recoil.fitting.spec.Channel;
import org.recoil.fitting.spec.InvalidWorkspaceException;
import org.recoil.fitting.spec.Modifier;
import org.recoil.fitting.spec.Sample;
import org.recoil.fitting.spec.Workspace;
import org.recoil.fitting.spec.WorkspaceIO;

/** RFC 6902 application on the published sbottom workspaces, and the error for each way a patch can fail. */
class WorkspacePatchTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DOC = "{\"channels\":[{\"name\":\"sr\",\"samples\":[{\"name\":\"bkg\",\"data\":[1,2]}]}],"
            + "\"version\":\"1.0.0\",\"meta\":{\"lumi\":1}}";

    private static Path sbottomDir(String region) {
        return ReferenceFiles.sbottom(region).getParent();
    }

    private static Path write(Path dir, String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    private static JsonNode doc() throws IOException {
        return MAPPER.readTree(DOC);
    }

    @ParameterizedTest
    @CsvSource({"RegionA, sbottom_1300_850_60, 2, SR_meff|CRtt_meff", "RegionA, sbottom_1000_250_60, 2, SR_meff|CRtt_meff",
        "RegionB, sbottom_1300_1050_60, 2, CRtt_cuts|SR_cuts", "RegionC, sbottom_1300_1150_60, 3, CRtt_cuts|SR_metsigST|CRz_cuts"})
    void signalPatchAddsTheSignalSampleAndDropsChannels(String region, String point, int channels, String kept)
            throws IOException {
        Path bkg = ReferenceFiles.sbottom(region);
        JsonNode original = WorkspaceIO.readTree(bkg, "workspace");
        JsonNode before = original.deepCopy();
        WorkspacePatch patch = WorkspacePatch.read(sbottomDir(region).resolve("patch." + point + ".json"));
        JsonNode patched = patch.applyTo(original);
        assertEquals(before, original, "applyTo must not modify its input");
        Workspace ws = WorkspaceIO.fromTree(patched, "patched");
        Workspace bkgOnly = WorkspaceIO.read(bkg);
        assertEquals(channels, ws.channels().size());
        assertEquals(bkgOnly.channels().size() - patch.operations().findValues("op").stream()
                .filter(o -> o.asText().equals("remove")).count(), ws.channels().size());
        assertEquals(List.of(kept.split("\\|")), ws.channelNames());
        int signalChannels = 0;
        for (Channel c : ws.channels()) {
            Sample first = c.samples().get(0);
            if (first.name().equals(point)) {
                signalChannels++;
                assertTrue(first.modifiers().stream().anyMatch(m -> m instanceof Modifier.NormFactor
                        && m.name().equals("mu_SIG")), "signal sample carries the POI normfactor in " + c.name());
                // the background samples are the background-only ones, unchanged
                assertEquals(bkgOnly.channel(c.name()).samples(), c.samples().subList(1, c.samples().size()));
            }
        }
        assertEquals(2, signalChannels, "the patch adds the signal sample to two channels");
    }

    @Test
    void patchesApplyInOrder(@TempDir Path tmp) throws IOException {
        WorkspacePatch addSample = WorkspacePatch.of(MAPPER.readTree("[{\"op\":\"add\",\"path\":\"/channels/0/samples/-\","
                + "\"value\":{\"name\":\"sig\",\"data\":[0.5,0.5]}}]"), "add.json");
        WorkspacePatch scaleIt = WorkspacePatch.of(MAPPER.readTree("[{\"op\":\"replace\",\"path\":\"/channels/0/samples/1/data\","
                + "\"value\":[3,4]}]"), "replace.json");
        JsonNode r = WorkspacePatch.applyAll(doc(), List.of(addSample, scaleIt));
        assertEquals(MAPPER.readTree("[3,4]"), r.at("/channels/0/samples/1/data"));
        // the patched document shares no node with the patches: changing it changes neither
        ((com.fasterxml.jackson.databind.node.ObjectNode) r.at("/channels/0/samples/1")).put("name", "changed");
        assertEquals(MAPPER.readTree("[0.5,0.5]"), addSample.applyTo(doc()).at("/channels/0/samples/1/data"));
        assertEquals("sig", addSample.applyTo(doc()).at("/channels/0/samples/1/name").asText());
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class,
                () -> WorkspacePatch.applyAll(doc(), List.of(scaleIt, addSample)));
        assertEquals("replace.json: operation 0 (replace /channels/0/samples/1/data): cannot apply: the path does not"
                + " exist in the document (/channels/0/samples is an array of 1 elements, no index '1')", e.getMessage());
    }

    @Test
    void moveCopyAndTestOperations() throws IOException {
        WorkspacePatch p = WorkspacePatch.of(MAPPER.readTree("["
                + "{\"op\":\"test\",\"path\":\"/meta/lumi\",\"value\":1.0},"
                + "{\"op\":\"copy\",\"from\":\"/channels/0\",\"path\":\"/channels/-\"},"
                + "{\"op\":\"replace\",\"path\":\"/channels/1/name\",\"value\":\"cr\"},"
                + "{\"op\":\"move\",\"from\":\"/meta\",\"path\":\"/info\"},"
                + "{\"op\":\"test\",\"path\":\"/channels/1/samples/0/data\",\"value\":[1.0,2]}]"), "ops.json");
        JsonNode r = p.applyTo(doc());
        assertEquals("cr", r.at("/channels/1/name").asText());
        assertEquals("sr", r.at("/channels/0/name").asText());
        assertTrue(r.at("/meta").isMissingNode());
        assertEquals(1, r.at("/info/lumi").asInt());
    }

    @Test
    void removeOfAMissingArrayElementNamesFileOperationAndPath() throws IOException {
        WorkspacePatch p = WorkspacePatch.of(MAPPER.readTree("[{\"op\":\"add\",\"path\":\"/meta/x\",\"value\":2},"
                + "{\"op\":\"remove\",\"path\":\"/channels/3\"}]"), "p.json");
        JsonNode d = doc();
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class, () -> p.applyTo(d));
        assertEquals("p.json: operation 1 (remove /channels/3): cannot apply: the path does not exist in the document"
                + " (/channels is an array of 1 elements, no index '3')", e.getMessage());
        assertEquals(doc(), d, "a failed patch leaves its input unchanged");
        assertTrue(e instanceof InvalidInputException, "exit code 2");
    }

    @Test
    void removeOfAMissingObjectMemberFails() throws IOException {
        WorkspacePatch p = WorkspacePatch.of(MAPPER.readTree("[{\"op\":\"remove\",\"path\":\"/meta/sigma\"}]"), "p.json");
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class, () -> p.applyTo(doc()));
        assertEquals("p.json: operation 0 (remove /meta/sigma): cannot apply: the path does not exist in the document"
                + " (/meta has no member 'sigma')", e.getMessage());
    }

    @Test
    void addUnderAMissingParentFails() throws IOException {
        WorkspacePatch p = WorkspacePatch.of(MAPPER.readTree("[{\"op\":\"add\",\"path\":\"/channels/0/modifiers/0\","
                + "\"value\":{}}]"), "p.json");
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class, () -> p.applyTo(doc()));
        assertEquals("p.json: operation 0 (add /channels/0/modifiers/0): cannot apply: the parent /channels/0/modifiers"
                + " of the path does not exist in the document (/channels/0 has no member 'modifiers')", e.getMessage());
    }

    @Test
    void addBeyondTheEndOfAnArrayFails() throws IOException {
        WorkspacePatch p = WorkspacePatch.of(MAPPER.readTree("[{\"op\":\"add\",\"path\":\"/channels/2\",\"value\":{}}]"),
                "p.json");
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class, () -> p.applyTo(doc()));
        assertEquals("p.json: operation 0 (add /channels/2): cannot apply: array index '2' is out of range, the array"
                + " /channels has 1 elements (valid: 0..1 or '-')", e.getMessage());
    }

    @Test
    void moveFromAMissingPathFails() throws IOException {
        WorkspacePatch p = WorkspacePatch.of(MAPPER.readTree("[{\"op\":\"move\",\"from\":\"/observations\","
                + "\"path\":\"/obs\"}]"), "p.json");
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class, () -> p.applyTo(doc()));
        assertEquals("p.json: operation 0 (move /obs from /observations): cannot apply: the from does not exist in the"
                + " document (the document root has no member 'observations')", e.getMessage());
    }

    @Test
    void failedTestOperationNamesExpectedAndFoundValues() throws IOException {
        WorkspacePatch p = WorkspacePatch.of(MAPPER.readTree("[{\"op\":\"test\",\"path\":\"/version\",\"value\":\"1.0.0\"},"
                + "{\"op\":\"test\",\"path\":\"/channels/0/samples/0/data/1\",\"value\":3}]"), "t.json");
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class, () -> p.applyTo(doc()));
        assertEquals("t.json: operation 1 (test /channels/0/samples/0/data/1): test failed, expected value 3 but found 2",
                e.getMessage());
        WorkspacePatch missing = WorkspacePatch.of(MAPPER.readTree("[{\"op\":\"test\",\"path\":\"/meta/x\",\"value\":3}]"),
                "t.json");
        e = assertThrows(InvalidWorkspaceException.class, () -> missing.applyTo(doc()));
        assertEquals("t.json: operation 0 (test /meta/x): test failed, the path does not exist in the document"
                + " (/meta has no member 'x')", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "[{\"op\":\"frob\",\"path\":\"/a\"}]; m.json: operation 0 (frob /a): unknown operation 'frob', expected one of add, remove, replace, move, copy, test",
        "[{\"op\":\"add\",\"path\":\"/a\"}]; m.json: operation 0 (add /a): malformed operation, 'add' needs a 'value'",
        "[{\"op\":\"remove\"}]; m.json: operation 0 (remove path ?): malformed operation, missing or non-string 'path'",
        "[{\"path\":\"/a\"}]; m.json: operation 0 (op ? /a): malformed operation, missing or non-string 'op' (expected one of add, remove, replace, move, copy, test)",
        "[{\"op\":\"remove\",\"path\":\"/a\"},{\"op\":\"add\",\"path\":\"a/b\",\"value\":1}]; m.json: operation 1 (add a/b): malformed operation, 'path' a/b is not a JSON pointer (RFC 6901: empty or starting with '/')",
        "[{\"op\":\"copy\",\"path\":\"/a\"}]; m.json: operation 0 (copy /a): malformed operation, missing or non-string 'from'",
        "[\"remove /a\"]; m.json: operation 0: malformed operation \"remove /a\", expected an object with 'op' and 'path'",
        "{\"op\":\"remove\",\"path\":\"/a\"}; m.json: a JSON patch must be an array of operations (RFC 6902), got object",
    })
    void malformedOperationsAreRejectedWithTheirIndex(String json, String message) throws IOException {
        JsonNode ops = MAPPER.readTree(json);
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class, () -> WorkspacePatch.of(ops, "m.json"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void patchFilesAreReadWithTheirNameInErrors(@TempDir Path tmp) throws IOException {
        Path bad = write(tmp, "bad.json", "[{\"op\":\"remove\",\"path\":\"/a\"},\n {\"op\":");
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class, () -> WorkspacePatch.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": not valid JSON at line 2"), e.getMessage());
        Path none = tmp.resolve("none.json");
        e = assertThrows(InvalidWorkspaceException.class, () -> WorkspacePatch.read(none));
        assertEquals(none + ": no such JSON patch file", e.getMessage());
        Path set = write(tmp, "set.json", "{\"metadata\":{},\"patches\":[],\"version\":\"1.0.0\"}");
        e = assertThrows(InvalidWorkspaceException.class, () -> WorkspacePatch.read(set));
        assertEquals(set + ": is a pyhf patchset, not a single JSON patch; select one of its patches with --patchset "
                + set + " --point NAME", e.getMessage());
    }

    @Test
    void operationsAreCopied() throws IOException {
        JsonNode ops = MAPPER.readTree("[{\"op\":\"remove\",\"path\":\"/meta\"}]");
        WorkspacePatch p = WorkspacePatch.of(ops, "c.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) ops.get(0)).put("path", "/version");
        p.operations().removeAll();
        assertEquals(1, p.size());
        assertTrue(p.applyTo(doc()).at("/meta").isMissingNode());
        assertEquals("1.0.0", p.applyTo(doc()).at("/version").asText());
    }

    @Test
    void patchedSbottomWorkspaceFailsClearlyWhenAppliedToTheWrongRegion() {
        // RegionC's patch removes /channels/5, which RegionA (3 channels) does not have
        WorkspaceSource src = WorkspaceSource.of(ReferenceFiles.sbottom("RegionA"))
                .withPatch(sbottomDir("RegionC").resolve("patch.sbottom_1300_1150_60.json"));
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class, src::read);
        assertEquals(sbottomDir("RegionC").resolve("patch.sbottom_1300_1150_60.json")
                + ": operation 2 (remove /channels/5): cannot apply: the path does not exist in the document"
                + " (/channels is an array of 3 elements, no index '5')", e.getMessage());
    }
}
