package org.recoil.limits.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventTable;
import org.recoil.core.physics.CrossSectionTable;
import org.recoil.core.physics.Luminosity;
import org.recoil.core.selection.CutFlow;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionResult;
import org.recoil.core.sim.SignalGenerator;
import org.recoil.core.sim.SimulatedEvents;
import org.recoil.core.sim.SyntheticDataset;
import org.recoil.limits.calc.IndexedTasks;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.projection.LuminosityProjection;
import org.recoil.limits.projection.ProjectionResult;
import org.recoil.limits.scan.CoverageResult;
import org.recoil.limits.scan.CoverageStudy;
import org.recoil.limits.scan.GlobalSignificance;
import org.recoil.limits.scan.GlobalSignificanceResult;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.LimitMethod;
import org.recoil.limits.scan.MassScan;
import org.recoil.limits.scan.PointJob;
import org.recoil.limits.scan.PointStatus;
import org.recoil.limits.scan.ScanExecutor;
import org.recoil.limits.scan.ScanOptions;
import org.recoil.limits.scan.ScanResult;

/**
 * The steps of a recoil-mass search, from events to limits, each a static method so that a caller
 * (the CLI, a notebook, a benchmark) can time and report them:
 * <ol>
 *   <li>{@link #prepare}: generate the synthetic dataset (backgrounds, pseudo-data, signal at the
 *       signal masses) or read the event files, and apply the selection;</li>
 *   <li>{@link #massPoints}: window counts, efficiencies, σ(g′=1) from {@link CrossSectionTable#belle2()}
 *       and BR<sub>inv</sub> per mass, with the zero-background policy;</li>
 *   <li>{@link #scan}: the mass scan ({@link MassScan});</li>
 *   <li>{@link #project}: expected limits at the projection luminosities
 *       ({@link LuminosityProjection}), and {@link #luminosityCurves} on a dense luminosity grid at a
 *       few masses.</li>
 * </ol>
 * Randomness only from the configured seeds; results do not depend on the thread count. Stateless.
 */
public final class AnalysisPipeline {

    /** Key of the injected signal's random stream. */
    private static final long INJECTION_KEY = 0x1A1EC7L;

    private AnalysisPipeline() {
    }

    /**
     * Step 1: the selected samples.
     *
     * @param s the settings
     * @param threads worker threads (signal generation runs one mass per thread)
     * @param progress receives (signal masses done, total) during signal generation
     * @return the selected samples
     * @throws InvalidInputException for unreadable files or a sample without selected events
     */
    public static SearchSamples prepare(AnalysisSettings s, int threads, ProgressListener progress) {
        return prepare(s, threads, progress, Steps.UNTIMED);
    }

    /**
     * Step 1 with its sub-steps reported: {@code generate backgrounds + pseudo-data},
     * {@code select backgrounds + data}, {@code generate + select signal MC} (synthetic inputs) or
     * {@code read + select event files}.
     *
     * @param s the settings
     * @param threads worker threads
     * @param progress receives (signal masses done, total)
     * @param steps receives the sub-steps
     * @return the selected samples
     */
    public static SearchSamples prepare(AnalysisSettings s, int threads, ProgressListener progress, Steps steps) {
        Selection selection = Selection.fromConfig(s.selection());
        if (s.inputs() instanceof AnalysisSettings.SyntheticInputs syn) {
            return synthetic(s, syn, selection, threads, progress, steps);
        }
        return steps.run("read + select event files",
                () -> files(s, (AnalysisSettings.FileInputs) s.inputs(), selection));
    }

