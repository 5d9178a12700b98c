package org.recoil.limits.calc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.FitStatus;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.TestSupport;
import org.recoil.limits.model.CountingModel;
import org.recoil.limits.teststat.EventCount;
import org.recoil.limits.teststat.ProfileLikelihoodStatistic;

class ToyCalculatorTest {

    /** Two bins with Gaussian-constrained backgrounds: fits of every toy move the nuisance parameters. */
    private static final CountingModel TWO_BIN = CountingModel.builder()
            .bin(10, 100, 105, 0.05).bin(5, 80, 78, 0.05).build();

    private static ToyCalculator calc(StatModel m, ToyOptions o) {
        return new ToyCalculator(m, m.observed(), TestSupport.minimizer(), ProfileLikelihoodStatistic.Q_MU_TILDE, o);
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalToys() {
        ToySet one = calc(TWO_BIN, ToyOptions.of(300, 11).withThreads(1)).generate(1.5, 0, 300);
        ToySet two = calc(TWO_BIN, ToyOptions.of(300, 11).withThreads(2)).generate(1.5, 0, 300);
        assertEquals(one, two);
        assertArrayEquals(one.signal(), two.signal());
        // and the values are real fits, not a constant
        assertTrue(java.util.Arrays.stream(one.background()).distinct().count() > 100);
        // another seed gives other toys
        ToySet other = calc(TWO_BIN, ToyOptions.of(300, 12).withThreads(2)).generate(1.5, 0, 300);
        assertTrue(!java.util.Arrays.equals(one.background(), other.background()));
    }

    @Test
    void splitRunsMergeIntoTheSingleRunAndRoundTripThroughFiles(@TempDir Path dir) {
        ToyCalculator c = calc(TWO_BIN, ToyOptions.of(200, 3));
        ToySet single = c.generate(2.0, 0, 200);
        ToySet first = c.generate(2.0, 0, 120);
        ToySet second = c.generate(2.0, 120, 80);
        Path f1 = dir.resolve("job1.json");
        Path f2 = dir.resolve("job2.json");
        ToySetFiles.write(f1, List.of(first));
        ToySetFiles.write(f2, List.of(second));
        List<ToySet> merged = ToySetFiles.readMerged(List.of(f2, f1));
        assertEquals(1, merged.size());
        assertEquals(single, merged.get(0));
        HypoTestResult a = c.evaluate(single);
        HypoTestResult b = c.evaluate(merged.get(0));
        assertEquals(a.cls(), b.cls(), 0);
        assertEquals(a.clsExpected(), b.clsExpected());
        HypoTestResult direct = c.hypotest(2.0); // 200 toys from index 0: the same toys
        assertEquals(a.cls(), direct.cls(), 0);
        assertEquals(a.clsExpected(), direct.clsExpected());
        assertEquals(a.toys(), direct.toys());
    }

    @Test
    void mergeRejectsGapsOverlapsAndForeignSets() {
        ToyCalculator c = calc(TWO_BIN, ToyOptions.of(50, 3));
        ToySet a = c.generate(2.0, 0, 20);
        ToySet gap = c.generate(2.0, 30, 20);
        ToySet overlap = c.generate(2.0, 10, 20);
        ToySet otherMu = c.generate(2.5, 20, 20);
        assertTrue(assertThrows(InvalidInputException.class, () -> ToySet.merge(List.of(a, gap))).getMessage()
                .contains("toys [20, 30) are missing"));
        assertTrue(assertThrows(InvalidInputException.class, () -> ToySet.merge(List.of(a, overlap))).getMessage()
                .contains("overlaps"));
        assertTrue(assertThrows(InvalidInputException.class, () -> ToySet.merge(List.of(a, otherMu))).getMessage()
                .contains("mu = 2.5"));
    }

    @Test
    void failedToysAreCountedAndTooManyFailLoudly(@TempDir Path dir) throws IOException {
        // a minimiser that fails on every toy whose first bin count is divisible by 5 (about 20% of toys)
        Minimizer real = TestSupport.minimizer();
        Minimizer flaky = (model, data, init, fixed) -> {
            if (data.main(0) % 5 == 0 && !data.equals(model.observed())) {
                int n = init.length;
                return new FitResult(init, new double[n], new double[n][n], Double.NaN, FitStatus.FAILED, 1, "forced");
            }
            return real.minimize(model, data, init, fixed);
        };
        ToyOptions o = ToyOptions.of(400, 5);
        ToyCalculator strict = new ToyCalculator(TWO_BIN, TWO_BIN.observed(), flaky,
                ProfileLikelihoodStatistic.Q_MU_TILDE, o);
        ComputationException e = assertThrows(ComputationException.class, () -> strict.hypotest(1.0));
        assertTrue(e.getMessage().contains("failed their fits"), e.getMessage());
        ToyCalculator tolerant = new ToyCalculator(TWO_BIN, TWO_BIN.observed(), flaky,
                ProfileLikelihoodStatistic.Q_MU_TILDE, o.withMaxFailedFraction(0.5));
        ToySet set = tolerant.generate(1.0, 0, 400);
        HypoTestResult r = tolerant.evaluate(set);
        var d = r.toys().orElseThrow();
        assertTrue(d.signalFailed() > 40 && d.backgroundFailed() > 40, d.toString());
        assertEquals(400, d.signalToys() + d.signalFailed());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("failed their fits and were excluded")));
        // failed toys are written as null and read back as failed
        Path f = dir.resolve("toys.json");
        ToySetFiles.write(f, List.of(set));
        JsonNode root = new ObjectMapper().readTree(Files.readString(f));
        long nulls = 0;
        for (JsonNode x : root.get("toy_sets").get(0).get("signal")) {
            nulls += x.isNull() ? 1 : 0;
        }
        assertEquals(d.signalFailed(), nulls);
        assertEquals(set, ToySetFiles.read(f).get(0));
    }

    /**
     * High counts: toy-based and asymptotic CLs agree within the toys' statistical error (3 sigma),
     * on a two-bin model with nuisance parameters, at the asymptotic 90% limit.
     */
    @Test
    void toysAgreeWithAsymptoticsAtHighCounts() {
        AsymptoticCalculator asym = new AsymptoticCalculator(TWO_BIN, TestSupport.minimizer());
        double mu = org.recoil.limits.interval.UpperLimit.defaults().compute(asym).observed();
        HypoTestResult a = asym.hypotest(mu);
        HypoTestResult t = calc(TWO_BIN, ToyOptions.of(3000, 21)).hypotest(mu);
        double err = t.toys().orElseThrow().clsError();
        assertEquals(0.10, a.cls(), 1e-6);
        assertTrue(Math.abs(t.cls() - a.cls()) < 3 * err, "toys " + t.cls() + " +- " + err + " vs asymptotic " + a.cls());
        assertTrue(err < 0.01, "error " + err);
        // the median of the expected band agrees as well
        assertEquals(a.clsExpected().median(), t.clsExpected().median(), 0.03);
        assertTrue(a.warnings().isEmpty());
    }

    /**
     * Low counts: one bin, b = 1, n = 0, s = 1 per unit mu. At the asymptotic 90% CL limit
     * (mu = 1.75, CLs = 0.10 asymptotically) the toys give CLs = 0.18 +- 0.01: the asymptotic formula
     * overstates the exclusion because the Poisson count is far from Gaussian. The asymptotic
     * calculator warns about it.
     */
    @Test
    void toysAndAsymptoticsDifferAtLowCounts() {
        CountingModel m = CountingModel.of(1.0, 1.0, 0);
        AsymptoticCalculator asym = new AsymptoticCalculator(m, TestSupport.minimizer());
        double mu = org.recoil.limits.interval.UpperLimit.defaults().compute(asym).observed();
        HypoTestResult a = asym.hypotest(mu);
        HypoTestResult t = calc(m, ToyOptions.of(4000, 5)).hypotest(mu);
        double err = t.toys().orElseThrow().clsError();
        assertEquals(1.7516, mu, 1e-3);
        assertEquals(0.10, a.cls(), 1e-6);
        assertTrue(t.cls() - a.cls() > 5 * err, "toys " + t.cls() + " +- " + err + " vs asymptotic " + a.cls());
        assertTrue(a.warnings().stream().anyMatch(w -> w.contains("use toys")), a.warnings().toString());
    }

    /**
     * counting.json: with the event count as test statistic, toy CLs at the reference 90% (95%) limit is
     * 0.10 (0.05) within 3 statistical errors, for every case.
     */
    @Test
    void eventCountToysReproduceCountingReference() {
        JsonNode cases = SharedReference.json("counting.json").get("cases");
        int i = 0;
        for (JsonNode c : cases) {
            int n = c.get("n_obs").asInt();
            double b = c.get("b").asDouble();
            CountingModel m = CountingModel.of(1.0, b, n);
            for (double cl : new double[] {0.90, 0.95}) {
                double ul = c.get(cl == 0.90 ? "ul_90" : "ul_95").asDouble();
                ToyCalculator tc = new ToyCalculator(m, m.observed(), TestSupport.minimizer(), EventCount.INSTANCE,
                        ToyOptions.of(50000, 100 + i++));
                HypoTestResult r = tc.hypotest(ul);
                double err = r.toys().orElseThrow().clsError();
                String at = "n=" + n + " b=" + b + " cl=" + cl + ": CLs " + r.cls() + " +- " + err;
                assertTrue(Math.abs(r.cls() - (1 - cl)) < 3 * err, at);
                assertTrue(err < 0.1 * (1 - cl), at); // a discriminating test: 10% relative precision or better
                assertEquals("event_count", r.testStatistic());
                assertEquals(-n, r.testStatisticValue(), 0);
            }
        }
    }

    @Test
    void toySeedsDependOnlyOnSeedHypothesisAndIndex() {
        var a = ToySeeds.rng(7, ToySeeds.hypothesisKey(1.5), 42);
        var b = ToySeeds.rng(7, ToySeeds.hypothesisKey(1.5), 42);
        assertEquals(a.nextLong(), b.nextLong());
        assertTrue(ToySeeds.key(7, 1, 2) != ToySeeds.key(7, 2, 1));
        assertTrue(ToySeeds.key(7, 0, 0) != ToySeeds.key(8, 0, 0));
        assertEquals(0L, ToySeeds.hypothesisKey(-0.0));
    }
}
