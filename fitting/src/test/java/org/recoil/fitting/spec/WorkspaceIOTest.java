package org.recoil.fitting.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recoil.core.InvalidInputException;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.ReferenceFiles;

class WorkspaceIOTest {

    static Stream<Path> referenceWorkspaces() throws IOException {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(SharedReference.resolve("pyhf"))) {
            s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("expected.json"))
                    .sorted().forEach(files::add);
        }
        for (String r : List.of("RegionA", "RegionB", "RegionC")) {
            files.add(ReferenceFiles.sbottom(r));
        }
        assertEquals(7, files.size(), "four pyhf and three sbottom workspaces");
        return files.stream();
    }

    /** Numbers compare by value (1 and 1.0 are the same JSON number). */
    private static int compareNodes(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    @ParameterizedTest
    @MethodSource("referenceWorkspaces")
    void roundTripGivesEqualWorkspaceAndEquivalentJson(Path file, @TempDir Path tmp) throws IOException {
        Workspace ws = WorkspaceIO.read(file);
        Path out = tmp.resolve("out.json");
        WorkspaceIO.write(ws, out);
        Workspace back = WorkspaceIO.read(out);
        assertEquals(ws, back);
        assertEquals(ws.hashCode(), back.hashCode());
        ObjectMapper m = new ObjectMapper();
        JsonNode original = m.readTree(file.toFile());
        JsonNode written = m.readTree(out.toFile());
        assertTrue(original.equals(WorkspaceIOTest::compareNodes, written), "JSON trees differ for " + file);
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void sbottomStructureIsRead() {
        Workspace ws = WorkspaceIO.read(ReferenceFiles.sbottom("RegionA"));
        assertEquals(List.of("SR_meff", "VRtt_meff", "CRtt_meff"), ws.channelNames());
        assertEquals("mu_SIG", ws.measurement(null).poi());
        assertEquals(0.017, ws.measurement("NormalMeasurement").parameters().get(0).sigmas()[0]);
    }

    private static String twobin() throws IOException {
        return Files.readString(ReferenceFiles.pyhf("twobin_normsys_histosys.json"));
    }

    private static String errorOf(String json) {
        return assertThrows(InvalidWorkspaceException.class, () -> WorkspaceIO.read(json, "ws.json")).getMessage();
    }

    @Test
    void errorsNameFileChannelSampleModifierAndBin() throws IOException {
        String ok = twobin().replaceAll("\\s+", "");
        assertEquals("ws.json: channel 'sr', sample 'background', modifier 'bkg_shape' (histosys): hi_data has 3 bins"
                        + " but lo_data has 2",
                errorOf(ok.replace("[114.0,150.0]", "[114.0,150.0,1.0]")));
        assertEquals("ws.json: channel 'sr', sample 'background', modifier 'bkg_shape' (histosys): data has 3 bins, expected 2"
                        + " (the sample's bin count)",
                errorOf(ok.replace("[114.0,150.0]", "[114.0,150.0,1.0]").replace("[107.0,133.0]", "[107.0,133.0,1.0]")));
        String unknown = errorOf(ok.replace("\"type\":\"histosys\"", "\"type\":\"histosis\""));
        assertTrue(unknown.startsWith("ws.json: channel 'sr', sample 'background', modifier 'bkg_shape' (histosis):"
                + " unknown modifier type 'histosis'"), unknown);
        assertEquals("ws.json: channel 'sr', sample 'background': has 3 bins, expected 2 (as sample 'signal')",
                errorOf(ok.replace("[110.0,140.0]", "[110.0,140.0,3.0]")
                        .replace("[114.0,150.0]", "[114.0,150.0,1.0]").replace("[107.0,133.0]", "[107.0,133.0,1.0]")));
        assertEquals("ws.json: observation 'sr': has 3 bins, expected 2 (the channel's bin count)",
                errorOf(ok.replace("[118.0,151.0]", "[118.0,151.0,4.0]")));
        assertEquals("ws.json: channel 'sr' has no observation, expected an entry named 'sr' in observations",
                errorOf(ok.replace("\"observations\":[{\"name\":\"sr\"", "\"observations\":[{\"name\":\"cr\"")));
        assertEquals("ws.json: channel 'sr': duplicate sample name 'signal'",
                errorOf(ok.replace("\"name\":\"background\"", "\"name\":\"signal\"")));
        assertEquals("ws.json: channel 'sr', sample 'signal' data: bin 1 is \"x\", expected a number",
                errorOf(ok.replace("[12.0,30.0]", "[12.0,\"x\"]")));
        assertEquals("ws.json: measurement 'meas', parameter config 'mu': inconsistent bounds[0] = [10.0, 0.0],"
                        + " expected lower <= upper",
                errorOf(ok.replace("[[0.0,10.0]]", "[[10.0,0.0]]")));
        assertEquals("ws.json: observation 'sr': bin 1 has -151.0 events, expected a count >= 0",
                errorOf(ok.replace("[118.0,151.0]", "[118.0,-151.0]")));
        assertTrue(errorOf("{\"version\":").startsWith("ws.json: not valid JSON at line 1"));
        assertEquals("ws.json: version '2.0.0' is not supported, expected '1.0.0'",
                errorOf(ok.replace("\"1.0.0\"", "\"2.0.0\"")));
        assertEquals("ws.json: the workspace: unknown field 'extra', expected only [channels, measurements,"
                + " observations, version]", errorOf(ok.replace("{\"version\"", "{\"extra\":1,\"version\"")));
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class,
                () -> WorkspaceIO.read(Path.of("/nonexistent/ws.json")));
        assertEquals("/nonexistent/ws.json: no such workspace file", e.getMessage());
        assertTrue(InvalidInputException.class.isInstance(e));
    }

    @Test
    void dataAfterTheDocumentIsAnError() throws IOException {
        String ok = twobin().strip();
        String second = errorOf(ok + "\n" + ok);
        assertTrue(second.startsWith("ws.json: data after the JSON document at line ") && second.contains(
                "a second JSON object"), second);
        String garbage = errorOf(ok + " trailing");
        assertTrue(garbage.startsWith("ws.json: not valid JSON at line ") && garbage.contains("trailing"), garbage);
        String number = errorOf(ok + " 42");
        assertTrue(number.startsWith("ws.json: data after the JSON document at line") && number.contains("'42'"),
                number);
        // whitespace after the document is fine
        assertEquals(WorkspaceIO.read(ok, "ws.json"), WorkspaceIO.read(ok + "\n\n  \t\n", "ws.json"));
    }

    @Test
    void nestingDeeperThanTheParserLimitIsAnErrorWithItsLocation() {
        String deep = "{\"version\":\"1.0.0\",\"channels\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        String message = errorOf(deep);
        assertTrue(message.matches("ws\\.json: not valid JSON at line 1, column \\d+: .*nesting depth.*"), message);
        assertFalse(message.contains("null"), message);
    }

    @Test
    void pruneDropsModifiersSamplesChannelsAndTheirConfigs() {
        Workspace ws = WorkspaceIO.read(ReferenceFiles.pyhf("twochannel_staterror_lumi.json"));
        Workspace p = ws.prune(Set.of("lumi", "staterror_cr"), Set.of("signal"), Set.of());
        assertFalse(p.modifierNames().contains("lumi"));
        assertFalse(p.modifierNames().contains("staterror_cr"));
        assertTrue(p.modifierNames().contains("staterror_sr"));
        assertEquals(List.of("background"), p.sampleNames());
        assertEquals(List.of("mu", "bkg_norm"), p.measurement(null).parameters().stream().map(ParameterConfig::name).toList());
        Workspace c = ws.prune(Set.of(), Set.of(), Set.of("cr"));
        assertEquals(List.of("sr"), c.channelNames());
        assertEquals(1, c.observations().size());
        assertEquals("cannot prune channel 'xx': no such channel; channels are [cr, sr]",
                assertThrows(InvalidWorkspaceException.class, () -> ws.prune(Set.of(), Set.of(), Set.of("xx"))).getMessage());
        assertEquals("pruning would leave channel 'cr' without samples; prune the channel instead",
                assertThrows(InvalidWorkspaceException.class,
                        () -> ws.prune(Set.of(), Set.of("background"), Set.of())).getMessage());
    }

    @Test
    void programmaticWorkspaceRoundTrips() {
        Workspace ws = Workspace.of(
                List.of(Channel.of("sr",
                        Sample.of("signal", new double[] {1, 2}, Modifier.normfactor("mu")),
                        Sample.of("bkg", new double[] {10, 20}, Modifier.normsys("n", 1.1, 0.9),
                                Modifier.shapesys("s", new double[] {1, 2}), Modifier.staterror("st", new double[] {1, 1}),
                                Modifier.histosys("h", new double[] {11, 21}, new double[] {9, 19}),
                                Modifier.shapefactor("sf"), Modifier.lumi("lumi")))),
                List.of(new Observation("sr", new double[] {12, 21})),
                List.of(Measurement.of("m", "mu", ParameterConfig.named("mu").withScalar(1, 0, 5).withFixed(false),
                        ParameterConfig.named("lumi").withConstraint(new double[] {1}, new double[] {0.02}))));
        assertEquals(ws, WorkspaceIO.read(WorkspaceIO.toJson(ws), "memory"));
    }
}