    private static SearchSamples synthetic(AnalysisSettings s, AnalysisSettings.SyntheticInputs syn,
                                           Selection selection, int threads, ProgressListener progress, Steps steps) {
        SyntheticDataset dataset = steps.run("generate backgrounds + pseudo-data",
                () -> SyntheticDataset.generate(syn.dataset(), selection.beams(),
                        org.recoil.core.sim.DetectorSmearing.belle2()));
        Map<String, CutFlow> flows = new LinkedHashMap<>();
        EventTable dataTable = dataset.dataTable();
        Map<String, Object> injected = new LinkedHashMap<>();
        if (syn.injection().isPresent() && syn.injection().get().gPrime() > 0) {
            SignalInjection inj = syn.injection().get();
            SimulatedEvents events = steps.run(String.format(Locale.ROOT, "inject Z' signal (M = %.4g GeV, g' = %.3g)",
                    inj.mass(), inj.gPrime()), () -> injectedSignal(inj, syn.dataset().seed(), s.luminosity(),
                    selection, dataset));
            dataTable = EventTable.concat(List.of(dataTable, events.toEventTable()));
            injected.put("mass", inj.mass());
            injected.put("gprime", inj.gPrime());
            injected.put("model", inj.model().name());
            injected.put("events_generated", events.generatedEvents());
            injected.put("events_in_acceptance", events.size());
        }
        EventTable dataF = dataTable;
        SelectedSample data = steps.run("select pseudo-data",
                () -> selectOne(selection, dataF, SyntheticDataset.DATA_SAMPLE, flows));
        List<SelectedSample> backgrounds = steps.run("select backgrounds", () -> selectBySample(selection,
                dataset.backgroundTable(), flows, SyntheticDataset.BACKGROUND_SAMPLES));
        List<Double> masses = syn.signalMasses();
        List<Map<String, CutFlow>> signalFlows = new ArrayList<>();
        List<SignalMc> signals = steps.run(String.format(Locale.ROOT, "generate + select signal MC (%d masses)",
                masses.size()), () -> IndexedTasks.run(masses.size(), threads, "recoil-signal-mc", progress, i -> {
            double m = masses.get(i);
            String name = SyntheticDataset.signalSampleName(m);
            SimulatedEvents sample = SignalGenerator.of(m, selection.beams(), dataset.detector())
                    .generate(syn.signalEvents(), syn.dataset().seed(), s.luminosity().inversePicobarn());
            Map<String, CutFlow> flow = new LinkedHashMap<>();
            // weights sigma(g'=1) L / N: back to pb at g' = 1 (divide by L); they sum to sigma over all
            // generated events, the acceptance having dropped some
            SignalMc mc = signal(selection, sample.toEventTable(), m, sample.crossSectionPb(),
                    sample.generatedEvents(), name, flow, 1.0 / sample.luminosityPb());
            synchronized (signalFlows) {
                signalFlows.add(flow);
            }
            return mc;
        }));
        Map<String, CutFlow> unordered = new java.util.HashMap<>();
        signalFlows.forEach(unordered::putAll);
        for (SignalMc sig : signals) {
            flows.put(sig.selected().name(), unordered.get(sig.selected().name()));
        }
        Map<String, Object> description = new LinkedHashMap<>(dataset.metadata());
        description.put("signal_masses", masses);
        description.put("signal_events_per_mass", syn.signalEvents());
        if (!injected.isEmpty()) {
            description.put("injected_signal", injected);
        }
        return new SearchSamples(true, s.luminosity(), data, backgrounds, signals, flows, description);
    }

    /**
     * The injected signal's events: unweighted, a Poisson number of mean
     * σ(g′ = 1) g′² BR<sub>inv</sub> L, named as the pseudo-data, from a stream of their own.
     */
    private static SimulatedEvents injectedSignal(SignalInjection inj, long seed, Luminosity lumi, Selection selection,
                                                  SyntheticDataset dataset) {
        double scale = inj.gPrime() * inj.gPrime() * inj.model().brInvisible(inj.mass(), inj.gPrime());
        return SignalGenerator.of(inj.mass(), selection.beams(), dataset.detector())
                .generateUnweighted(lumi.inversePicobarn() * scale, org.recoil.limits.calc.ToySeeds.key(seed,
                        INJECTION_KEY, Double.doubleToLongBits(inj.mass())))
                .withSample(SyntheticDataset.DATA_SAMPLE);
    }

    private static SearchSamples files(AnalysisSettings s, AnalysisSettings.FileInputs f, Selection selection) {
        Map<String, CutFlow> flows = new LinkedHashMap<>();
        EventTable dataTable = EventReader.read(f.data().path(), f.data().columns(),
                f.data().sample() != null ? f.data().sample() : "data");
        SelectedSample data = selectOne(selection, dataTable, "data", flows);
        List<EventTable> bkgTables = new ArrayList<>();
        for (AnalysisSettings.EventFileSpec b : f.backgrounds()) {
            bkgTables.add(EventReader.read(b.path(), b.columns(),
                    b.sample() != null ? b.sample() : EventReader.defaultSampleName(b.path())));
        }
        EventTable bkg = EventTable.concat(bkgTables);
        List<SelectedSample> backgrounds = selectBySample(selection, bkg, flows, bkg.samples());
        List<SignalMc> signals = new ArrayList<>();
        for (AnalysisSettings.SignalFileSpec sf : f.signals()) {
            String name = String.format(Locale.ROOT, "signal_%.3f", sf.mass());
            EventTable t = EventReader.read(sf.path(), sf.columns(), name);
            double[] w = t.weight();
            double sum = 0;
            double sum2 = 0;
            for (double x : w) {
                sum += x;
                sum2 += x * x;
            }
            double total = Double.isNaN(sf.totalWeight()) ? sum : sf.totalWeight();
            double neff = sum2 > 0 ? sum * sum / sum2 * (total / sum) : 1;
            signals.add(signal(selection, t, sf.mass(), total, neff, name, flows, 1.0));
        }
        Map<String, Object> description = new LinkedHashMap<>();
        boolean synthetic = syntheticMarker(f.data().path());
        description.put("synthetic", synthetic);
        if (synthetic) {
            description.put("label", SyntheticDataset.LABEL);
            description.put("marker", f.data().path().resolveSibling(SYNTHETIC_MARKER).toString());
        }
        description.put("data", f.data().path().toString());
        description.put("backgrounds", f.backgrounds().stream().map(b -> b.path().toString()).toList());
        description.put("signal", f.signals().stream().map(x -> x.path().toString()).toList());
        return new SearchSamples(synthetic, s.luminosity(), data, backgrounds, signals, flows, description);
    }

