package org.recoil.fitting.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.spec.InvalidWorkspaceException;

/**
 * {@link WorkspaceEdits} against pyhf 0.7.6: {@code verbs/digests.json} holds what {@code pyhf digest} prints
 * for every workspace under {@code reference/}; {@code verbs/cases.json} the sha256 ({@code utils.digest}) of
 * pyhf's combine / rename / sort outputs, and the small outputs in full ({@code verbs/*.pyhf.json}); both
 * made by {@code verbs/make_references.py}.
 */
class WorkspaceEditsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = WorkspaceEditsTest.class.getResourceAsStream("verbs/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource verbs/" + name);
            }
            return MAPPER.readTree(in);
        }
    }

    private static JsonNode reference(String path) throws IOException {
        return MAPPER.readTree(SharedReference.resolve(path).toFile());
    }

    static Stream<Arguments> digests() throws IOException {
        List<Arguments> out = new ArrayList<>();
        resource("digests.json").get("digests").fields().forEachRemaining(e ->
                out.add(Arguments.of(e.getKey(), e.getValue().asText())));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("digests")
    void digestEqualsPyhfDigestOfEveryReferenceWorkspace(String path, String pyhf) throws IOException {
        assertEquals(pyhf, WorkspaceEdits.digest(reference(path), "sha256"));
    }

    @Test
    void everyReferenceWorkspaceHasAPyhfDigest() throws IOException {
        assertEquals(8, resource("digests.json").get("digests").size());
        assertEquals("0.7.6", resource("digests.json").get("pyhf_version").asText());
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : resource("cases.json").get("cases")) {
            out.add(Arguments.of(c.get("name").asText(), c));
        }
        return out.stream();
    }

    private static Map<String, String> map(JsonNode o) {
        Map<String, String> m = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    static JsonNode apply(JsonNode c) throws IOException {
        List<JsonNode> in = new ArrayList<>();
        for (JsonNode p : c.get("inputs")) {
            in.add(reference(p.asText()));
        }
        return switch (c.get("verb").asText()) {
            case "combine" -> WorkspaceEdits.combine(in.get(0), "left", in.get(1), "right",
                    WorkspaceEdits.Join.of(c.get("join").asText()), c.get("merge_channels").asBoolean());
            case "rename" -> WorkspaceEdits.rename(in.get(0), "ws", map(c.get("channels")), map(c.get("samples")),
                    map(c.get("modifiers")), map(c.get("measurements")));
            case "sort" -> WorkspaceEdits.sorted(in.get(0), "ws");
            default -> throw new IllegalArgumentException(c.toString());
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void combineRenameAndSortEqualPyhfOutputs(String name, JsonNode c) throws IOException {
        JsonNode ours = apply(c);
        // the canonical JSON of both is the same text: same members, order of lists, numbers and strings
        assertEquals(c.get("sha256").asText(), PyhfDigest.digest(ours, "sha256"), name);
        if (c.has("output")) {
            JsonNode pyhf = resource(c.get("output").asText());
            assertEquals(PyhfDigest.canonicalJson(pyhf), PyhfDigest.canonicalJson(ours), name);
        }
    }

    @Test
    void pyhfSmallOutputsAreWhatTheCasesRecord() throws IOException {
        // guards the stored full outputs against the recorded digests (both from the same pyhf run)
        for (JsonNode c : resource("cases.json").get("cases")) {
            if (c.has("output")) {
                assertEquals(c.get("sha256").asText(), PyhfDigest.digest(resource(c.get("output").asText()), "sha256"));
            }
        }
    }

    @Test
    void sortIsIdempotentAndRenameInvertible() throws IOException {
        JsonNode ws = reference("pyhf/twochannel_staterror_lumi.json");
        JsonNode once = WorkspaceEdits.sorted(ws, "ws");
        assertEquals(once, WorkspaceEdits.sorted(once, "ws"));
        JsonNode there = WorkspaceEdits.rename(ws, "ws", Map.of("sr", "SR"), Map.of(), Map.of("mu", "mu_sig"), Map.of());
        JsonNode back = WorkspaceEdits.rename(there, "ws", Map.of("SR", "sr"), Map.of(), Map.of("mu_sig", "mu"), Map.of());
        assertEquals(PyhfDigest.canonicalJson(ws), PyhfDigest.canonicalJson(back));
        assertEquals("mu_sig", there.at("/measurements/0/config/poi").asText());
    }

    @Test
    void clashingNamesUnderJoinNoneAreOneLineErrors() throws IOException {
        JsonNode a = reference("pyhf/twobin_normsys_histosys.json");
        JsonNode b = reference("pyhf/counting_shapesys.json");
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class,
                () -> WorkspaceEdits.combine(a, "a.json", b, "b.json", WorkspaceEdits.Join.NONE, false));
        assertEquals("cannot combine a.json and b.json with --join none: both have channel 'sr'; rename one"
                + " (recoil workspace rename) or use --join outer, 'left outer' or 'right outer'", e.getMessage());
        InvalidWorkspaceException outer = assertThrows(InvalidWorkspaceException.class,
                () -> WorkspaceEdits.combine(a, "a.json", b, "b.json", WorkspaceEdits.Join.OUTER, false));
        assertTrue(outer.getMessage().startsWith("cannot combine a.json and b.json with --join outer: channel 'sr'"
                + " differ"), outer.getMessage());
        // the same workspace twice under outer: identical items are kept once
        JsonNode self = WorkspaceEdits.combine(a, "a.json", a, "a.json", WorkspaceEdits.Join.OUTER, false);
        assertEquals(PyhfDigest.canonicalJson(a), PyhfDigest.canonicalJson(self));
    }

    @Test
    void renamingAnUnknownNameIsAnError() throws IOException {
        JsonNode ws = reference("pyhf/twochannel_staterror_lumi.json");
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class,
                () -> WorkspaceEdits.rename(ws, "ws.json", Map.of(), Map.of("signal_x", "s"), Map.of(), Map.of()));
        assertEquals("ws.json: cannot rename sample 'signal_x': the workspace has no sample of that name (it has"
                + " 'background', 'signal')", e.getMessage());
        InvalidWorkspaceException clash = assertThrows(InvalidWorkspaceException.class,
                () -> WorkspaceEdits.rename(ws, "ws.json", Map.of("sr", "cr"), Map.of(), Map.of(), Map.of()));
        assertTrue(clash.getMessage().startsWith("ws.json after renaming: "), clash.getMessage());
        assertThrows(InvalidWorkspaceException.class, () -> WorkspaceEdits.Join.of("inner"));
        assertEquals(WorkspaceEdits.Join.LEFT_OUTER, WorkspaceEdits.Join.of("left-outer"));
    }
}
