package org.recoil.core.hist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;

class HistogramTest {

    /** Bins [0,1) [1,2) [2,3) [3,4) with contents 1,2,3,4 and weights making sumw2 = 0.5,1,1.5,2. */
    private static Histogram sample() {
        return Histogram.of(Binning.uniform(4, 0, 4), new double[] {1, 2, 3, 4}, new double[] {0.5, 1, 1.5, 2},
                0.25, 0.0625, 5, 2.5);
    }

    @Test
    void accessorsAndErrors() {
        Histogram h = sample();
        assertEquals(4, h.nBins());
        assertEquals(3.0, h.content(2));
        assertEquals(1.5, h.sumw2(2));
        assertEquals(Math.sqrt(1.5), h.error(2));
        assertArrayEquals(new double[] {Math.sqrt(0.5), 1, Math.sqrt(1.5), Math.sqrt(2)}, h.errors());
        assertEquals(0.25, h.underflow());
        assertEquals(0.0625, h.underflowSumw2());
        assertEquals(5.0, h.overflow());
        assertEquals(2.5, h.overflowSumw2());
        assertThrows(IndexOutOfBoundsException.class, () -> h.content(4));
        assertThrows(IndexOutOfBoundsException.class, () -> h.content(-1));
        // returned arrays are copies
        h.contents()[0] = 99;
        assertEquals(1.0, h.content(0));
    }

    @Test
    void integrals() {
        Histogram h = sample();
        assertEquals(10.0, h.integral());
        assertEquals(5.0, h.integral(1, 2));
        assertEquals(0.0, h.integral(2, 1));
        assertEquals(2.5, h.integralSumw2(1, 2));
        // x ranges on edges are exact
        assertEquals(5.0, h.integral(1.0, 3.0));
        assertEquals(10.0, h.integral(0.0, 4.0));
        // partial bins: [0.5, 2.25] = 0.5*1 + 2 + 0.25*3
        assertEquals(0.5 + 2 + 0.75, h.integral(0.5, 2.25), 1e-15);
        // inside one bin: a quarter of bin 3
        assertEquals(1.0, h.integral(3.25, 3.5), 1e-15);
        assertEquals(0.0, h.integral(2.0, 2.0));
        assertThrows(InvalidInputException.class, () -> h.integral(-1.0, 2.0));
        assertThrows(InvalidInputException.class, () -> h.integral(3.0, 2.0));
        assertThrows(InvalidInputException.class, () -> h.integral(0.0, 4.5));
    }

    @Test
    void addAndScale() {
        Histogram h = sample();
        Histogram sum = h.add(h.scale(2.0));
        assertArrayEquals(new double[] {3, 6, 9, 12}, sum.contents());
        // sumw2 adds; scaling by 2 multiplies sumw2 by 4
        assertArrayEquals(new double[] {2.5, 5, 7.5, 10}, sum.sumw2());
        assertEquals(0.75, sum.underflow());
        assertEquals(0.0625 * 5, sum.underflowSumw2());
        assertEquals(15.0, sum.overflow());
        assertEquals(12.5, sum.overflowSumw2());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> h.add(Histogram.empty(Binning.uniform(4, 0, 5))));
        assertTrue(e.getMessage().contains("different bin edges"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> h.scale(Double.NaN));
        // same edges in another representation are compatible
        Histogram v = Histogram.ofCounts(Binning.variable(0, 1, 2, 3, 4), new double[] {1, 1, 1, 1});
        assertEquals(14.0, h.add(v).integral());
    }