    /** Metadata file written by {@link SyntheticDataset#write} beside synthetic event files. */
    static final String SYNTHETIC_MARKER = "dataset.json";

    /**
     * Whether a data file is synthetic: a {@value #SYNTHETIC_MARKER} beside it says {@code "synthetic": true}
     * (as {@link SyntheticDataset#write} writes it), so that results from written synthetic events
     * stay labelled synthetic.
     */
    private static boolean syntheticMarker(java.nio.file.Path dataFile) {
        java.nio.file.Path marker = dataFile.toAbsolutePath().resolveSibling(SYNTHETIC_MARKER);
        if (!java.nio.file.Files.isRegularFile(marker)) {
            return false;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(marker.toFile());
            return n != null && n.path("synthetic").asBoolean(false);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(marker + ": cannot read the dataset description: " + e.getMessage(), e);
        }
    }

    private static SignalMc signal(Selection selection, EventTable t, double mass, double totalPb, double neff,
                                   String name, Map<String, CutFlow> flows, double weightToPb) {
        SelectionResult r = selection.apply(t);
        flows.put(name, r.cutFlow());
        int[] sel = r.selectedEvents();
        double[] m2 = r.recoilMass2();
        double[] w = t.weight();
        double[] x = new double[sel.length];
        double[] y = new double[sel.length];
        double sum = 0;
        for (int k = 0; k < sel.length; k++) {
            x[k] = m2[sel[k]];
            y[k] = w[sel[k]] * weightToPb;
            sum += y[k];
        }
        return new SignalMc(mass, SelectedSample.of(name, x, y, sum / totalPb), totalPb, neff);
    }

    private static SelectedSample selectOne(Selection selection, EventTable t, String name,
                                            Map<String, CutFlow> flows) {
        SelectionResult r = selection.apply(t);
        flows.put(name, r.cutFlow());
        int[] sel = r.selectedEvents();
        double[] m2 = r.recoilMass2();
        double[] w = t.weight();
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double[] x = new double[sel.length];
        double[] y = new double[sel.length];
        double sum = 0;
        for (int k = 0; k < sel.length; k++) {
            x[k] = m2[sel[k]];
            y[k] = w[sel[k]];
            sum += y[k];
        }
        return SelectedSample.of(name, x, y, total > 0 ? sum / total : 0.0);
    }

    private static List<SelectedSample> selectBySample(Selection selection, EventTable t, Map<String, CutFlow> flows,
                                                       List<String> order) {
        SelectionResult r = selection.apply(t);
        flows.putAll(r.cutFlowBySample());
        List<String> samples = t.samples();
        int[] idx = t.sampleIndices();
        double[] m2 = r.recoilMass2();
        double[] w = t.weight();
        int ns = samples.size();
        int[] count = new int[ns];
        double[] total = new double[ns];
        for (int i = 0; i < idx.length; i++) {
            total[idx[i]] += w[i];
            if (r.passed(i)) {
                count[idx[i]]++;
            }
        }
        double[][] x = new double[ns][];
        double[][] y = new double[ns][];
        for (int k = 0; k < ns; k++) {
            x[k] = new double[count[k]];
            y[k] = new double[count[k]];
        }
        int[] at = new int[ns];
        for (int i = 0; i < idx.length; i++) {
            if (r.passed(i)) {
                int k = idx[i];
                x[k][at[k]] = m2[i];
                y[k][at[k]++] = w[i];
            }
        }
        List<SelectedSample> out = new ArrayList<>();
        for (String name : order) {
            int k = samples.indexOf(name);
            if (k < 0) {
                out.add(SelectedSample.of(name, new double[0], new double[0], 0.0));
            } else {
                double sum = 0;
                for (double v : y[k]) {
                    sum += v;
                }
                out.add(SelectedSample.of(name, x[k], y[k], total[k] > 0 ? sum / total[k] : 0.0));
            }
        }
        return out;
    }

