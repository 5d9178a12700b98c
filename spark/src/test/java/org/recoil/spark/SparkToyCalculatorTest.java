package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.calc.ToyCalculator;
import org.recoil.limits.calc.ToySet;
import org.recoil.limits.interval.UpperLimit;
import org.recoil.limits.interval.UpperLimitResult;

class SparkToyCalculatorTest {

    private static SparkSession spark;
    private static String workspace;

    @BeforeAll
    static void start() throws Exception {
        spark = TestSpark.session();
        workspace = Files.readString(TestSpark.reference().resolve("pyhf/counting_shapesys.json"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void rangesCoverAllToysContiguously() {
        List<SparkToyCalculator.ToyRange> r = SparkToyCalculator.ranges(10, 3);
        assertEquals(List.of(new SparkToyCalculator.ToyRange(0, 4), new SparkToyCalculator.ToyRange(4, 3),
                new SparkToyCalculator.ToyRange(7, 3)), r);
    }

    @Test
    void distributedToysAreIdenticalToTheLocalRunToyForToy() {
        ToyModelSpec spec = ToyModelSpec.of(workspace, "counting_shapesys.json", 60, 20260521L);
        double mu = 1.5;
        ToyCalculator local = spec.calculator(2);
        ToySet expected = local.generate(mu, 0, spec.toys());
        for (int parts : new int[] {1, 3, 7}) {
            ToySet distributed = new SparkToyCalculator(spark, spec, parts).generate(mu);
            assertEquals(expected, distributed, "toy sets differ with " + parts + " partitions");
        }
        HypoTestResult l = local.evaluate(expected);
        HypoTestResult d = new SparkToyCalculator(spark, spec, 5).hypotest(mu);
        assertEquals(l.cls(), d.cls(), 0.0);
        assertEquals(l.clsb(), d.clsb(), 0.0);
        assertEquals(l.clb(), d.clb(), 0.0);
        assertEquals(l.clsExpected(), d.clsExpected());
        assertEquals(l.toys().orElseThrow(), d.toys().orElseThrow());
        // the toys are real pseudo-experiments: values spread, CLs strictly between 0 and 1
        assertTrue(d.cls() > 0 && d.cls() < 1, "CLs " + d.cls());
        assertTrue(expected.size() == 60 && expected.signalFailed() == 0 && expected.backgroundFailed() == 0);
    }

    @Test
    void toyUpperLimitEqualsTheLocalOne() {
        ToyModelSpec spec = ToyModelSpec.of(workspace, "counting_shapesys.json", 40, 99L);
        UpperLimitResult local = UpperLimit.defaults().compute(spec.calculator(2));
        UpperLimitResult distributed = UpperLimit.defaults().compute(new SparkToyCalculator(spark, spec, 3));
        assertEquals(local.observed(), distributed.observed(), 0.0);
        assertEquals(local.expected(), distributed.expected());
        assertTrue(local.observed() > 0 && local.observed() < 20, "limit " + local.observed());
    }

    @Test
    void aDifferentSeedGivesDifferentToys() {
        ToySet a = new SparkToyCalculator(spark, ToyModelSpec.of(workspace, "ws", 20, 1L), 2).generate(1.0);
        ToySet b = new SparkToyCalculator(spark, ToyModelSpec.of(workspace, "ws", 20, 2L), 2).generate(1.0);
        assertTrue(!java.util.Arrays.equals(a.signal(), b.signal()));
    }

    @Test
    void badWorkspaceIsBadInputBeforeAnyTaskRuns() {
        ToyModelSpec bad = ToyModelSpec.of("{\"version\": \"1.0.0\", \"channels\": []}", "broken.json", 4, 1L);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SparkToyCalculator(spark, bad, 2).generate(1.0));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
    }
}
