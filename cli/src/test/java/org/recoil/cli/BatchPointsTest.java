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
import org.recoil.core.testing.SharedReference;

/**
 * Batches of signal points in one process ({@code --patch} several times, {@code --patchset --all-points}):
 * every point of the published ATLAS sbottom likelihoods equals its single-point run to the last bit.
 */
class BatchPointsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Path region(String r) {
        return SharedReference.resolve("realworld/sbottom-ins1748602/" + r);
    }

    private static List<Path> patches(String r) throws IOException {
        try (Stream<Path> s = Files.list(region(r))) {
            return s.filter(p -> p.getFileName().toString().startsWith("patch.")).sorted().toList();
        }
    }

    private static List<JsonNode> lines(FitCommandTest.Run r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            out.add(MAPPER.readTree(l));
        }
        return out;
    }

    private static String pointName(Path patch) {
        String f = patch.getFileName().toString();
        return f.substring("patch.".length(), f.length() - ".json".length());
    }

    /** Every patch of every region: the batch's line, without "point", is the single-point document. */
    @Test
    void everySbottomPointOfABatchEqualsItsSinglePointRun() throws IOException {
        int points = 0;
        for (String r : List.of("RegionA", "RegionB", "RegionC")) {
            List<Path> ps = patches(r);
            List<String> args = new ArrayList<>(List.of("hypotest", region(r).resolve("BkgOnly.json").toString(),
                    "--mu", "1", "--json", "--threads", "2"));
            for (Path p : ps) {
                args.add("--patch");
                args.add(p.toString());
            }
            if (ps.size() == 1) { // one patch is a single point: give it twice to make a batch
                args.add("--patch");
                args.add(ps.get(0).toString());
            }
            FitCommandTest.Run batch = FitCommandTest.run(args.toArray(String[]::new));
            assertEquals(0, batch.exit(), batch.err());
            List<JsonNode> got = lines(batch);
            assertEquals(Math.max(2, ps.size()), got.size());
            for (int i = 0; i < got.size(); i++) {
                Path p = ps.get(Math.min(i, ps.size() - 1));
                JsonNode line = got.get(i);
                assertEquals("point", line.fieldNames().next(), "\"point\" comes first");
                String single = FitCommandTest.run("hypotest", region(r).resolve("BkgOnly.json").toString(), "--patch",
                        p.toString(), "--mu", "1", "--json").out();
                ObjectNode rest = ((ObjectNode) line.deepCopy());
                rest.remove("point");
                // same fields, same order, same doubles to the last bit
                assertEquals(MAPPER.readTree(single).toString(), rest.toString(), r + " " + p);
                points++;
            }
            if (ps.size() > 1) {
                for (int i = 0; i < ps.size(); i++) {
                    assertEquals(pointName(ps.get(i)), got.get(i).get("point").asText());
                }
            }
        }
        assertEquals(7, points);
    }

    /** A patchset of RegionA's three patches, as HEPData publishes them, with pyhf's digest of BkgOnly.json. */
    static Path patchset(Path tmp, String sha256) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode meta = root.putObject("metadata");
        meta.put("description", "sbottom RegionA");
        meta.putObject("digests").put("sha256", sha256);
        meta.putArray("labels").add("m_sbottom").add("m_chi2").add("m_chi1");
        meta.putObject("references").put("hepdata", "ins1748602");
        ArrayNode list = root.putArray("patches");
        for (Path p : patches("RegionA")) {
            ObjectNode e = list.addObject();
            ObjectNode pm = e.putObject("metadata");
            pm.put("name", pointName(p));
            ArrayNode values = pm.putArray("values");
            for (String v : pointName(p).substring("sbottom_".length()).split("_")) {
                values.add(Integer.parseInt(v));
            }
            e.set("patch", MAPPER.readTree(p.toFile()));
        }
        root.put("version", "1.0.0");
        Path f = tmp.resolve("patchset.json");
        MAPPER.writeValue(f.toFile(), root);
        return f;
    }

    private static final String REGION_A_SHA256 = "516fa21b09fd7aecb09116e8906f8259f151aa41b8763eefd9e5548bb7c82a58";

    @Test
    void allPointsOfAPatchsetWithTableAndOneThread(@TempDir Path tmp) throws IOException {
        String bkg = region("RegionA").resolve("BkgOnly.json").toString();
        String set = patchset(tmp, REGION_A_SHA256).toString();
        Path csv = tmp.resolve("points.csv");
        FitCommandTest.Run r = FitCommandTest.run("hypotest", bkg, "--patchset", set, "--all-points", "--mu", "1", "--json",
                "--threads", "1", "--out", csv.toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> got = lines(r);
        assertEquals(3, got.size());
        for (JsonNode line : got) {
            // the single-point run with the patch file (the same as with --patchset --point: PatchOptionsTest)
            String single = FitCommandTest.run("hypotest", bkg, "--patch", region("RegionA").resolve("patch."
                    + line.get("point").asText() + ".json").toString(), "--mu", "1", "--json").out();
            ObjectNode rest = (ObjectNode) line.deepCopy();
            rest.remove("point");
            assertEquals(MAPPER.readTree(single).toString(), rest.toString());
        }
        List<String> rows = Files.readAllLines(csv);
        assertEquals("point,mu,cls,clsb,clb,cls_expected_0,cls_expected_1,cls_expected_2,cls_expected_3,cls_expected_4,"
                + "calc,test_statistic,error", rows.get(0));
        assertEquals(4, rows.size());
        assertEquals("sbottom_1000_250_60,1.0," + got.get(0).get("cls").asDouble() + ",", rows.get(1).substring(0,
                rows.get(1).indexOf(',', rows.get(1).indexOf(',', "sbottom_1000_250_60,1.0,".length()) ) + 1));
    }

    /** Limits in a batch: two signal shapes patched into a small two-channel workspace. */
    @Test
    void limitBatchEqualsSingleLimits(@TempDir Path tmp) throws IOException {
        String bkg = SharedReference.resolve("pyhf/twochannel_staterror_lumi.json").toString();
        List<String> patches = new ArrayList<>();
        for (String data : List.of("[2.0, 6.0, 12.0]", "[9.0, 4.0, 1.5]")) {
            Path p = tmp.resolve("patch.signal_" + patches.size() + ".json");
            Files.writeString(p, "[{\"op\": \"replace\", \"path\": \"/channels/1/samples/0/data\", \"value\": " + data
                    + "}]");
            patches.add(p.toString());
        }
        FitCommandTest.Run r = FitCommandTest.run("limit", bkg, "--patch", patches.get(0), "--patch", patches.get(1),
                "--json");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> got = lines(r);
        assertEquals(2, got.size());
        for (int i = 0; i < 2; i++) {
            assertEquals("signal_" + i, got.get(i).get("point").asText());
            String single = FitCommandTest.run("limit", bkg, "--patch", patches.get(i), "--json").out();
            ObjectNode rest = (ObjectNode) got.get(i).deepCopy();
            rest.remove("point");
            assertEquals(MAPPER.readTree(single).toString(), rest.toString());
        }
        assertTrue(got.get(0).get("observed").asDouble() != got.get(1).get("observed").asDouble());
    }

    @Test
    void aPatchThatFailsAtOnePointIsReportedAndTheOthersKept(@TempDir Path tmp) throws IOException {
        String bkg = region("RegionA").resolve("BkgOnly.json").toString();
        Path good = patches("RegionA").get(0);
        // RegionC's patch removes channel 5: RegionA has 3 channels
        Path bad = region("RegionC").resolve("patch.sbottom_1300_1150_60.json");
        Path json = tmp.resolve("t.json");
        FitCommandTest.Run r = FitCommandTest.run("hypotest", bkg, "--patch", bad.toString(), "--patch", good.toString(),
                "--mu", "1", "--json", "--out", json.toString());
        assertEquals(3, r.exit(), r.err());
        List<JsonNode> got = lines(r);
        assertEquals(1, got.size(), "the good point is kept");
        assertEquals("sbottom_1000_250_60", got.get(0).get("point").asText());
        List<String> err = r.err().trim().lines().toList();
        assertEquals(2, err.size(), r.err());
        assertEquals("recoil: point sbottom_1300_1150_60: " + bad + ": operation 2 (remove /channels/5): cannot apply: the"
                + " path does not exist in the document (/channels is an array of 3 elements, no index '5')", err.get(0));
        assertEquals("recoil: could not compute 1 of 2 points: sbottom_1300_1150_60", err.get(1));
        JsonNode table = MAPPER.readTree(json.toFile());
        assertEquals(2, table.size());
        assertTrue(table.get(0).get("error").asText().contains("operation 2"));
        assertEquals(got.get(0).get("cls").asDouble(), table.get(1).get("cls").asDouble());
    }

    @Test
    void badBatchInputIsOneLineAndExitTwo(@TempDir Path tmp) throws IOException {
        String bkg = region("RegionA").resolve("BkgOnly.json").toString();
        // a patchset made for RegionB's workspace
        String set = patchset(tmp, "e7d31923a652d498cfd62137c287a2460f5f63cdb9058f3a4deadef74fa35655").toString();
        Path out = tmp.resolve("never.csv");
        FitCommandTest.assertBadInput(FitCommandTest.run("hypotest", bkg, "--patchset", set, "--all-points", "--mu", "1",
                "--json", "--out", out.toString()), "recoil: error: " + set + ": the patchset was made for a"
                + " background-only workspace with sha256 e7d31923a652d498cfd62137c287a2460f5f63cdb9058f3a4deadef74fa35655,"
                + " but " + bkg + " has sha256 " + REGION_A_SHA256 + "; use the workspace published with this patchset");
        assertFalse(Files.exists(out));
        FitCommandTest.assertBadInput(FitCommandTest.run("hypotest", bkg, "--all-points", "--mu", "1"),
                "recoil: error: --all-points needs a patchset: give --patchset FILE");
        FitCommandTest.assertBadInput(FitCommandTest.run("limit", bkg, "--patch", patches("RegionA").get(0).toString(),
                "--patch", patches("RegionA").get(1).toString(), "--out", tmp.resolve("t.txt").toString()),
                "recoil: error: --out " + tmp.resolve("t.txt") + ": expected a .csv or .json file name");
    }
}
