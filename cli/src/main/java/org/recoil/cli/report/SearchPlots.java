package org.recoil.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recoil.cli.plot.BandSeries;
import org.recoil.cli.plot.CouplingLimitData;
import org.recoil.cli.plot.Curve;
import org.recoil.cli.plot.FavouredBand;
import org.recoil.cli.plot.LegendCorner;
import org.recoil.cli.plot.LocalP0Plot;
import org.recoil.cli.plot.MvaPlots;
import org.recoil.cli.plot.LuminosityScan;
import org.recoil.cli.plot.Milestone;
import org.recoil.cli.plot.PlotOptions;
import org.recoil.cli.plot.Plots;
import org.recoil.cli.plot.StackedHistogram;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.hist.HistogramBuilder;
import org.recoil.core.physics.DeltaAMuScenario;
import org.recoil.core.physics.G2Band;
import org.recoil.core.physics.Luminosity;
import org.recoil.core.physics.MuonAnomaly;
import org.recoil.core.physics.ZPrimeModel;
import org.recoil.limits.analysis.MvaSelection;
import org.recoil.limits.analysis.SearchSamples;
import org.recoil.limits.analysis.SelectedSample;
import org.recoil.limits.analysis.SignalMc;
import org.recoil.limits.interpret.InterpretedLimit;
import org.recoil.limits.projection.ProjectionCurve;
import org.recoil.limits.projection.ProjectionResult;
import org.recoil.limits.projection.PublishedLimits;
import org.recoil.limits.diagnostics.YieldTable;
import org.recoil.limits.scan.MassPointResult;
import org.recoil.limits.scan.PointGoodnessOfFit;
import org.recoil.limits.scan.PostFitPoint;
import org.recoil.limits.scan.SearchWorkspace;
import org.recoil.limits.scan.ScanResult;

/**
 * The figures of a search, built from its results with {@link Plots}: the recoil-mass spectrum
 * (data against stacked backgrounds with their MC statistical uncertainty and signals on top, on a
 * linear and on a logarithmic y axis), the σ × BR limit with its Brazil band, the g′ limit with its
 * expected band, the (g−2)<sub>μ</sub> bands and projections, and the expected limit versus
 * luminosity, and the post-fit spectrum at the largest local excess. Each is written as {@code name.png} and {@code name.svg}. Stateless.
 */
public final class SearchPlots {

    /** Base name of the recoil-mass spectrum plot. */
    public static final String SPECTRUM = "recoil_mass_spectrum";
    /** Base name of the recoil-mass spectrum plot with a logarithmic y axis. */
    public static final String SPECTRUM_LOG = "recoil_mass_spectrum_log";
    /** Base name of the σ × BR limit plot. */
    public static final String SIGMA_LIMIT = "sigma_limit";
    /** Base name of the g′ limit plot. */
    public static final String GPRIME_LIMIT = "gprime_limit";
    /** Base name of the local-p0-versus-mass plot. */
    public static final String LOCAL_P0 = "local_p0";
    /** Base name of the limit-versus-luminosity plot. */
    public static final String LUMINOSITY = "limit_vs_luminosity";
    /** Base name of the plot of the event-level systematics' sizes versus mass. */
    public static final String SYSTEMATICS = "systematics";
    /** Base name of the post-fit recoil-mass spectrum at the largest local excess. */
    public static final String POSTFIT_SPECTRUM = "recoil_mass_postfit";
    /** Base name of the ROC curve of the MVA selection. */
    public static final String MVA_ROC = "mva_roc";
    /** Base name of the classifier-output plot of the MVA selection. */
    public static final String MVA_OUTPUT = "mva_output";
    /** Legend label of the post-fit uncertainty band. */
    static final String POSTFIT_BAND_LABEL = "Post-fit uncertainty";

    /** Binning of the spectrum plot in M<sub>rec</sub>²: 1 GeV² bins from −2 to 70 GeV². */
    static final Binning SPECTRUM_BINNING = Binning.uniform(72, -2.0, 70.0);

