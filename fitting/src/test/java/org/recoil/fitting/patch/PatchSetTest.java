package org.recoil.fitting.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recoil.fitting.ReferenceFiles;
import org.recoil.fitting.spec.InvalidWorkspaceException;
import org.recoil.fitting.spec.Workspace;

/**
 * pyhf patchsets built from the published RegionA patch files: selection by name and by values, the
 * patchset's digest of the background-only workspace, and the validation errors.
 */
class PatchSetTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern POINT = Pattern.compile("patch\\.(sbottom_(\\d+)_(\\d+)_(\\d+))\\.json");

    /**
     * sha256 and md5 of the canonical JSON of each BkgOnly.json as pyhf defines it, computed with Python's
     * hashlib and json modules: {@code hashlib.sha256(json.dumps(json.load(f), sort_keys=True,
     * ensure_ascii=False).encode('utf8')).hexdigest()}
     * (pyhf 0.7's {@code utils.digest}: Python's default separators; {@code pyhf digest} prints the same sha256).
     */
    @ParameterizedTest
    @CsvSource({
        "RegionA, 516fa21b09fd7aecb09116e8906f8259f151aa41b8763eefd9e5548bb7c82a58, c62c23c87d1c9b735c75cf0830f0ad84, 253969",
        "RegionB, e7d31923a652d498cfd62137c287a2460f5f63cdb9058f3a4deadef74fa35655, 05d605db218ff67ea49ae79a4ff49a6d, 157473",
        "RegionC, 223c07cd7e0a9423f072b0aef6ba1be2dbfe3934f5e6a315e444792a0646e460, 9fbae7bd5c5390f920945ad3800918c4, 392866"})
    void digestOfThePublishedWorkspacesMatchesPython(String region, String sha256, String md5, int utf8Length)
            throws IOException {
        JsonNode ws = MAPPER.readTree(ReferenceFiles.sbottom(region).toFile());
        assertEquals(utf8Length, PyhfDigest.canonicalJson(ws).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertEquals(sha256, PyhfDigest.digest(ws, "sha256"));
        assertEquals(md5, PyhfDigest.digest(ws, "md5"));
    }

    /** Python 3's json.dumps of the same doubles (CPython float repr), element by element. */
    @Test
    void floatsAreWrittenAsPythonDoes() throws IOException {
        String values = "[1.0, 0.1, 1e-5, 1.5e-05, 0.0001, 123456789012345678.0, 1e16, 1234567890123456.0, 1e22,"
                + " 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.30000000000000004, 2.5, -0.0, 100.0,"
                + " 1e15, 9.999999999999999e15, 1152921504606846976.0, 0.000123456, 3.14159e-7, 0.3333333333333333,"
                + " 0.6666666666666666, 1e-4, 12345.678]";
        String python = "[1.0, 0.1, 1e-05, 1.5e-05, 0.0001, 1.2345678901234568e+17, 1e+16, 1234567890123456.0, 1e+22,"
                + " 5e-324, 2.2250738585072014e-308, 1.7976931348623157e+308, 0.30000000000000004, 2.5, -0.0, 100.0,"
                + " 1000000000000000.0, 1e+16, 1.152921504606847e+18, 0.000123456, 3.14159e-07, 0.3333333333333333,"
                + " 0.6666666666666666, 0.0001, 12345.678]";
        assertEquals(python, PyhfDigest.canonicalJson(MAPPER.readTree(values)));
        assertEquals("{\"A\": [true, false, null], \"a\": \"x\\\"\\\\\\n\\t\u00e9\\u0001\", \"b\": 1}",
                PyhfDigest.canonicalJson(MAPPER.readTree("{\"b\":1,\"a\":\"x\\\"\\\\\\n\\t\u00e9\\u0001\","
                        + "\"A\":[true,false,null]}")));
    }

    /** Builds a patchset as HEPData publishes it from RegionA's patch files, names and values from the file names. */
    static ObjectNode regionAPatchset(String sha256) throws IOException {
        Path dir = ReferenceFiles.sbottom("RegionA").getParent();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> POINT.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        assertEquals(3, files.size(), "RegionA has three signal patches");
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode meta = root.putObject("metadata");
        meta.put("description", "sbottom multi-b, RegionA");
        meta.putObject("digests").put("sha256", sha256);
        ArrayNode labels = meta.putArray("labels");
        labels.add("m_sbottom").add("m_chi2").add("m_chi1");
        meta.putObject("references").put("hepdata", "ins1748602");
        ArrayNode patches = root.putArray("patches");
        for (Path f : files) {
            Matcher m = POINT.matcher(f.getFileName().toString());
            assertTrue(m.matches());
            ObjectNode p = patches.addObject();
            ObjectNode pm = p.putObject("metadata");
            pm.put("name", m.group(1));
            pm.putArray("values").add(Integer.parseInt(m.group(2))).add(Integer.parseInt(m.group(3)))
                    .add(Integer.parseInt(m.group(4)));
            p.set("patch", MAPPER.readTree(f.toFile()));
        }
        root.put("version", "1.0.0");
        return root;
    }

    private static Path writeTo(Path dir, JsonNode doc) throws IOException {
        Path p = dir.resolve("patchset.json");
        MAPPER.writeValue(p.toFile(), doc);
        return p;
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"sbottom_1300_850_60; sbottom_1300_850_60", "1300,850,60; sbottom_1300_850_60",
        " 1300.0, 850 ,6e1 ; sbottom_1300_850_60", "1000,250,60; sbottom_1000_250_60", "sbottom_1300_205_60; sbottom_1300_205_60"})
    void selectsByNameOrValuesAndGivesTheSameWorkspaceAsThePatchFile(String point, String name, @TempDir Path tmp)
            throws IOException {
        Path set = writeTo(tmp, regionAPatchset("516fa21b09fd7aecb09116e8906f8259f151aa41b8763eefd9e5548bb7c82a58"));
        PatchSet ps = PatchSet.read(set);
        assertEquals(List.of("m_sbottom", "m_chi2", "m_chi1"), ps.labels());
        assertEquals("ins1748602", ps.references().get("hepdata"));
        assertEquals(List.of("sbottom_1000_250_60", "sbottom_1300_205_60", "sbottom_1300_850_60"), ps.names());
        PatchSet.Entry e = ps.select(point);
        assertEquals(name, e.name());
        Path bkg = ReferenceFiles.sbottom("RegionA");
        Workspace viaSet = WorkspaceSource.of(bkg).withPatchset(set, point).read();
        Workspace viaFile = WorkspaceSource.of(bkg).withPatch(bkg.getParent().resolve("patch." + name + ".json")).read();
        assertEquals(viaFile, viaSet);
        assertEquals(name, viaSet.channels().get(0).samples().get(0).name());
    }

    @Test
    void unknownPointListsTheAvailableOnes(@TempDir Path tmp) throws IOException {
        Path set = writeTo(tmp, regionAPatchset("516fa21b09fd7aecb09116e8906f8259f151aa41b8763eefd9e5548bb7c82a58"));
        PatchSet ps = PatchSet.read(set);
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class, () -> ps.select("1300,850,61"));
        assertEquals(set + ": no patch named '1300,850,61' or with values (m_sbottom, m_chi2, m_chi1) = [1300,850,61];"
                + " the 3 points are sbottom_1000_250_60 [1000,250,60], sbottom_1300_205_60 [1300,205,60],"
                + " sbottom_1300_850_60 [1300,850,60]", e.getMessage());
        e = assertThrows(InvalidWorkspaceException.class, () -> ps.select("sbottom_9"));
        assertTrue(e.getMessage().startsWith(set + ": no patch named 'sbottom_9'; the 3 points are"), e.getMessage());
    }

    @Test
    void patchsetForAnotherWorkspaceIsRejectedByItsDigest(@TempDir Path tmp) throws IOException {
        // RegionA's patches with RegionB's digest: the background-only workspace does not match
        Path set = writeTo(tmp, regionAPatchset("e7d31923a652d498cfd62137c287a2460f5f63cdb9058f3a4deadef74fa35655"));
        Path bkg = ReferenceFiles.sbottom("RegionA");
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class,
                () -> WorkspaceSource.of(bkg).withPatchset(set, "1300,850,60").read());
        assertEquals(set + ": the patchset was made for a background-only workspace with sha256"
                + " e7d31923a652d498cfd62137c287a2460f5f63cdb9058f3a4deadef74fa35655, but " + bkg + " has sha256"
                + " 516fa21b09fd7aecb09116e8906f8259f151aa41b8763eefd9e5548bb7c82a58; use the workspace published"
                + " with this patchset", e.getMessage());
    }

    @Test
    void invalidPatchsetsAreRejected(@TempDir Path tmp) throws IOException {
        String sha = "516fa21b09fd7aecb09116e8906f8259f151aa41b8763eefd9e5548bb7c82a58";
        ObjectNode dupName = regionAPatchset(sha);
        ((ObjectNode) dupName.at("/patches/1/metadata")).put("name", "sbottom_1000_250_60");
        assertEquals("s.json: two patches are named 'sbottom_1000_250_60', expected unique names", message(dupName));

        ObjectNode dupValues = regionAPatchset(sha);
        ((ObjectNode) dupValues.at("/patches/1/metadata")).set("values", MAPPER.readTree("[1000.0, 250, 60]"));
        assertEquals("s.json: patch 'sbottom_1300_205_60' has the same values [1000,250,60] as another patch,"
                + " expected unique values", message(dupValues));

        ObjectNode wrongCount = regionAPatchset(sha);
        ((ObjectNode) wrongCount.at("/patches/2/metadata")).set("values", MAPPER.readTree("[1300, 850]"));
        assertEquals("s.json: patch 'sbottom_1300_850_60' has 2 values, expected 3 (one per label"
                + " [m_sbottom, m_chi2, m_chi1])", message(wrongCount));

        ObjectNode version = regionAPatchset(sha);
        version.put("version", "2.0.0");
        assertEquals("s.json: patchset version \"2.0.0\" is not supported, expected \"1.0.0\"", message(version));

        ObjectNode noLabels = regionAPatchset(sha);
        ((ObjectNode) noLabels.get("metadata")).remove("labels");
        assertEquals("s.json: metadata.labels is missing, expected an array of names", message(noLabels));

        ObjectNode badOp = regionAPatchset(sha);
        ((ObjectNode) badOp.at("/patches/2/patch/2")).put("op", "delete");
        assertEquals("s.json, patch 'sbottom_1300_850_60': operation 2 (delete /channels/1): unknown operation 'delete',"
                + " expected one of add, remove, replace, move, copy, test", message(badOp));

        ObjectNode none = regionAPatchset(sha);
        none.putArray("patches");
        assertEquals("s.json: the patchset has no patches, expected at least one", message(none));

        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class,
                () -> PatchSet.fromTree(MAPPER.readTree("[]"), "p.json"));
        assertEquals("p.json: is a single JSON patch (an array of operations), not a pyhf patchset; apply it with"
                + " --patch p.json", e.getMessage());
    }

    private static String message(JsonNode doc) {
        return assertThrows(InvalidWorkspaceException.class, () -> PatchSet.fromTree(doc, "s.json")).getMessage();
    }

    @Test
    void patchsetNeedsAPointAndAPointNeedsAPatchset() {
        Path bkg = ReferenceFiles.sbottom("RegionA");
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class,
                () -> new WorkspaceSource(bkg, List.of(), Path.of("set.json"), null));
        assertEquals("set.json: a patchset needs a point: give its patch name or its values (--point NAME or"
                + " --point V1,V2,...)", e.getMessage());
        e = assertThrows(InvalidWorkspaceException.class, () -> new WorkspaceSource(bkg, new ArrayList<>(), null, "x"));
        assertEquals("--point x needs a patchset (--patchset FILE)", e.getMessage());
    }
}
