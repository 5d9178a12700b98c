package org.recoil.core.hist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;

class BinningTest {

    @Test
    void uniformFindBinAtEdgesAndFlows() {
        Binning b = Binning.uniform(4, 0.0, 2.0);
        assertEquals(-1, b.findBin(-0.1));
        assertEquals(-1, b.findBin(Double.NEGATIVE_INFINITY));
        assertEquals(0, b.findBin(0.0));
        assertEquals(0, b.findBin(-0.0));
        assertEquals(0, b.findBin(0.49999));
        assertEquals(1, b.findBin(0.5));
        assertEquals(3, b.findBin(1.9999999));
        assertEquals(4, b.findBin(2.0));
        assertEquals(4, b.findBin(Double.POSITIVE_INFINITY));
        assertArrayEquals(new double[] {0, 0.5, 1.0, 1.5, 2.0}, b.edges());
        assertEquals(0.75, b.center(1));
        assertEquals(0.5, b.width(3));
    }

    @Test
    void uniformFindBinIsConsistentWithEdgesForAwkwardWidths() {
        // 0.1-type widths are not representable: every edge must still land in the bin it opens
        Binning b = Binning.uniform(97, 0.1, 9.8);
        for (int i = 0; i < b.nBins(); i++) {
            assertEquals(i, b.findBin(b.edge(i)), "edge " + i);
            assertEquals(i, b.findBin(Math.nextDown(b.edge(i + 1))), "just below edge " + (i + 1));
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        for (int k = 0; k < 100_000; k++) {
            double x = -1 + 12 * rng.nextDouble();
            int bin = b.findBin(x);
            if (bin >= 0 && bin < b.nBins()) {
                assertTrue(b.edge(bin) <= x && x < b.edge(bin + 1), "x=" + x + " bin=" + bin);
            } else {
                assertTrue(bin == -1 ? x < b.lo() : x >= b.hi(), "x=" + x + " flow=" + bin);
            }
        }
    }

    @Test
    void variableFindBinMatchesLinearSearch() {
        Binning b = Binning.variable(-3, -1, 0, 0.5, 2, 7, 7.25);
        assertEquals(6, b.nBins());
        assertEquals(-1, b.findBin(-3.5));
        assertEquals(0, b.findBin(-3));
        assertEquals(1, b.findBin(-1));
        assertEquals(2, b.findBin(-0.0));
        assertEquals(2, b.findBin(0.0));
        assertEquals(5, b.findBin(7.2));
        assertEquals(6, b.findBin(7.25));
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12L);
        for (int k = 0; k < 20_000; k++) {
            double x = -4 + 12 * rng.nextDouble();
            int expected = -1;
            for (int i = 0; i <= b.nBins(); i++) {
                if (x >= b.edge(i)) {
                    expected = i;
                }
            }
            assertEquals(expected, b.findBin(x), "x=" + x);
        }
    }

    @Test
    void nanHasNoBin() {
        assertThrows(InvalidInputException.class, () -> Binning.uniform(3, 0, 1).findBin(Double.NaN));
        assertThrows(InvalidInputException.class, () -> Binning.variable(0, 1, 2).findBin(Double.NaN));
    }

    @Test
    void invalidAxesAreRejectedWithClearMessages() {
        assertMessage("at least 1", () -> Binning.uniform(0, 0, 1));
        assertMessage("below high edge", () -> Binning.uniform(10, 1, 1));
        assertMessage("below high edge", () -> Binning.uniform(10, 2, 1));
        assertMessage("finite", () -> Binning.uniform(10, Double.NaN, 1));
        assertMessage("finite", () -> Binning.uniform(10, 0, Double.POSITIVE_INFINITY));
        assertMessage("too wide", () -> Binning.uniform(10, -Double.MAX_VALUE, Double.MAX_VALUE));
        assertMessage("at least 2 edges", () -> Binning.variable(1.0));
        assertMessage("edge 2 (1.0) duplicates edge 1", () -> Binning.variable(0, 1, 1, 2));
        assertMessage("edge 2 (0.5) is below edge 1", () -> Binning.variable(0, 1, 0.5, 2));
        assertMessage("edge 1 is NaN", () -> Binning.variable(0, Double.NaN, 2));
        assertMessage("edge 2 is Infinity", () -> Binning.variable(0, 1, Double.POSITIVE_INFINITY));
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable ex) {
        InvalidInputException e = assertThrows(InvalidInputException.class, ex);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    @Test
    void variableEdgesAreCopied() {
        double[] edges = {0, 1, 2};
        Binning.Variable b = Binning.variable(edges);
        edges[1] = 5;
        b.edges()[1] = 7;
        assertEquals(1.0, b.edge(1));
    }

    @Test
    void sameEdgesComparesRepresentations() {
        assertTrue(Binning.uniform(4, 0, 2).sameEdges(Binning.variable(0, 0.5, 1, 1.5, 2)));
        assertFalse(Binning.uniform(4, 0, 2).sameEdges(Binning.variable(0, 0.5, 1, 1.6, 2)));
        assertFalse(Binning.uniform(4, 0, 2).sameEdges(Binning.uniform(2, 0, 2)));
        assertEquals(Binning.variable(0, 1, 3), Binning.variable(0, 1, 3));
        assertEquals(Binning.variable(0, 1, 3).hashCode(), Binning.variable(0, 1, 3).hashCode());
    }

    @Test
    void binningSpecConvertsBothFormsAndRejectsAmbiguity() {
        assertEquals(Binning.uniform(5, 0, 1), new BinningSpec(5, 0.0, 1.0, null).toBinning("x"));
        assertEquals(Binning.variable(0, 1, 4), new BinningSpec(null, null, null, new double[] {0, 1, 4}).toBinning("x"));
        assertEquals(Binning.uniform(5, 0, 1), BinningSpec.of(Binning.uniform(5, 0, 1)).toBinning("x"));
        InvalidInputException both = assertThrows(InvalidInputException.class,
                () -> new BinningSpec(5, 0.0, 1.0, new double[] {0, 1}).toBinning("cfg.yaml: binning"));
        assertTrue(both.getMessage().startsWith("cfg.yaml: binning: give either"), both.getMessage());
        InvalidInputException partial = assertThrows(InvalidInputException.class,
                () -> new BinningSpec(5, 0.0, null, null).toBinning("cfg.yaml: binning"));
        assertTrue(partial.getMessage().contains("needs 'bins', 'lo' and 'hi'"), partial.getMessage());
        InvalidInputException bad = assertThrows(InvalidInputException.class,
                () -> new BinningSpec(null, null, null, new double[] {0, 2, 1}).toBinning("cfg.yaml: binning"));
        assertTrue(bad.getMessage().startsWith("cfg.yaml: binning: binning: edges must be strictly increasing"), bad.getMessage());
    }
}