    private static final double[] OVERLAY_MASSES = {1.5, 5.0};
    /** A signal whose peak is below this fraction of the stack under it is scaled up (and says so). */
    private static final double VISIBLE_FRACTION = 0.25;
    private static final double[] SCALES = {2, 5, 10, 20, 50, 100, 200, 500, 1000};

    /** Legend labels of the simulated processes, by the sample names of the synthetic dataset. */
    private static final Map<String, String> PROCESS_LABELS = Map.of(
            "mumu_gamma", "e⁺e⁻ → μ⁺μ⁻(γ)",
            "tautau_gamma", "e⁺e⁻ → τ⁺τ⁻(γ)",
            "eemumu", "e⁺e⁻ → e⁺e⁻μ⁺μ⁻");

    /** Legend labels of the published Δa<sub>μ</sub> scenarios: experiment, year, theory prediction. */
    private static final Map<String, String> G2_LABELS = Map.of(
            "bnl_fnal_2021_wp2020", "BNL+FNAL 2021 vs WP2020",
            "fnal_2023_wp2020", "FNAL 2023 vs WP2020",
            "fnal_2025_wp2025", "FNAL 2025 vs WP2025");

    private SearchPlots() {
    }

    private static PlotOptions options(String title, String x, String y, boolean synthetic, List<String> notes) {
        return PlotOptions.of(title, x, y).withSynthetic(synthetic).withNotes(notes.toArray(String[]::new));
    }

    /**
     * @param sample a sample name
     * @return its legend label: the process for the synthetic dataset's samples, else the name
     */
    static String processLabel(String sample) {
        return PROCESS_LABELS.getOrDefault(sample, sample);
    }

    /**
     * @param s a Δa<sub>μ</sub> scenario
     * @return its legend label: experiment, year and theory prediction, with the value
     */
    static String g2Label(DeltaAMuScenario s) {
        String value = String.format(Locale.ROOT, "Δaμ = (%.0f ± %.0f)×10⁻¹¹", s.central(), s.sigma());
        String source = G2_LABELS.get(s.name());
        return "(g−2)μ ±2σ: " + (source == null ? value : source + ", " + value);
    }

