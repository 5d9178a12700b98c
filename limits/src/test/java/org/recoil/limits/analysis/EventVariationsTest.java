package org.recoil.limits.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventTable;
import org.recoil.core.kinematics.RecoilMass;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionResult;
import org.recoil.core.sim.DetectorSmearing;
import org.recoil.core.sim.SignalGenerator;
import org.recoil.fitting.spec.Modifier;
import org.recoil.fitting.spec.Sample;
import org.recoil.fitting.spec.Workspace;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.scan.EventSystematic;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.MassScan;
import org.recoil.limits.scan.MassWindow;
import org.recoil.limits.scan.PointJob;
import org.recoil.limits.scan.ScanResult;
import org.recoil.limits.scan.SearchWorkspace;

/**
 * Systematics from event-level variations ({@code variations:}): a zero-size variation gives the
 * nominal model bit for bit, the momentum scale moves the signal peak as the kinematics predict,
 * normsys factors are the yield ratios, histosys holds the varied shapes, results are reproducible
 * from the seed, and post-processing (mirroring, symmetrisation, smoothing) does what it says.
 */
class EventVariationsTest {

    /** A small synthetic analysis: a few masses, small samples (seconds). */
    private static final String BASE = "inputs:\n  synthetic: {seed: 7, mumu_gamma_events: 30000, tautau_gamma_events:"
            + " 10000, eemumu_events: 30000, signal_events: 2000, signal_masses: [1.0, 2.0, 3.0, 4.0]}\n"
            + "mass_grid: {masses: [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0]%s}\nzero_background: report\n";

    private static AnalysisSettings settings(Path dir, String yaml) throws IOException {
        Path f = dir.resolve("analysis.yaml");
        Files.writeString(f, yaml);
        return AnalysisSettings.resolve(AnalysisConfig.read(f), dir, f.toString());
    }

    private static String config(String grid, String variations) {
        return String.format(BASE, grid) + (variations.isEmpty() ? "" : "variations: " + variations + "\n");
    }

    private static List<MassPointInput> points(AnalysisSettings s) {
        return AnalysisPipeline.massPoints(s, AnalysisPipeline.prepare(s, 2, ProgressListener.NONE));
    }

    private static List<String> workspaces(AnalysisSettings s, List<MassPointInput> p) {
        return MassScan.jobs(p, s.luminosity(), s.systematics(), s.seed()).stream().map(PointJob::workspace)
                .map(WorkspaceIO::toJson).toList();
    }

    @Test
    void zeroSizeVariationsGiveTheNominalModelBitForBit(@TempDir Path dir) throws IOException {
        String zero = "{momentum_scale: 0.0, momentum_resolution: 0.0, muon_id: 0.0,"
                + " background_normalisation: {tautau_gamma: 0.0}}";
        for (String grid : List.of("", ", bins_per_window: 3")) {
            AnalysisSettings nominal = settings(dir, config(grid, ""));
            AnalysisSettings varied = settings(dir, config(grid, zero));
            List<MassPointInput> a = points(nominal);
            List<MassPointInput> b = points(varied);
            assertFalse(b.get(0).eventSystematics().isEmpty(), "the zero variations are computed");
            for (EventSystematic e : b.get(2).eventSystematics()) {
                assertEquals(1.0, e.hi(), e.toString());
                assertEquals(1.0, e.lo(), e.toString());
                assertFalse(e.hasShape(), e.toString());
            }
            assertEquals(workspaces(nominal, a), workspaces(varied, b), "identical workspaces" + grid);
            ScanResult ra = AnalysisPipeline.scan(nominal, a.subList(1, 3), 1, ProgressListener.NONE);
            ScanResult rb = AnalysisPipeline.scan(varied, b.subList(1, 3), 1, ProgressListener.NONE);
            for (int i = 0; i < 2; i++) {
                var la = ra.points().get(i).limit().orElseThrow();
                var lb = rb.points().get(i).limit().orElseThrow();
                assertEquals(la.gPrimeObserved(), lb.gPrimeObserved(), "same limit bit for bit");
                assertEquals(la.gPrimeExpected().median(), lb.gPrimeExpected().median());
            }
        }
    }