    /**
     * Step 2: the inputs of the scan. With the {@code error} zero-background policy a window without
     * any background MC event is bad input.
     *
     * @param s the settings
     * @param samples the selected samples
     * @return one input per mass of the grid
     * @throws InvalidInputException for a zero-background window under the {@code error} policy
     */
    public static List<MassPointInput> massPoints(AnalysisSettings s, SearchSamples samples) {
        CrossSectionTable xs = CrossSectionTable.belle2();
        List<MassPointInput> points = samples.massPoints(s.masses(), s.resolution(), s.windowSigmas(),
                s.binsPerWindow(), xs::sigmaPb, s.model());
        if (s.zeroBackgroundIsError()) {
            List<String> empty = new ArrayList<>();
            for (MassPointInput p : points) {
                if (!(p.totalBackground() > 0)) {
                    empty.add(new java.math.BigDecimal(p.mass()).round(new java.math.MathContext(6))
                            .stripTrailingZeros().toPlainString());
                }
            }
            if (!empty.isEmpty()) {
                throw new InvalidInputException(s.source() + ": zero-background window(s) at M = "
                        + String.join(", ", empty) + " GeV: no background MC event passes the selection in the"
                        + " M_rec^2 window; add background MC, widen mass_grid.window_sigmas, drop these masses, or set"
                        + " zero_background: report");
            }
        }
        return points;
    }

    /**
     * Step 3: the mass scan, on local threads.
     *
     * @param s the settings (CL, method, seed, systematics)
     * @param points the inputs
     * @param threads worker threads
     * @param progress receives (points done, total)
     * @return the scan
     * @throws ComputationException if no point has a limit
     */
    public static ScanResult scan(AnalysisSettings s, List<MassPointInput> points, int threads,
                                  ProgressListener progress) {
        return scan(s, points, threads, progress, ScanExecutor.local());
    }

    /**
     * Step 3: the mass scan, the points' limit computations on the given executor (e.g. Spark).
     *
     * @param s the settings (CL, method, seed, systematics)
     * @param points the inputs
     * @param threads worker threads of a local executor
     * @param progress receives (points done, total)
     * @param executor where the points run
     * @return the scan, equal to the local one
     * @throws ComputationException if no point has a limit
     */
    public static ScanResult scan(AnalysisSettings s, List<MassPointInput> points, int threads,
                                  ProgressListener progress, ScanExecutor executor) {
        ScanResult r = MassScan.run(points, s.luminosity(), s.systematics(),
                options(s, threads, progress).withExecutor(executor));
        if (r.withLimits().isEmpty()) {
            var first = r.points().get(0);
            throw new ComputationException("no mass point has a limit; e.g. " + first.status().id() + " at M = "
                    + first.mass() + " GeV: " + first.message());
        }
        return r;
    }

    /**
     * Step 4: expected limits at the projection luminosities for every systematics scenario.
     *
     * @param s the settings
     * @param points the inputs at the analysis luminosity
     * @param threads worker threads
     * @param progress receives (points done, total) per projected scan
     * @return the projection
     */
    public static ProjectionResult project(AnalysisSettings s, List<MassPointInput> points, int threads,
                                           ProgressListener progress) {
        AnalysisSettings.ProjectionSettings p = s.projection();
        return LuminosityProjection.project(points, s.luminosity(), s.systematics(), p.luminosities(), p.scenarios(),
                p.g2Scenarios(), options(s, threads, progress));
    }