    /**
     * Writes the recoil-mass spectrum, on a linear and on a logarithmic y axis: data, the
     * backgrounds stacked with their MC statistical uncertainty, and the signal at two masses on
     * top, at the coupling of the expected median limit there (g′ = 0.1 without a scan), scaled up
     * by a stated factor where it would be hard to see.
     *
     * @param samples the selected samples
     * @param scan the scan (for the overlay couplings), or null for unit-less overlays at g′ = 0.1
     * @param luminosity the luminosity
     * @param model the Z′ model (BR to invisible of the overlays)
     * @param out the output folder
     * @return the file names written
     */
    public static List<String> spectrum(SearchSamples samples, ScanResult scan, Luminosity luminosity,
                                        ZPrimeModel model, OutputFolder out) {
        double[] edges = SPECTRUM_BINNING.edges();
        Map<String, double[]> bkg = new LinkedHashMap<>();
        double[] total = new double[SPECTRUM_BINNING.nBins()];
        double[] sumw2 = new double[total.length];
        for (SelectedSample b : samples.backgrounds()) {
            Histogram h = histogram(b.recoilMass2(), b.weights(), 1.0);
            bkg.merge(processLabel(b.name()), h.contents(), SearchPlots::plus);
            for (int i = 0; i < total.length; i++) {
                total[i] += h.content(i);
                sumw2[i] += h.sumw2(i);
            }
        }
        double[] stackErr = new double[total.length];
        for (int i = 0; i < total.length; i++) {
            stackErr[i] = Math.sqrt(sumw2[i]);
        }
        double[] data = histogram(samples.data().recoilMass2(), samples.data().weights(), 1.0).contents();
        Map<String, double[]> sig = new LinkedHashMap<>();
        for (double target : OVERLAY_MASSES) {
            SignalMc mc = nearest(samples.signals(), target);
            if (mc == null || sig.size() >= 2) {
                continue;
            }
            double g = 0.1;
            String how = "g′ = 0.1";
            if (scan != null) {
                MassPointResult p = nearestPoint(scan, mc.mass());
                if (p != null) {
                    g = p.limit().orElseThrow().gPrimeExpected().median();
                    how = String.format(Locale.ROOT, "g′ = %.3g (exp. limit)", g);
                }
            }
            double br = model.brInvisible(mc.mass(), g);
            double[] yields = histogram(mc.selected().recoilMass2(), mc.selected().weights(),
                    luminosity.inversePicobarn() * g * g * br).contents();
            double factor = visibleScale(yields, total);
            if (factor != 1) {
                for (int i = 0; i < yields.length; i++) {
                    yields[i] *= factor;
                }
                how += String.format(Locale.ROOT, " ×%.0f", factor);
            }
            String label = String.format(Locale.ROOT, "Z′ (%.3g GeV), %s", mc.mass(), how);
            if (!sig.containsKey(label)) {
                sig.put(label, yields);
            }
        }
        StackedHistogram h = new StackedHistogram(edges, bkg, data, null, sig, bkg.isEmpty() ? null : stackErr);
        PlotOptions o = options("Recoil-mass spectrum after selection", Plots.RECOIL_MASS_SQUARED,
                Plots.eventsPer(SPECTRUM_BINNING.width(0), "GeV²"), samples.synthetic(),
                List.of(luminosity.format()));
        List<String> files = new ArrayList<>(names(Plots.writeRecoilMass(h, o,
                out.file(SPECTRUM + ".png").resolveSibling(SPECTRUM)), out, SPECTRUM));
        files.addAll(names(Plots.writeRecoilMass(h, o.withLogY(true).withTitle(o.title() + " (log scale)"),
                out.file(SPECTRUM_LOG + ".png").resolveSibling(SPECTRUM_LOG)), out, SPECTRUM_LOG));
        return files;
    }

