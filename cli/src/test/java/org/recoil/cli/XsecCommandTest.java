package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class XsecCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = RecoilCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonContractAtTwoGeV() throws Exception {
        Run r = run("xsec", "--mass", "2", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        List<String> fields = List.of("mass", "sigma_pb", "sigma_error_pb", "sqrt_s", "gprime");
        assertEquals(fields, iteratorToList(doc.fieldNames()));
        assertEquals(2.0, doc.get("mass").asDouble());
        // physics.json: σ(2 GeV) = 34.644 pb within 1%
        assertEquals(34.644, doc.get("sigma_pb").asDouble(), 0.01 * 34.644);
        double err = doc.get("sigma_error_pb").asDouble();
        assertTrue(err > 0 && err <= 0.003 * doc.get("sigma_pb").asDouble());
        assertEquals(10.58, doc.get("sqrt_s").asDouble());
        // same seed, same number; g'² scaling
        JsonNode again = MAPPER.readTree(run("xsec", "--mass", "2", "--json").out());
        assertEquals(doc.get("sigma_pb").asDouble(), again.get("sigma_pb").asDouble());
        JsonNode scaled = MAPPER.readTree(run("xsec", "--mass", "2", "--gprime", "0.001", "--json").out());
        assertEquals(doc.get("sigma_pb").asDouble() * 1e-6, scaled.get("sigma_pb").asDouble(), 1e-12);
    }

    @Test
    void humanReadableAndFiducial() throws Exception {
        Run plain = run("xsec", "--mass", "6");
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(plain.out().startsWith("sigma(e+e- -> mu+ mu- Z') = 0.66"), plain.out());
        Run fid = run("xsec", "--mass", "2", "--fiducial", "--precision", "0.01", "--json");
        assertEquals(0, fid.exit(), fid.err());
        JsonNode doc = MAPPER.readTree(fid.out());
        double eff = doc.get("efficiency").asDouble();
        assertTrue(eff > 0.5 && eff < 1.0, "efficiency " + eff);
        assertEquals(eff * doc.get("sigma_pb").asDouble(), doc.get("fiducial_sigma_pb").asDouble(), 1e-9);
    }

    @Test
    void tableToStdoutAndFile(@TempDir Path dir) throws Exception {
        Run r = run("xsec", "--table", "--from", "1", "--to", "1.2", "--step", "0.1");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("mass,sigma_pb,sigma_error_pb", lines[0]);
        assertEquals(4, lines.length);
        assertTrue(lines[1].startsWith("1.0,") && lines[3].startsWith("1.2,"), r.out());
        // the table row equals the single-mass number with the same seed
        JsonNode single = MAPPER.readTree(run("xsec", "--mass", "1.1", "--json").out());
        assertEquals(single.get("sigma_pb").asDouble(), Double.parseDouble(lines[2].split(",")[1]));

        Path out = dir.resolve("xsec.csv");
        Run f = run("xsec", "--table", "--from", "1", "--to", "1.2", "--step", "0.1", "--out", out.toString());
        assertEquals(0, f.exit(), f.err());
        assertEquals(r.out(), Files.readString(out));
        Run missingDir = run("xsec", "--table", "--from", "1", "--to", "1.1", "--step", "0.1", "--out",
                dir.resolve("no/such/dir.csv").toString());
        assertEquals(2, missingDir.exit(), missingDir.err());
    }

    @Test
    void badInputExitsWithTwo(@TempDir Path dir) {
        for (String[] args : new String[][] {
            {"xsec", "--mass", "-1", "--json"},
            {"xsec", "--mass", "0"},
            {"xsec", "--mass", "10.4"},
            {"xsec", "--mass", "10.369"},
            {"xsec", "--mass", "2", "--sqrt-s", "1"},
            {"xsec", "--mass", "2", "--precision", "0"},
            {"xsec", "--mass", "abc"},
            {"xsec"},
            {"xsec", "--table", "--from", "1", "--to", "2"},
            {"xsec", "--table", "--from", "2", "--to", "1", "--step", "0.1"},
            {"xsec", "--table", "--from", "0", "--to", "1", "--step", "0.5"},
        }) {
            Run r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.out().isEmpty(), "nothing on stdout for " + String.join(" ", args));
            assertFalse(r.err().contains("Exception"), r.err());
        }
        // a failed table never leaves a partial file
        Path out = dir.resolve("never.csv");
        Run r = run("xsec", "--table", "--from", "10", "--to", "10.5", "--step", "0.1", "--out", out.toString());
        assertEquals(2, r.exit());
        assertFalse(Files.exists(out));
    }

    private static List<String> iteratorToList(java.util.Iterator<String> it) {
        List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
