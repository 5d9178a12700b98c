package org.recoil.limits.analysis;

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
import org.recoil.limits.scan.MassPointInput;

/**
 * Event files in, the same inputs out: the synthetic dataset written as CSV (with a renamed column
 * mapped back in the config) and per-mass signal files give exactly the window counts and
 * efficiencies of the in-memory synthetic path, and stay labelled synthetic.
 */
class FileInputsTest {

    private static final String SYNTHETIC = String.join("\n",
            "inputs:",
            "  synthetic: {seed: 7, mumu_gamma_events: 30000, tautau_gamma_events: 20000, eemumu_events: 10000,",
            "              signal_events: 1500, signal_masses: [2.0]}",
            "luminosity: 20/pb",
            "mass_grid: {masses: [2.0]}",
            "");

    @Test
    void eventFilesReproduceTheSyntheticInputs(@TempDir Path dir) throws IOException {
        AnalysisSettings syn = AnalysisSettings.resolve(AnalysisConfig.parse(SYNTHETIC, "syn.yaml"), null, "syn.yaml");
        SearchSamples a = AnalysisPipeline.prepare(syn, 2, ProgressListener.NONE);
        List<MassPointInput> pa = AnalysisPipeline.massPoints(syn, a);

        var cfg = ((AnalysisSettings.SyntheticInputs) syn.inputs()).dataset();
        SyntheticDataset.generate(cfg, BeamConfiguration.belle2(), DetectorSmearing.belle2()).write(dir, "csv");
        Path data = dir.resolve("data.csv");
        List<String> lines = Files.readAllLines(data);
        lines.set(0, lines.get(0).replace("extra_energy", "e_extra"));
        Files.write(data, lines);
        StringBuilder signal = new StringBuilder();
        for (double m : new double[] {2.0}) {
            // weights in pb at g' = 1: generate "at 1/pb"
            SimulatedEvents s = SignalGenerator.of(m, BeamConfiguration.belle2(), DetectorSmearing.belle2())
                    .generate(1500, 7L, 1.0);
            Path f = dir.resolve("signal_" + m + ".csv");
            EventWriter.write(s.toEventTable(), f);
            signal.append(String.format(java.util.Locale.ROOT, "    - {path: %s, mass: %s, total_weight: %s}%n",
                    f.getFileName(), m, s.crossSectionPb()));
        }
        String files = String.join("\n",
                "inputs:",
                "  files:",
                "    data: {path: data.csv, columns: {extra_energy: e_extra}}",
                "    backgrounds: [{path: backgrounds.csv, luminosity: 20/pb}]",
                "    signal:",
                signal.toString(),
                "luminosity: 20/pb",
                "mass_grid: {masses: [2.0]}",
                "");
        Path config = dir.resolve("files.yaml");
        Files.writeString(config, files);
        AnalysisSettings fs = AnalysisSettings.resolve(AnalysisConfig.read(config), dir, config.toString());
        SearchSamples b = AnalysisPipeline.prepare(fs, 2, ProgressListener.NONE);
        List<MassPointInput> pb = AnalysisPipeline.massPoints(fs, b);

        assertTrue(b.synthetic(), "dataset.json beside the files marks them synthetic");
        assertEquals(a.backgroundNames(), b.backgroundNames());
        assertEquals(pa.size(), pb.size());
        assertTrue(a.data().size() > 0);
        assertEquals(a.data().size(), b.data().size());
        for (int i = 0; i < pa.size(); i++) {
            MassPointInput x = pa.get(i);
            MassPointInput y = pb.get(i);
            assertEquals(x.observed(), y.observed(), "observed at " + x.mass());
            for (int k = 0; k < x.backgrounds().size(); k++) {
                assertEquals(x.backgrounds().get(k).yield(), y.backgrounds().get(k).yield(),
                        1e-12 * Math.max(1, x.backgrounds().get(k).yield()));
                assertEquals(x.backgrounds().get(k).entries(), y.backgrounds().get(k).entries());
            }
            assertEquals(x.efficiency(), y.efficiency(), 1e-12, "efficiency at " + x.mass());
            assertEquals(x.efficiencyRelError(), y.efficiencyRelError(), 1e-9);
            assertTrue(x.efficiency() > 0.05 && x.efficiency() < 0.5, "efficiency " + x.efficiency());
        }
    }
}
