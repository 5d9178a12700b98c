package org.recoil.limits.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.DeltaAMuScenario;
import org.recoil.core.physics.Luminosity;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.SampleYield;
import org.recoil.limits.scan.ScanFixtures;
import org.recoil.limits.scan.ScanOptions;
import org.recoil.limits.scan.Systematics;

class LuminosityProjectionTest {

    private static final Luminosity L0 = Luminosity.parse("276/pb");

    private static double medianSigma(ProjectionCurve c) {
        return c.sigmaTimesBrMedianPb()[0];
    }

    @Test
    void statisticsOnlyLimitScalesAsOneOverSqrtLAtHighBackground() {
        MassPointInput p = ScanFixtures.counting(2.0, 5000, 5000);
        List<Luminosity> lumis = List.of(L0, new Luminosity(100 * 276.0), new Luminosity(10_000 * 276.0));
        ProjectionResult r = LuminosityProjection.project(List.of(p), L0, Systematics.defaults(), lumis,
                List.of(new SystematicsScenario.StatisticsOnly()), DeltaAMuScenario.PUBLISHED, ScanOptions.defaults());
        List<ProjectionCurve> c = r.curves("stat_only");
        assertEquals(3, c.size());
        double s0 = medianSigma(c.get(0));
        // sigma x BR limit ~ sqrt(rB)/(r eps L0): a factor 10 per factor 100 in luminosity (to O(1/sqrt(B)))
        assertEquals(0.1, medianSigma(c.get(1)) / s0, 0.1 * 0.02);
        assertEquals(0.01, medianSigma(c.get(2)) / s0, 0.01 * 0.02);
        // g' ~ sqrt(sigma): r^(-1/4)
        assertEquals(Math.pow(100, -0.25), c.get(1).gPrimeMedian()[0] / c.get(0).gPrimeMedian()[0], 0.01);
        assertEquals(100.0, c.get(1).ratio(), 1e-9);
    }

    @Test
    void fixedSystematicsSaturateAtTheBackgroundUncertainty() {
        double b = 400;
        double delta = 0.05;
        MassPointInput p = ScanFixtures.counting(2.0, b, b);
        Systematics onlyNorm = new Systematics(0, 0, Map.of("bkg", delta), 0, false);
        double r = 1e4;
        ProjectionResult res = LuminosityProjection.project(List.of(p), L0, onlyNorm,
                List.of(new Luminosity(r * 276.0)), List.of(new SystematicsScenario.Fixed()), List.of(),
                ScanOptions.defaults());
        ProjectionCurve c = res.curves().get(0);
        var point = c.scan().points().get(0);
        double nUl = point.limit().orElseThrow().muExpected().median()
                * point.normalisation().orElseThrow().expectedSignalEvents();
        // Gaussian limit: N_UL = z sqrt(rB + (delta rB)^2), z = 1.6449 (90% CL, CLs median)
        double expected = 1.6448536 * Math.sqrt(r * b + Math.pow(delta * r * b, 2));
        assertEquals(expected, nUl, 0.03 * expected);
    }

    @Test
    void everyScenarioImprovesWithLuminosityAndIsOrdered() {
        List<MassPointInput> pts = List.of(ScanFixtures.point(1.0, 30, 20, 10), ScanFixtures.point(3.0, 12, 8, 4));
        List<Luminosity> lumis = List.of(L0, Luminosity.parse("50/fb"), Luminosity.parse("50/ab"));
        List<SystematicsScenario> sc = List.of(new SystematicsScenario.Fixed(), new SystematicsScenario.Shrinking(0.01),
                new SystematicsScenario.StatisticsOnly());
        ProjectionResult r = LuminosityProjection.project(pts, L0, Systematics.defaults(), lumis, sc,
                DeltaAMuScenario.PUBLISHED, ScanOptions.defaults());
        assertEquals(9, r.curves().size());
        for (int m = 0; m < 2; m++) {
            for (SystematicsScenario s : sc) {
                List<ProjectionCurve> c = r.curves(s.name());
                assertTrue(c.get(1).gPrimeMedian()[m] < c.get(0).gPrimeMedian()[m], s.name());
                assertTrue(c.get(2).gPrimeMedian()[m] <= c.get(1).gPrimeMedian()[m] * (1 + 1e-6), s.name());
            }
            for (int l = 1; l < 3; l++) {
                double fixed = r.curves("fixed").get(l).gPrimeMedian()[m];
                double shrinking = r.curves("shrinking").get(l).gPrimeMedian()[m];
                double stat = r.curves("stat_only").get(l).gPrimeMedian()[m];
                assertTrue(stat <= shrinking && shrinking <= fixed, "stat " + stat + " shrink " + shrinking
                        + " fixed " + fixed);
            }
        }
        assertEquals(DeltaAMuScenario.PUBLISHED.size(), r.curves().get(0).coverage().size());
        assertTrue(r.curve("shrinking", Luminosity.parse("50/ab")).luminosity().equals(Luminosity.parse("50/ab")));
        assertThrows(InvalidInputException.class, () -> r.curve("nope", L0));
    }

    @Test
    void scaledInputsKeepShrinkOrDropTheMcError() {
        MassPointInput p = ScanFixtures.point(2.0, 10, 100);
        SampleYield y = p.backgrounds().get(0);
        double rel = y.relativeMcError();
        MassPointInput fixed = LuminosityProjection.scaledInputs(List.of(p), 100, new SystematicsScenario.Fixed()).get(0);
        assertEquals(100 * 100.0, fixed.backgrounds().get(0).yield(), 1e-9);
        assertEquals(rel, fixed.backgrounds().get(0).relativeMcError(), 1e-12);
        assertEquals(100 * 100.0, fixed.observed(), 1e-9); // Asimov
        MassPointInput shrink = LuminosityProjection.scaledInputs(List.of(p), 100,
                new SystematicsScenario.Shrinking(0.001)).get(0);
        assertEquals(rel / 10, shrink.backgrounds().get(0).relativeMcError(), 1e-12);
        MassPointInput floor = LuminosityProjection.scaledInputs(List.of(p), 1e6,
                new SystematicsScenario.Shrinking(0.01)).get(0);
        assertEquals(0.01, floor.backgrounds().get(0).relativeMcError(), 1e-12);
        MassPointInput none = LuminosityProjection.scaledInputs(List.of(p), 100,
                new SystematicsScenario.StatisticsOnly()).get(0);
        assertEquals(0.0, none.backgrounds().get(0).sumw2());
        assertEquals(0.0, none.efficiencyRelError());
        Systematics s = new SystematicsScenario.Shrinking(0.01).at(Systematics.defaults(), 10_000);
        assertEquals(0.01, s.signalEfficiency(), 1e-15);
        assertEquals(0.007, s.luminosity(), 1e-15); // already below the floor: kept
        assertThrows(InvalidInputException.class, () -> SystematicsScenario.byName("optimistic", 0.01));
    }
}
