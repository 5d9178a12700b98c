package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recoil.core.events.EventTable;
import org.recoil.core.physics.PhysicsConstants;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionResult;
import org.recoil.core.testing.SharedReference;

/**
 * Checks the calibration of {@link SyntheticDataset#defaultSelection()}: at 276 pb^-1, the expected
 * background in M_rec^2 windows of +-2 sigma of the Belle II resolution (physics.json
 * "recoil_mass_squared_resolution_gev2") and the signal efficiency give expected 90% CL upper
 * limits on sigma(e+e- -> mu mu Z') x BR(Z' -> inv) of the order of Belle II's 2020 result
 * (physics.json "belle2_2020": 100-250 fb, g' from 0.05 at 1 GeV to 1 near 6 GeV).
 *
 * <p>Counting limit: Bayesian with a flat prior on s &gt;= 0, known background b and n = b observed
 * events (the median-like expectation): s_up solves Q(n + 1, b + s_up) = (1 - CL) Q(n + 1, b),
 * Q the regularised upper incomplete gamma function (e.g. PDG Review of Statistics, Sect. 40.4.1).
 * Then sigma_up = s_up / (efficiency L) and g'_up = sqrt(sigma_up / (sigma(g' = 1) BR_inv)).
 */
class DefaultSelectionCalibrationTest {
    private static final double LUMI = 276.0;
    private static final double[] MASSES = {1.16, 2.29, 3.02, 3.98, 5.0, 5.97};
    private static final Map<Double, Window> WINDOWS = new LinkedHashMap<>();