    private static double[] plus(double[] a, double[] b) {
        double[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    /**
     * The factor (1, 2, 5, 10, ...) that lifts the signal's peak to at least
     * {@value #VISIBLE_FRACTION} of the background stacked under it, so that it shows on top.
     */
    private static double visibleScale(double[] signal, double[] background) {
        int peak = 0;
        for (int i = 1; i < signal.length; i++) {
            if (signal[i] > signal[peak]) {
                peak = i;
            }
        }
        if (!(signal[peak] > 0) || signal[peak] >= VISIBLE_FRACTION * background[peak]) {
            return 1;
        }
        for (double f : SCALES) {
            if (f * signal[peak] >= VISIBLE_FRACTION * background[peak]) {
                return f;
            }
        }
        return SCALES[SCALES.length - 1];
    }

    private static Histogram histogram(double[] x, double[] w, double scale) {
        HistogramBuilder b = new HistogramBuilder(SPECTRUM_BINNING);
        for (int i = 0; i < x.length; i++) {
            b.fill(x[i], w[i] * scale);
        }
        return b.build();
    }

    private static SignalMc nearest(List<SignalMc> list, double mass) {
        SignalMc best = null;
        for (SignalMc s : list) {
            if (best == null || Math.abs(s.mass() - mass) < Math.abs(best.mass() - mass)) {
                best = s;
            }
        }
        return best;
    }

    private static MassPointResult nearestPoint(ScanResult r, double mass) {
        MassPointResult best = null;
        for (MassPointResult p : r.withLimits()) {
            if (best == null || Math.abs(p.mass() - mass) < Math.abs(best.mass() - mass)) {
                best = p;
            }
        }
        return best;
    }

    /**
     * Writes the Brazil-band plot of the σ × BR(Z′ → inv) limit in fb.
     *
     * @param scan the scan (at least two points with limits)
     * @param synthetic whether the data are synthetic
     * @param notes lines shown in the plot
     * @param out the output folder
     * @return the file names written
     */
    public static List<String> sigmaLimit(ScanResult scan, boolean synthetic, List<String> notes, OutputFolder out) {
        List<MassPointResult> pts = scan.withLimits();
        int n = pts.size();
        double[] x = new double[n];
        double[][] v = new double[6][n];
        for (int i = 0; i < n; i++) {
            InterpretedLimit l = pts.get(i).limit().orElseThrow();
            x[i] = pts.get(i).mass();
            v[0][i] = 1000 * l.sigmaTimesBrObservedPb();
            double[] e = l.sigmaTimesBrExpectedPb().toArray();
            for (int k = 0; k < 5; k++) {
                v[k + 1][i] = 1000 * e[k];
            }
        }
        BandSeries band = new BandSeries(x, v[0], v[1], v[2], v[3], v[4], v[5]);
        String cl = String.format(Locale.ROOT, "%.0f%% CL", 100 * scan.cl());
        PlotOptions o = options("Upper limit on σ(e⁺e⁻ → μ⁺μ⁻Z′) × BR(Z′ → invisible) at " + cl, Plots.Z_PRIME_MASS,
                Plots.SIGMA_LIMIT_FB, synthetic, notes).withLogY(true);
        return names(Plots.writeBrazilBand(band, o, out.file(SIGMA_LIMIT + ".png").resolveSibling(SIGMA_LIMIT)), out,
                SIGMA_LIMIT);
    }

    /**
     * Writes the g′ limit with the (g−2)<sub>μ</sub> bands (±2σ) of the given scenarios and the
     * expected median projections of one systematics scenario. A scan or projection of a single mass
     * point is drawn as markers (without the expected band, which needs two points).
     *
     * @param scan the scan (at least one point with a limit), or null (projections only)
     * @param projection the projection, or null
     * @param projectionScenario the systematics scenario whose projections are drawn
     * @param g2 the Δa<sub>μ</sub> scenarios whose bands are drawn
     * @param masses the mass grid (for the bands)
     * @param synthetic whether the data are synthetic
     * @param notes lines shown in the plot
     * @param out the output folder
     * @return the file names written
     */
    public static List<String> gPrimeLimit(ScanResult scan, ProjectionResult projection, String projectionScenario,
                                           List<DeltaAMuScenario> g2, double[] masses, boolean synthetic,
                                           List<String> notes, OutputFolder out) {
        Curve observed = null;
        Curve expected = null;
        BandSeries expectedBand = null;
        if (scan != null) {
            double[] m = scan.limitMasses();
            observed = new Curve("Observed " + scan.luminosity().format(), m,
                    scan.limitValues(InterpretedLimit::gPrimeObserved));
            expected = new Curve("Expected " + scan.luminosity().format(), m,
                    scan.limitValues(l -> l.gPrimeExpected().median()));
            if (m.length >= 2) {
                expectedBand = new BandSeries(m, null, scan.limitValues(l -> l.gPrimeExpected().minus2()),
                        scan.limitValues(l -> l.gPrimeExpected().minus1()),
                        scan.limitValues(l -> l.gPrimeExpected().median()),
                        scan.limitValues(l -> l.gPrimeExpected().plus1()),
                        scan.limitValues(l -> l.gPrimeExpected().plus2()));
            }
        }
        List<Curve> proj = new ArrayList<>();
        if (projection != null) {
            for (ProjectionCurve c : projection.curves(projectionScenario)) {
                if (scan != null && c.luminosity().equals(scan.luminosity())) {
                    continue;
                }
                if (c.masses().length >= 1) {
                    proj.add(new Curve("Expected " + c.luminosity().format() + " (" + c.scenario().description() + ")",
                            c.masses(), c.gPrimeMedian()));
                }
            }
        }
        List<FavouredBand> bands = new ArrayList<>();
        double[] bandMasses = masses.length == 1 ? aroundOneMass(masses[0]) : masses;
        for (DeltaAMuScenario s : g2) {
            double[] lo = new double[bandMasses.length];
            double[] hi = new double[bandMasses.length];
            boolean anyLower = false;
            for (int i = 0; i < bandMasses.length; i++) {
                G2Band b = MuonAnomaly.band(bandMasses[i], s);
                lo[i] = b.lower();
                hi[i] = b.upper();
                anyLower |= b.hasLower();
            }
            bands.add(new FavouredBand(g2Label(s), bandMasses, anyLower ? lo : null, hi));
        }
        CouplingLimitData data = new CouplingLimitData(observed, expected, proj, bands, expectedBand);
        String cl = scan != null ? String.format(Locale.ROOT, " at %.0f%% CL", 100 * scan.cl()) : "";
        PlotOptions o = options("Upper limit on the Lμ−Lτ coupling g′" + cl, Plots.Z_PRIME_MASS,
                Plots.GPRIME_LIMIT, synthetic, notes).withLogY(true).withLegend(LegendCorner.OUTSIDE_RIGHT)
                .withSize(1200, 600);
        return names(Plots.writeCouplingLimit(data, o, out.file(GPRIME_LIMIT + ".png").resolveSibling(GPRIME_LIMIT)),
                out, GPRIME_LIMIT);
    }

    /** Base name of the comparison with the published Belle II 2023 result. */
    public static final String BELLE2_2023 = "gprime_belle2_2023";

    /**
     * Writes the comparison of the expected median g′ limits at the published result's luminosity
     * (the analysis as configured, drawn as the expected line, and each analysis improvement) with the
     * published Belle II 2023 numbers (markers at the lowest mass of the grid and at 8 GeV) and the
     * (g−2)<sub>μ</sub> bands.
     *
     * @param comparison the projection at 79.7 fb⁻¹, one curve per improvement, {@code none} first
     * @param published the published numbers
     * @param g2 the Δa<sub>μ</sub> scenarios whose bands are drawn
     * @param masses the mass grid
     * @param synthetic whether the data are synthetic
     * @param notes lines shown in the plot
     * @param out the output folder
     * @return the file names written
     */
    public static List<String> publishedComparison(ProjectionResult comparison, PublishedLimits published,
                                                   List<DeltaAMuScenario> g2, double[] masses, boolean synthetic,
                                                   List<String> notes, OutputFolder out) {
        Curve expected = null;
        List<Curve> curves = new ArrayList<>();
        for (ProjectionCurve c : comparison.curves()) {
            if (c.masses().length == 0) {
                continue;
            }
            String label = "Expected " + c.luminosity().format() + " (" + c.scenario().description() + ")";
            if (c.improvement().isNone()) {
                expected = new Curve(label + ", as configured", c.masses(), c.gPrimeMedian());
            } else {
                curves.add(new Curve(label + ", " + c.improvement().name(), c.masses(), c.gPrimeMedian()));
            }
        }
        curves.add(new Curve(String.format(Locale.ROOT, "Published: g′ < %.3g at low mass (%s)",
                published.lowMassLimit(), PublishedLimits.CITATION), new double[] {masses[0]},
                new double[] {published.lowMassLimit()}));
        curves.add(new Curve(String.format(Locale.ROOT, "Published: g′ < %.3g at %.3g GeV", published.highMassLimit(),
                published.highMass()), new double[] {published.highMass()}, new double[] {published.highMassLimit()}));
        List<FavouredBand> bands = new ArrayList<>();
        for (DeltaAMuScenario s : g2) {
            double[] lo = new double[masses.length];
            double[] hi = new double[masses.length];
            boolean anyLower = false;
            for (int i = 0; i < masses.length; i++) {
                G2Band b = MuonAnomaly.band(masses[i], s);
                lo[i] = b.lower();
                hi[i] = b.upper();
                anyLower |= b.hasLower();
            }
            bands.add(new FavouredBand(g2Label(s), masses, anyLower ? lo : null, hi));
        }
        List<String> lines = new ArrayList<>(notes);
        lines.add(String.format(Locale.ROOT, "published: (g−2)μ band excluded for about %.3g–%.3g GeV",
                published.g2ExcludedFrom(), published.g2ExcludedTo()));
        CouplingLimitData data = new CouplingLimitData(null, expected, curves, bands, null);
        PlotOptions o = options("Expected g′ limit at " + PublishedLimits.LUMINOSITY.format()
                        + " versus the published Belle II 2023 result", Plots.Z_PRIME_MASS, Plots.GPRIME_LIMIT,
                synthetic, lines).withLogY(true).withLegend(LegendCorner.OUTSIDE_RIGHT).withSize(1300, 600);
        return names(Plots.writeCouplingLimit(data, o, out.file(BELLE2_2023 + ".png").resolveSibling(BELLE2_2023)),
                out, BELLE2_2023);
    }

    /**
     * The masses at which the (g−2)<sub>μ</sub> bands are drawn around a one-point scan: the plot
     * then spans about ±max(0.1 M, 0.5 GeV) around the point, so the bands are evaluated over twice
     * that on each side (positive masses only), where they are clipped to the plot.
     */
    private static double[] aroundOneMass(double mass) {
        double half = 2 * Math.max(0.1 * mass, 0.5);
        double lo = Math.max(mass - half, 0.1 * mass);
        double hi = mass + half;
        int n = 41;
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = lo + (hi - lo) * i / (n - 1);
        }
        return m;
    }

    /**
     * Writes the expected median g′ limit versus luminosity at a few masses for every scenario.
     *
     * @param curves the projection on a dense luminosity grid
     * @param milestones luminosities marked on the plot
     * @param synthetic whether the data are synthetic
     * @param notes lines shown in the plot
     * @param out the output folder
     * @return the file names written
     */
    public static List<String> luminosity(ProjectionResult curves, List<Luminosity> milestones, boolean synthetic,
                                          List<String> notes, OutputFolder out) {
        Map<String, List<double[]>> byLabel = new LinkedHashMap<>();
        for (ProjectionCurve c : curves.curves()) {
            double[] m = c.masses();
            double[] g = c.gPrimeMedian();
            for (int i = 0; i < m.length; i++) {
                String label = String.format(Locale.ROOT, "M = %.3g GeV, %s", m[i], c.scenario().description());
                byLabel.computeIfAbsent(label, k -> new ArrayList<>())
                        .add(new double[] {c.luminosity().inverseFemtobarn(), g[i]});
            }
        }
        List<Curve> list = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : byLabel.entrySet()) {
            List<double[]> pts = e.getValue();
            if (pts.size() < 2) {
                continue;
            }
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            list.add(new Curve(e.getKey(), pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray()));
        }
        List<Milestone> ms = milestones.stream().map(l -> new Milestone(l.format(), l.inverseFemtobarn())).toList();
        PlotOptions o = options("Expected " + "upper limit on g′ versus integrated luminosity", Plots.LUMINOSITY_FB,
                "Expected g′ upper limit (median)", synthetic, notes).withLogX(true).withLogY(true)
                .withLegend(LegendCorner.OUTSIDE_RIGHT).withSize(1100, 600);
        return names(Plots.writeLuminosity(new LuminosityScan(list, ms), o,
                out.file(LUMINOSITY + ".png").resolveSibling(LUMINOSITY)), out, LUMINOSITY);
    }

