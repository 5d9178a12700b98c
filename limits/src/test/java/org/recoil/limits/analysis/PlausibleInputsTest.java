package org.recoil.limits.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventWriter;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.sim.DetectorSmearing;
import org.recoil.core.sim.PseudoDataMode;
import org.recoil.core.sim.SignalGenerator;
import org.recoil.core.sim.SimulatedEvents;
import org.recoil.core.sim.SyntheticDataset;
import org.recoil.core.sim.SyntheticDatasetConfig;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.MassPointResult;
import org.recoil.limits.scan.MassWindow;
import org.recoil.limits.scan.PointStatus;
import org.recoil.limits.scan.ScanExecutor;
import org.recoil.limits.scan.ScanResult;

/**
 * The four plausible mistakes of issue 22 that used to give a wrong limit with exit 0 and status ok:
 * each now fails with a clear one-line message, or warns and marks the points.
 */
class PlausibleInputsTest {

    @TempDir
    static Path dir;

    /** Event files at 100/pb: data, backgrounds, and signal files at 1 and 3 GeV in pb at g' = 1. */
    @BeforeAll
    static void files() throws IOException {
        SyntheticDatasetConfig cfg = new SyntheticDatasetConfig(100.0, 7L, 60000, 20000, 10000, 1000, List.of(),
                PseudoDataMode.FROM_TEMPLATES);
        SyntheticDataset.generate(cfg, BeamConfiguration.belle2(), DetectorSmearing.belle2()).write(dir, "csv");
        Files.delete(dir.resolve("dataset.json"));
        for (double m : new double[] {1.0, 3.0}) {
            SimulatedEvents s = SignalGenerator.of(m, BeamConfiguration.belle2(), DetectorSmearing.belle2())
                    .generate(1000, 7L, 1.0);
            EventWriter.write(s.toEventTable(), dir.resolve("signal_" + (int) m + ".csv"));
        }
    }

    private static String config(String data, String backgrounds, String signal, String extra) {
        return String.join("\n", "inputs:", "  files:", "    data: " + data, "    backgrounds: " + backgrounds,
                "    signal: " + signal, "luminosity: 100/pb", "mass_grid: {masses: [1.0, 2.0, 3.0]}", extra, "");
    }

    private static String config(String data) {
        return config(data, "[{path: backgrounds.csv, luminosity: 100/pb}]", SIGNAL, "");
    }

    private static final String SIGNAL = "[{path: signal_1.csv, mass: 1.0}, {path: signal_3.csv, mass: 3.0}]";

    private static AnalysisSettings settings(String yaml) {
        return AnalysisSettings.resolve(AnalysisConfig.parse(yaml, "test.yaml"), dir, "test.yaml");
    }

    private static SearchSamples prepare(String yaml) {
        return AnalysisPipeline.prepare(settings(yaml), 1, ProgressListener.NONE);
    }