    /** Expected yields in one window. */
    record Window(double mass, double lo, double hi, Map<String, Double> background, double efficiency,
            double sigmaPb) {
        double totalBackground() {
            return background.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    @BeforeAll
    static void measure() {
        SyntheticDatasetConfig cfg = SyntheticDatasetConfig.defaults().withBackgroundEvents(500_000, 100_000, 500_000)
                .withSignal(10_000, List.of(1.16, 2.29, 3.02, 3.98, 5.0, 5.97));
        SyntheticDataset ds = SyntheticDataset.generate(cfg);
        Selection selection = Selection.fromConfig(SyntheticDataset.defaultSelection());
        JsonNode resolution = SharedReference.physics().get("recoil_mass_squared_resolution_gev2").get("values");
        Map<String, double[][]> selected = new LinkedHashMap<>();
        for (SimulatedEvents b : ds.backgrounds()) {
            selected.put(b.sample(), select(selection, b.toEventTable()));
        }
        for (double m : MASSES) {
            double sigma = interpolate(resolution, m);
            double lo = m * m - 2 * sigma;
            double hi = m * m + 2 * sigma;
            Map<String, Double> bkg = new LinkedHashMap<>();
            for (Map.Entry<String, double[][]> e : selected.entrySet()) {
                bkg.put(e.getKey(), sumInWindow(e.getValue(), lo, hi));
            }
            SimulatedEvents signal = ds.signals().get(m);
            double sigmaL = signal.crossSectionPb() * LUMI;
            double eff = sumInWindow(select(selection, signal.toEventTable()), lo, hi) / sigmaL;
            WINDOWS.put(m, new Window(m, lo, hi, bkg, eff, signal.crossSectionPb()));
        }
    }

    /** @return {M_rec^2, weight} of the selected events */
    private static double[][] select(Selection selection, EventTable table) {
        SelectionResult r = selection.apply(table);
        double[] m2 = r.recoilMass2();
        double[] w = table.weight();
        int[] idx = r.selectedEvents();
        double[][] out = new double[2][idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[0][i] = m2[idx[i]];
            out[1][i] = w[idx[i]];
        }
        return out;
    }

    private static double sumInWindow(double[][] ev, double lo, double hi) {
        double s = 0;
        for (int i = 0; i < ev[0].length; i++) {
            if (ev[0][i] >= lo && ev[0][i] <= hi) {
                s += ev[1][i];
            }
        }
        return s;
    }

    private static double interpolate(JsonNode table, double m) {
        for (int i = 0; i + 1 < table.size(); i++) {
            double m0 = table.get(i).get("mass").asDouble();
            double m1 = table.get(i + 1).get("mass").asDouble();
            if (m >= m0 && m <= m1) {
                double s0 = table.get(i).get("sigma").asDouble();
                double s1 = table.get(i + 1).get("sigma").asDouble();
                return s0 + (s1 - s0) * (m - m0) / (m1 - m0);
            }
        }
        throw new IllegalArgumentException("mass " + m + " outside the resolution table");
    }

    /** Bayesian flat-prior upper limit for known background b and n = b observed (continuous n). */
    static double bayesianUpperLimit(double b, double cl) {
        double n = b;
        double norm = RegularizedGamma.Q.value(n + 1, b);
        return new BrentSolver(1e-10).solve(1000, s -> RegularizedGamma.Q.value(n + 1, b + s) / norm - (1 - cl),
                0.0, 50 + 10 * Math.sqrt(b + 1) + b);
    }

    /** BR(Z' -> nu nubar) from the partial widths of physics.json "widths". */
    static double brInvisible(double m) {
        double invisible = 2 * m / (24 * Math.PI);
        double visible = 0;
        for (double ml : new double[] {PhysicsConstants.MUON_MASS, PhysicsConstants.TAU_MASS}) {
            double r = 4 * ml * ml / (m * m);
            if (r < 1) {
                visible += m / (12 * Math.PI) * (1 + r / 2) * Math.sqrt(1 - r);
            }
        }
        return invisible / (invisible + visible);
    }

    @Test
    void countingLimitReproducesTheZeroBackgroundValue() {
        // b = 0: s_up = -ln(0.1) = 2.303
        assertEquals(-Math.log(0.1), bayesianUpperLimit(0.0, 0.9), 1e-8);
        assertEquals(0.5, brInvisible(1.0), 1e-3);
    }

    /**
     * Backgrounds: mu mu (gamma) dominates at low recoil mass, tau tau at intermediate masses,
     * two-photon events are removed, and every window has a physically sensible expected count
     * (neither hundreds of events nor exactly zero).
     */
    @Test
    void expectedBackgroundsAreSensible() {
        Window low = WINDOWS.get(1.16);
        assertTrue(low.background().get(MuMuGammaGenerator.PROCESS) > low.background().get(TauPairGenerator.PROCESS),
                "mu mu (gamma) dominates at 1.16 GeV: " + low.background());
        for (double m : new double[] {3.98, 5.0, 5.97}) {
            Window w = WINDOWS.get(m);
            assertTrue(w.background().get(TauPairGenerator.PROCESS) > w.background().get(MuMuGammaGenerator.PROCESS),
                    "tau tau dominates at " + m + " GeV: " + w.background());
        }
        for (Window w : WINDOWS.values()) {
            double b = w.totalBackground();
            assertTrue(b > 0.3 && b < 50.0, "background at " + w.mass() + " GeV: " + w.background());
            assertTrue(w.background().get(TwoPhotonMuMuGenerator.PROCESS) < 0.5 * b + 1e-9,
                    "two-photon events are suppressed at " + w.mass() + " GeV: " + w.background());
            assertTrue(w.efficiency() > 0.05 && w.efficiency() < 0.4,
                    "signal efficiency at " + w.mass() + " GeV: " + w.efficiency());
        }
    }

    /**
     * Expected sigma x BR limits of 50-400 fb (the order of Belle II's 100-250 fb) and g' limits
     * within a factor 2 of the published ones at each digitised mass.
     */
    @Test
    void expectedLimitsAreOfTheOrderOfBelle2020() {
        JsonNode published = SharedReference.physics().get("belle2_2020").get("gprime_ul_observed");
        List<String> report = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
            double m = published.get(i).get("mass").asDouble();
            double gPublished = published.get(i).get("gprime").asDouble();
            Window w = WINDOWS.get(m);
            double sUp = bayesianUpperLimit(w.totalBackground(), 0.9);
            double sigmaUpFb = sUp / (w.efficiency() * LUMI) * 1000.0;
            double gUp = Math.sqrt(sigmaUpFb / 1000.0 / (w.sigmaPb() * brInvisible(m)));
            report.add(String.format(java.util.Locale.ROOT, "M=%.2f b=%.2f eff=%.3f sigma_up=%.0f fb g'_up=%.3f (Belle II %.3f)",
                    m, w.totalBackground(), w.efficiency(), sigmaUpFb, gUp, gPublished));
            assertTrue(sigmaUpFb > 50 && sigmaUpFb < 400, report.get(report.size() - 1));
            assertTrue(gUp / gPublished > 0.5 && gUp / gPublished < 2.0, report.get(report.size() - 1));
        }
    }
}