    /**
     * Writes the local p<sub>0</sub> versus mass with the 1σ … 5σ lines ({@link LocalP0Plot}).
     *
     * @param scan the scan (at least two points with a local significance)
     * @param synthetic whether the data are synthetic
     * @param notes lines shown in the plot
     * @param out the output folder
     * @return the file names written
     */
    public static List<String> localP0(ScanResult scan, boolean synthetic, List<String> notes, OutputFolder out) {
        List<MassPointResult> pts = scan.withLocalSignificance();
        double[] m = pts.stream().mapToDouble(MassPointResult::mass).toArray();
        double[] p = pts.stream().mapToDouble(q -> q.local().orElseThrow().p0()).toArray();
        PlotOptions o = options("Local p0 of the background-only hypothesis", Plots.Z_PRIME_MASS, "local p0",
                synthetic, notes);
        return names(LocalP0Plot.write(m, p, o, out.file(LOCAL_P0 + ".png").resolveSibling(LOCAL_P0)), out, LOCAL_P0);
    }

    /**
     * Writes the two plots of the MVA selection's classifier: the ROC curve of the held-out test split
     * ({@value #MVA_ROC}) and the normalised classifier output of signal and background, training and test
     * split overlaid ({@value #MVA_OUTPUT}).
     *
     * @param report the classifier's report
     * @param synthetic whether the data are synthetic
     * @param notes lines shown in the plots
     * @param out the output folder
     * @return the file names written
     */
    public static List<String> mva(MvaSelection.Report report, boolean synthetic, List<String> notes,
                                   OutputFolder out) {
        List<String> lines = new ArrayList<>(notes);
        lines.add(String.format(Locale.ROOT, "%d trees, deepest %d levels (%s)", report.trees(), report.depth(),
                report.modelSource()));
        List<String> files = new ArrayList<>();
        PlotOptions roc = options("ROC curve of the MVA selection", "Background efficiency", "Signal efficiency",
                synthetic, lines);
        files.addAll(names(MvaPlots.write(MvaPlots.roc(report.roc().backgroundEfficiency(),
                report.roc().signalEfficiency(), report.auc(), roc),
                out.file(MVA_ROC + ".png").resolveSibling(MVA_ROC)), out, MVA_ROC));
        List<String> outputLines = new ArrayList<>(lines);
        outputLines.add(String.format(Locale.ROOT, "train vs test: max |dCDF| %.3f (signal), %.3f (background)",
                report.signalDistance(), report.backgroundDistance()));
        PlotOptions output = options("Classifier output of the MVA selection", "Classifier output",
                "Normalised entries", synthetic, outputLines);
        files.addAll(names(MvaPlots.write(MvaPlots.output(report.scoreEdges(), report.signalTrain(),
                report.signalTest(), report.backgroundTrain(), report.backgroundTest(), output),
                out.file(MVA_OUTPUT + ".png").resolveSibling(MVA_OUTPUT)), out, MVA_OUTPUT));
        return files;
    }

