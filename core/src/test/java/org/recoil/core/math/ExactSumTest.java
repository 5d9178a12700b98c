package org.recoil.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class ExactSumTest {

    /** Weights of mixed magnitudes (2^-30 .. 2^30 times a uniform), a fraction of them negative. */
    private static double[] weights(long seed, int n, double negative) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double m = Math.scalb(rng.nextDouble(), rng.nextInt(61) - 30);
            x[i] = rng.nextDouble() < negative ? -m : m;
        }
        return x;
    }

    /** The exact sum, rounded to nearest (BigDecimal#doubleValue rounds correctly). */
    private static double exact(double[] x) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : x) {
            s = s.add(new BigDecimal(v));
        }
        return s.doubleValue();
    }

    private static double naive(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    private static void shuffle(double[] x, UniformRandomProvider rng) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** Sums x split at random points into parts, each summed on its own, merged in random order. */
    private static ExactSum splitAndMerge(double[] x, int parts, UniformRandomProvider rng) {
        int[] cuts = new int[parts + 1];
        for (int p = 1; p < parts; p++) {
            cuts[p] = rng.nextInt(x.length + 1);
        }
        cuts[parts] = x.length;
        Arrays.sort(cuts);
        List<ExactSum> sums = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            ExactSum s = new ExactSum();
            for (int i = cuts[p]; i < cuts[p + 1]; i++) {
                s.add(x[i]);
            }
            sums.add(s);
        }
        // merge in random order, as a tree of random shape
        while (sums.size() > 1) {
            ExactSum a = sums.remove(rng.nextInt(sums.size()));
            ExactSum b = sums.remove(rng.nextInt(sums.size()));
            sums.add(a.merge(b));
        }
        return sums.get(0);
    }

    private static void assertIndependentOfOrderAndGrouping(double[] x, long seed) {
        double expected = exact(x);
        ExactSum inOrder = new ExactSum();
        for (double v : x) {
            inOrder.add(v);
        }
        assertEquals(expected, inOrder.value(), "in order");
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] y = x.clone();
        List<Double> naiveSums = new ArrayList<>();
        naiveSums.add(naive(x));
        for (int round = 0; round < 5; round++) {
            shuffle(y, rng);
            ExactSum shuffled = new ExactSum();
            double[] hi = new double[3];
            double[] lo = new double[3];
            for (double v : y) {
                shuffled.add(v);
                ExactSum.add(hi, lo, 1, v);
            }
            assertEquals(expected, shuffled.value(), "shuffled, round " + round);
            assertEquals(expected, hi[1], "array form, round " + round);
            assertEquals(shuffled.lo(), lo[1], "array form is the same algorithm");
            assertEquals(expected, splitAndMerge(y, 2 + rng.nextInt(200), rng).value(), "split, round " + round);
            naiveSums.add(naive(y));
        }
        // the data is such that plain summation depends on the order
        assertTrue(naiveSums.stream().distinct().count() > 1 || naiveSums.get(0) != expected, naiveSums::toString);
    }

    @Test
    void positiveWeightsOfMixedMagnitudes() {
        assertIndependentOfOrderAndGrouping(weights(1L, 1_000_000, 0.0), 11L);
    }

    @Test
    void mixedSignWeights() {
        assertIndependentOfOrderAndGrouping(weights(2L, 1_000_000, 0.3), 12L);
    }

    @Test
    void cancellingWeights() {
        // large terms (up to 2^44) that cancel exactly, leaving the small ones: plain summation loses
        // them; within the documented bound (2.01 N u^2 sum|x| ~ 1e-7, half an ulp of the sum ~ 2e-6)
        double[] small = weights(3L, 100_000, 0.5);
        double[] x = new double[3 * small.length];
        for (int i = 0; i < small.length; i++) {
            double big = Math.scalb(1.0 + i % 16, 40);
            x[3 * i] = big;
            x[3 * i + 1] = small[i];
            x[3 * i + 2] = -big;
        }
        assertNotEquals(exact(x), naive(x));
        assertIndependentOfOrderAndGrouping(x, 13L);
    }

    @Test
    void exactForDyadicTermsIncludingTies() {
        // 1 + 2^-53 is a tie: it rounds to 1, the rest is kept, and a second 2^-53 reaches 1 + 2^-52
        ExactSum s = new ExactSum().add(1.0).add(0x1p-53);
        assertEquals(1.0, s.value());
        assertEquals(0x1p-53, s.lo());
        assertEquals(1.0 + 0x1p-52, s.add(0x1p-53).value());
        assertEquals(0.0, s.lo());
        // unit weights: counts are exact far beyond 2^53 when split into parts
        ExactSum big = ExactSum.of(0x1p53, 0).merge(new ExactSum().add(1.0));
        assertEquals(0x1p53, big.value());
        assertEquals(1.0, big.lo());
        assertEquals(0x1p53 + 2, big.add(1.0).value());
        ExactSum copy = big.copy();
        big.reset();
        assertEquals(0.0, big.value());
        assertEquals(0x1p53 + 2, copy.value());
    }

    @Test
    void mergeOfArrayElementsAddsBothParts() {
        double[] hi = {1.0};
        double[] lo = {0.0};
        ExactSum.add(hi, lo, 0, 1.0, 0x1p-60);
        ExactSum.add(hi, lo, 0, 0x1p-60);
        assertEquals(2.0, hi[0]);
        assertEquals(0x1p-59, lo[0]);
    }
}
