package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.FitStatus;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.teststat.PointEstimateMinimizer;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.calc.ToyCalculator;
import org.recoil.limits.calc.ToySet;
import org.recoil.limits.interval.UpperLimit;
import org.recoil.limits.interval.UpperLimitResult;

class SparkToyCalculatorTest extends SparkSessionTest {

    private static String workspace;

    @BeforeAll
    static void start() throws Exception {
        spark = TestSpark.session();
        workspace = Files.readString(SharedReference.resolve("pyhf/counting_shapesys.json"));
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

    /** Fails every toy fit whose first bin count is divisible by 4 (the observed data's fits succeed). */
    private static final class FlakyMinimizer implements Minimizer {
        private final Minimizer real = new PointEstimateMinimizer();

        @Override
        public FitResult minimize(StatModel model, Data data, double[] init, boolean[] fixed) {
            if (data.main(0) % 4 == 0 && !data.equals(model.observed())) {
                int n = init.length;
                return new FitResult(init, new double[n], new double[n][n], Double.NaN, FitStatus.FAILED, 1,
                        "forced failure");
            }
            return real.minimize(model, data, init, fixed);
        }
    }

    @Test
    void failedToysAreReportedAsInTheLocalRun() {
        ToyModelSpec spec = ToyModelSpec.of(workspace, "counting_shapesys.json", 80, 7L)
                .withMinimizer(FlakyMinimizer::new);
        double mu = 1.0;
        // tolerant: the same toys fail in the same places; the same counts and warnings
        ToyModelSpec tolerant = spec.withMaxFailedFraction(0.6);
        ToyCalculator local = tolerant.calculator(1);
        ToySet expected = local.generate(mu, 0, tolerant.toys());
        ToySet distributed = new SparkToyCalculator(spark, tolerant, 3).generate(mu);
        assertEquals(expected, distributed);
        assertTrue(expected.signalFailed() > 5 && expected.backgroundFailed() > 5,
                expected.signalFailed() + " / " + expected.backgroundFailed());
        HypoTestResult l = local.evaluate(expected);
        HypoTestResult d = new SparkToyCalculator(spark, tolerant, 3).hypotest(mu);
        assertEquals(l.cls(), d.cls(), 0.0);
        assertEquals(l.toys().orElseThrow(), d.toys().orElseThrow());
        assertEquals(l.warnings(), d.warnings());
        assertTrue(d.warnings().stream().anyMatch(w -> w.contains("failed their fits")), d.warnings().toString());
        // strict: too many failures end the test with the local message
        ToyModelSpec strict = spec.withMaxFailedFraction(0.01);
        ComputationException le = assertThrows(ComputationException.class, () -> strict.calculator(1).hypotest(mu));
        ComputationException de = assertThrows(ComputationException.class,
                () -> new SparkToyCalculator(spark, strict, 3).hypotest(mu));
        assertEquals(le.getMessage(), de.getMessage());
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
    void progressCountsTheToyRanges() {
        List<long[]> updates = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ToyModelSpec spec = ToyModelSpec.of(workspace, "ws", 30, 4L);
        ToySet plain = new SparkToyCalculator(spark, spec, 3).generate(0.5);
        ToySet watched = new SparkToyCalculator(spark, spec, 3)
                .withProgress((done, total) -> updates.add(new long[] {done, total})).generate(0.5);
        assertEquals(plain, watched);
        long[] last = updates.get(updates.size() - 1);
        assertEquals(3, last[0]);
        assertEquals(3, last[1]);
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