    /**
     * Writes the post-fit recoil-mass spectrum of one mass point (normally the largest local excess): data in the
     * point's bins of M<sub>rec</sub>² against the post-fit backgrounds stacked with the fitted signal (μ̂ times
     * the reference signal) on top, and the uncertainty of the total post-fit prediction propagated from the fit
     * covariance ({@link PostFitPoint}, {@link org.recoil.limits.diagnostics.Yields}) as the band.
     *
     * @param fit the point's post-fit prediction
     * @param synthetic whether the data are synthetic
     * @param notes lines shown in the plot
     * @param out the output folder
     * @return the file names written
     */
    public static List<String> postFitSpectrum(PostFitPoint fit, boolean synthetic, List<String> notes,
                                               OutputFolder out) {
        YieldTable t = fit.yields();
        YieldTable.ChannelData ch = t.channels().get(0);
        Map<String, double[]> stack = new LinkedHashMap<>();
        double[] signal = null;
        for (String sample : ch.samples()) {
            double[] y = t.rows(ch.channel(), sample).stream().mapToDouble(r -> Math.max(0, r.yield())).toArray();
            if (sample.equals(SearchWorkspace.SIGNAL)) {
                signal = y;
            } else {
                stack.put(processLabel(sample), y);
            }
        }
        MassPointResult p = fit.point();
        if (signal != null) {
            stack.put(String.format(Locale.ROOT, "Z′ (%.3g GeV), fitted μ̂ = %.3g", p.mass(), fit.muHat()), signal);
        }
        double[] band = t.rows(ch.channel(), YieldTable.TOTAL).stream().mapToDouble(YieldTable.Row::error).toArray();
        // a fit whose Hessian is singular at the minimum has no covariance: the band is then not drawn, and said so
        boolean bandDefined = java.util.Arrays.stream(band).allMatch(Double::isFinite);
        StackedHistogram h = new StackedHistogram(fit.edges(), stack, ch.data(), null, Map.of(),
                bandDefined ? band : null, POSTFIT_BAND_LABEL);
        double[] e = fit.edges();
        List<String> lines = new ArrayList<>(notes);
        if (!bandDefined) {
            lines.add("post-fit uncertainty undefined (singular Hessian at the best fit)");
        }
        p.local().ifPresent(l -> lines.add(String.format(Locale.ROOT, "largest local excess: Z = %.2f σ", l.z())));
        p.gof().filter(PointGoodnessOfFit::defined).ifPresent(g -> lines.add(String.format(Locale.ROOT,
                "goodness of fit: p = %.3g", g.p())));
        PlotOptions o = options(String.format(Locale.ROOT, "Post-fit recoil-mass spectrum at M(Z′) = %.3g GeV", p.mass()),
                Plots.RECOIL_MASS_SQUARED, e.length == 2 ? "Events in the window"
                        : Plots.eventsPer(e[1] - e[0], "GeV²"), synthetic, lines);
        return names(Plots.writeRecoilMass(h, o, out.file(POSTFIT_SPECTRUM + ".png").resolveSibling(POSTFIT_SPECTRUM)),
                out, POSTFIT_SPECTRUM);
    }

