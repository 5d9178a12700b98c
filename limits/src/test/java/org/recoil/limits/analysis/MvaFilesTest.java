package org.recoil.limits.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.events.EventWriter;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.sim.DetectorSmearing;
import org.recoil.core.sim.SignalGenerator;
import org.recoil.core.sim.SimulatedEvents;
import org.recoil.core.sim.SyntheticDataset;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.scan.EventSystematic;
import org.recoil.limits.scan.MassPointInput;

/**
 * The MVA selection on event files ({@code inputs: files:}, issue 20): the synthetic dataset written as
 * CSV files and analysed with the MVA selection gives the same split, the same classifier (AUC, cuts)
 * and the same window yields and efficiencies as the in-memory synthetic dataset: the features are
 * computed from the files' columns as from the generated events, and the split is decided by the seed
 * and each event's row. Variations run on the files too.
 */
class MvaFilesTest {

    private static final String MVA = "selection: {mva: {trees: 10, max_depth: 3, min_background_entries: 2,"
            + " seed: 3}}\nluminosity: 20/pb\nmass_grid: {masses: [1.5, 2.0, 2.5]}\nzero_background: report\n";
    private static final double[] SIGNAL_MASSES = {1.5, 2.5};

    @Test
    void eventFilesGiveTheSyntheticMvaSelection(@TempDir Path dir) throws IOException {
        String synthetic = "inputs:\n  synthetic: {seed: 7, mumu_gamma_events: 30000, tautau_gamma_events: 20000,"
                + " eemumu_events: 10000, signal_events: 1500, signal_masses: [1.5, 2.5]}\n" + MVA;
        AnalysisSettings syn = AnalysisSettings.resolve(AnalysisConfig.parse(synthetic, "syn.yaml"), null, "syn.yaml");
        SearchSamples a = AnalysisPipeline.prepare(syn, 2, ProgressListener.NONE);
        List<MassPointInput> pa = AnalysisPipeline.massPoints(syn, a);

        var cfg = ((AnalysisSettings.SyntheticInputs) syn.inputs()).dataset();
        SyntheticDataset.generate(cfg, BeamConfiguration.belle2(), DetectorSmearing.belle2()).write(dir, "csv");
        StringBuilder signal = new StringBuilder();
        for (double m : SIGNAL_MASSES) {
            // weights in pb at g' = 1: generated "at 1/pb", the same events as the synthetic path's
            SimulatedEvents s = SignalGenerator.of(m, BeamConfiguration.belle2(), DetectorSmearing.belle2())
                    .generate(1500, 7L, 1.0);
            Path f = dir.resolve("signal_" + m + ".csv");
            EventWriter.write(s.toEventTable(), f);
            signal.append(String.format(java.util.Locale.ROOT, "    - {path: %s, mass: %s, total_weight: %s}%n",
                    f.getFileName(), m, s.crossSectionPb()));
        }
        String files = "inputs:\n  files:\n    data: {path: data.csv}\n"
                + "    backgrounds: [{path: backgrounds.csv, luminosity: 20/pb}]\n    signal:\n" + signal + MVA
                + "variations: {muon_id: 0.02}\n";
        Path config = dir.resolve("files.yaml");
        Files.writeString(config, files);
        AnalysisSettings fs = AnalysisSettings.resolve(AnalysisConfig.read(config), dir, config.toString());
        SearchSamples b = AnalysisPipeline.prepare(fs, 2, ProgressListener.NONE);
        List<MassPointInput> pb = AnalysisPipeline.massPoints(fs, b);

        MvaSelection.Report ra = a.mva().report();
        MvaSelection.Report rb = b.mva().report();
        assertTrue(b.synthetic(), "dataset.json beside the files marks them synthetic");
        assertEquals(a.backgroundNames(), b.backgroundNames());
        // the same split: the same events trained on and evaluated
        assertArrayEquals(ra.trainingEvents(), rb.trainingEvents());
        assertArrayEquals(ra.evaluationEvents(), rb.evaluationEvents());
        assertTrue(ra.trainingEvents().length > 1000, "training events " + ra.trainingEvents().length);
        // the same classifier and cuts
        assertEquals(ra.auc(), rb.auc(), 1e-9);
        assertTrue(ra.auc() > 0.8, "AUC " + ra.auc());
        for (int i = 0; i < ra.cuts().size(); i++) {
            assertEquals(ra.cuts().get(i).cut(), rb.cuts().get(i).cut(), 1e-9, "cut at " + ra.cuts().get(i).mass());
        }
        // the same inputs of the limits
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            MassPointInput x = pa.get(i);
            MassPointInput y = pb.get(i);
            assertEquals(x.observed(), y.observed(), "observed at " + x.mass());
            for (int k = 0; k < x.backgrounds().size(); k++) {
                assertEquals(x.backgrounds().get(k).yield(), y.backgrounds().get(k).yield(),
                        1e-9 * Math.max(1, x.backgrounds().get(k).yield()));
                assertEquals(x.backgrounds().get(k).entries(), y.backgrounds().get(k).entries());
            }
            assertEquals(x.efficiency(), y.efficiency(), 1e-9, "efficiency at " + x.mass());
            assertTrue(x.efficiency() > 0.01, "efficiency " + x.efficiency());
            // the files' muon-ID variation through the same cut: (1 +- 0.02)^2 on the signal
            EventSystematic e = y.eventSystematics().stream().filter(v -> v.sample().equals("signal")).findFirst()
                    .orElseThrow();
            assertEquals(1.0404, e.hi(), 1e-9, e.toString());
            assertEquals(0.9604, e.lo(), 1e-9, e.toString());
        }
    }
}