    /** Rewrites one column of a CSV file into a new file. */
    private static void rewrite(String from, String to, List<String> columns, DoubleUnaryOperator f)
            throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(from));
        List<String> header = List.of(lines.get(0).split(","));
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            for (String c : columns) {
                int i = header.indexOf(c);
                v[i] = Double.toString(f.applyAsDouble(Double.parseDouble(v[i])));
            }
            out.add(String.join(",", v));
        }
        Files.write(dir.resolve(to), out);
    }

    @Test
    void efficiencyAboveOneIsRefusedNotClipped() throws IOException {
        // unit weights instead of pb at g' = 1, with a total weight in pb
        rewrite("signal_1.csv", "signal_1_unit.csv", List.of("weight"), w -> 1.0);
        String yaml = config("{path: data.csv}", "[{path: backgrounds.csv, luminosity: 100/pb}]",
                "[{path: signal_1_unit.csv, mass: 1.0, total_weight: 6.93}, {path: signal_3.csv, mass: 3.0}]", "");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> prepare(yaml));
        assertTrue(e.getMessage().contains("signal_1_unit.csv") && e.getMessage().contains("M = 1 GeV")
                && e.getMessage().contains("total_weight is 6.93") && e.getMessage().contains("exceed 1"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        // the efficiency itself never clips: a selected weight above the total is an error
        double[] m2 = {0.5, 0.6};
        double[] w = {1.0, 1.0};
        SignalMc mc = new SignalMc(1.0, SelectedSample.of("signal_1.000", m2, w, 1.0), 1.5, 2);
        InvalidInputException e2 = assertThrows(InvalidInputException.class,
                () -> mc.efficiency(new MassWindow(1.0, 0.0, 1.0)));
        assertTrue(e2.getMessage().contains("signal_1.000") && e2.getMessage().contains("exceeds the total"),
                e2.getMessage());
        assertEquals(2.0 / 3.0, new SignalMc(1.0, SelectedSample.of("s", m2, w, 1.0), 3.0, 2)
                .efficiency(new MassWindow(1.0, 0.0, 1.0)), 1e-15);
    }

    @Test
    void unknownSampleNamesInSystematicsAreRefused() {
        String yaml = config("{path: data.csv}", "[{path: backgrounds.csv, luminosity: 100/pb}]", SIGNAL,
                "systematics: {background_normalisation: {tautau_gama: 0.30}}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> prepare(yaml));
        assertTrue(e.getMessage().contains("'tautau_gama'") && e.getMessage().contains("mumu_gamma, tautau_gamma,"
                + " eemumu"), e.getMessage());
        // the correct name is accepted
        prepare(config("{path: data.csv}", "[{path: backgrounds.csv, luminosity: 100/pb}]", SIGNAL,
                "systematics: {background_normalisation: {tautau_gamma: 0.30}}"));
        // synthetic inputs too
        String syn = "inputs: {synthetic: {mumu_gamma_events: 1000, tautau_gamma_events: 1000, eemumu_events: 1000,"
                + " signal_events: 100}}\nmass_grid: {masses: [1.0]}\nsystematics: {background_normalisation:"
                + " {mumu: 0.1}}\n";
        InvalidInputException s = assertThrows(InvalidInputException.class, () -> prepare(syn));
        assertTrue(s.getMessage().contains("'mumu'") && s.getMessage().contains("mumu_gamma"), s.getMessage());
    }

    @Test
    void dataAreCountedUnlessAWeightIsMapped() throws IOException {
        rewrite("data.csv", "data_half.csv", List.of("weight"), w -> 0.5);
        rewrite("data.csv", "data_double.csv", List.of("weight"), w -> 2.0);
        SearchSamples plain = prepare(config("{path: data.csv}"));
        SearchSamples half = prepare(config("{path: data_half.csv}"));
        assertEquals(plain.data().total(), half.data().total(), "a default-named weight column is not applied to data");
        assertEquals(plain.data().size(), plain.data().total(), "counted");

        SearchSamples twice = prepare(config("{path: data_double.csv, columns: {weight: weight}}"));
        assertEquals(2 * plain.data().total(), twice.data().total(), "an explicitly mapped weight is applied");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> prepare(config("{path: data_half.csv, columns: {weight: weight}}")));
        assertTrue(e.getMessage().contains("data_half.csv") && e.getMessage().contains("row 1")
                && e.getMessage().contains("not a non-negative integer"), e.getMessage());
    }

    @Test
    void momentaInMevAreRefused() throws IOException {
        List<String> p = List.of("mu1_px", "mu1_py", "mu1_pz", "mu2_px", "mu2_py", "mu2_pz");
        rewrite("data.csv", "data_mev.csv", p, x -> 1000 * x);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> prepare(config("{path: data_mev.csv}")));
        assertTrue(e.getMessage().contains("data_mev.csv") && e.getMessage().contains("momenta in MeV?")
                && e.getMessage().contains("11.00 GeV"), e.getMessage());
    }

    @Test
    void backgroundsNeedTheirLuminosityAndAreScaledFromIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> settings(
                config("{path: data.csv}", "[{path: backgrounds.csv}]", SIGNAL, "")));
        assertTrue(e.getMessage().contains("backgrounds[0]") && e.getMessage().contains("'luminosity' is required"),
                e.getMessage());
        assertThrows(InvalidInputException.class, () -> settings(config("{path: data.csv, luminosity: 100/pb}")));

        SearchSamples same = prepare(config("{path: data.csv}"));
        SearchSamples half = prepare(config("{path: data.csv}", "[{path: backgrounds.csv, luminosity: 50/pb}]",
                SIGNAL, ""));
        for (int k = 0; k < same.backgrounds().size(); k++) {
            assertEquals(2 * same.backgrounds().get(k).total(), half.backgrounds().get(k).total(),
                    1e-12 * same.backgrounds().get(k).total());
        }
    }

    @Test
    void observedFarFromExpectedWarnsAndMarksThePoints() {
        // background weights declared at half their true luminosity: twice the expected background
        AnalysisSettings s = settings(config("{path: data.csv}", "[{path: backgrounds.csv, luminosity: 50/pb}]",
                SIGNAL, "zero_background: report"));
        SearchSamples samples = AnalysisPipeline.prepare(s, 1, ProgressListener.NONE);
        String w = Plausibility.spectrum(samples, s.systematics()).orElseThrow();
        assertTrue(w.contains("whole selected spectrum") && w.contains("ratio 0.5") && w.contains("sigma"), w);
        List<MassPointInput> points = AnalysisPipeline.massPoints(s, samples);
        ScanResult r = AnalysisPipeline.scan(s, samples, points, 1, ProgressListener.NONE, ScanExecutor.local());
        assertFalse(r.withLimits().isEmpty());
        for (MassPointResult p : r.withLimits()) {
            assertEquals(PointStatus.WARNING, p.status());
            assertTrue(p.warnings().contains(w), p.warnings().toString());
        }

        // consistent inputs: no warning
        AnalysisSettings ok = settings(config("{path: data.csv}"));
        SearchSamples good = AnalysisPipeline.prepare(ok, 1, ProgressListener.NONE);
        assertTrue(Plausibility.spectrum(good, ok.systematics()).isEmpty());
    }

    @Test
    void windowComparisonGivesRatioAndSignificance() {
        MassWindow win = new MassWindow(2.0, 3.0, 5.0);
        MassPointInput p = new MassPointInput(2.0, win, 0.0,
                List.of(new org.recoil.limits.scan.SampleYield("bkg", 855.0, 10.0, 900)), 0.2, 0.01, 1.0, 1.0,
                java.util.Optional.empty());
        String w = Plausibility.window(p, org.recoil.limits.scan.Systematics.none()).orElseThrow();
        // Z = (0 - 855) / sqrt(855 + 10)
        assertTrue(w.contains(String.format(Locale.ROOT, "%+.1f sigma", -855 / Math.sqrt(865))), w);
        assertTrue(w.contains("ratio 0"), w);
        MassPointInput close = new MassPointInput(2.0, win, 870.0,
                List.of(new org.recoil.limits.scan.SampleYield("bkg", 855.0, 10.0, 900)), 0.2, 0.01, 1.0, 1.0,
                java.util.Optional.empty());
        assertTrue(Plausibility.window(close, org.recoil.limits.scan.Systematics.none()).isEmpty());
    }

    @Test
    void signalCrossSectionFromTheTableOrTheFiles() {
        String files = config("{path: data.csv}", "[{path: backgrounds.csv, luminosity: 100/pb}]", SIGNAL,
                "zero_background: report").replace("    signal: ", "    signal_cross_section: files\n    signal: ");
        AnalysisSettings s = settings(files);
        SearchSamples samples = AnalysisPipeline.prepare(s, 2, ProgressListener.NONE);
        List<MassPointInput> p = AnalysisPipeline.massPoints(s, samples);
        double a = samples.signals().get(0).totalWeightPb();
        double b = samples.signals().get(1).totalWeightPb();
        assertEquals(a, p.get(0).sigmaAtUnitCouplingPb(), 1e-12 * a);
        assertEquals(Math.sqrt(a * b), p.get(1).sigmaAtUnitCouplingPb(), 1e-12 * a, "log-linear midpoint");
        assertEquals(b, p.get(2).sigmaAtUnitCouplingPb(), 1e-12 * b);

        AnalysisSettings t = settings(files.replace("signal_cross_section: files", "signal_cross_section: table"));
        List<MassPointInput> q = AnalysisPipeline.massPoints(t, AnalysisPipeline.prepare(t, 2, ProgressListener.NONE));
        assertEquals(org.recoil.core.physics.CrossSectionTable.belle2().sigmaPb(2.0), q.get(1).sigmaAtUnitCouplingPb());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> settings(files.replace("signal_cross_section: files", "signal_cross_section: mine")));
        assertTrue(e.getMessage().contains("signal_cross_section: expected table or files"), e.getMessage());
    }

    @Test
    void resolutionTableFromTheConfig() {
        AnalysisSettings s = AnalysisSettings.resolve(AnalysisConfig.parse("mass_grid: {masses: [1.0, 2.0],"
                + " resolution: {masses: [0.5, 4.0], sigma_gev2: [0.2, 0.4]}}\n", "r.yaml"), null, "r.yaml");
        assertEquals(List.of(0.5, 4.0), java.util.Arrays.stream(s.resolution().masses()).boxed().toList());
        assertEquals(0.2, s.resolution().sigmaM2(0.5));
        assertEquals(0.4, s.resolution().sigmaM2(4.0));
        InvalidInputException out = assertThrows(InvalidInputException.class, () -> AnalysisSettings.resolve(
                AnalysisConfig.parse("mass_grid: {masses: [5.0], resolution: {masses: [0.5, 4.0], sigma_gev2:"
                        + " [0.2, 0.4]}}\n", "r.yaml"), null, "r.yaml"));
        assertTrue(out.getMessage().contains("outside the recoil-mass resolution table [0.5, 4.0]"), out.getMessage());
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> AnalysisSettings.resolve(
                AnalysisConfig.parse("mass_grid: {masses: [1.0], resolution: {masses: [0.5, 4.0], sigma_gev2:"
                        + " [0.2, -1]}}\n", "r.yaml"), null, "r.yaml"));
        assertTrue(bad.getMessage().contains("mass_grid.resolution") && bad.getMessage().contains("-1"),
                bad.getMessage());
    }
}
