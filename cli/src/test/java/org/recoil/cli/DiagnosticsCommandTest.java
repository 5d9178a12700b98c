package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.testing.SharedReference;

/** {@code recoil diagnostics} and {@code recoil nll-scan}: outputs, JSON documents and bad input. */
class DiagnosticsCommandTest {

    private static final String WS = SharedReference.resolve("pyhf/twochannel_staterror_lumi.json").toString();

    @TempDir
    Path tmp;

    @Test
    void diagnosticsWritesTablesPlotsAndJson() throws IOException {
        Path out = tmp.resolve("diag");
        FitCommandTest.Run r = FitCommandTest.run("diagnostics", WS, "--out", out.toString(), "--json", "--toys", "10",
                "--threads", "2");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("mu", doc.get("poi").asText());
        assertEquals(8, doc.get("correlation").get("parameters").size());
        assertEquals(6, doc.get("pulls").size());
        assertEquals(7, doc.get("impacts").size(), "every free parameter but mu");
        JsonNode minos = doc.get("minos").get(0);
        assertEquals("valid", minos.get("lower_status").asText());
        assertEquals(0.5898, minos.get("upper").asDouble(), 1e-3);
        assertEquals(3, doc.get("gof").get("dof").asInt());
        assertEquals(10, doc.get("gof").get("toys").asInt());
        assertEquals(2, doc.get("yields").size());
        for (String f : List.of("diagnostics.json", "pulls.csv", "impacts.csv", "correlation.csv", "yields.csv",
                "yields.txt", "pulls.png", "pulls.svg", "impacts.png", "impacts.svg", "prefit_sr.png", "postfit_sr.svg",
                "postfit_cr.png", "correlation.png", "correlation.svg")) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        assertEquals(doc, new ObjectMapper().readTree(out.resolve("diagnostics.json").toFile()));
        List<String> impacts = Files.readAllLines(out.resolve("impacts.csv"));
        assertEquals(8, impacts.size());
        assertTrue(impacts.get(1).startsWith("1,"));
        // yields.csv: one header, pre-fit and post-fit rows
        List<String> yields = Files.readAllLines(out.resolve("yields.csv"));
        assertEquals("stage,channel,sample,bin,yield,error,data", yields.get(0));
        assertEquals(1, yields.stream().filter(l -> l.startsWith("stage")).count());
        assertTrue(yields.stream().anyMatch(l -> l.startsWith("postfit,sr,total,2,")));
    }

    @Test
    void badInputIsOneLineExitTwoAndWritesNothing() throws IOException {
        Path out = tmp.resolve("none");
        assertBad(List.of("diagnostics", WS, "--out", out.toString(), "--minos", "nope"), "--minos", "'nope'");
        assertBad(List.of("diagnostics", WS, "--out", out.toString(), "--toys", "0"), "--toys", "at least 1");
        ObjectNode ws = (ObjectNode) new ObjectMapper().readTree(Path.of(WS).toFile());
        for (JsonNode par : ws.get("measurements").get(0).get("config").get("parameters")) {
            if (par.get("name").asText().equals("lumi")) {
                ((ObjectNode) par).put("fixed", true);
            }
        }
        Path fixedWs = tmp.resolve("fixed-lumi.json");
        new ObjectMapper().writeValue(fixedWs.toFile(), ws);
        assertBad(List.of("diagnostics", fixedWs.toString(), "--out", out.toString(), "--impacts-of", "lumi"),
                "'lumi' is fixed", "impacts");
        assertBad(List.of("nll-scan", WS, "--param", "mu", "--range", "-1,2", "--out", out.toString()), "--range",
                "'mu' is outside its bounds");
        assertBad(List.of("nll-scan", WS, "--param", "muu", "--range", "0,2"), "--param", "'muu'");
        assertFalse(Files.exists(out), "nothing written");
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(fixedWs), s.toList(), "no staging folder left behind");
        }
    }

    private static void assertBad(List<String> args, String... needles) {
        FitCommandTest.Run r = FitCommandTest.run(args.toArray(String[]::new));
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String n : needles) {
            assertTrue(r.err().contains(n), r.err());
        }
    }

    @Test
    void nllScanOneAndTwoDimensions() throws IOException {
        FitCommandTest.Run r = FitCommandTest.run("nll-scan", WS, "--param", "mu", "--range", "0,3", "--points", "31",
                "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(31, doc.get("x").size());
        JsonNode c68 = doc.get("crossings_68");
        assertEquals(2, c68.size());
        // MINOS: 0.98268 -0.56914 +0.58983; linear interpolation on a 0.1 grid is within a few 1e-3
        assertEquals(0.98268 - 0.56914, c68.get(0).asDouble(), 5e-3);
        assertEquals(0.98268 + 0.58983, c68.get(1).asDouble(), 5e-3);

        Path out = tmp.resolve("scan2d");
        FitCommandTest.Run r2 = FitCommandTest.run("nll-scan", WS, "--param", "mu", "--range", "0,2.5", "--points", "6",
                "--param", "bkg_norm", "--range", "0.8,1.2", "--points", "5", "--out", out.toString());
        assertEquals(0, r2.exit(), r2.err());
        List<String> csv = r2.out().lines().toList();
        assertEquals("mu,bkg_norm,delta_twice_nll", csv.get(0));
        assertEquals(31, csv.size());
        for (String f : List.of("scan.csv", "scan.json", "scan.png", "scan.svg")) {
            assertTrue(Files.size(out.resolve(f)) > 50, f);
        }
    }
}
