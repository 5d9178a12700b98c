package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.core.testing.SharedReference;

/** {@code spark-hypotest}: the batch of signal points, one Spark task per point, equal to the local batch. */
class SparkHypotestCommandTest extends SparkSessionTest {

    private static final Path A = SharedReference.resolve("realworld/sbottom-ins1748602/RegionA");

    private static List<String> args(String command, String... patches) {
        List<String> a = new ArrayList<>(List.of(command, A.resolve("BkgOnly.json").toString(), "--mu", "1", "--json"));
        for (String p : patches) {
            a.add("--patch");
            a.add(p);
        }
        return a;
    }

    @Test
    void everyPointEqualsTheLocalBatch() {
        String[] patches = {A.resolve("patch.sbottom_1000_250_60.json").toString(),
            A.resolve("patch.sbottom_1300_205_60.json").toString(), A.resolve("patch.sbottom_1300_850_60.json").toString()};
        TestSpark.Run local = TestSpark.run(args("hypotest", patches).toArray(String[]::new));
        List<String> spark = args("spark-hypotest", patches);
        spark.addAll(List.of("--master", "local[2]"));
        TestSpark.Run dist = TestSpark.run(spark.toArray(String[]::new));
        assertEquals(0, local.exit(), local.err());
        assertEquals(0, dist.exit(), dist.err());
        assertEquals(3, dist.out().trim().lines().count());
        assertEquals(local.out(), dist.out(), "the same JSON Lines, to the last digit");
    }

    @Test
    void aPointThatFailsIsReportedAndTheOthersKept() {
        String bad = SharedReference.resolve("realworld/sbottom-ins1748602/RegionC/patch.sbottom_1300_1150_60.json")
                .toString();
        List<String> a = args("spark-hypotest", bad, A.resolve("patch.sbottom_1000_250_60.json").toString());
        a.addAll(List.of("--master", "local[2]"));
        TestSpark.Run r = TestSpark.run(a.toArray(String[]::new));
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, r.out().trim().lines().count());
        assertTrue(r.out().startsWith("{\"point\":\"sbottom_1000_250_60\""), r.out());
        assertTrue(r.err().contains("recoil: could not compute 1 of 2 points: sbottom_1300_1150_60"), r.err());
    }
}