    @Test
    void rebinByMergingAdjacentBins() {
        Histogram h = sample();
        Histogram r = h.rebin(2);
        assertEquals(Binning.uniform(2, 0, 4), r.binning());
        assertArrayEquals(new double[] {3, 7}, r.contents());
        assertArrayEquals(new double[] {1.5, 3.5}, r.sumw2());
        assertEquals(h.underflow(), r.underflow());
        assertEquals(h.overflowSumw2(), r.overflowSumw2());
        Histogram v = Histogram.ofCounts(Binning.variable(0, 1, 3, 4, 8, 9, 10), new double[] {1, 2, 3, 4, 5, 6});
        Histogram rv = v.rebin(3);
        assertArrayEquals(new double[] {0, 4, 10}, rv.binning().edges());
        assertArrayEquals(new double[] {6, 15}, rv.contents());
        assertEquals(h, h.rebin(1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> h.rebin(3));
        assertTrue(e.getMessage().contains("divide the number of bins (4)"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> h.rebin(0));
    }

    @Test
    void rebinToCoarserCompatibleEdges() {
        Histogram h = Histogram.ofCounts(Binning.uniform(10, 0, 1), new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        // 0.1*i edges are not exact in binary: matching works within a tolerance
        Histogram r = h.rebin(Binning.variable(0, 0.3, 0.5, 1.0));
        assertArrayEquals(new double[] {6, 9, 40}, r.contents());
        assertArrayEquals(new double[] {6, 9, 40}, r.sumw2());
        // a narrower range moves the outer fine bins into the flows
        Histogram narrow = h.rebin(Binning.uniform(2, 0.2, 0.8));
        assertArrayEquals(new double[] {3 + 4 + 5, 6 + 7 + 8}, narrow.contents());
        assertEquals(1 + 2, narrow.underflow());
        assertEquals(9 + 10, narrow.overflow());
        assertEquals(h.integral() + h.underflow() + h.overflow(),
                narrow.integral() + narrow.underflow() + narrow.overflow());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> h.rebin(Binning.variable(0, 0.35, 1.0)));
        assertTrue(e.getMessage().contains("edge 1 (0.35) of the new binning is not an edge"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> h.rebin(Binning.variable(-0.1, 0.5, 1.0)));
    }

    @Test
    void equalityAndTolerance() {
        Histogram a = sample();
        Histogram b = sample();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        Histogram c = Histogram.of(a.binning(), new double[] {1, 2, 3, 4 + 1e-10}, a.sumw2(), 0.25, 0.0625, 5, 2.5);
        assertNotEquals(a, c);
        assertTrue(a.isClose(c, 1e-9, 0));
        assertFalse(a.isClose(c, 1e-12, 0));
        assertTrue(a.isClose(c, 0, 1e-9));
        assertFalse(a.isClose(Histogram.empty(Binning.uniform(4, 0, 5)), 1, 1));
    }

    @Test
    void constructionValidates() {
        Binning b = Binning.uniform(2, 0, 1);
        assertThrows(InvalidInputException.class, () -> Histogram.of(b, new double[3], new double[3], 0, 0, 0, 0));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Histogram.of(b, new double[] {1, Double.NaN}, new double[2], 0, 0, 0, 0));
        assertTrue(e.getMessage().contains("bin 1 content is NaN"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> Histogram.of(b, new double[2], new double[] {-1, 0}, 0, 0, 0, 0));
        assertTrue(e.getMessage().contains("bin 0 sumw2 is -1.0"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> Histogram.of(b, new double[2], new double[2], 0, 0, Double.POSITIVE_INFINITY, 0));
        assertTrue(e.getMessage().contains("overflow content"), e.getMessage());
    }

    @Test
    void jsonRoundTripIsExact() {
        Histogram h = sample().scale(1.0 / 3.0);
        assertEquals(h, HistogramJson.fromJson(HistogramJson.toJson(h), "test"));
        Histogram v = Histogram.of(Binning.variable(-1.5, 0.1, 0.3, 7), new double[] {0.1, 1e-300, 12345.678},
                new double[] {0.01, 0, 3}, -2, 4, 0, 0);
        assertEquals(v, HistogramJson.fromJson(HistogramJson.toJson(v), "test"));
        assertTrue(HistogramJson.toJson(h).contains("\"bins\" : 4"));
    }

    @Test
    void jsonDefaultsAndErrors() {
        Histogram h = HistogramJson.fromJson("{\"binning\":{\"edges\":[0,1,3]},\"contents\":[4,9]}", "obs.json");
        assertArrayEquals(new double[] {4, 9}, h.sumw2());
        assertEquals(0.0, h.overflow());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> HistogramJson.fromJson("{\"binning\":{\"bins\":2,\"lo\":0,\"hi\":1},\"contents\":[1,2],\"sumw\":[1,2]}",
                        "obs.json"));
        assertTrue(e.getMessage().startsWith("obs.json: unknown key 'sumw'"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> HistogramJson.fromJson("{\"binning\":{\"bins\":2,\"lo\":0,\"hi\":1},\"contents\":[1,2,3]}", "obs.json"));
        assertTrue(e.getMessage().startsWith("obs.json: histogram: binning has 2 bins but got 3"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> HistogramJson.fromJson("{\"contents\":[1]}", "obs.json"));
        assertEquals("obs.json: missing 'binning'", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> HistogramJson.fromJson("[1,2", "obs.json"));
        assertTrue(e.getMessage().startsWith("obs.json: not a valid histogram"), e.getMessage());
    }
}
