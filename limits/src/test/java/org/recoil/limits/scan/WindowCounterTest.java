package org.recoil.limits.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.RecoilMassResolution;

class WindowCounterTest {

    @Test
    void windowCountsEqualBruteForceSums() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        int n = 20_000;
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -2 + 70 * rng.nextDouble();
            w[i] = i % 7 == 0 ? 2.5 : 0.3 + rng.nextDouble();
        }
        x[5] = x[6]; // a tie
        WindowCounter c = WindowCounter.of("s", x, w);
        for (int k = 0; k < 200; k++) {
            double lo = -3 + 72 * rng.nextDouble();
            double hi = lo + 5 * rng.nextDouble();
            double sw = 0;
            double sw2 = 0;
            int entries = 0;
            for (int i = 0; i < n; i++) {
                if (x[i] >= lo && x[i] < hi) {
                    sw += w[i];
                    sw2 += w[i] * w[i];
                    entries++;
                }
            }
            WindowCounter.WindowCount got = c.count(lo, hi);
            assertEquals(sw, got.sumWeights(), 1e-9 * Math.max(1, sw));
            assertEquals(sw2, got.sumWeights2(), 1e-9 * Math.max(1, sw2));
            assertEquals(entries, got.entries());
        }
        double total = 0;
        for (double v : w) {
            total += v;
        }
        assertEquals(total, c.total(), 1e-9 * total);
    }

    @Test
    void windowsAreHalfOpenAndUnitWeightsDefault() {
        WindowCounter c = WindowCounter.of("d", new double[] {1, 2, 2, 3}, null);
        assertEquals(2, c.count(2, 3).entries());
        assertEquals(2.0, c.count(2, 3).sumWeights());
        assertEquals(3, c.count(1, 3).entries());
        assertEquals(4, c.count(new MassWindow(1.5, 0.5, 3.5)).entries());
        assertEquals(0, c.count(5, 4).entries());
    }

    @Test
    void rejectsNonFiniteValuesAndMismatchedWeights() {
        assertThrows(InvalidInputException.class, () -> WindowCounter.of("s", new double[] {1, Double.NaN}, null));
        assertThrows(InvalidInputException.class, () -> WindowCounter.of("s", new double[] {1, 2}, new double[] {1}));
    }

    @Test
    void massWindowIsMassSquaredPlusMinusNSigma() {
        MassWindow w = MassWindow.around(2.0, RecoilMassResolution.belle2(), 2.0);
        assertEquals(4.0 - 2 * 0.311, w.lo(), 1e-12);
        assertEquals(4.0 + 2 * 0.311, w.hi(), 1e-12);
        assertThrows(InvalidInputException.class, () -> MassWindow.around(2.0, RecoilMassResolution.belle2(), 0));
        assertThrows(InvalidInputException.class, () -> new MassWindow(1.0, 2.0, 1.0));
    }
}
