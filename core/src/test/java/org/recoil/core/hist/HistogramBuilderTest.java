package org.recoil.core.hist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;

class HistogramBuilderTest {

    @Test
    void fillsHandCountedEntries() {
        HistogramBuilder b = new HistogramBuilder(Binning.uniform(3, 0, 3));
        b.fill(0.5).fill(1.0).fill(1.5).fill(-2).fill(3.0).fill(Double.POSITIVE_INFINITY);
        b.fill(2.5, 0.5).fill(2.9, -0.25);
        Histogram h = b.build();
        assertArrayEquals(new double[] {1, 2, 0.25}, h.contents());
        assertArrayEquals(new double[] {1, 2, 0.25 + 0.0625}, h.sumw2());
        assertEquals(1.0, h.underflow());
        assertEquals(2.0, h.overflow());
        assertEquals(2.0, h.overflowSumw2());
    }

    /** Slow scalar reference: the bin of every entry by linear search over the edges. */
    private static double[][] reference(Binning b, double[] x, double[] w) {
        double[] sw = new double[b.nBins() + 2];
        double[] sw2 = new double[b.nBins() + 2];
        for (int i = 0; i < x.length; i++) {
            int bin = -1;
            for (int e = 0; e <= b.nBins(); e++) {
                if (x[i] >= b.edge(e)) {
                    bin = e;
                }
            }
            double wi = w == null ? 1.0 : w[i];
            sw[bin + 1] += wi;
            sw2[bin + 1] += wi * wi;
        }
        return new double[][] {sw, sw2};
    }

    private static void assertMatchesReference(Histogram h, double[][] ref) {
        int n = h.nBins();
        assertEquals(ref[0][0], h.underflow(), 1e-9);
        assertEquals(ref[0][n + 1], h.overflow(), 1e-9);
        assertEquals(ref[1][0], h.underflowSumw2(), 1e-9);
        assertEquals(ref[1][n + 1], h.overflowSumw2(), 1e-9);
        for (int i = 0; i < n; i++) {
            assertEquals(ref[0][i + 1], h.content(i), 1e-9, "bin " + i);
            assertEquals(ref[1][i + 1], h.sumw2(i), 1e-9, "bin " + i);
        }
    }

    @Test
    void columnFillsMatchScalarReference() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2024L);
        int n = 20_000;
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -0.5 + 11 * rng.nextDouble();
            w[i] = 2 * rng.nextDouble() - 0.5;
        }
        x[0] = 0.3; // exactly on a non-representable edge region
        for (Binning b : new Binning[] {Binning.uniform(37, 0.1, 9.9), Binning.variable(0, 0.3, 1, 2.5, 4, 7.7, 10)}) {
            Histogram unweighted = new HistogramBuilder(b).fill(x).build();
            assertMatchesReference(unweighted, reference(b, x, null));
            // unit-weight counts are exact integers
            for (double c : unweighted.contents()) {
                assertEquals(Math.rint(c), c);
            }
            assertMatchesReference(new HistogramBuilder(b).fill(x, w).build(), reference(b, x, w));
        }
    }

    @Test
    void columnFillEqualsEntryByEntryFill() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        double[] x = new double[5000];
        double[] w = new double[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 12 - 1;
            w[i] = rng.nextDouble();
        }
        Binning b = Binning.uniform(50, 0, 10);
        HistogramBuilder single = new HistogramBuilder(b);
        HistogramBuilder singleW = new HistogramBuilder(b);
        for (int i = 0; i < x.length; i++) {
            single.fill(x[i]);
            singleW.fill(x[i], w[i]);
        }
        assertEquals(single.build(), new HistogramBuilder(b).fill(x).build());
        assertEquals(singleW.build(), new HistogramBuilder(b).fill(x, w).build());
    }

    @Test
    void mergedPartsEqualOneFill() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(99L);
        double[] x = new double[10_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 4;
        }
        Binning b = Binning.variable(0, 0.5, 1.5, 3, 3.5);
        HistogramBuilder whole = new HistogramBuilder(b).fill(x);
        HistogramBuilder part1 = new HistogramBuilder(b).fill(Arrays.copyOfRange(x, 0, 3000));
        HistogramBuilder part2 = new HistogramBuilder(b).fill(Arrays.copyOfRange(x, 3000, x.length));
        assertEquals(whole.build(), part1.merge(part2).build());
        HistogramBuilder viaHistogram = new HistogramBuilder(b).add(new HistogramBuilder(b).fill(x).build());
        assertEquals(whole.build(), viaHistogram.build());
        assertThrows(InvalidInputException.class, () -> whole.merge(new HistogramBuilder(Binning.uniform(4, 0, 3.5))));
    }

    @Test
    void rejectedColumnsLeaveBuilderUnchanged() {
        HistogramBuilder b = new HistogramBuilder(Binning.uniform(2, 0, 2)).fill(0.5);
        Histogram before = b.build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> b.fill(new double[] {0.1, 1.2, Double.NaN}));
        assertTrue(e.getMessage().contains("value 2 is NaN"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> b.fill(new double[] {0.1, 1.2}, new double[] {1, Double.POSITIVE_INFINITY}));
        assertTrue(e.getMessage().contains("weight 1 is Infinity"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> b.fill(new double[] {0.1}, new double[] {1, 2}));
        assertThrows(InvalidInputException.class, () -> b.fill(Double.NaN));
        assertThrows(InvalidInputException.class, () -> b.fill(1.0, Double.NaN));
        assertEquals(before, b.build());
        b.reset();
        assertEquals(Histogram.empty(b.binning()), b.build());
    }

    @Test
    void buildIsASnapshot() {
        HistogramBuilder b = new HistogramBuilder(Binning.uniform(2, 0, 2)).fill(0.5);
        Histogram first = b.build();
        b.fill(0.5);
        assertEquals(1.0, first.content(0));
        assertEquals(2.0, b.build().content(0));
    }
}