    @Test
    void momentumScaleMovesTheRecoilPeakAsTheKinematicsPredict(@TempDir Path dir) throws IOException {
        AnalysisSettings s = settings(dir, config("", ""));
        Selection selection = Selection.fromConfig(s.selection());
        double mass = 3.0;
        EventTable t = SignalGenerator.of(mass, selection.beams(), DetectorSmearing.belle2()).generate(4000, 11, 1.0)
                .toEventTable();
        double delta = 0.005;
        EventVariation v = EventVariation.momentumScale(delta);
        EventTable up = v.apply(t, EventVariation.Direction.UP, 1);
        SelectionResult r0 = selection.apply(t);
        SelectionResult r1 = selection.apply(up);
        RecoilMass rm = new RecoilMass(selection.beams());
        double[] px1 = t.mu1Px();
        double[] py1 = t.mu1Py();
        double[] pz1 = t.mu1Pz();
        double[] px2 = t.mu2Px();
        double[] py2 = t.mu2Py();
        double[] pz2 = t.mu2Pz();
        double f = 1 + delta;
        double[] m0 = r0.recoilMass2();
        double[] m1 = r1.recoilMass2();
        double[] shift = new double[t.size()];
        double[] predicted = new double[t.size()];
        int n = 0;
        for (int i : r1.selectedEvents()) {
            double direct = rm.recoilMass2(px1[i] * f, py1[i] * f, pz1[i] * f, px2[i] * f, py2[i] * f, pz2[i] * f);
            assertEquals(direct, m1[i], 1e-9 * Math.max(1, Math.abs(direct)), "M_rec^2 of the scaled momenta");
            if (r0.passed(i)) {
                // first order: M^2(1+d) = s - 2 sqrt(s) E*(1+d) + m^2(1+d)^2 -> dM^2 = d (2 m^2 - 2 sqrt(s) E*)
                double m2 = rm.recoilMass2(px1[i], py1[i], pz1[i], px2[i], py2[i], pz2[i]);
                shift[n] = m1[i] - m0[i];
                predicted[n] = direct - m2;
                n++;
            }
        }
        assertTrue(n > 400, "selected events " + n);
        double med = median(Arrays.copyOf(shift, n));
        double medPredicted = median(Arrays.copyOf(predicted, n));
        assertEquals(medPredicted, med, 1e-9, "peak shift = RecoilMass on scaled momenta");
        // and the peak of the selected sample moves by that shift: compare the medians near the peak
        double peak0 = median(inWindow(m0, r0.selectedEvents(), mass * mass, 3));
        double peak1 = median(inWindow(m1, r1.selectedEvents(), mass * mass + med, 3));
        assertEquals(med, peak1 - peak0, 0.15 * Math.abs(med) + 0.02, "peak moves by the predicted shift " + med);
        assertTrue(med < -0.1, "a larger momentum lowers M_rec^2: " + med);
    }

    private static double[] inWindow(double[] m2, int[] idx, double centre, double half) {
        return Arrays.stream(idx).mapToDouble(i -> m2[i]).filter(x -> Math.abs(x - centre) < half).toArray();
    }

