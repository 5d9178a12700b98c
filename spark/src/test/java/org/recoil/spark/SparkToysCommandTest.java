package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recoil.cli.RecoilCli;
import org.recoil.core.testing.SharedReference;
import picocli.CommandLine;

class SparkToysCommandTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void sameJsonAsTheLocalToyHypotest() throws Exception {
        String ws = SharedReference.resolve("pyhf/counting_shapesys.json").toString();
        Run local = run(RecoilCli.commandLine(), "hypotest", ws, "--mu", "2", "--calc", "toys", "--toys", "50",
                "--seed", "11", "--json");
        Run dist = run(SparkCli.commandLine(), "spark-toys", ws, "--mu", "2", "--toys", "50", "--seed", "11",
                "--partitions", "4", "--json");
        assertEquals(0, local.exit(), local.err());
        assertEquals(0, dist.exit(), dist.err());
        ObjectMapper m = new ObjectMapper();
        JsonNode l = m.readTree(local.out());
        JsonNode d = m.readTree(dist.out());
        assertEquals(l, d, "local:\n" + local.out() + "\nspark:\n" + dist.out());
        assertEquals(50, d.get("toys").get("signal").asInt());
        assertEquals(5, d.get("cls_expected").size());
        assertTrue(d.get("cls").asDouble() > 0 && d.get("cls").asDouble() < 1);
    }

    @Test
    void badInputExitsWithTwo() {
        Run r = run(SparkCli.commandLine(), "spark-toys", "/no/such/ws.json", "--mu", "1", "--json");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.out().isEmpty());
        assertTrue(r.err().contains("ws.json"), r.err());
        Run t = run(SparkCli.commandLine(), "spark-toys", SharedReference.resolve("pyhf/counting_shapesys.json")
                .toString(), "--mu", "1", "--toys", "0");
        assertEquals(2, t.exit(), t.err());
    }
}