    /**
     * Writes the size of each event-level systematic versus mass ({@link org.recoil.cli.plot.SystematicsPlot}):
     * the up and down yield change in percent per variation and sample, those that move anywhere.
     *
     * @param points the mass points carrying their event systematics
     * @param synthetic whether the data are synthetic
     * @param notes lines shown in the plot
     * @param out the output folder
     * @return the file names written (none if no variation moves any yield)
     */
    public static List<String> systematics(List<org.recoil.limits.scan.MassPointInput> points, boolean synthetic,
                                           List<String> notes, OutputFolder out) {
        double[] m = points.stream().mapToDouble(org.recoil.limits.scan.MassPointInput::mass).toArray();
        Map<String, double[]> up = new LinkedHashMap<>();
        Map<String, double[]> down = new LinkedHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            for (org.recoil.limits.scan.EventSystematic e : points.get(i).eventSystematics()) {
                String key = variationLabel(e.name()) + " (" + (e.sample().equals(SearchWorkspace.SIGNAL) ? "signal"
                        : processLabel(e.sample())) + ")";
                up.computeIfAbsent(key, k -> new double[m.length])[i] = e.upPercent();
                down.computeIfAbsent(key, k -> new double[m.length])[i] = e.downPercent();
            }
        }
        for (String k : List.copyOf(up.keySet())) {
            if (java.util.Arrays.stream(up.get(k)).allMatch(x -> x == 0)
                    && java.util.Arrays.stream(down.get(k)).allMatch(x -> x == 0)) {
                up.remove(k);
                down.remove(k);
            }
        }
        if (up.isEmpty()) {
            return List.of();
        }
        PlotOptions o = options("Systematics from event-level variations", Plots.Z_PRIME_MASS,
                "yield change in the window (%)", synthetic, notes);
        return names(org.recoil.cli.plot.SystematicsPlot.write(m, up, down, o,
                out.file(SYSTEMATICS + ".png").resolveSibling(SYSTEMATICS)), out, SYSTEMATICS);
    }

    /** A variation's legend words: {@code muon_id} → muon ID, {@code bkg_norm_<sample>} → normalisation. */
    static String variationLabel(String name) {
        if (name.equals("muon_id")) {
            return "muon ID";
        }
        if (name.startsWith("bkg_norm_")) {
            return "normalisation";
        }
        return name.replace('_', ' ');
    }

    private static List<String> names(org.recoil.cli.plot.PlotFiles files, OutputFolder out, String base) {
        out.file(base + ".svg");
        return List.of(files.png().getFileName().toString(), files.svg().getFileName().toString());
    }
}