    private static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y.length % 2 == 1 ? y[y.length / 2] : 0.5 * (y[y.length / 2 - 1] + y[y.length / 2]);
    }

    @Test
    void normsysAreTheYieldRatiosAndHistosysTheVariedShapes(@TempDir Path dir) throws IOException {
        AnalysisSettings s = settings(dir, config(", bins_per_window: 3",
                "{momentum_scale: 0.003, muon_id: 0.02, background_normalisation: {tautau_gamma: 0.1}}"));
        SearchSamples samples = AnalysisPipeline.prepare(s, 2, ProgressListener.NONE);
        List<MassPointInput> pts = AnalysisPipeline.massPoints(s, samples);
        MassPointInput p = pts.get(2);
        MassWindow w = p.window();
        // muon ID: a weight on every event, the selection unchanged: (1 +- d)^2 for every sample
        for (EventSystematic e : p.eventSystematics()) {
            boolean empty = !e.sample().equals(SearchWorkspace.SIGNAL) && p.backgrounds().stream()
                    .anyMatch(y -> y.name().equals(e.sample()) && !(y.yield() > 0));
            if (empty) {
                assertEquals(1.0, e.hi(), "no nominal yield: no variation " + e);
                continue;
            }
            if (e.name().equals("muon_id")) {
                assertEquals(1.0404, e.hi(), 1e-9, e.toString());
                assertEquals(0.9604, e.lo(), 1e-9, e.toString());
                assertFalse(e.hasShape(), "a flat weight leaves the shape: " + e);
            }
            if (e.name().equals("bkg_norm_tautau_gamma")) {
                assertEquals("tautau_gamma", e.sample());
                assertEquals(1.1, e.hi(), 1e-9);
                assertEquals(0.9, e.lo(), 1e-9);
            }
        }
        // momentum scale: the normsys of each background = varied window yield / nominal window yield
        VariedSamples up = samples.variations().stream().filter(x -> x.variation().name().equals("momentum_scale")
                && x.direction() == EventVariation.Direction.UP).findFirst().orElseThrow();
        VariedSamples down = samples.variations().stream().filter(x -> x.variation().name().equals("momentum_scale")
                && x.direction() == EventVariation.Direction.DOWN).findFirst().orElseThrow();
        Workspace ws = MassScan.jobs(pts, s.luminosity(), s.systematics(), s.seed()).stream()
                .filter(j -> j.mass() == p.mass()).findFirst().orElseThrow().workspace();
        int checked = 0;
        for (int k = 0; k < samples.backgrounds().size(); k++) {
            String name = samples.backgrounds().get(k).name();
            double y0 = samples.backgrounds().get(k).count(w).sumWeights();
            if (!(y0 > 0)) {
                continue;
            }
            double hi = up.backgrounds().get(k).count(w).sumWeights() / y0;
            double lo = down.backgrounds().get(k).count(w).sumWeights() / y0;
            EventSystematic e = p.eventSystematics().stream().filter(x -> x.name().equals("momentum_scale")
                    && x.sample().equals(name)).findFirst().orElseThrow();
            assertEquals(hi, e.hi(), 1e-9 * hi, name);
            assertEquals(lo, e.lo(), 1e-9 * lo, name);
            Sample sample = ws.channels().get(0).samples().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow();
            Modifier.NormSys ns = sample.modifiers().stream().filter(m -> m instanceof Modifier.NormSys n
                    && n.name().equals("momentum_scale")).map(m -> (Modifier.NormSys) m).findFirst().orElseThrow();
            assertEquals(Math.max(hi, 1e-3), ns.hi(), 1e-9);
            assertEquals(Math.max(lo, 1e-3), ns.lo(), 1e-9);
            if (e.hasShape()) {
                Modifier.HistoSys hs = sample.modifiers().stream().filter(m -> m instanceof Modifier.HistoSys h
                        && h.name().equals("momentum_scale")).map(m -> (Modifier.HistoSys) m).findFirst()
                        .orElseThrow();
                // histosys: the up shape normalised to the nominal total, bin by bin
                double[] e3 = p.shape().orElseThrow().edges();
                double upTotal = up.backgrounds().get(k).count(w).sumWeights();
                for (int b = 0; b < 3; b++) {
                    double nom = samples.backgrounds().get(k).counter().count(e3[b], e3[b + 1]).sumWeights();
                    double var = up.backgrounds().get(k).counter().count(e3[b], e3[b + 1]).sumWeights();
                    if (nom > 0) {
                        assertEquals(var / upTotal * y0, hs.hiData()[b], 1e-9 * y0, name + " bin " + b);
                    }
                }
                checked++;
            }
        }
        assertTrue(checked > 0, "at least one background has a shape variation");
        // the signal's normsys: varied efficiency / nominal efficiency
        EventSystematic sig = p.eventSystematics().stream().filter(x -> x.name().equals("momentum_scale")
                && x.sample().equals(SearchWorkspace.SIGNAL)).findFirst().orElseThrow();
        SignalMc n2 = samples.signals().get(1);
        SignalMc u2 = up.signals().get(1);
        assertEquals(2.0, n2.mass());
        assertEquals(u2.efficiency(w) / n2.efficiency(w), sig.hi(), 1e-9);
        assertNotEquals(1.0, sig.hi());
        // the report
        String csv = EventSystematics.csv(pts);
        assertTrue(csv.startsWith(EventSystematics.CSV_HEADER + "\n"), csv);
        assertTrue(csv.contains("\n2,tautau_gamma,bkg_norm_tautau_gamma,10,-10\n"), csv);
    }

    @Test
    void resolutionIsSeededAndMirrored(@TempDir Path dir) throws IOException {
        String v = "{momentum_resolution: 0.02, seed: %d}";
        List<MassPointInput> a = points(settings(dir, config("", String.format(v, 5))));
        List<MassPointInput> b = points(settings(dir, config("", String.format(v, 5))));
        List<MassPointInput> c = points(settings(dir, config("", String.format(v, 6))));
        assertEquals(a.get(2).eventSystematics(), b.get(2).eventSystematics(), "reproducible from the seed");
        assertNotEquals(a.get(2).eventSystematics(), c.get(2).eventSystematics(), "another seed, other smearing");
        for (EventSystematic e : a.get(2).eventSystematics()) {
            assertEquals(Math.max(0, 2 - e.hi()), e.lo(), 1e-12, "one-sided: down mirrors up " + e);
        }
        EventTable t = SignalGenerator.of(2.0, Selection.fromConfig(settings(dir, config("", "")).selection()).beams(),
                DetectorSmearing.belle2())
                .generate(500, 3, 1.0).toEventTable();
        EventVariation r = EventVariation.momentumResolution(0.02);
        EventTable once = r.apply(t, EventVariation.Direction.UP, 5);
        // the smearing depends on the seed and the event, not on its position: a copy appended is smeared alike
        assertArrayEquals(once.mu1Px(), r.apply(t, EventVariation.Direction.UP, 5).mu1Px());
        EventTable half = r.apply(EventTable.concat(List.of(t, t)), EventVariation.Direction.UP, 5);
        assertArrayEquals(once.mu2Pz(), Arrays.copyOfRange(half.mu2Pz(), t.size(), 2 * t.size()));
    }

    @Test
    void symmetrisationAndSmoothing(@TempDir Path dir) throws IOException {
        String v = "{momentum_scale: 0.004, symmetrise: %s, smooth: %d}";
        // the same selected samples, post-processed three ways
        AnalysisSettings base = settings(dir, config("", String.format(v, "none", 1)));
        SearchSamples samples = AnalysisPipeline.prepare(base, 2, ProgressListener.NONE);
        List<MassPointInput> none = AnalysisPipeline.massPoints(base, samples);
        List<MassPointInput> max = AnalysisPipeline.massPoints(settings(dir, config("", String.format(v, "max", 1))),
                samples);
        List<MassPointInput> avg = AnalysisPipeline.massPoints(settings(dir, config("", String.format(v, "average",
                1))), samples);
        List<MassPointInput> smooth = AnalysisPipeline.massPoints(settings(dir, config("", String.format(v, "none",
                3))), samples);
        for (int i = 0; i < none.size(); i++) {
            for (int k = 0; k < none.get(i).eventSystematics().size(); k++) {
                EventSystematic n = none.get(i).eventSystematics().get(k);
                EventSystematic m = max.get(i).eventSystematics().get(k);
                EventSystematic a = avg.get(i).eventSystematics().get(k);
                double big = Math.max(Math.abs(n.hi() - 1), Math.abs(n.lo() - 1));
                assertEquals(big, Math.abs(m.hi() - 1), 1e-12);
                assertEquals(m.hi() - 1, 1 - m.lo(), 1e-12, "symmetric");
                assertEquals((n.hi() - n.lo()) / 2, a.hi() - 1, 1e-12);
                assertEquals(a.hi() - 1, 1 - a.lo(), 1e-12);
                // smoothing: the running mean over three neighbouring masses
                int lo = Math.max(0, i - 1);
                int hi = Math.min(none.size() - 1, i + 1);
                double mean = 0;
                for (int j = lo; j <= hi; j++) {
                    mean += none.get(j).eventSystematics().get(k).hi() - 1;
                }
                assertEquals(1 + mean / (hi - lo + 1), smooth.get(i).eventSystematics().get(k).hi(), 1e-12);
            }
        }
    }

    @Test
    void badVariationsAreOneLineErrors(@TempDir Path dir) {
        for (String[] c : new String[][] {{"{momentum_scale: -0.1}", "[0, 1)"}, {"{smooth: 2}", "odd"},
                {"{symmetrise: both}", "none, max or average"}, {"{muon_id: 0.01, colour: red}", "colour"},
                {"{weight_columns: {trig: {up: a, down: b}}}", "event files"}}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> settings(dir, config("", c[0])));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> points(settings(dir,
                config("", "{background_normalisation: {tau: 0.1}}"))));
        assertTrue(e.getMessage().contains("unknown background sample 'tau'"), e.getMessage());
        assertTrue(VariationSettings.none().variations().isEmpty());
        assertEquals(VariationSettings.Symmetrisation.MAX, VariationSettings.Symmetrisation.byName("true"));
    }
}
