package org.recoil.limits.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.DeltaAMuScenario;
import org.recoil.core.physics.MuonAnomaly;
import org.recoil.core.testing.SharedReference;

class BandCoverageTest {

    private static double[] grid(double from, double step, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + i * step;
        }
        return x;
    }

    @Test
    void linearCrossingsBetweenGridPoints() {
        double[] x = grid(0.0, 1.0, 11);
        double[] zero = new double[11];
        // d = x - 3.5: below for x < 3.5
        double[] c = new double[11];
        for (int i = 0; i < 11; i++) {
            c[i] = x[i] - 3.5;
        }
        assertEquals(List.of(new MassInterval(0.0, 3.5)), BandCoverage.intervalsBelow(x, c, zero));
        // d = (x-2.5)(x-7.5): crossings of the interpolated difference at 2 + 2.75/5 and 8 - 2.75/5
        for (int i = 0; i < 11; i++) {
            c[i] = (x[i] - 2.5) * (x[i] - 7.5);
        }
        List<MassInterval> r = BandCoverage.intervalsBelow(x, c, zero);
        assertEquals(1, r.size());
        assertEquals(2.55, r.get(0).lo(), 1e-15);
        assertEquals(7.45, r.get(0).hi(), 1e-15);
        // two separate dips, one reaching the grid end
        double[] d = {1, -1, 1, 1, -2, -2, 2, 1, -1, -1, -1};
        assertEquals(List.of(new MassInterval(0.5, 1.5), new MassInterval(10.0 / 3.0, 5.5), new MassInterval(7.5, 10.0)),
                BandCoverage.intervalsBelow(x, d, zero));
        // touching zero at a grid point does not split an interval; a touch from above excludes nothing
        assertEquals(List.of(new MassInterval(0.0, 2.0)),
                BandCoverage.intervalsBelow(grid(0, 1, 3), new double[] {-1, 0, -1}, new double[3]));
        assertEquals(List.of(), BandCoverage.intervalsBelow(grid(0, 1, 3), new double[] {1, 0, 1}, new double[3]));
        // threshold array used point by point
        assertEquals(List.of(new MassInterval(1.5, 2.0)),
                BandCoverage.intervalsBelow(grid(0, 1, 3), new double[] {5, 5, 5}, new double[] {4, 4, 6}));
    }

    @Test
    void syntheticLimitCrossingTheBandEdgeAtKnownMasses() {
        // g'_UL(M_i) = g'_low(M_i) + c * max(a - M_i, M_i - b): below the band edge exactly on (a, b);
        // the kink at (a+b)/2 = 3.0 is a grid point, so the difference is linear around a and b
        DeltaAMuScenario s = DeltaAMuScenario.FNAL_2023_WP2020;
        double a = 1.23;
        double b = 4.77;
        double c = 1e-4;
        double[] m = grid(0.5, 0.25, 23); // 0.5 .. 6.0
        double[] g = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            g[i] = MuonAnomaly.band(m[i], s).lower() + c * Math.max(a - m[i], m[i] - b);
            assertTrue(g[i] > 0);
        }
        BandCoverage cov = BandCoverage.compute(m, g, s);
        assertEquals(1, cov.excluded().size());
        assertEquals(a, cov.excluded().get(0).lo(), 1e-12);
        assertEquals(b, cov.excluded().get(0).hi(), 1e-12);
        assertEquals(b - a, cov.excludedWidth(), 1e-12);
        assertTrue(cov.excludes(3.0));
        assertFalse(cov.excludes(1.0));
        assertEquals(2.0, cov.nSigma());
        // the 2025 scenario has no lower edge: nothing is excluded, however strong the limit
        BandCoverage none = BandCoverage.compute(m, g, DeltaAMuScenario.FNAL_2025_WP2025);
        assertEquals(List.of(), none.excluded());
        // at 1 sigma the lower edge is higher: the excluded range widens
        BandCoverage oneSigma = BandCoverage.compute(m, g, s, 1.0);
        assertTrue(oneSigma.excluded().get(0).lo() < a && oneSigma.excluded().get(0).hi() > b);
    }

    @Test
    void limitFarBelowTheBandExcludesTheWholeGrid() {
        double[] m = grid(0.1, 0.1, 100);
        double[] g = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            g[i] = 0.5 * MuonAnomaly.band(m[i], DeltaAMuScenario.BNL_FNAL_2021_WP2020).lower();
        }
        List<BandCoverage> all = BandCoverage.compute(m, g, DeltaAMuScenario.PUBLISHED);
        assertEquals(3, all.size());
        assertEquals(List.of(new MassInterval(m[0], m[99])), all.get(0).excluded());
        assertEquals(DeltaAMuScenario.BNL_FNAL_2021_WP2020, all.get(0).scenario());
        assertEquals(List.of(new MassInterval(m[0], m[99])), all.get(1).excluded());
        assertEquals(List.of(), all.get(2).excluded());
    }

    @Test
    void belle2PhaseTwoLimitDoesNotReachTheBand() {
        // Belle II 2020 (276/pb) did not exclude the (g-2) band: its g' limit is above the band everywhere
        JsonNode pts = SharedReference.physics().get("belle2_2020").get("gprime_ul_observed");
        double[] m = new double[pts.size()];
        double[] g = new double[pts.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = pts.get(i).get("mass").asDouble();
            g[i] = pts.get(i).get("gprime").asDouble();
        }
        for (DeltaAMuScenario s : DeltaAMuScenario.PUBLISHED) {
            assertEquals(List.of(), BandCoverage.compute(m, g, s).excluded(), s.name());
        }
        // a limit 100 times stronger would exclude the 2021 band where g'_UL/100 < g'_low
        double[] strong = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            strong[i] = g[i] / 100;
        }
        BandCoverage cov = BandCoverage.compute(m, strong, DeltaAMuScenario.BNL_FNAL_2021_WP2020);
        for (int i = 0; i < m.length; i++) {
            boolean below = strong[i] < MuonAnomaly.band(m[i], DeltaAMuScenario.BNL_FNAL_2021_WP2020).lower();
            assertEquals(below, cov.excludes(m[i]), "M = " + m[i]);
        }
    }

    @Test
    void rejectsMalformedCurves() {
        DeltaAMuScenario s = DeltaAMuScenario.FNAL_2023_WP2020;
        assertThrows(InvalidInputException.class, () -> BandCoverage.compute(new double[] {1.0}, new double[] {0.1}, s));
        assertThrows(InvalidInputException.class, () -> BandCoverage.compute(new double[] {1, 2}, new double[] {0.1}, s));
        assertThrows(InvalidInputException.class, () -> BandCoverage.compute(new double[] {2, 1}, new double[] {0.1, 0.1}, s));
        assertThrows(InvalidInputException.class, () -> BandCoverage.compute(new double[] {1, 1}, new double[] {0.1, 0.1}, s));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> BandCoverage.compute(new double[] {1, 2}, new double[] {0.1, Double.NaN}, s));
        assertTrue(e.getMessage().contains("M = 2.0"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> BandCoverage.compute(new double[] {1, 2}, new double[] {0.1, 0.0}, s));
        assertThrows(InvalidInputException.class,
                () -> BandCoverage.compute(new double[] {1, 2}, new double[] {0.1, 0.1}, DeltaAMuScenario.custom(-200, 50)));
    }
}
