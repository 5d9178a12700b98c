package org.recoil.limits.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;
import org.recoil.limits.analysis.AnalysisConfig;
import org.recoil.limits.analysis.AnalysisSettings;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.ScanFixtures;
import org.recoil.limits.scan.ScanOptions;
import org.recoil.limits.scan.Systematics;

/** Analysis improvements of a projection: factors, validation, and their effect on the expected limit. */
class ImprovementTest {

    private static final Luminosity L0 = Luminosity.parse("276/pb");

    @Test
    void factorsInterpolateLinearlyInMassAndHoldBeyondTheEnds() {
        MassFactor f = new MassFactor(new double[] {1, 3, 7}, new double[] {2, 4, 1});
        assertEquals(2.0, f.at(0.2), 1e-12);
        assertEquals(3.0, f.at(2.0), 1e-12);
        assertEquals(4.0, f.at(3.0), 1e-12);
        assertEquals(2.5, f.at(5.0), 1e-12);
        assertEquals(1.0, f.at(9.0), 1e-12);
        assertEquals(1.7, MassFactor.constant(1.7).at(4.2), 0);
        assertThrows(InvalidInputException.class, () -> new MassFactor(new double[] {1, 2}, new double[] {1, 0}));
        assertThrows(InvalidInputException.class, () -> new MassFactor(new double[] {2, 1}, new double[] {1, 1}));
    }

    @Test
    void gainAndRejectionScaleTheInputsAndKeepRelativeMcErrors() {
        MassPointInput p = new MassPointInput(2.0, ScanFixtures.counting(2.0, 100, 100).window(), 100,
                List.of(new org.recoil.limits.scan.SampleYield("bkg", 100, 25, 400)), 0.2, 0.05, 10.0, 0.5);
        Improvement i = new Improvement("x", "", MassFactor.constant(1.5), MassFactor.constant(4));
        MassPointInput q = i.apply(List.of(p)).get(0);
        assertEquals(0.3, q.efficiency(), 1e-12);
        assertEquals(25.0, q.totalBackground(), 1e-12);
        assertEquals(25.0, q.observed(), 1e-12);
        assertEquals(25.0 / 16, q.backgrounds().get(0).sumw2(), 1e-12);
        assertEquals(0.05, q.efficiencyRelError(), 0);
        assertTrue(Improvement.NONE.apply(List.of(p)).get(0) == p);
    }

    @Test
    void aGainPushingAnEfficiencyAboveOneIsRefusedNamingTheMass() {
        MassPointInput p = ScanFixtures.counting(2.5, 100, 100); // efficiency 0.2
        Improvement i = new Improvement("too-good", "", new MassFactor(new double[] {1, 3}, new double[] {1, 9}),
                MassFactor.ONE);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LuminosityProjection.project(
                List.of(p), L0, Systematics.defaults(), List.of(L0), List.of(new SystematicsScenario.Fixed()),
                List.of(i), List.of(), ScanOptions.defaults()));
        assertTrue(e.getMessage().contains("M = 2.5 GeV") && e.getMessage().contains("too-good")
                && e.getMessage().contains("above 1"), e.getMessage());
    }

    @Test
    void theProjectionReportsEveryImprovementBesidesTheAnalysisAsConfigured() {
        MassPointInput p = ScanFixtures.counting(2.0, 400, 400);
        Improvement i = new Improvement("mva-like", "", MassFactor.constant(1.5), MassFactor.constant(4));
        List<Luminosity> lumis = List.of(L0, Luminosity.parse("50/fb"));
        ProjectionResult r = LuminosityProjection.project(List.of(p), L0, new Systematics(0, 0, Map.of(), 0, false),
                lumis, List.of(new SystematicsScenario.StatisticsOnly()), List.of(i), List.of(),
                ScanOptions.defaults());
        assertEquals(4, r.curves().size());
        assertEquals(List.of("none", "mva-like"), r.improvements().stream().map(Improvement::name).toList());
        assertEquals(2, r.curves("stat_only").size(), "curves(scenario) is the analysis as configured");
        double base = r.curve("stat_only", lumis.get(1)).gPrimeMedian()[0];
        double better = r.curve("stat_only", lumis.get(1), "mva-like").gPrimeMedian()[0];
        // statistics only, large B: mu limit ~ sqrt(B)/eps, so g' ~ (sqrt(1/4)/1.5)^(1/2)
        assertEquals(Math.sqrt(0.5 / 1.5), better / base, 0.02);
    }

    @Test
    void improvementsAreReadFromTheProjectionSection() {
        AnalysisSettings s = AnalysisSettings.resolve(AnalysisConfig.parse("""
                projection:
                  improvements:
                    - name: mva-like
                      description: an MVA selection
                      signal_efficiency_gain: {masses: [1.0, 5.0], factors: [1.4, 1.1]}
                      background_rejection: 3.0
                """, "t.yaml"), null, "t.yaml");
        Improvement i = s.projection().improvements().get(0);
        assertEquals("mva-like", i.name());
        assertEquals(1.25, i.signalEfficiencyGain().at(3.0), 1e-12);
        assertEquals(3.0, i.backgroundRejection().at(7.0), 0);
        for (String bad : List.of("background_rejection: 0", "background_rejection: {masses: [1, 2], factors: [2, -1]}",
                "signal_efficiency_gain: {masses: [1], factorz: [2]}")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> AnalysisSettings.resolve(
                    AnalysisConfig.parse("projection:\n  improvements:\n    - {name: x, " + bad + "}\n", "t.yaml"),
                    null, "t.yaml"), bad);
            assertTrue(e.getMessage().contains("improvements") && e.getMessage().contains("'x'"), e.getMessage());
        }
    }
}
