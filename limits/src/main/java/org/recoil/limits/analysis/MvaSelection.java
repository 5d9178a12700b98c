package org.recoil.limits.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventTable;
import org.recoil.core.physics.RecoilMassResolution;
import org.recoil.core.selection.CutFlow;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionResult;
import org.recoil.core.sim.SignalGenerator;
import org.recoil.core.sim.SimulatedEvents;
import org.recoil.core.sim.SyntheticDataset;
import org.recoil.limits.calc.IndexedTasks;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.mva.MvaFeatures;
import org.recoil.limits.mva.Roc;
import org.recoil.limits.mva.TreeEnsemble;
import org.recoil.limits.mva.XgboostModel;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.MassWindow;

/**
 * The MVA selection of the synthetic dataset (issue 20): the preselection, a held-out split of the
 * Monte Carlo, a mass-parametrised boosted-decision-tree classifier ({@link MvaFeatures}) trained
 * with XGBoost on the training split (or loaded), and per mass of the grid the cut on its output that
 * maximises Punzi's figure of merit ε<sub>s</sub>(c) / (a/2 + √B(c)) (G. Punzi, "Sensitivity of
 * searches for new signals and its optimization", arXiv:physics/0308063; a = 1.28 for a one-sided
 * 90% CL), ε<sub>s</sub> the signal efficiency interpolated to the mass as the limits do it and B the
 * expected background in the M<sub>rec</sub>² window.
 *
 * <p><b>The split.</b> Each Monte Carlo event (background or signal) is in the test split if a hash of
 * (seed, sample, index) falls below {@code test_fraction}; the classifier is trained on the others
 * only. Everything evaluated afterwards — the ROC curves and AUC, the cut choice, the window yields and
 * efficiencies of the limits — uses the test split alone, its weights divided by {@code test_fraction}
 * (so no training event biases a yield). The pseudo-data are never trained on and are all used.
 *
 * <p><b>Training.</b> Signal events carry their generated mass as hypothesis, each mass normalised to
 * the same total weight; a background event is used at every signal mass whose window (|pull| &lt; 3)
 * contains it, or else at the nearest signal mass, each event with the same weight, the background at
 * each signal mass scaled to that mass's signal total (so that every mass's window counts alike), and all
 * training weights then scaled to a mean of 1 (XGBoost's {@code min_child_weight} is in these units); the
 * physical weights enter in the choice of the cut. Each class is capped at {@code max_training_events} rows by a seeded random
 * subset. Applying the classifier uses the flat {@link TreeEnsemble}, not XGBoost.
 *
 * <p><b>Inputs and variations.</b> The synthetic dataset ({@link #prepare}) or event files
 * ({@link #prepareFiles}), the features computed alike. With event-level variations each varied Monte
 * Carlo is preselected again and goes through the same classifier and the same cut per mass (nothing is
 * retrained or re-optimised), so that its window counts give the normsys/histosys of the selection.
 */
public final class MvaSelection {

    /** |pull| below which a background event trains at a signal mass. */
    static final double TRAIN_PULL = 3.0;
    private static final int SCORE_BINS = 40;
    private static final int CUT_CANDIDATES = 200;

    private MvaSelection() {
    }

    /**
     * The classifier and its evaluation.
     *
     * @param modelSource {@code trained} or the loaded file
     * @param trees trees of the model
     * @param depth their depth
     * @param auc test-split ROC AUC over all signal masses (each at its own mass, normalised alike)
     *            against the background at the hypotheses of the training, counting Monte Carlo events
     * @param roc that ROC curve
     * @param rocByMass per signal mass, the ROC of that mass's signal against the background in its window
     * @param aucByMass their AUCs
     * @param scoreEdges edges of the classifier-output histograms
     * @param signalTrain normalised output histogram, signal, training split
     * @param signalTest the same, test split
     * @param backgroundTrain background, training split
     * @param backgroundTest background, test split
     * @param cuts per grid mass, the chosen cut
     * @param trainingEvents Monte Carlo event ids (sample key &lt;&lt; 32 | index) used in training, sorted
     * @param evaluationEvents Monte Carlo event ids evaluated (ROC, cuts, limits), sorted
     * @param trainingRows rows of the training matrix
     * @param trainingSeconds the training's wall time (0 for a loaded model)
     * @param applyRate rows per second the classifier was applied at in this run
     * @param signalDistance the Kolmogorov distance (largest difference of the cumulative distributions,
     *                       binned) between the signal's training and test output histograms
     * @param backgroundDistance the same for the background
     */
    public record Report(String modelSource, int trees, int depth, double auc, Roc roc, Map<Double, Roc> rocByMass,
                         Map<Double, Double> aucByMass, double[] scoreEdges, double[] signalTrain,
                         double[] signalTest, double[] backgroundTrain, double[] backgroundTest, List<Cut> cuts,
                         long[] trainingEvents, long[] evaluationEvents, int trainingRows, double trainingSeconds,
                         double applyRate, double signalDistance, double backgroundDistance) {
    }