    /**
     * Expected limits on a dense, logarithmic luminosity grid from the analysis luminosity to the
     * largest projection luminosity, at the settings' {@code lumi_curve_masses}, per scenario.
     *
     * @param s the settings
     * @param points the inputs at the analysis luminosity
     * @param threads worker threads
     * @return the projection on that grid (only the curve masses)
     */
    public static ProjectionResult luminosityCurves(AnalysisSettings s, List<MassPointInput> points, int threads) {
        AnalysisSettings.ProjectionSettings p = s.projection();
        List<MassPointInput> chosen = points.stream().filter(x -> p.lumiCurveMasses().contains(x.mass())).toList();
        double lo = s.luminosity().inversePicobarn();
        double hi = lo;
        for (Luminosity l : p.luminosities()) {
            hi = Math.max(hi, l.inversePicobarn());
        }
        if (!(hi > lo)) {
            hi = lo * 1e4;
        }
        int n = p.lumiCurvePoints();
        List<Luminosity> grid = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            grid.add(new Luminosity(lo * Math.pow(hi / lo, (double) i / (n - 1))));
        }
        return LuminosityProjection.project(chosen, s.luminosity(), s.systematics(), grid, p.scenarios(),
                p.g2Scenarios(), options(s, threads, ProgressListener.NONE));
    }

    /**
     * Step 3b: the global significance of the scan's largest local excess (look-elsewhere effect):
     * {@code toys} background-only pseudo-experiments of the whole scan, their pseudo-data drawn
     * around the background MC's expectation in every recoil-mass segment
     * ({@link org.recoil.limits.scan.ScanPseudoData}), and the Gross–Vitells estimate
     * ({@link GlobalSignificance}). Seeded from the analysis seed.
     *
     * @param s the settings
     * @param samples the selected samples (the background MC)
     * @param points the scan's inputs
     * @param scan the observed scan
     * @param toys pseudo-experiments, &ge; 1
     * @param threads worker threads
     * @param progress receives (pseudo-experiments done, total)
     * @return both estimates with their trials factors
     * @throws InvalidInputException for fewer than one pseudo-experiment
     */
    public static GlobalSignificanceResult globalSignificance(AnalysisSettings s, SearchSamples samples,
                                                              List<MassPointInput> points, ScanResult scan, int toys,
                                                              int threads, ProgressListener progress) {
        java.util.function.DoubleBinaryOperator background = (lo, hi) -> {
            double b = 0;
            for (SelectedSample bk : samples.backgrounds()) {
                b += Math.max(0.0, bk.counter().count(lo, hi).sumWeights());
            }
            return b;
        };
        return GlobalSignificance.compute(scan, points, background, options(s, threads, progress), toys,
                GlobalSignificance.DEFAULT_REFERENCE_LEVEL);
    }

    /**
     * Bias and coverage at one mass of the grid ({@link CoverageStudy}): pseudo-experiments of that
     * point generated with the signal of coupling {@code gPrime} (μ<sub>true</sub> =
     * (g′/g′<sub>ref</sub>)², σ ∝ g′²), each fitted and given an upper limit with {@code method}.
     *
     * @param s the settings (CL, systematics, seed)
     * @param points the scan's inputs
     * @param mass a mass of the grid, GeV
     * @param gPrime the true coupling, &ge; 0
     * @param method the limit method
     * @param toys pseudo-experiments
     * @param threads worker threads
     * @param progress receives (done, total)
     * @return the study's result
     * @throws InvalidInputException if the mass is not on the grid or has no limit computation
     */
    public static CoverageResult coverage(AnalysisSettings s, List<MassPointInput> points, double mass, double gPrime,
                                          LimitMethod method, int toys, int threads, ProgressListener progress) {
        if (!(gPrime >= 0) || !Double.isFinite(gPrime)) {
            throw new InvalidInputException("the true coupling g' must be finite and >= 0, got " + gPrime);
        }
        int index = -1;
        for (int i = 0; i < points.size(); i++) {
            if (Math.abs(points.get(i).mass() - mass) < 1e-9) {
                index = i;
            }
        }
        if (index < 0) {
            throw new InvalidInputException(s.source() + ": M = " + mass + " GeV is not a mass of the grid");
        }
        ScanOptions o = options(s, threads, progress);
        double gRef = MassScan.point(index, points.get(index), s.luminosity(), s.systematics(), o).gPrimeRef();
        int at = index;
        PointJob job = MassScan.jobs(points, s.luminosity(), s.systematics(), s.seed()).stream()
                .filter(j -> j.index() == at).findFirst().orElseThrow(() -> new InvalidInputException(
                        "M = " + mass + " GeV has no background or no signal in its window: nothing to study"));
        double muTrue = gPrime * gPrime / (gRef * gRef);
        return CoverageStudy.run(job, method, s.cl(), muTrue, toys, s.seed(), threads, o.minimizer(), progress);
    }

    private static ScanOptions options(AnalysisSettings s, int threads, ProgressListener progress) {
        return ScanOptions.defaults().withCl(s.cl()).withMethod(s.method()).withThreads(threads).withSeed(s.seed())
                .withProgress(progress);
    }

    /**
     * @param r a scan
     * @return the number of points with each status
     */
    public static Map<PointStatus, Integer> statusCounts(ScanResult r) {
        Map<PointStatus, Integer> m = new LinkedHashMap<>();
        for (PointStatus st : PointStatus.values()) {
            m.put(st, 0);
        }
        r.points().forEach(p -> m.merge(p.status(), 1, Integer::sum));
        return m;
    }
}
