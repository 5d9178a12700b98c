package org.recoil.limits.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.scan.EventSystematic;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.MassScan;
import org.recoil.limits.scan.MassWindow;
import org.recoil.limits.scan.PointJob;
import org.recoil.limits.scan.SearchWorkspace;

/**
 * The MVA selection with event-level variations (issue 20): each variation's events go through the
 * same trained classifier and the same cut per mass as the nominal ones; a zero-size variation gives
 * the nominal model bit for bit; a weight-only variation keeps the selected events and scales their
 * weights; a momentum-scale variation's normsys are the ratios of the window yields after the cut.
 */
class MvaVariationsTest {

    /** A small synthetic analysis with a small classifier (seconds). */
    private static final String BASE = "inputs:\n  synthetic: {seed: 7, mumu_gamma_events: 20000, tautau_gamma_events:"
            + " 10000, eemumu_events: 10000, signal_events: 1500, signal_masses: [1.0, 2.0, 3.0]}\n"
            + "selection: {mva: {trees: 10, max_depth: 3, min_background_entries: 2, seed: 3}}\n"
            + "mass_grid: {masses: [1.0, 1.5, 2.0, 3.0]%s}\nzero_background: report\n";

    private static AnalysisSettings settings(Path dir, String grid, String variations) throws IOException {
        Path f = dir.resolve("analysis.yaml");
        Files.writeString(f, String.format(BASE, grid) + (variations.isEmpty() ? "" : "variations: " + variations
                + "\n"));
        return AnalysisSettings.resolve(AnalysisConfig.read(f), dir, f.toString());
    }

    private static List<String> workspaces(AnalysisSettings s, List<MassPointInput> p) {
        return MassScan.jobs(p, s.luminosity(), s.systematics(), s.seed()).stream().map(PointJob::workspace)
                .map(WorkspaceIO::toJson).toList();
    }

    @Test
    void zeroSizeVariationsGiveTheNominalModelBitForBit(@TempDir Path dir) throws IOException {
        String zero = "{momentum_scale: 0.0, momentum_resolution: 0.0, muon_id: 0.0,"
                + " background_normalisation: {tautau_gamma: 0.0}}";
        AnalysisSettings nominal = settings(dir, ", bins_per_window: 3", "");
        AnalysisSettings varied = settings(dir, ", bins_per_window: 3", zero);
        SearchSamples sn = AnalysisPipeline.prepare(nominal, 2, ProgressListener.NONE);
        SearchSamples sv = AnalysisPipeline.prepare(varied, 2, ProgressListener.NONE);
        assertEquals(sn.mva().report().cuts(), sv.mva().report().cuts(), "the same classifier and cuts");
        List<MassPointInput> a = AnalysisPipeline.massPoints(nominal, sn);
        List<MassPointInput> b = AnalysisPipeline.massPoints(varied, sv);
        assertFalse(b.get(0).eventSystematics().isEmpty(), "the zero variations are computed");
        for (MassPointInput p : b) {
            for (EventSystematic e : p.eventSystematics()) {
                assertEquals(1.0, e.hi(), e.toString());
                assertEquals(1.0, e.lo(), e.toString());
                assertFalse(e.hasShape(), e.toString());
            }
        }
        assertEquals(workspaces(nominal, a), workspaces(varied, b), "identical workspaces");
    }

    @Test
    void eachVariationGoesThroughTheSameClassifierAndCut(@TempDir Path dir) throws IOException {
        AnalysisSettings s = settings(dir, "", "{momentum_scale: 0.003, muon_id: 0.02}");
        SearchSamples samples = AnalysisPipeline.prepare(s, 2, ProgressListener.NONE);
        List<MassPointInput> pts = AnalysisPipeline.massPoints(s, samples);
        assertEquals(4, samples.variations().size(), "momentum scale and muon ID, up and down");
        int checkedScale = 0;
        for (VariedSamples v : samples.variations()) {
            MvaSelection.Applied a = samples.varied(v).mva();
            assertSame(samples.mva().report(), a.report(), "no second training, the same cuts");
            double f = v.variation().kind() == EventVariation.Kind.MUON_ID
                    ? Math.pow(1 + v.direction().sign() * 0.02, 2) : Double.NaN;
            for (int i = 0; i < a.masses().length; i++) {
                SearchSamples nom = samples.mva().perMass().get(i);
                SearchSamples var = a.perMass().get(i);
                assertEquals(nom.data(), var.data(), "the data are not varied");
                for (int k = 0; k < nom.backgrounds().size(); k++) {
                    SelectedSample n = nom.backgrounds().get(k);
                    SelectedSample x = var.backgrounds().get(k);
                    if (!Double.isNaN(f)) {
                        // a weight does not change the classifier's output: the same events pass, reweighted
                        assertArrayEquals(n.recoilMass2(), x.recoilMass2(), n.name() + " at " + a.masses()[i]);
                        double[] w = n.weights();
                        for (int j = 0; j < w.length; j++) {
                            assertEquals(w[j] * f, x.weights()[j], 1e-12 * Math.abs(w[j]));
                        }
                    }
                }
            }
        }
        for (MassPointInput p : pts) {
            int i = java.util.Arrays.binarySearch(samples.mva().masses(), p.mass());
            MassWindow w = p.window();
            for (EventSystematic e : p.eventSystematics()) {
                boolean empty = !e.sample().equals(SearchWorkspace.SIGNAL) && p.backgrounds().stream()
                        .anyMatch(y -> y.name().equals(e.sample()) && !(y.yield() > 0));
                if (empty) {
                    continue;
                }
                if (e.name().equals("muon_id")) {
                    assertEquals(1.0404, e.hi(), 1e-9, e.toString());
                    assertEquals(0.9604, e.lo(), 1e-9, e.toString());
                } else if (!e.sample().equals(SearchWorkspace.SIGNAL)) {
                    // the momentum scale: window yields after the same cut, varied / nominal
                    VariedSamples up = samples.variations().stream().filter(x -> x.variation().name()
                            .equals("momentum_scale") && x.direction() == EventVariation.Direction.UP)
                            .findFirst().orElseThrow();
                    SearchSamples nom = samples.mva().perMass().get(i);
                    SearchSamples var = samples.varied(up).mva().perMass().get(i);
                    int k = nom.backgroundNames().indexOf(e.sample());
                    double y0 = nom.backgrounds().get(k).count(w).sumWeights();
                    double y1 = var.backgrounds().get(k).count(w).sumWeights();
                    assertEquals(y1 / y0, e.hi(), 1e-9 * y1 / y0, e.toString());
                    checkedScale++;
                }
            }
        }
        assertTrue(checkedScale > 0, "a background with a momentum-scale normsys");
        // the momentum scale moves events across the window edges and the cut: the signal's normsys is not 1
        assertTrue(pts.stream().flatMap(p -> p.eventSystematics().stream()).anyMatch(e -> e.name()
                .equals("momentum_scale") && e.sample().equals(SearchWorkspace.SIGNAL) && e.hi() != 1.0));
        assertNotEquals(samples.mva().perMass().get(2).signals().get(1).selected(),
                samples.varied(samples.variations().get(0)).mva().perMass().get(2).signals().get(1).selected());
    }
}
