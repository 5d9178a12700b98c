package org.recoil.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Automatic ranges contain the data, keep the reserved room free and label at least two decades. */
class RangesTest {

    @ParameterizedTest
    @CsvSource({"55, 420, 0.3", "0.0025, 1.4, 0.35", "1.2, 230, 0.2", "0.8, 400, 0.33", "3, 3.5, 0.1",
        "1e-7, 1e-6, 0", "120, 121, 0.5"})
    void logRangesContainTheDataKeepTheReserveAndShowTwoDecades(double min, double max, double reserve) {
        AxisRange r = Ranges.y(min, max, true, true, reserve);
        assertTrue(r.min() <= min && r.max() >= max, "range " + r + " contains the data");
        double lo = Math.log10(r.min());
        double hi = Math.log10(r.max());
        double dataTop = (Math.log10(max) - lo) / (hi - lo);
        assertTrue(dataTop <= 1 - reserve + 1e-12, "data reach " + dataTop + " of the height, reserve " + reserve);
        assertTrue(Math.floor(hi + 1e-12) - Math.ceil(lo - 1e-12) >= 1, "two decades labelled in " + r);
    }

    @Test
    void linearCountsStartAtZeroAndLeaveTheReserveFree() {
        AxisRange r = Ranges.y(0, 400, false, true, 0.25);
        assertEquals(0.0, r.min());
        assertEquals(400 * 1.04 / 0.75, r.max(), 1e-9);
        AxisRange shifted = Ranges.y(-2, 8, false, false, 0.0);
        assertEquals(-2.4, shifted.min(), 1e-12);
        assertEquals(8.4, shifted.max(), 1e-12);
    }

    @Test
    void roomBelowTheDataForLabels() {
        AxisRange r = Ranges.y(1.2, 230, true, true, 0.2, 0.06);
        double lo = Math.log10(r.min());
        double hi = Math.log10(r.max());
        double dataBottom = (Math.log10(1.2) - lo) / (hi - lo);
        assertTrue(dataBottom >= 0.06, "data start at " + dataBottom + " of the height");
    }

    @Test
    void xPaddingIsInLogSpaceOnALogAxis() {
        AxisRange r = Ranges.x(0.276, 50_000, true, 0.03);
        double span = Math.log10(50_000 / 0.276);
        assertEquals(Math.log10(0.276) - 0.03 * span, Math.log10(r.min()), 1e-12);
        assertEquals(Math.log10(50_000) + 0.03 * span, Math.log10(r.max()), 1e-12);
        AxisRange flat = Ranges.x(2, 2, false, 0.0);
        assertTrue(flat.max() > flat.min(), "a single point still gets a non-empty range");
    }
}
