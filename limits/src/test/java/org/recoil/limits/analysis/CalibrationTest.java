package org.recoil.limits.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recoil.core.physics.CrossSectionTable;
import org.recoil.core.physics.LmuLtauZPrime;
import org.recoil.core.physics.Luminosity;
import org.recoil.core.testing.SharedReference;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.interpret.InterpretedLimit;
import org.recoil.limits.projection.ProjectionCurve;
import org.recoil.limits.projection.ProjectionResult;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.MassPointResult;
import org.recoil.limits.scan.ScanResult;

/**
 * The demo pipeline (synthetic dataset, default selection, windows, asymptotic CLs) at 276 pb⁻¹
 * reproduces the order of magnitude of Belle II's 2020 result (Phys. Rev. Lett. 124 (2020) 141801,
 * physics.json {@code belle2_2020}): at each published mass the expected median limits on g′ and on
 * σ × BR(Z′ → invisible) lie within a factor 3 of the published ones (the published σ × BR limit is
 * computed from the published g′ limit as σ(g′=1) g′² BR<sub>inv</sub>, physics.json
 * {@code implied_sigma_ul_fb}); and the expected limits improve monotonically from 276 pb⁻¹ to
 * 50 fb⁻¹ and 50 ab⁻¹. Small Monte Carlo samples keep it fast; the published values are
 * observed Bayesian limits digitised from the figure, hence the generous factor.
 */
class CalibrationTest {

    private static final double FACTOR = 3.0;
    private static final String CONFIG = String.join("\n",
            "inputs:",
            "  synthetic: {seed: 20200410, mumu_gamma_events: 300000, tautau_gamma_events: 100000,",
            "              eemumu_events: 50000, signal_events: 4000, signal_masses: [1.0, 2.5, 4.0, 6.0]}",
            "luminosity: 276/pb",
            "mass_grid: {masses: [1.16, 2.29, 3.98, 5.97]}",
            "projection: {luminosities: [276/pb, 50/fb, 50/ab], lumi_curve_masses: [2.29], lumi_curve_points: 3}",
            "");

    private static JsonNode published;
    private static AnalysisSettings settings;
    private static ScanResult scan;
    private static ProjectionResult projection;

    @BeforeAll
    static void run() {
        published = SharedReference.physics().get("belle2_2020").get("gprime_ul_observed");
        settings = AnalysisSettings.resolve(AnalysisConfig.parse(CONFIG, "calibration.yaml"), null, "calibration.yaml");
        SearchSamples samples = AnalysisPipeline.prepare(settings, 2, ProgressListener.NONE);
        List<MassPointInput> points = AnalysisPipeline.massPoints(settings, samples);
        scan = AnalysisPipeline.scan(settings, points, 2, ProgressListener.NONE);
        projection = AnalysisPipeline.project(settings, points, 2, ProgressListener.NONE);
    }

    private static double publishedGPrime(double mass) {
        for (JsonNode e : published) {
            if (Math.abs(e.get("mass").asDouble() - mass) < 1e-9) {
                return e.get("gprime").asDouble();
            }
        }
        throw new IllegalStateException("no published limit at " + mass);
    }

    @Test
    void expectedLimitsAt276PerPicobarnAreOfTheOrderOfBelle2s2020Result() {
        CrossSectionTable xs = CrossSectionTable.belle2();
        StringBuilder table = new StringBuilder();
        for (MassPointResult p : scan.points()) {
            assertTrue(p.hasLimit(), p.mass() + ": " + p.status() + " " + p.message());
            InterpretedLimit l = p.limit().orElseThrow();
            double gPub = publishedGPrime(p.mass());
            double sigmaPubFb = 1000 * xs.sigmaPb(p.mass()) * gPub * gPub * LmuLtauZPrime.INSTANCE.brInvisible(p.mass());
            double g = l.gPrimeExpected().median();
            double sigmaFb = 1000 * l.sigmaTimesBrExpectedPb().median();
            table.append(String.format(Locale.ROOT, "M=%.2f g' exp %.4f (pub %.4f) sxBR exp %.1f fb (pub %.1f fb); ",
                    p.mass(), g, gPub, sigmaFb, sigmaPubFb));
            assertTrue(g / gPub < FACTOR && gPub / g < FACTOR, "g' at " + p.mass() + ": " + table);
            assertTrue(sigmaFb / sigmaPubFb < FACTOR && sigmaPubFb / sigmaFb < FACTOR,
                    "sigma x BR at " + p.mass() + ": " + table);
            // the published sigma x BR limits are 100-250 fb (physics.json implied_sigma_ul_fb)
            assertTrue(sigmaPubFb > 80 && sigmaPubFb < 300, "published sigma x BR " + sigmaPubFb);
        }
        System.out.println("calibration: " + table);
    }

    @Test
    void projectionsImproveMonotonicallyWithLuminosity() {
        List<Luminosity> lumis = settings.projection().luminosities();
        for (var scenario : settings.projection().scenarios()) {
            List<ProjectionCurve> curves = projection.curves(scenario.name());
            assertEquals(lumis.size(), curves.size());
            for (int m = 0; m < scan.points().size(); m++) {
                double previous = Double.POSITIVE_INFINITY;
                for (ProjectionCurve c : curves) {
                    MassPointResult p = c.scan().points().get(m);
                    assertTrue(p.hasLimit(), scenario.name() + " " + c.luminosity() + " " + p.message());
                    double g = p.limit().orElseThrow().gPrimeExpected().median();
                    if (scenario.name().equals("fixed")) {
                        assertTrue(g <= previous * (1 + 1e-6), scenario.name() + " at " + c.luminosity());
                    } else {
                        assertTrue(g < previous, scenario.name() + " at " + c.luminosity() + ": " + g + " >= "
                                + previous);
                    }
                    previous = g;
                }
            }
        }
        // the 276/pb projection (Asimov data) reproduces the scan's expected median
        ProjectionCurve same = projection.curve("fixed", Luminosity.PHASE2_2018);
        for (int m = 0; m < scan.points().size(); m++) {
            double fromScan = scan.points().get(m).limit().orElseThrow().gPrimeExpected().median();
            double fromProjection = same.scan().points().get(m).limit().orElseThrow().gPrimeExpected().median();
            assertEquals(fromScan, fromProjection, 0.05 * fromScan);
        }
    }
}