    /**
     * The Kolmogorov distance of two normalised histograms on the same bins: the largest absolute
     * difference of their cumulative sums.
     *
     * @param a a normalised histogram
     * @param b another, as many bins
     * @return the distance in [0, 1]
     */
    static double kolmogorovDistance(double[] a, double[] b) {
        double ca = 0;
        double cb = 0;
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            ca += a[i];
            cb += b[i];
            d = Math.max(d, Math.abs(ca - cb));
        }
        return d;
    }

    /**
     * The cut at one mass of the grid.
     *
     * @param mass the Z′ mass, GeV
     * @param cut the classifier-output cut (events with output &gt; cut pass)
     * @param signalEfficiency the interpolated signal efficiency after it (window and preselection included)
     * @param background the expected background in the window after it
     * @param backgroundEntries its Monte Carlo entries
     * @param signalEfficiencyBefore the same without the cut
     * @param backgroundBefore the background without the cut
     * @param punzi the figure of merit at the cut
     */
    public record Cut(double mass, double cut, double signalEfficiency, double background, int backgroundEntries,
                      double signalEfficiencyBefore, double backgroundBefore, double punzi) {
    }

    /**
     * What the MVA adds to the samples: the report and, per mass of the grid, the samples after its cut.
     *
     * @param report the classifier's report
     * @param masses the grid masses
     * @param perMass per mass, the samples after that mass's cut (backgrounds and data only in its window)
     * @param cutBasedEfficiency per mass, the signal efficiency of the default cut-based selection
     *                           ({@link SyntheticDataset#defaultSelection()}) on the same Monte Carlo (all of
     *                           it), interpolated as the limits do it
     * @param cutBasedBackground per mass, that selection's background in the window
     */
    public record Applied(Report report, double[] masses, List<SearchSamples> perMass, double[] cutBasedEfficiency,
                          double[] cutBasedBackground) {
        /**
         * @param k a variation run's position in the samples' {@link SearchSamples#variations()}
         * @return the same report and masses, each mass's samples those of that variation after the same cut
         */
        public Applied varied(int k) {
            return new Applied(report, masses, perMass.stream().map(p -> p.varied(p.variations().get(k))).toList(),
                    cutBasedEfficiency, cutBasedBackground);
        }
    }

    /** Preselected events of one Monte Carlo or data sample, with their rows of features. */
    private static final class Pre {
        final String name;
        final int key;
        final double mass;          // signal: generated mass; else NaN
        final int[] index;          // index in the generated table
        final double[] m2;
        final double[] w;
        final float[] x;
        final boolean[] test;

        Pre(String name, int key, double mass, int[] index, double[] m2, double[] w, float[] x, boolean[] test) {
            this.name = name;
            this.key = key;
            this.mass = mass;
            this.index = index;
            this.m2 = m2;
            this.w = w;
            this.x = x;
            this.test = test;
        }

        int size() {
            return index.length;
        }
    }

    /**
     * Step 1 with the MVA selection, synthetic inputs.
     *
     * @param s the settings ({@code s.mva()} not null)
     * @param syn the synthetic inputs
     * @param threads worker threads
     * @param progress signal generation progress
     * @param steps receives the sub-steps
     * @return the samples at preselection level (the Monte Carlo's test split), with {@link Applied}
     */
    static SearchSamples prepare(AnalysisSettings s, AnalysisSettings.SyntheticInputs syn, int threads,
                                 ProgressListener progress, Steps steps) {
        MvaSettings mva = s.mva();
        Selection pre = Selection.fromConfig(s.selection());
        SyntheticDataset dataset = steps.run("generate backgrounds + pseudo-data",
                () -> SyntheticDataset.generate(syn.dataset(), pre.beams(), org.recoil.core.sim.DetectorSmearing.belle2()));
        AnalysisPipeline.checkNormalisedSamples(s, SyntheticDataset.BACKGROUND_SAMPLES);
        AnalysisPipeline.checkVariedSamples(s, SyntheticDataset.BACKGROUND_SAMPLES);
        Map<String, CutFlow> flows = new LinkedHashMap<>();
        EventTable dataTable = dataset.dataTable();
        if (syn.injection().isPresent() && syn.injection().get().gPrime() > 0) {
            SignalInjection inj = syn.injection().get();
            SimulatedEvents events = AnalysisPipeline.injectedSignal(inj, syn.dataset().seed(), s.luminosity(), pre,
                    dataset);
            dataTable = EventTable.concat(List.of(dataTable, events.toEventTable()));
        }
        EventTable dataF = dataTable;
        Pre data = steps.run("preselect pseudo-data", () -> preselect(pre, dataF, -1, Double.NaN,
                List.of(SyntheticDataset.DATA_SAMPLE), true, 1.0, flows, mva).get(0));
        EventTable bkgTable = dataset.backgroundTable();
        List<Pre> backgrounds = steps.run("preselect backgrounds", () -> preselect(pre, bkgTable, 0,
                Double.NaN, SyntheticDataset.BACKGROUND_SAMPLES, false, 1.0, flows, mva));
        List<Double> masses = syn.signalMasses();
        List<Map<String, CutFlow>> signalFlows = new ArrayList<>();
        List<SignalInput> signalInputs = steps.run(String.format(Locale.ROOT, "generate + preselect signal MC (%d masses)",
                masses.size()), () -> IndexedTasks.run(masses.size(), threads, "recoil-signal-mc", progress, i -> {
            double m = masses.get(i);
            SimulatedEvents sample = SignalGenerator.of(m, pre.beams(), dataset.detector())
                    .generate(syn.signalEvents(), syn.dataset().seed(), s.luminosity().inversePicobarn());
            Map<String, CutFlow> f = new LinkedHashMap<>();
            EventTable table = sample.toEventTable();
            double toPb = 1.0 / sample.luminosityPb();
            Pre p = preselect(pre, table, 100 + i, m, List.of(SyntheticDataset.signalSampleName(m)), true, toPb, f,
                    mva).get(0);
            synchronized (signalFlows) {
                signalFlows.add(f);
            }
            return new SignalInput(p, table, toPb, sample.crossSectionPb(), sample.generatedEvents());
        }));
        for (SignalInput in : signalInputs) {
            for (Map<String, CutFlow> f : signalFlows) {
                if (f.containsKey(in.pre().name)) {
                    flows.put(in.pre().name, f.get(in.pre().name));
                }
            }
        }
        Map<String, Object> description = new LinkedHashMap<>(dataset.metadata());
        description.put("signal_masses", masses);
        description.put("signal_events_per_mass", syn.signalEvents());
        VariationSettings vs = s.variations();
        // a variation re-selects the same generated events, varied: same keys and indices, so the same split
        java.util.function.BiFunction<EventVariation, EventVariation.Direction, VariedPre> varied = (v, dir) -> {
            List<Pre> vb = preselect(pre, v.apply(bkgTable, dir, vs.seed()), 0, Double.NaN,
                    SyntheticDataset.BACKGROUND_SAMPLES, false, 1.0, new LinkedHashMap<>(), mva);
            List<Pre> vbOrdered = v.backgroundsOf(backgrounds, vb, p -> p.name);
            List<Pre> vsig = new ArrayList<>();
            for (int i = 0; i < signalInputs.size(); i++) {
                SignalInput in = signalInputs.get(i);
                vsig.add(!v.variesSignal() ? in.pre() : preselect(pre, v.apply(in.table(), dir, vs.seed()), 100 + i,
                        in.pre().mass, List.of(in.pre().name), true, in.toPb(), new LinkedHashMap<>(), mva).get(0));
            }
            return new VariedPre(vbOrdered, vsig);
        };
        return select(s, new Inputs(true, data, bkgTable, backgrounds, signalInputs, flows, description), varied,
                threads, steps);
    }

    /**
     * Step 1 with the MVA selection, event files: the files are read whole, the preselection applied,
     * and the features computed from their columns as for the synthetic dataset. A background event's
     * split is decided by (seed, its sample's position among the background samples, its row among all
     * background files read in the config's order); a signal event's by (seed, 100 + the entry's
     * position, its row among that entry's files).
     *
     * @param s the settings ({@code s.mva()} not null)
     * @param f the event files
     * @param threads worker threads
     * @param steps receives the sub-steps
     * @return the samples at preselection level (the Monte Carlo's test split), with {@link Applied}
     */
    static SearchSamples prepareFiles(AnalysisSettings s, AnalysisSettings.FileInputs f, int threads, Steps steps) {
        MvaSettings mva = s.mva();
        Selection pre = Selection.fromConfig(s.selection());
        Map<String, CutFlow> flows = new LinkedHashMap<>();
        AnalysisSettings.EventFileSpec d = f.data();
        EventTable dataTable = steps.run("read data files", () -> readData(d, pre));
        Pre data = preselect(pre, dataTable, -1, Double.NaN, List.of("data"), true, 1.0, flows, mva).get(0);
        EventTable bkgTable = steps.run("read background files", () -> readBackgrounds(s, f, pre, null, null));
        List<String> names = bkgTable.samples();
        AnalysisPipeline.checkNormalisedSamples(s, names);
        AnalysisPipeline.checkVariedSamples(s, names);
        List<Pre> backgrounds = preselect(pre, bkgTable, 0, Double.NaN, names, false, 1.0, flows, mva);
        List<SignalInput> signalInputs = new ArrayList<>();
        for (int i = 0; i < f.signals().size(); i++) {
            AnalysisSettings.SignalFileSpec sf = f.signals().get(i);
            String name = String.format(Locale.ROOT, "signal_%.3f", sf.mass());
            EventTable t = readAll(sf.paths(), sf.columns(), name, pre);
            double[] w = t.weight();
            double sum = 0;
            double sum2 = 0;
            for (double x : w) {
                sum += x;
                sum2 += x * x;
            }
            double total = Double.isNaN(sf.totalWeight()) ? sum : sf.totalWeight();
            if (sum > total * (1 + 1e-9)) {
                throw new InvalidInputException(String.format(Locale.ROOT, "%s (signal at M = %s GeV, sample %s):"
                        + " the weights in the files sum to %.6g but total_weight is %.6g pb, so the efficiency"
                        + " would exceed 1", sf.spec(), sf.mass(), name, sum, total));
            }
            double neff = sum2 > 0 ? sum * sum / sum2 * (total / sum) : 1;
            signalInputs.add(new SignalInput(preselect(pre, t, 100 + i, sf.mass(), List.of(name), true, 1.0, flows,
                    mva).get(0), t, 1.0, total, neff));
        }
        for (int i = 1; i < signalInputs.size(); i++) {
            if (!(signalInputs.get(i).pre().mass > signalInputs.get(i - 1).pre().mass)) {
                throw new InvalidInputException(s.source() + ": inputs.files.signal: the MVA selection needs the signal"
                        + " entries in increasing mass, got " + signalInputs.get(i - 1).pre().mass + " before "
                        + signalInputs.get(i).pre().mass);
            }
        }
        Map<String, Object> description = AnalysisPipeline.filesDescription(f);
        VariationSettings vs = s.variations();
        java.util.function.BiFunction<EventVariation, EventVariation.Direction, VariedPre> varied = (v, dir) -> {
            EventTable vt = v.kind() == EventVariation.Kind.WEIGHT_COLUMNS
                    ? readBackgrounds(s, f, pre, v, dir) : v.apply(bkgTable, dir, vs.seed());
            List<Pre> vb = preselect(pre, vt, 0, Double.NaN, names, false, 1.0, new LinkedHashMap<>(), mva);
            List<Pre> vbOrdered = v.backgroundsOf(backgrounds, vb, p -> p.name);
            List<Pre> vsig = new ArrayList<>();
            for (int i = 0; i < signalInputs.size(); i++) {
                SignalInput in = signalInputs.get(i);
                AnalysisSettings.SignalFileSpec sf = f.signals().get(i);
                EventTable st = v.kind() == EventVariation.Kind.WEIGHT_COLUMNS
                        ? readAll(sf.paths(), v.columns(sf.columns(), dir), in.pre().name, pre)
                        : v.apply(in.table(), dir, vs.seed());
                vsig.add(!v.variesSignal() ? in.pre() : preselect(pre, st, 100 + i, in.pre().mass,
                        List.of(in.pre().name), true, 1.0, new LinkedHashMap<>(), mva).get(0));
            }
            return new VariedPre(vbOrdered, vsig);
        };
        return select(s, new Inputs((Boolean) description.get("synthetic"), data, bkgTable, backgrounds,
                signalInputs, flows, description), varied, threads, steps);
    }

    /** The data files, counted (unit weights) unless a weight column is mapped. */
    private static EventTable readData(AnalysisSettings.EventFileSpec d, Selection pre) {
        EventTable t = readAll(d.paths(), d.columns(), d.sample() != null ? d.sample() : "data", pre);
        if (!d.columns().weightMapped()) {
            double[] w = new double[t.size()];
            Arrays.fill(w, 1.0);
            return t.withWeights(w);
        }
        double[] w = t.weight();
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || w[i] != Math.rint(w[i])) {
                throw new InvalidInputException(d.spec() + ": column '" + d.columns().weight() + "', row " + (i + 1)
                        + " of the data files: weight " + w[i] + " is not a non-negative integer count");
            }
        }
        return t;
    }

    /** All background files, weights scaled to the analysis luminosity, with a weight-column variation's columns. */
    private static EventTable readBackgrounds(AnalysisSettings s, AnalysisSettings.FileInputs f, Selection pre,
                                              EventVariation v, EventVariation.Direction dir) {
        List<EventTable> parts = new ArrayList<>();
        for (AnalysisSettings.EventFileSpec b : f.backgrounds()) {
            double scale = s.luminosity().inversePicobarn() / b.luminosity().inversePicobarn();
            for (java.nio.file.Path p : b.paths()) {
                EventTable t = readAll(List.of(p), v == null ? b.columns() : v.columns(b.columns(), dir),
                        b.sample() != null ? b.sample() : org.recoil.core.events.EventReader.defaultSampleName(p), pre);
                if (scale != 1.0) {
                    double[] w = t.weight();
                    for (int i = 0; i < w.length; i++) {
                        w[i] *= scale;
                    }
                    t = t.withWeights(w);
                }
                parts.add(t);
            }
        }
        return EventTable.concat(parts);
    }

    /** Files read whole and concatenated, each checked for plausible momenta. */
    private static EventTable readAll(List<java.nio.file.Path> files, org.recoil.core.events.ColumnMapping columns,
                                      String sample, Selection pre) {
        List<EventTable> parts = new ArrayList<>();
        for (java.nio.file.Path p : files) {
            EventTable t = org.recoil.core.events.EventStream.readAll(
                    new org.recoil.core.events.EventStream.Source(p, columns, sample));
            Plausibility.requirePlausibleMomenta(p, Plausibility.MomentumStats.of(t, pre.beams()), pre.beams());
            parts.add(t);
        }
        return parts.size() == 1 ? parts.get(0) : EventTable.concat(parts);
    }

    /** One signal mass: its preselected events, its table (for variations), and its normalisation. */
    private record SignalInput(Pre pre, EventTable table, double toPb, double totalPb, double effectiveEvents) {
    }

    /** The preselected inputs of the classifier. */
    private record Inputs(boolean synthetic, Pre data, EventTable backgroundTable, List<Pre> backgrounds,
                          List<SignalInput> signals, Map<String, CutFlow> flows, Map<String, Object> description) {
    }

    /** One variation's preselected Monte Carlo, in the nominal order. */
    private record VariedPre(List<Pre> backgrounds, List<Pre> signals) {
    }

    /** Trains (or loads) the classifier, chooses the cuts, and applies them to the nominal and varied samples. */
    private static SearchSamples select(AnalysisSettings s, Inputs in,
                                        java.util.function.BiFunction<EventVariation, EventVariation.Direction,
                                                VariedPre> varied, int threads, Steps steps) {
        MvaSettings mva = s.mva();
        List<Pre> signals = in.signals().stream().map(SignalInput::pre).toList();
        List<Pre> backgrounds = in.backgrounds();
        double[] totalPb = in.signals().stream().mapToDouble(SignalInput::totalPb).toArray();
        double[] generated = in.signals().stream().mapToDouble(SignalInput::effectiveEvents).toArray();
        RecoilMassResolution res = s.resolution();
        // the classifier
        long t0 = System.nanoTime();
        Training training = trainingSet(signals, backgrounds, res, mva);
        XgboostModel.Trained model = steps.run(mva.model().isPresent() ? "load MVA model" : String.format(Locale.ROOT,
                "train MVA (XGBoost, %d rows x %d features, %d trees)", training.label.length, MvaFeatures.COUNT,
                mva.params().trees()), () -> mva.model().isPresent()
                ? org.recoil.limits.mva.XgboostJson.load(mva.model().get(), MvaFeatures.COUNT)
                : XgboostModel.train(training.x, MvaFeatures.COUNT, training.label, training.weight,
                new XgboostModel.Params(mva.params().trees(), mva.params().maxDepth(), mva.params().learningRate(),
                        mva.params().seed(), threads)));
        double trainSeconds = mva.model().isPresent() ? 0 : (System.nanoTime() - t0) / 1e9;
        mva.saveModel().ifPresent(f -> org.recoil.limits.mva.XgboostJson.save(f, model));
        TreeEnsemble bdt = model.ensemble();
        SearchSamples nominal = steps.run("apply MVA + choose cuts (Punzi)", () -> apply(s, mva, bdt, in.data(),
                backgrounds, signals, totalPb, generated, training, trainSeconds, in.flows(), in.description(),
                in.synthetic(), threads));
        double[][] reference = steps.run("cut-based selection of the same MC (reference)",
                () -> cutBased(s, in));
        VariationSettings vs = s.variations();
        if (!vs.enabled()) {
            Applied a = nominal.mva();
            return new SearchSamples(nominal.synthetic(), nominal.luminosity(), nominal.data(), nominal.backgrounds(),
                    nominal.signals(), nominal.cutFlows(), nominal.description(), List.of(),
                    new Applied(a.report(), a.masses(), a.perMass(), reference[0], reference[1]));
        }
        // the same classifier and the same cut per mass on each variation's events
        return steps.run(String.format(Locale.ROOT, "apply MVA to the varied Monte Carlo (%d variations)",
                vs.variations().size()), () -> {
            List<VariedSamples> top = new ArrayList<>();
            List<List<VariedSamples>> perMass = new ArrayList<>();
            for (int i = 0; i < nominal.mva().masses().length; i++) {
                perMass.add(new ArrayList<>());
            }
            for (EventVariation v : vs.variations()) {
                for (EventVariation.Direction dir : v.mirrored() ? List.of(EventVariation.Direction.UP)
                        : List.of(EventVariation.Direction.UP, EventVariation.Direction.DOWN)) {
                    VariedPre vp = varied.apply(v, dir);
                    Selected sel = afterCuts(s, mva, bdt, in.data(), vp.backgrounds(), vp.signals(), totalPb,
                            generated, nominal.mva().report().cuts(), in.flows(), in.synthetic(), threads,
                            new long[2]);
                    top.add(new VariedSamples(v, dir, sel.backgrounds(), sel.signals()));
                    for (int i = 0; i < perMass.size(); i++) {
                        SearchSamples m = sel.perMass().get(i);
                        perMass.get(i).add(new VariedSamples(v, dir, m.backgrounds(), m.signals()));
                    }
                }
            }
            List<SearchSamples> withVariations = new ArrayList<>();
            for (int i = 0; i < perMass.size(); i++) {
                withVariations.add(nominal.mva().perMass().get(i).withVariations(perMass.get(i)));
            }
            Applied a = nominal.mva();
            return new SearchSamples(nominal.synthetic(), nominal.luminosity(), nominal.data(), nominal.backgrounds(),
                    nominal.signals(), nominal.cutFlows(), nominal.description(), top,
                    new Applied(a.report(), a.masses(), withVariations, reference[0], reference[1]));
        });
    }

    /**
     * The default cut-based selection on the same Monte Carlo (all of it, as a cut-based analysis uses
     * it): per grid mass its interpolated signal efficiency and its background in the window.
     */
    private static double[][] cutBased(AnalysisSettings s, Inputs in) {
        Selection ref = Selection.fromConfig(SyntheticDataset.defaultSelection());
        List<String> names = in.backgrounds().stream().map(p -> p.name).toList();
        List<SelectedSample> bkg = AnalysisPipeline.selectBySample(ref, in.backgroundTable(), new LinkedHashMap<>(),
                names);
        List<SignalMc> sig = new ArrayList<>();
        for (SignalInput x : in.signals()) {
            sig.add(AnalysisPipeline.signal(ref, x.table(), x.pre().mass, x.totalPb(), x.effectiveEvents(),
                    x.pre().name, new LinkedHashMap<>(), x.toPb()));
        }
        SelectedSample none = SelectedSample.of("data", new double[0], new double[0], 1.0);
        List<MassPointInput> points = new SearchSamples(in.synthetic(), s.luminosity(), none, bkg, sig, Map.of(),
                Map.of()).massPoints(s.masses(), s.resolution(), s.windowSigmas(), m -> 1.0, s.model());
        double[][] out = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            out[0][i] = points.get(i).efficiency();
            out[1][i] = points.get(i).totalBackground();
        }
        return out;
    }

    /** The training matrix and the ids of its events. */
    private record Training(float[] x, float[] label, float[] weight, long[] ids, double[] score,
                            boolean[] signal) {
    }

    /**
     * The preselected events of a table with their features: one {@link Pre} per name, of all events
     * ({@code all}, one name) or of the events of that sample; sample key {@code keyBase} + its position
     * ({@code keyBase} &lt; 0: data, all in the "test" split).
     */
    private static List<Pre> preselect(Selection pre, EventTable t, int keyBase, double mass, List<String> names,
                                       boolean all, double weightScale, Map<String, CutFlow> flows, MvaSettings mva) {
        SelectionResult r = pre.apply(t);
        String name = all ? names.get(0) : null;
        if (name != null) {
            flows.put(name, r.cutFlow());
        } else {
            flows.putAll(r.cutFlowBySample());
        }
        int[] sel = r.selectedEvents();
        double[] m2 = r.recoilMass2();
        double[] pt = r.dimuonPtStar();
        double[] w = t.weight();
        int[] sampleOf = t.sampleIndices();
        List<Pre> out = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            int sampleIndex = name != null ? -1 : t.samples().indexOf(names.get(k));
            int[] idx = Arrays.stream(sel).filter(i -> sampleIndex < 0 || sampleOf[i] == sampleIndex).toArray();
            double[] mm = new double[idx.length];
            double[] ww = new double[idx.length];
            boolean[] test = new boolean[idx.length];
            int key = keyBase < 0 ? -1 : name != null ? keyBase : keyBase + k;
            for (int j = 0; j < idx.length; j++) {
                mm[j] = m2[idx[j]];
                ww[j] = w[idx[j]] * weightScale;
                test[j] = key < 0 || isTest(mva.seed(), key, idx[j], mva.testFraction());
            }
            out.add(new Pre(names.get(k), key, mass, idx, mm, ww, MvaFeatures.compute(t, idx, m2, pt), test));
        }
        return out;
    }

    /**
     * Whether a Monte Carlo event is in the held-out test split: a hash of (seed, sample key, index)
     * below the test fraction. The same event is in the same split in every run with that seed.
     *
     * @param seed the split's seed
     * @param sampleKey the sample (background: its position among the background samples, for the
     *                  synthetic dataset {@link SyntheticDataset#BACKGROUND_SAMPLES} order; signal: 100 + its
     *                  index among the signal masses)
     * @param index the event's row in its table (the generated events; event files: all background files
     *              in config order, or the signal entry's files)
     * @param testFraction the fraction held out
     * @return true for the test split
     */
    public static boolean isTest(long seed, int sampleKey, int index, double testFraction) {
        long h = mix(seed ^ mix(0x5EEDL + sampleKey) ^ mix(0xE7E47L + ((long) index << 20)));
        return (h >>> 11) * 0x1.0p-53 < testFraction;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The event id used in the reports: sample key and index. */
    static long id(int key, int index) {
        return ((long) key << 32) | (index & 0xffffffffL);
    }

    private static Training trainingSet(List<Pre> signals, List<Pre> backgrounds, RecoilMassResolution res,
                                        MvaSettings mva) {
        int nf = MvaFeatures.COUNT;
        double[] sm = signals.stream().mapToDouble(p -> p.mass).toArray();
        // rows: (sample, event, hypothesis index)
        List<int[]> sigRows = new ArrayList<>();
        List<int[]> bkgRows = new ArrayList<>();
        for (int s = 0; s < signals.size(); s++) {
            Pre p = signals.get(s);
            for (int j = 0; j < p.size(); j++) {
                if (!p.test[j]) {
                    sigRows.add(new int[] {s, j, s});
                }
            }
        }
        for (int b = 0; b < backgrounds.size(); b++) {
            Pre p = backgrounds.get(b);
            for (int j = 0; j < p.size(); j++) {
                if (!p.test[j]) {
                    for (int h : hypotheses(p.m2[j], sm, res)) {
                        bkgRows.add(new int[] {b, j, h});
                    }
                }
            }
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(mix(mva.seed() ^ 0x7EA1L));
        List<int[]> sigKept = subset(sigRows, mva.maxTrainingEvents(), rnd);
        List<int[]> bkgKept = subset(bkgRows, mva.maxTrainingEvents(), rnd);
        int n = sigKept.size() + bkgKept.size();
        if (sigKept.isEmpty() || bkgKept.isEmpty()) {
            throw new InvalidInputException("selection.mva: no signal or no background Monte Carlo event passes the"
                    + " preselection in the training split");
        }
        float[] x = new float[n * nf];
        float[] label = new float[n];
        float[] weight = new float[n];
        double[] perMassSum = new double[signals.size()];
        for (int[] r : sigKept) {
            perMassSum[r[0]] += signals.get(r[0]).w[r[1]];
        }
        // the background at each hypothesis normalised like the signal of that mass (every mass's window
        // counts as much as every other's), each Monte Carlo event alike: physical weights would let a
        // handful of heavy events decide the trees (and the trees change with the split); they enter in
        // the choice of the cut instead
        double[] bkgSum = new double[signals.size()];
        for (int[] r : bkgKept) {
            bkgSum[r[2]] += 1;
        }
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
        int row = 0;
        for (int pass = 0; pass < 2; pass++) {
            List<Pre> samples = pass == 0 ? signals : backgrounds;
            for (int[] r : pass == 0 ? sigKept : bkgKept) {
                Pre p = samples.get(r[0]);
                System.arraycopy(p.x, r[1] * nf, x, row * nf, nf);
                MvaFeatures.setHypothesis(x, row, row + 1, sm[r[2]], res.sigmaM2(sm[r[2]]));
                label[row] = pass == 0 ? 1f : 0f;
                weight[row] = (float) (pass == 0 ? p.w[r[1]] / perMassSum[r[0]]
                        : 1.0 / bkgSum[r[2]]);
                ids.add(id(p.key, p.index[r[1]]));
                row++;
            }
        }
        // the weights rescaled to a mean of 1: XGBoost's min_child_weight (1) bounds a node's sum of
        // hessians p(1 - p) w, so with the per-mass totals of 1 above a node needed about a quarter of a
        // signal mass's events and the trees stopped after 2 levels whatever max_depth said
        double total = 0;
        for (float w : weight) {
            total += w;
        }
        for (int i = 0; i < n; i++) {
            weight[i] = (float) (weight[i] * (n / total));
        }
        return new Training(x, label, weight, ids.stream().mapToLong(Long::longValue).toArray(), null, null);
    }

    /** The signal-mass indices a background event trains (or is evaluated) at. */
    private static int[] hypotheses(double m2, double[] sm, RecoilMassResolution res) {
        int[] out = new int[sm.length];
        int k = 0;
        int nearest = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int h = 0; h < sm.length; h++) {
            double pull = Math.abs(m2 - sm[h] * sm[h]) / res.sigmaM2(sm[h]);
            if (pull < TRAIN_PULL) {
                out[k++] = h;
            }
            if (pull < best) {
                best = pull;
                nearest = h;
            }
        }
        if (k == 0) {
            out[k++] = nearest;
        }
        return Arrays.copyOf(out, k);
    }

    private static List<int[]> subset(List<int[]> rows, int max, java.util.SplittableRandom rnd) {
        if (rows.size() <= max) {
            return rows;
        }
        // a seeded partial Fisher-Yates shuffle, then the original order
        int[] order = java.util.stream.IntStream.range(0, rows.size()).toArray();
        for (int i = 0; i < max; i++) {
            int j = i + rnd.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] kept = Arrays.copyOf(order, max);
        Arrays.sort(kept);
        List<int[]> out = new ArrayList<>(max);
        for (int i : kept) {
            out.add(rows.get(i));
        }
        return out;
    }

    private static SearchSamples apply(AnalysisSettings s, MvaSettings mva, TreeEnsemble bdt, Pre data,
                                       List<Pre> backgrounds, List<Pre> signals, double[] totalPb, double[] generated,
                                       Training training, double trainSeconds, Map<String, CutFlow> flows,
                                       Map<String, Object> description, boolean synthetic, int threads) {
        RecoilMassResolution res = s.resolution();
        int nf = MvaFeatures.COUNT;
        double f = mva.testFraction();
        double[] sm = signals.stream().mapToDouble(p -> p.mass).toArray();
        long[] applied = new long[2];   // rows, nanoseconds
        java.util.TreeSet<Long> evaluated = new java.util.TreeSet<>();
        // signal test events at their own mass
        List<double[]> sigScore = new ArrayList<>();
        List<int[]> sigTestIdx = new ArrayList<>();
        for (Pre p : signals) {
            int[] idx = testRows(p);
            sigScore.add(scoreAtOwnMass(bdt, p, idx, res, threads, applied));
            sigTestIdx.add(idx);
            for (int j : idx) {
                evaluated.add(id(p.key, p.index[j]));
            }
        }
        // the overall ROC: signal at its mass, background at the training hypotheses (test split)
        List<Double> bs = new ArrayList<>();
        List<Double> bw = new ArrayList<>();
        List<Integer> bh = new ArrayList<>();   // the hypothesis of each background row
        Map<Double, Roc> rocByMass = new LinkedHashMap<>();
        Map<Double, Double> aucByMass = new LinkedHashMap<>();
        List<List<double[]>> bkgAtMass = new ArrayList<>();  // per signal mass: {score, weight}
        for (int h = 0; h < sm.length; h++) {
            bkgAtMass.add(new ArrayList<>());
        }
        for (Pre p : backgrounds) {
            List<float[]> rowsH = new ArrayList<>();
            List<int[]> meta = new ArrayList<>();   // {event, hypothesis}
            for (int j = 0; j < p.size(); j++) {
                if (!p.test[j]) {
                    continue;
                }
                evaluated.add(id(p.key, p.index[j]));
                for (int h : hypotheses(p.m2[j], sm, res)) {
                    meta.add(new int[] {j, h});
                }
            }
            float[] x = new float[meta.size() * nf];
            for (int r = 0; r < meta.size(); r++) {
                int j = meta.get(r)[0];
                int h = meta.get(r)[1];
                System.arraycopy(p.x, j * nf, x, r * nf, nf);
                MvaFeatures.setHypothesis(x, r, r + 1, sm[h], res.sigmaM2(sm[h]));
            }
            double[] sc = score(bdt, x, threads, applied);
            for (int r = 0; r < meta.size(); r++) {
                int j = meta.get(r)[0];
                int h = meta.get(r)[1];
                bs.add(sc[r]);
                bw.add(Math.abs(p.w[j]));
                bh.add(h);
                if (Math.abs(p.m2[j] - sm[h] * sm[h]) / res.sigmaM2(sm[h]) < s.windowSigmas()) {
                    bkgAtMass.get(h).add(new double[] {sc[r], Math.abs(p.w[j])});
                }
            }
        }
        List<Double> ss = new ArrayList<>();
        List<Double> sw = new ArrayList<>();
        for (int k = 0; k < signals.size(); k++) {
            Pre p = signals.get(k);
            int[] idx = sigTestIdx.get(k);
            double sum = 0;
            for (int j : idx) {
                sum += p.w[j];
            }
            double[] wk = new double[idx.length];
            for (int r = 0; r < idx.length; r++) {
                wk[r] = p.w[idx[r]] / sum;
                ss.add(sigScore.get(k)[r]);
                sw.add(wk[r]);
            }
            List<double[]> b = bkgAtMass.get(k);
            if (idx.length > 0 && !b.isEmpty()) {
                Roc roc = Roc.of(sigScore.get(k), wk, b.stream().mapToDouble(v -> v[0]).toArray(),
                        b.stream().mapToDouble(v -> v[1]).toArray(), 200);
                rocByMass.put(p.mass, roc);
                aucByMass.put(p.mass, roc.auc());
            }
        }
        double[] ssA = ss.stream().mapToDouble(Double::doubleValue).toArray();
        double[] swA = sw.stream().mapToDouble(Double::doubleValue).toArray();
        double[] bsA = bs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] bwA = bw.stream().mapToDouble(Double::doubleValue).toArray();
        // the reported AUC counts Monte Carlo events (unit weights; each signal mass normalised alike):
        // physical weights let a handful of heavy mu mu (gamma) events decide it, so that it changes with
        // the split by several 0.01; the per-mass ROCs (rocByMass) keep the physical weights
        double[] bwUnit = new double[bwA.length];
        Arrays.fill(bwUnit, 1.0);
        double[] swUnit = swA.clone();
        double signalScale = (double) ssA.length / Math.max(1, signals.size());
        for (int r = 0; r < swUnit.length; r++) {
            swUnit[r] *= signalScale;
        }
        Roc roc = Roc.of(ssA, swUnit, bsA, bwUnit, 400);
        // output histograms: training split (from the training matrix) and test split
        double[] trainScore = score(bdt, training.x, threads, new long[2]);
        double[] edges = new double[SCORE_BINS + 1];
        for (int i = 0; i <= SCORE_BINS; i++) {
            edges[i] = (double) i / SCORE_BINS;
        }
        double[] sTrain = new double[SCORE_BINS];
        double[] bTrain = new double[SCORE_BINS];
        for (int r = 0; r < trainScore.length; r++) {
            (training.label[r] > 0.5f ? sTrain : bTrain)[bin(trainScore[r])] += training.weight[r];
        }
        double[] sTest = new double[SCORE_BINS];
        double[] bTest = new double[SCORE_BINS];
        for (int r = 0; r < ssA.length; r++) {
            sTest[bin(ssA[r])] += swA[r];
        }
        // the test background weighted as in training (each row alike, every hypothesis normalised to the
        // same total), so that the two splits' histograms differ only by what the classifier learnt: with the
        // physical weights instead (one e+e-mu+mu- event weighs as much as 270 tau+tau-(gamma) events in the
        // example) a few heavy events made a peak near 0.16 that the training histogram, counting events, did
        // not have, and the two differed by a Kolmogorov distance of 0.40 (README, MVA selection)
        double[] testRowsAt = new double[sm.length];
        for (int h : bh) {
            testRowsAt[h] += 1;
        }
        for (int r = 0; r < bsA.length; r++) {
            bTest[bin(bsA[r])] += 1.0 / testRowsAt[bh.get(r)];
        }
        // per grid mass: the cut
        double[] grid = s.masses();
        List<Cut> cuts = new ArrayList<>();
        SelectedSample dataAll = SelectedSample.of(data.name, data.m2, data.w, 1.0);
        for (double m : grid) {
            MassWindow win = MassWindow.around(m, res, s.windowSigmas());
            // signal: neighbouring samples, each in its own window, at its own mass
            int hi = 0;
            while (hi < sm.length && sm[hi] < m - 1e-9) {
                hi++;
            }
            int lo;
            if (hi == 0 || (hi < sm.length && Math.abs(sm[hi] - m) < 1e-9)) {
                lo = hi;
            } else if (hi == sm.length) {
                hi = sm.length - 1;
                lo = hi;
            } else {
                lo = hi - 1;
            }
            double t = hi == lo ? 0 : (m - sm[lo]) / (sm[hi] - sm[lo]);
            // background in the window, at this mass
            List<double[]> bScores = new ArrayList<>();
            List<int[]> bIdx = new ArrayList<>();
            for (Pre p : backgrounds) {
                int[] idx = java.util.stream.IntStream.range(0, p.size())
                        .filter(j -> p.test[j] && win.contains(p.m2[j])).toArray();
                float[] x = rows(p, idx);
                MvaFeatures.setHypothesis(x, 0, idx.length, m, res.sigmaM2(m));
                bScores.add(score(bdt, x, threads, applied));
                bIdx.add(idx);
            }
            // candidates: quantiles of the interpolated signal's outputs in its windows
            double[][] sigW = new double[2][];
            double[][] sigS = new double[2][];
            int[] pair = {lo, hi};
            for (int q = 0; q < 2; q++) {
                int k = pair[q];
                Pre p = signals.get(k);
                MassWindow wk = MassWindow.around(p.mass, res, s.windowSigmas());
                int[] idx = sigTestIdx.get(k);
                List<Double> sc = new ArrayList<>();
                List<Double> we = new ArrayList<>();
                for (int r = 0; r < idx.length; r++) {
                    if (wk.contains(p.m2[idx[r]])) {
                        sc.add(sigScore.get(k)[r]);
                        we.add(p.w[idx[r]] / f / totalPb[k]);
                    }
                }
                sigS[q] = sc.stream().mapToDouble(Double::doubleValue).toArray();
                sigW[q] = we.stream().mapToDouble(Double::doubleValue).toArray();
            }
            double[] cand = candidates(sigS[0], sigS[1]);
            boolean mcStat = s.systematics().mcStatistics();
            Cut best = null;
            Cut none = null;
            for (double c : cand) {
                double eps = (1 - t) * sum(sigS[0], sigW[0], c) + t * sum(sigS[1], sigW[1], c);
                double b = 0;
                double var = 0;
                int entries = 0;
                for (int k = 0; k < backgrounds.size(); k++) {
                    Pre p = backgrounds.get(k);
                    int[] idx = bIdx.get(k);
                    double[] sc = bScores.get(k);
                    double bk = 0;
                    for (int r = 0; r < idx.length; r++) {
                        if (sc[r] > c) {
                            double w = p.w[idx[r]] / f;
                            bk += w;
                            var += mcStat ? w * w : 0;
                            entries++;
                        }
                    }
                    double norm = s.systematics().backgroundNormalisation(p.name);
                    var += norm * norm * bk * bk;
                    b += bk;
                }
                // Punzi's figure of merit; sqrt(B) becomes the background's total uncertainty: Poisson,
                // the normalisation systematics and the Monte Carlo statistics in quadrature
                double fom = eps / (mva.punziA() / 2 + Math.sqrt(Math.max(0.0, b) + var));
                Cut cut = new Cut(m, c, eps, b, entries, 0, 0, fom);
                if (c < 0) {
                    none = cut;
                }
                if ((entries >= mva.minBackgroundEntries() || c < 0) && (best == null || fom > best.punzi())) {
                    best = cut;
                }
            }
            Cut chosen = new Cut(m, best.cut(), best.signalEfficiency(), best.background(), best.backgroundEntries(),
                    none.signalEfficiency(), none.background(), best.punzi());
            cuts.add(chosen);
        }
        Selected nominal = afterCuts(s, mva, bdt, data, backgrounds, signals, totalPb, generated, cuts, flows,
                synthetic, threads, applied);
        Report report = new Report(mva.model().map(Object::toString).orElse("trained"), bdt.trees(), bdt.depth(),
                roc.auc(), roc, rocByMass, aucByMass, edges, normalised(sTrain), normalised(sTest),
                normalised(bTrain), normalised(bTest), cuts, training.ids,
                evaluated.stream().mapToLong(Long::longValue).toArray(), training.label.length, trainSeconds,
                applied[1] > 0 ? applied[0] / (applied[1] / 1e9) : Double.NaN,
                kolmogorovDistance(normalised(sTrain), normalised(sTest)),
                kolmogorovDistance(normalised(bTrain), normalised(bTest)));
        description = new LinkedHashMap<>(description);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classifier", "XGBoost4J gradient-boosted trees, mass-parametrised");
        m.put("model", report.modelSource());
        m.put("features", MvaFeatures.NAMES);
        m.put("trees", report.trees());
        m.put("depth", report.depth());
        m.put("test_fraction", f);
        m.put("training_rows", report.trainingRows());
        m.put("test_auc", report.auc());
        m.put("train_test_distance_signal", report.signalDistance());
        m.put("train_test_distance_background", report.backgroundDistance());
        m.put("cut_criterion", "Punzi eps_s/(a/2 + sqrt(B)), a = " + mva.punziA());
        description.put("mva", m);
        return new SearchSamples(synthetic, s.luminosity(), dataAll, nominal.backgrounds(), nominal.signals(), flows,
                description, List.of(), new Applied(report, grid, nominal.perMass(), null, null));
    }

    /**
     * Samples after the per-mass cuts: the preselection-level test split, and per cut its mass's window
     * after its cut.
     *
     * @param backgrounds the background MC per sample
     * @param signals the signal MC per generated mass
     * @param perMass per cut, the samples after it (backgrounds and data in the window)
     */
    private record Selected(List<SelectedSample> backgrounds, List<SignalMc> signals, List<SearchSamples> perMass) {
    }

    /** Rows of a preselected sample in the held-out test split, ascending. */
    private static int[] testRows(Pre p) {
        return java.util.stream.IntStream.range(0, p.size()).filter(j -> p.test[j]).toArray();
    }

    /** Classifier outputs of a signal sample's given rows under its own mass hypothesis. */
    private static double[] scoreAtOwnMass(TreeEnsemble bdt, Pre p, int[] idx, RecoilMassResolution res,
                                           int threads, long[] applied) {
        float[] x = rows(p, idx);
        MvaFeatures.setHypothesis(x, 0, idx.length, p.mass, res.sigmaM2(p.mass));
        return score(bdt, x, threads, applied);
    }

    /**
     * Applies the classifier and the given cuts to preselected events (nominal or varied): the signal
     * Monte Carlo at its own mass, background and data at each cut's mass in its window; the Monte
     * Carlo's test split only, weights divided by the test fraction.
     */
    private static Selected afterCuts(AnalysisSettings s, MvaSettings mva, TreeEnsemble bdt, Pre data,
                                      List<Pre> backgrounds, List<Pre> signals, double[] totalPb,
                                      double[] generated, List<Cut> cuts, Map<String, CutFlow> flows,
                                      boolean synthetic, int threads, long[] applied) {
        RecoilMassResolution res = s.resolution();
        double f = mva.testFraction();
        List<int[]> sigIdx = new ArrayList<>();
        List<double[]> sigScore = new ArrayList<>();
        for (Pre p : signals) {
            int[] idx = testRows(p);
            sigScore.add(scoreAtOwnMass(bdt, p, idx, res, threads, applied));
            sigIdx.add(idx);
        }
        List<SearchSamples> perMass = new ArrayList<>();
        for (Cut cut : cuts) {
            double m = cut.mass();
            double c = cut.cut();
            MassWindow win = MassWindow.around(m, res, s.windowSigmas());
            List<SelectedSample> bk = new ArrayList<>();
            for (Pre p : backgrounds) {
                int[] idx = java.util.stream.IntStream.range(0, p.size())
                        .filter(j -> p.test[j] && win.contains(p.m2[j])).toArray();
                float[] x = rows(p, idx);
                MvaFeatures.setHypothesis(x, 0, idx.length, m, res.sigmaM2(m));
                bk.add(passing(p.name, p, idx, score(bdt, x, threads, applied), c, 1 / f));
            }
            int[] dIdx = java.util.stream.IntStream.range(0, data.size()).filter(j -> win.contains(data.m2[j]))
                    .toArray();
            float[] dx = rows(data, dIdx);
            MvaFeatures.setHypothesis(dx, 0, dIdx.length, m, res.sigmaM2(m));
            SelectedSample d = passing(data.name, data, dIdx, score(bdt, dx, threads, applied), c, 1.0);
            List<SignalMc> sg = new ArrayList<>();
            for (int k = 0; k < signals.size(); k++) {
                Pre p = signals.get(k);
                sg.add(new SignalMc(p.mass, passing(p.name, p, sigIdx.get(k), sigScore.get(k), c, 1 / f), totalPb[k],
                        Math.max(1.0, generated[k] * f)));
            }
            perMass.add(new SearchSamples(synthetic, s.luminosity(), d, bk, sg, flows, Map.of()));
        }
        List<SelectedSample> bkAll = new ArrayList<>();
        for (Pre p : backgrounds) {
            int[] idx = testRows(p);
            bkAll.add(passing(p.name, p, idx, null, 0, 1 / f));
        }
        List<SignalMc> sgAll = new ArrayList<>();
        for (int k = 0; k < signals.size(); k++) {
            Pre p = signals.get(k);
            sgAll.add(new SignalMc(p.mass, passing(p.name, p, sigIdx.get(k), null, 0, 1 / f), totalPb[k],
                    Math.max(1.0, generated[k] * f)));
        }
        return new Selected(bkAll, sgAll, perMass);
    }

    private static int bin(double score) {
        return Math.min(SCORE_BINS - 1, Math.max(0, (int) (score * SCORE_BINS)));
    }

    private static double[] normalised(double[] h) {
        double t = Arrays.stream(h).sum();
        return Arrays.stream(h).map(v -> t > 0 ? v / t : 0).toArray();
    }

    private static double sum(double[] score, double[] w, double cut) {
        double s = 0;
        for (int i = 0; i < score.length; i++) {
            if (score[i] > cut) {
                s += w[i];
            }
        }
        return s;
    }

    /** No cut (−1), and the quantiles of the pooled signal outputs. */
    private static double[] candidates(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        double[] c = new double[CUT_CANDIDATES + 1];
        c[0] = -1;
        for (int i = 1; i <= CUT_CANDIDATES; i++) {
            c[i] = all.length == 0 ? 0 : Math.nextDown(all[(int) ((long) (all.length - 1) * (i - 1) / CUT_CANDIDATES)]);
        }
        return Arrays.stream(c).distinct().sorted().toArray();
    }

    private static float[] rows(Pre p, int[] idx) {
        int nf = MvaFeatures.COUNT;
        float[] x = new float[idx.length * nf];
        for (int r = 0; r < idx.length; r++) {
            System.arraycopy(p.x, idx[r] * nf, x, r * nf, nf);
        }
        return x;
    }

    private static double[] score(TreeEnsemble bdt, float[] x, int threads, long[] applied) {
        long t0 = System.nanoTime();
        double[] out = bdt.predict(x, threads);
        applied[1] += System.nanoTime() - t0;
        applied[0] += out.length;
        return out;
    }

    /** The events {@code idx} of {@code p} whose output exceeds {@code cut} (all if {@code score} is null). */
    private static SelectedSample passing(String name, Pre p, int[] idx, double[] score, double cut, double scale) {
        int n = 0;
        double[] m2 = new double[idx.length];
        double[] w = new double[idx.length];
        for (int r = 0; r < idx.length; r++) {
            if (score == null || score[r] > cut) {
                m2[n] = p.m2[idx[r]];
                w[n] = p.w[idx[r]] * scale;
                n++;
            }
        }
        return SelectedSample.of(name, Arrays.copyOf(m2, n), Arrays.copyOf(w, n), 1.0);
    }
}
