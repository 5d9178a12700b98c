package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.recoil.core.testing.SharedReference;

class SparkToysCommandTest extends SparkSessionTest {






    @Test
    void sameJsonAsTheLocalToyHypotest() throws Exception {
        String ws = SharedReference.resolve("pyhf/counting_shapesys.json").toString();
        TestSpark.Run local = TestSpark.run("hypotest", ws, "--mu", "2", "--calc", "toys", "--toys", "50",
                "--seed", "11", "--json");
        TestSpark.Run dist = TestSpark.run("spark-toys", ws, "--mu", "2", "--toys", "50", "--seed", "11",
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
        TestSpark.Run r = TestSpark.run("spark-toys", "/no/such/ws.json", "--mu", "1", "--json");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.out().isEmpty());
        assertTrue(r.err().contains("ws.json"), r.err());
        TestSpark.Run t = TestSpark.run("spark-toys", SharedReference.resolve("pyhf/counting_shapesys.json")
                .toString(), "--mu", "1", "--toys", "0");
        assertEquals(2, t.exit(), t.err());
    }
}
