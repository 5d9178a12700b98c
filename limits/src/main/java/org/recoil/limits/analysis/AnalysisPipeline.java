package org.recoil.limits.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventStream;
import org.recoil.core.events.EventTable;
import org.recoil.core.physics.CrossSectionTable;
import org.recoil.core.physics.Luminosity;
import org.recoil.core.selection.CutFlow;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionAccumulator;
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
 *       (or, with {@code signal_cross_section: files}, from the signal files' total weights) and
 *       BR<sub>inv</sub> per mass, with the zero-background policy;</li>
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
        if (s.mva() != null) {
            return s.inputs() instanceof AnalysisSettings.SyntheticInputs syn
                    ? MvaSelection.prepare(s, syn, threads, progress, steps)
                    : MvaSelection.prepareFiles(s, (AnalysisSettings.FileInputs) s.inputs(), threads, steps);
        }
        Selection selection = Selection.fromConfig(s.selection());
        if (s.inputs() instanceof AnalysisSettings.SyntheticInputs syn) {
            return synthetic(s, syn, selection, threads, progress, steps);
        }
        return steps.run("read + select event files",
                () -> files(s, (AnalysisSettings.FileInputs) s.inputs(), selection, threads));
    }

    private static SearchSamples synthetic(AnalysisSettings s, AnalysisSettings.SyntheticInputs syn,
                                           Selection selection, int threads, ProgressListener progress, Steps steps) {
        SyntheticDataset dataset = steps.run("generate backgrounds + pseudo-data",
                () -> SyntheticDataset.generate(syn.dataset(), selection.beams(),
                        org.recoil.core.sim.DetectorSmearing.belle2()));
        Map<String, CutFlow> flows = new LinkedHashMap<>();
        checkNormalisedSamples(s, SyntheticDataset.BACKGROUND_SAMPLES);
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
        VariationSettings vs = s.variations();
        checkVariedSamples(s, SyntheticDataset.BACKGROUND_SAMPLES);
        List<List<SelectedSample>> variedBackgrounds = !vs.enabled() ? List.of()
                : steps.run(String.format(Locale.ROOT, "select varied backgrounds (%d variations)",
                vs.variations().size()), () -> variedRuns(vs).stream().map(r -> r.variation().kind()
                        == EventVariation.Kind.WEIGHT_COLUMNS ? backgrounds : selectBySample(selection,
                        r.variation().apply(dataset.backgroundTable(), r.direction(), vs.seed()),
                        new LinkedHashMap<>(), SyntheticDataset.BACKGROUND_SAMPLES)).toList());
        List<Map<String, CutFlow>> signalFlows = new ArrayList<>();
        List<SignalSet> signalSets = steps.run(String.format(Locale.ROOT, "generate + select signal MC (%d masses)",
                masses.size()), () -> IndexedTasks.run(masses.size(), threads, "recoil-signal-mc", progress, i -> {
            double m = masses.get(i);
            String name = SyntheticDataset.signalSampleName(m);
            SimulatedEvents sample = SignalGenerator.of(m, selection.beams(), dataset.detector())
                    .generate(syn.signalEvents(), syn.dataset().seed(), s.luminosity().inversePicobarn());
            Map<String, CutFlow> flow = new LinkedHashMap<>();
            // weights sigma(g'=1) L / N: back to pb at g' = 1 (divide by L); they sum to sigma over all
            // generated events, the acceptance having dropped some
            EventTable table = sample.toEventTable();
            SignalMc mc = signal(selection, table, m, sample.crossSectionPb(),
                    sample.generatedEvents(), name, flow, 1.0 / sample.luminosityPb());
            synchronized (signalFlows) {
                signalFlows.add(flow);
            }
            // the same selection on each variation of the same events
            List<SignalMc> varied = new ArrayList<>();
            for (VariedRun r : variedRuns(vs)) {
                varied.add(!r.variation().variesSignal() ? mc : signal(selection,
                        r.variation().apply(table, r.direction(), vs.seed()), m, sample.crossSectionPb(),
                        sample.generatedEvents(), name, new LinkedHashMap<>(), 1.0 / sample.luminosityPb()));
            }
            return new SignalSet(mc, varied);
        }));
        List<SignalMc> signals = signalSets.stream().map(SignalSet::nominal).toList();
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
        List<VariedSamples> varied = new ArrayList<>();
        List<VariedRun> runs = variedRuns(vs);
        for (int k = 0; k < runs.size(); k++) {
            int at = k;
            varied.add(new VariedSamples(runs.get(k).variation(), runs.get(k).direction(), variedBackgrounds.get(k),
                    signalSets.stream().map(x -> x.varied().get(at)).toList()));
        }
        return new SearchSamples(true, s.luminosity(), data, backgrounds, signals, flows, description, varied);
    }

    /** One signal mass's selected MC: nominal, and per {@link #variedRuns} entry. */
    private record SignalSet(SignalMc nominal, List<SignalMc> varied) {
    }

    /** One variation in one direction whose events are selected again. */
    private record VariedRun(EventVariation variation, EventVariation.Direction direction) {
    }

    /** The runs of the variations: up and down each, up only for a mirrored one. */
    private static List<VariedRun> variedRuns(VariationSettings vs) {
        List<VariedRun> runs = new ArrayList<>();
        for (EventVariation v : vs.variations()) {
            runs.add(new VariedRun(v, EventVariation.Direction.UP));
            if (!v.mirrored()) {
                runs.add(new VariedRun(v, EventVariation.Direction.DOWN));
            }
        }
        return runs;
    }

    /** Every background sample named in {@code variations.background_normalisation} must exist. */
    static void checkVariedSamples(AnalysisSettings s, List<String> samples) {
        for (EventVariation v : s.variations().variations()) {
            if (v.kind() == EventVariation.Kind.BACKGROUND_NORMALISATION && !samples.contains(v.sample())) {
                throw new InvalidInputException(s.source() + ": variations.background_normalisation: unknown"
                        + " background sample '" + v.sample() + "'; the background samples are: "
                        + String.join(", ", samples));
            }
        }
    }

    /**
     * The injected signal's events: unweighted, a Poisson number of mean
     * σ(g′ = 1) g′² BR<sub>inv</sub> L, named as the pseudo-data, from a stream of their own.
     */
    static SimulatedEvents injectedSignal(SignalInjection inj, long seed, Luminosity lumi, Selection selection,
                                                  SyntheticDataset dataset) {
        double scale = inj.gPrime() * inj.gPrime() * inj.model().brInvisible(inj.mass(), inj.gPrime());
        return SignalGenerator.of(inj.mass(), selection.beams(), dataset.detector())
                .generateUnweighted(lumi.inversePicobarn() * scale, org.recoil.limits.calc.ToySeeds.key(seed,
                        INJECTION_KEY, Double.doubleToLongBits(inj.mass())))
                .withSample(SyntheticDataset.DATA_SAMPLE);
    }

    private static SearchSamples files(AnalysisSettings s, AnalysisSettings.FileInputs f, Selection selection,
                                       int threads) {
        Map<String, CutFlow> flows = new LinkedHashMap<>();
        AnalysisSettings.EventFileSpec d = f.data();
        boolean weighted = d.columns().weightMapped();
        // data are counted (unit weights) unless a weight column is mapped; then each weight is a count
        SelectionAccumulator dataAcc = stream(d.paths(), d.columns(), p -> d.sample() != null ? d.sample() : "data",
                selection, SelectionAccumulator.Keep.ALL, threads, weighted ? null : AnalysisPipeline::unitWeights,
                weighted ? d.columns().weight() : null);
        SelectedSample data = selected("data", dataAcc, flows);
        SelectionAccumulator bkg = backgroundFiles(s, f, selection, threads, null, null);
        checkNormalisedSamples(s, bkg.samples());
        checkVariedSamples(s, bkg.samples());
        flows.putAll(bkg.cutFlowBySample());
        List<SelectedSample> backgrounds = backgroundSamples(bkg);
        List<SignalMc> signals = signalFiles(f, selection, threads, flows, null, null, 0L, null);
        List<VariedSamples> varied = new ArrayList<>();
        VariationSettings vs = s.variations();
        for (VariedRun r : variedRuns(vs)) {
            EventVariation v = r.variation();
            List<SelectedSample> vb = backgroundSamples(backgroundFiles(s, f, selection, threads, v, r.direction()));
            List<SelectedSample> vbOrdered = v.backgroundsOf(backgrounds, vb, SelectedSample::name);
            varied.add(new VariedSamples(v, r.direction(), vbOrdered, !v.variesSignal() ? signals
                    : signalFiles(f, selection, threads, new LinkedHashMap<>(), v, r.direction(), vs.seed(), signals)));
        }
        Map<String, Object> description = filesDescription(f);
        return new SearchSamples((Boolean) description.get("synthetic"), s.luminosity(), data, backgrounds, signals,
                flows, description, varied);
    }

    /**
     * The description of event-file inputs: whether they are synthetic (a {@value #SYNTHETIC_MARKER}
     * beside the data file says so), and the files.
     */
    static Map<String, Object> filesDescription(AnalysisSettings.FileInputs f) {
        java.nio.file.Path first = f.data().paths().get(0);
        Map<String, Object> description = new LinkedHashMap<>();
        boolean synthetic = syntheticMarker(first);
        description.put("synthetic", synthetic);
        if (synthetic) {
            description.put("label", SyntheticDataset.LABEL);
            description.put("marker", first.resolveSibling(SYNTHETIC_MARKER).toString());
        }
        description.put("data", paths(f.data().paths()));
        description.put("backgrounds", f.backgrounds().stream().flatMap(b -> paths(b.paths()).stream()).toList());
        description.put("background_luminosities", f.backgrounds().stream()
                .map(b -> b.spec() + ": " + b.luminosity().format()).toList());
        description.put("signal", f.signals().stream().flatMap(x -> paths(x.paths()).stream()).toList());
        return description;
    }

    /**
     * Reads and selects the background files, with a variation applied (its weight columns when read,
     * then its transform) when {@code v} is not null.
     */
    private static SelectionAccumulator backgroundFiles(AnalysisSettings s, AnalysisSettings.FileInputs f,
                                                        Selection selection, int threads, EventVariation v,
                                                        EventVariation.Direction dir) {
        SelectionAccumulator bkg = new SelectionAccumulator(selection.cutNames(), null, null,
                SelectionAccumulator.Keep.BY_SAMPLE);
        for (AnalysisSettings.EventFileSpec b : f.backgrounds()) {
            // weights are events at the file's declared luminosity: scale them to the analysis luminosity
            double scale = s.luminosity().inversePicobarn() / b.luminosity().inversePicobarn();
            java.util.function.UnaryOperator<EventTable> lumi = scale == 1.0 ? null : t -> scaled(t, scale);
            streamInto(bkg, b.paths(), v == null ? b.columns() : v.columns(b.columns(), dir),
                    p -> b.sample() != null ? b.sample() : EventReader.defaultSampleName(p), selection, threads,
                    varied(lumi, v, dir, s.variations().seed()), null);
        }
        return bkg;
    }

    /** {@code prepare} followed by the variation's transform (none when {@code v} is null). */
    private static java.util.function.UnaryOperator<EventTable> varied(
            java.util.function.UnaryOperator<EventTable> prepare, EventVariation v, EventVariation.Direction dir,
            long seed) {
        if (v == null) {
            return prepare;
        }
        return t -> v.apply(prepare == null ? t : prepare.apply(t), dir, seed);
    }

    private static List<SelectedSample> backgroundSamples(SelectionAccumulator bkg) {
        List<SelectedSample> backgrounds = new ArrayList<>();
        for (String name : bkg.samples()) {
            double[] y = bkg.selectedWeights(name);
            double total = bkg.totalWeight(name);
            backgrounds.add(SelectedSample.of(name, bkg.selectedRecoilMass2(name), y, total > 0 ? sum(y) / total : 0.0));
        }
        return backgrounds;
    }

    /**
     * Reads and selects the signal files, with a variation applied when {@code v} is not null; a
     * file's {@code total_weight} (the generated cross section) is not varied.
     */
    private static List<SignalMc> signalFiles(AnalysisSettings.FileInputs f, Selection selection, int threads,
                                              Map<String, CutFlow> flows, EventVariation v,
                                              EventVariation.Direction dir, long seed, List<SignalMc> nominal) {
        List<SignalMc> signals = new ArrayList<>();
        for (int i = 0; i < f.signals().size(); i++) {
            AnalysisSettings.SignalFileSpec sf = f.signals().get(i);
            String name = String.format(Locale.ROOT, "signal_%.3f", sf.mass());
            SelectionAccumulator acc = stream(sf.paths(), v == null ? sf.columns() : v.columns(sf.columns(), dir),
                    p -> name, selection, SelectionAccumulator.Keep.ALL, threads, varied(null, v, dir, seed), null);
            if (nominal != null) {
                // a variation: the efficiency's denominator and effective size stay the nominal ones
                double[] y = acc.selectedWeights();
                SignalMc n = nominal.get(i);
                signals.add(new SignalMc(sf.mass(), SelectedSample.of(name, acc.selectedRecoilMass2(), y,
                        sum(y) / n.totalWeightPb()), n.totalWeightPb(), n.effectiveEvents()));
                continue;
            }
            double sum = acc.totalWeight();
            double sum2 = acc.totalWeight2();
            double total = Double.isNaN(sf.totalWeight()) ? sum : sf.totalWeight();
            if (sum > total * (1 + 1e-9)) {
                throw new InvalidInputException(String.format(Locale.ROOT, "%s (signal at M = %s GeV, sample %s):"
                        + " the weights in the file sum to %.6g but total_weight is %.6g pb, so the efficiency"
                        + " would exceed 1; signal weights must be in pb at g' = 1 (sum = sigma x acceptance),"
                        + " or total_weight the sum over all generated events", sf.spec(), num(sf.mass()), name,
                        sum, total));
            }
            double neff = sum2 > 0 ? sum * sum / sum2 * (total / sum) : 1;
            flows.put(name, acc.cutFlow());
            double[] y = acc.selectedWeights();
            signals.add(new SignalMc(sf.mass(), SelectedSample.of(name, acc.selectedRecoilMass2(), y, sum(y) / total),
                    total, neff));
        }
        return signals;
    }

    private static List<String> paths(List<java.nio.file.Path> p) {
        return p.stream().map(java.nio.file.Path::toString).toList();
    }

    private static String num(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static double sum(double[] y) {
        double sum = 0;
        for (double v : y) {
            sum += v;
        }
        return sum;
    }

    private static EventTable unitWeights(EventTable t) {
        double[] w = new double[t.size()];
        java.util.Arrays.fill(w, 1.0);
        return t.withWeights(w);
    }

    private static EventTable scaled(EventTable t, double scale) {
        double[] w = t.weight();
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        return t.withWeights(w);
    }

    /** What a worker computes from a chunk: its selection, momentum statistics, and the first non-count weight. */
    private record Chunk(SelectionAccumulator.Chunk result, Plausibility.MomentumStats momenta, int badWeightRow,
                         double badWeight) {
    }

    private static SelectionAccumulator stream(List<java.nio.file.Path> files,
                                               org.recoil.core.events.ColumnMapping columns,
                                               java.util.function.Function<java.nio.file.Path, String> sample,
                                               Selection selection, SelectionAccumulator.Keep keep, int threads,
                                               java.util.function.UnaryOperator<EventTable> prepare,
                                               String countColumn) {
        SelectionAccumulator acc = new SelectionAccumulator(selection.cutNames(), null, null, keep);
        streamInto(acc, files, columns, sample, selection, threads, prepare, countColumn);
        return acc;
    }

    /**
     * Reads files in chunks on {@code threads} threads ({@link EventStream}), selects each chunk and adds
     * it to {@code acc} in file order; checks every file's momenta ({@link Plausibility}) and, with a
     * {@code countColumn}, that every weight is a non-negative integer count.
     */
    private static void streamInto(SelectionAccumulator acc, List<java.nio.file.Path> files,
                                   org.recoil.core.events.ColumnMapping columns,
                                   java.util.function.Function<java.nio.file.Path, String> sample,
                                   Selection selection, int threads,
                                   java.util.function.UnaryOperator<EventTable> prepare, String countColumn) {
        List<EventStream.Source> sources = files.stream()
                .map(p -> new EventStream.Source(p, columns, sample.apply(p))).toList();
        Plausibility.MomentumStats[] stats = new Plausibility.MomentumStats[files.size()];
        EventStream.forEach(sources, threads, t -> {
            int bad = -1;
            double badWeight = 0;
            if (countColumn != null) {
                double[] w = t.weight();
                for (int i = 0; i < w.length && bad < 0; i++) {
                    if (!(w[i] >= 0) || w[i] != Math.rint(w[i])) {
                        bad = i;
                        badWeight = w[i];
                    }
                }
            }
            EventTable u = prepare != null ? prepare.apply(t) : t;
            return new Chunk(acc.compact(selection.apply(u)), Plausibility.MomentumStats.of(t, selection.beams()), bad,
                    badWeight);
        }, (info, c) -> {
            if (c.badWeightRow() >= 0) {
                throw new InvalidInputException(info.file() + ": column '" + countColumn + "', row "
                        + (info.firstRow() + c.badWeightRow() + 1) + ": data weight " + c.badWeight() + " is not a"
                        + " non-negative integer count; data are counted (drop columns.weight for data to count"
                        + " each row once)");
            }
            stats[info.source()] = stats[info.source()] == null ? c.momenta() : stats[info.source()].plus(c.momenta());
            acc.add(c.result());
        });
        for (int i = 0; i < files.size(); i++) {
            Plausibility.requirePlausibleMomenta(files.get(i), stats[i], selection.beams());
        }
    }

    /**
     * Every sample named in {@code systematics.background_normalisation} must be a background sample
     * of the inputs: a misspelt name would otherwise silently fall back to the default uncertainty.
     */
    static void checkNormalisedSamples(AnalysisSettings s, List<String> samples) {
        for (String name : s.normalisedSamples()) {
            if (!samples.contains(name)) {
                throw new InvalidInputException(s.source() + ": systematics.background_normalisation: unknown"
                        + " background sample '" + name + "'; the background samples are: " + String.join(", ",
                        samples));
            }
        }
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

    static SignalMc signal(Selection selection, EventTable t, double mass, double totalPb, double neff,
                                   String name, Map<String, CutFlow> flows, double weightToPb) {
        SelectionAccumulator acc = new SelectionAccumulator(selection.cutNames(), null, null,
                SelectionAccumulator.Keep.ALL);
        acc.add(selection.apply(t));
        flows.put(name, acc.cutFlow());
        double[] y = acc.selectedWeights();
        for (int k = 0; k < y.length; k++) {
            y[k] *= weightToPb;
        }
        return new SignalMc(mass, SelectedSample.of(name, acc.selectedRecoilMass2(), y, sum(y) / totalPb), totalPb,
                neff);
    }

    private static SelectedSample selectOne(Selection selection, EventTable t, String name,
                                            Map<String, CutFlow> flows) {
        SelectionAccumulator acc = new SelectionAccumulator(selection.cutNames(), null, null,
                SelectionAccumulator.Keep.ALL);
        acc.add(selection.apply(t));
        return selected(name, acc, flows);
    }

    private static SelectedSample selected(String name, SelectionAccumulator acc, Map<String, CutFlow> flows) {
        flows.put(name, acc.cutFlow());
        double[] y = acc.selectedWeights();
        double total = acc.totalWeight();
        return SelectedSample.of(name, acc.selectedRecoilMass2(), y, total > 0 ? sum(y) / total : 0.0);
    }

    static List<SelectedSample> selectBySample(Selection selection, EventTable t, Map<String, CutFlow> flows,
                                                       List<String> order) {
        SelectionAccumulator acc = new SelectionAccumulator(selection.cutNames(), null, null,
                SelectionAccumulator.Keep.BY_SAMPLE);
        acc.add(selection.apply(t));
        flows.putAll(acc.cutFlowBySample());
        List<SelectedSample> out = new ArrayList<>();
        for (String name : order) {
            double[] y = acc.selectedWeights(name);
            double total = acc.totalWeight(name);
            out.add(SelectedSample.of(name, acc.selectedRecoilMass2(name), y, total > 0 ? sum(y) / total : 0.0));
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
        java.util.function.DoubleUnaryOperator sigma = s.inputs() instanceof AnalysisSettings.FileInputs f
                && f.crossSectionFromFiles() ? samples.signalCrossSection() : CrossSectionTable.belle2()::sigmaPb;
        // with the MVA selection each mass is counted in the samples after its own cut on the classifier
        // output (of the nominal or of a varied Monte Carlo: the same cut)
        java.util.function.Function<SearchSamples, List<MassPointInput>> recipe = x -> {
            if (x.mva() == null) {
                return x.massPoints(s.masses(), s.resolution(), s.windowSigmas(), s.binsPerWindow(), sigma, s.model());
            }
            List<MassPointInput> out = new ArrayList<>();
            double[] grid = s.masses();
            for (int i = 0; i < grid.length; i++) {
                out.addAll(x.mva().perMass().get(i).massPoints(new double[] {grid[i]}, s.resolution(),
                        s.windowSigmas(), s.binsPerWindow(), sigma, s.model()));
            }
            return out;
        };
        List<MassPointInput> points = recipe.apply(samples);
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
        if (!samples.variations().isEmpty()) {
            // the same windows counted in the varied Monte Carlo: normsys + histosys per mass
            points = EventSystematics.attach(s.variations(), samples, points, recipe);
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
        return Plausibility.withWarnings(scanPoints(s, points, threads, progress, executor), List.of(),
                s.systematics());
    }

    /**
     * Step 3 with the data/background comparison of the whole selected spectrum
     * ({@link Plausibility#spectrum}): a mismatch is added to the warnings of every point, and each
     * window's own mismatch to that point's ({@link Plausibility#withWarnings}).
     *
     * @param s the settings
     * @param samples the selected samples
     * @param points the inputs
     * @param threads worker threads of a local executor
     * @param progress receives (points done, total)
     * @param executor where the points run
     * @return the scan
     * @throws ComputationException if no point has a limit
     */
    public static ScanResult scan(AnalysisSettings s, SearchSamples samples, List<MassPointInput> points,
                                  int threads, ProgressListener progress, ScanExecutor executor) {
        return Plausibility.withWarnings(scanPoints(s, points, threads, progress, executor),
                Plausibility.spectrum(samples, s.systematics()).stream().toList(), s.systematics());
    }

    private static ScanResult scanPoints(AnalysisSettings s, List<MassPointInput> points, int threads,
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
     * Step 4: expected limits at the projection luminosities for every systematics scenario, for the
     * analysis as configured and with each analysis improvement of {@code projection.improvements}.
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
                p.improvements(), p.g2Scenarios(), options(s, threads, progress));
    }

    /**
     * Expected limits at one luminosity under one systematics scenario, for the analysis as configured
     * and with each of the settings' analysis improvements (e.g. the comparison with a published result
     * at that luminosity).
     *
     * @param s the settings
     * @param points the inputs at the analysis luminosity
     * @param luminosity the luminosity
     * @param scenario the systematics scenario
     * @param threads worker threads
     * @return one curve per improvement, the analysis as configured first
     */
    public static ProjectionResult projectAt(AnalysisSettings s, List<MassPointInput> points, Luminosity luminosity,
                                             org.recoil.limits.projection.SystematicsScenario scenario, int threads) {
        AnalysisSettings.ProjectionSettings p = s.projection();
        return LuminosityProjection.project(points, s.luminosity(), s.systematics(), List.of(luminosity),
                List.of(scenario), p.improvements(), p.g2Scenarios(), options(s, threads, ProgressListener.NONE));
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
        return globalSignificance(s, samples, points, scan, toys, threads, progress, ScanExecutor.local());
    }

    /**
     * Step 3b with the pseudo-experiments on the given executor (e.g. Spark,
     * {@link ScanExecutor#pseudoExperiments}): the same result as on local threads.
     *
     * @param s the settings
     * @param samples the selected samples (the background MC)
     * @param points the scan's inputs
     * @param scan the observed scan
     * @param toys pseudo-experiments, &ge; 1
     * @param threads worker threads of a local executor
     * @param progress receives (pseudo-experiments done, total)
     * @param executor where the pseudo-experiments run
     * @return both estimates with their trials factors
     * @throws InvalidInputException for fewer than one pseudo-experiment
     */
    public static GlobalSignificanceResult globalSignificance(AnalysisSettings s, SearchSamples samples,
                                                              List<MassPointInput> points, ScanResult scan, int toys,
                                                              int threads, ProgressListener progress,
                                                              ScanExecutor executor) {
        java.util.function.DoubleBinaryOperator background = (lo, hi) -> {
            double b = 0;
            for (SelectedSample bk : samples.backgrounds()) {
                b += Math.max(0.0, bk.counter().count(lo, hi).sumWeights());
            }
            return b;
        };
        return GlobalSignificance.compute(scan, points, background,
                options(s, threads, progress).withExecutor(executor), toys, GlobalSignificance.DEFAULT_REFERENCE_LEVEL);
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
