package org.recoil.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recoil.core.physics.DeltaAMuScenario;
import org.recoil.core.physics.PhysicsConstants;
import org.recoil.core.sim.SyntheticDataset;
import org.recoil.limits.analysis.AnalysisSettings;
import org.recoil.limits.analysis.SearchSamples;
import org.recoil.limits.interpret.BandCoverage;
import org.recoil.limits.calc.ExpectedBand;
import org.recoil.limits.interpret.InterpretedLimit;
import org.recoil.limits.interpret.MassInterval;
import org.recoil.limits.projection.LuminosityProjection;
import org.recoil.limits.projection.ProjectionCurve;
import org.recoil.limits.projection.ProjectionResult;
import org.recoil.limits.projection.PublishedLimits;
import org.recoil.limits.scan.LocalSignificance;
import org.recoil.limits.scan.MassPointResult;
import org.recoil.limits.scan.PointGoodnessOfFit;
import org.recoil.limits.scan.SampleYield;
import org.recoil.limits.scan.ScanResult;
import org.recoil.limits.scan.Systematics;

/**
 * The text reports of a search: {@code limits.json}, {@code limits.csv}, {@code projection.csv}, the
 * HEPData-style YAML table of the g′ limit and {@code summary.txt}. Pure functions of the results;
 * cross sections are reported in fb (σ × BR) and pb (σ at g′ = 1) as labelled, masses in GeV.
 * Missing values (points without limits) are JSON {@code null}, empty CSV fields and HEPData
 * {@code '-'}; never NaN.
 *
 * @param settings the analysis settings
 * @param samples the selected samples (their description goes into the JSON)
 * @param scan the mass scan, or null (projection only)
 * @param projection the luminosity projection, or null
 * @param luminosityCurves the expected limits on a dense luminosity grid, or null
 */
public record SearchReport(AnalysisSettings settings, SearchSamples samples, ScanResult scan,
                           ProjectionResult projection, ProjectionResult luminosityCurves) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final double PB_TO_FB = 1000.0;

    /** @return whether the inputs are synthetic */
    public boolean synthetic() {
        return samples.synthetic();
    }

    /** @return the label of the data: {@code SYNTHETIC} or {@code DATA} */
    public String dataLabel() {
        return synthetic() ? SyntheticDataset.LABEL : "DATA";
    }

    // ---------------------------------------------------------------- limits.json

    /** @return the content of {@code limits.json} */
    public String limitsJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("synthetic", synthetic());
        m.put("label", dataLabel());
        m.put("config", settings.source());
        m.put("luminosity", settings.luminosity().format());
        m.put("luminosity_pb", settings.luminosity().inversePicobarn());
        m.put("sqrt_s_gev", PhysicsConstants.SQRT_S_BELLE2);
        m.put("cl", settings.cl());
        m.put("method", settings.method().name());
        m.put("model", settings.model().name());
        m.put("selection", settings.selectionSource());
        m.put("window_sigmas", settings.windowSigmas());
        m.put("bins_per_window", settings.binsPerWindow());
        m.put("systematics", systematics(settings.systematics()));
        m.put("inputs", samples.description());
        if (scan != null) {
            List<Object> pts = new ArrayList<>();
            for (MassPointResult p : scan.points()) {
                pts.add(point(p));
            }
            m.put("points", pts);
            m.put("g2_coverage", coverageJson(scanCoverage(false), scanCoverage(true)));
        }
        if (projection != null) {
            m.put("projection", projectionJson(projection));
        }
        if (luminosityCurves != null) {
            m.put("luminosity_curves", projectionJson(luminosityCurves));
        }
        try {
            return JSON.writeValueAsString(canonical(m)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write limits.json", e);
        }
    }

    /**
     * A copy of a report tree whose key order is fixed: insertion-ordered and sorted maps (and views
     * of them) keep their order, hashed maps ({@code Map.of}, {@code HashMap}, whose iteration order
     * changes from one JVM to the next) are sorted by key; lists and nested maps are copied the same way. Reports are
     * then the same bytes for the same results.
     *
     * @param value a value of a report tree
     * @return the value with every map in a fixed order
     */
    static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            boolean ordered = !(map instanceof java.util.HashMap && !(map instanceof LinkedHashMap))
                    && !(map instanceof java.util.Hashtable || map instanceof java.util.concurrent.ConcurrentHashMap)
                    && !map.getClass().getName().startsWith("java.util.ImmutableCollections");
            Map<?, ?> source = ordered ? map : new java.util.TreeMap<>(toStringKeys(map));
            source.forEach((k, v) -> out.put(String.valueOf(k), canonical(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(canonical(v)));
            return out;
        }
        return value;
    }

    private static Map<String, Object> toStringKeys(Map<?, ?> map) {
        Map<String, Object> m = new java.util.HashMap<>();
        map.forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    private static Map<String, Object> systematics(Systematics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("luminosity", s.luminosity());
        m.put("signal_efficiency", s.signalEfficiency());
        m.put("background_normalisation", s.backgroundNormalisation());
        m.put("default_background_normalisation", s.defaultBackgroundNormalisation());
        m.put("mc_statistics", s.mcStatistics());
        return m;
    }

    private static Map<String, Object> point(MassPointResult p) {
        Map<String, Object> m = new LinkedHashMap<>();
        var in = p.input();
        m.put("mass", p.mass());
        m.put("window_gev2", List.of(p.window().lo(), p.window().hi()));
        m.put("status", p.status().id());
        m.put("message", p.message());
        m.put("observed_events", in.observed());
        in.shape().ifPresent(w -> {
            Map<String, Object> sh = new LinkedHashMap<>();
            sh.put("edges_gev2", w.edges());
            sh.put("observed", w.observed());
            sh.put("background", w.totalBackground());
            sh.put("signal_fractions", w.signalFractions());
            m.put("shape", sh);
        });
        m.put("background_events", in.totalBackground());
        m.put("background_mc_error", Math.sqrt(in.totalBackgroundSumw2()));
        Map<String, Object> bkg = new LinkedHashMap<>();
        for (SampleYield y : in.backgrounds()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("events", y.yield());
            b.put("mc_error", Math.sqrt(y.sumw2()));
            b.put("mc_entries", y.entries());
            bkg.put(y.name(), b);
        }
        m.put("backgrounds", bkg);
        m.put("efficiency", in.efficiency());
        m.put("efficiency_rel_error", in.efficiencyRelError());
        m.put("sigma_gprime1_pb", in.sigmaAtUnitCouplingPb());
        m.put("br_invisible", in.brInvisible());
        m.put("gprime_ref", finite(p.gPrimeRef()));
        m.put("signal_events_ref", p.normalisation().map(n -> n.expectedSignalEvents()).orElse(null));
        InterpretedLimit l = p.limit().orElse(null);
        m.put("mu", l == null ? null : limit(l.muObserved(), l.muExpected(), 1));
        m.put("sigma_x_br_fb", l == null ? null
                : limit(l.sigmaTimesBrObservedPb(), l.sigmaTimesBrExpectedPb(), PB_TO_FB));
        m.put("gprime", l == null ? null : limit(l.gPrimeObserved(), l.gPrimeExpected(), 1));
        m.put("warnings", p.warnings());
        m.put("p0_local", p.local().map(LocalSignificance::p0).orElse(null));
        m.put("z_local", p.local().map(LocalSignificance::z).orElse(null));
        m.put("gof_p", p.gof().filter(PointGoodnessOfFit::defined).map(PointGoodnessOfFit::p).orElse(null));
        m.put("gof_statistic", p.gof().map(g -> finite(g.statistic())).orElse(null));
        m.put("gof_dof", p.gof().map(PointGoodnessOfFit::dof).orElse(null));
        return m;
    }

    private static Map<String, Object> limit(double observed, ExpectedBand expected, double scale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("observed", observed * scale);
        List<Double> e = new ArrayList<>();
        for (double v : expected.toArray()) {
            e.add(v * scale);
        }
        m.put("expected", e);
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * @param expected true for the expected median, false for the observed limit
     * @return the (g−2) band coverage of the scan's g′ limit per Δa<sub>μ</sub> scenario (empty with
     *     fewer than two points with limits)
     */
    public List<BandCoverage> scanCoverage(boolean expected) {
        double[] m = scan.limitMasses();
        if (m.length < 2) {
            return List.of();
        }
        double[] g = scan.limitValues(l -> expected ? l.gPrimeExpected().median() : l.gPrimeObserved());
        return BandCoverage.compute(m, g, settings.projection().g2Scenarios());
    }

    private static List<Object> coverageJson(List<BandCoverage> observed, List<BandCoverage> expected) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            DeltaAMuScenario s = expected.get(i).scenario();
            m.put("scenario", s.name());
            m.put("delta_a_mu_1e-11", List.of(s.central(), s.sigma()));
            m.put("n_sigma", expected.get(i).nSigma());
            if (observed != null && i < observed.size()) {
                m.put("observed_excluded_gev", intervals(observed.get(i).excluded()));
            }
            m.put("expected_excluded_gev", intervals(expected.get(i).excluded()));
            out.add(m);
        }
        return out;
    }

    private static List<List<Double>> intervals(List<MassInterval> list) {
        return list.stream().map(i -> List.of(i.lo(), i.hi())).toList();
    }

    private static Map<String, Object> projectionJson(ProjectionResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference_luminosity", r.reference().format());
        m.put("method", "asymptotic, background-only Asimov data, yields scaled by L/L0");
        List<Object> curves = new ArrayList<>();
        for (ProjectionCurve c : r.curves()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("scenario", c.scenario().name());
            cm.put("scenario_description", c.scenario().description());
            cm.put("luminosity", c.luminosity().format());
            cm.put("luminosity_pb", c.luminosity().inversePicobarn());
            cm.put("ratio", c.ratio());
            cm.put("improvement", c.improvement().name());
            if (!c.improvement().isNone()) {
                cm.put("improvement_description", c.improvement().description());
                cm.put("signal_efficiency_gain", c.improvement().signalEfficiencyGain().toString());
                cm.put("background_rejection", c.improvement().backgroundRejection().toString());
            }
            List<Object> pts = new ArrayList<>();
            for (MassPointResult p : c.scan().points()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("mass", p.mass());
                pm.put("status", p.status().id());
                pm.put("message", p.message());
                pm.put("background_events", p.input().totalBackground());
                InterpretedLimit l = p.limit().orElse(null);
                pm.put("sigma_x_br_fb_expected", l == null ? null
                        : limit(0, l.sigmaTimesBrExpectedPb(), PB_TO_FB).get("expected"));
                pm.put("gprime_expected", l == null ? null : limit(0, l.gPrimeExpected(), 1).get("expected"));
                pts.add(pm);
            }
            cm.put("points", pts);
            cm.put("g2_coverage", coverageJson(null, c.coverage()));
            curves.add(cm);
        }
        m.put("curves", curves);
        return m;
    }

    // ---------------------------------------------------------------- CSV

    /** CSV header of {@link #limitsCsv()}. */
    public static final String LIMITS_CSV_HEADER = "mass_gev,window_lo_gev2,window_hi_gev2,status,efficiency,"
            + "efficiency_rel_error,sigma_gprime1_pb,br_invisible,gprime_ref,observed_events,background_events,"
            + "mu_obs,mu_exp_m2,mu_exp_m1,mu_exp_median,mu_exp_p1,mu_exp_p2,"
            + "sigma_br_obs_fb,sigma_br_exp_m2_fb,sigma_br_exp_m1_fb,sigma_br_exp_median_fb,sigma_br_exp_p1_fb,"
            + "sigma_br_exp_p2_fb,gprime_obs,gprime_exp_m2,gprime_exp_m1,gprime_exp_median,gprime_exp_p1,"
            + "gprime_exp_p2,dataset,message,p0_local,z_local,gof_p";

    /** @return the content of {@code limits.csv}: one row per mass point, header {@link #LIMITS_CSV_HEADER} */
    public String limitsCsv() {
        StringBuilder b = new StringBuilder(LIMITS_CSV_HEADER).append('\n');
        for (MassPointResult p : scan.points()) {
            var in = p.input();
            List<String> f = new ArrayList<>();
            f.add(num(p.mass()));
            f.add(num(p.window().lo()));
            f.add(num(p.window().hi()));
            f.add(p.status().id());
            f.add(num(in.efficiency()));
            f.add(num(in.efficiencyRelError()));
            f.add(num(in.sigmaAtUnitCouplingPb()));
            f.add(num(in.brInvisible()));
            f.add(num(p.gPrimeRef()));
            f.add(num(in.observed()));
            f.add(num(in.totalBackground()));
            InterpretedLimit l = p.limit().orElse(null);
            addLimit(f, l == null ? Double.NaN : l.muObserved(), l == null ? null : l.muExpected(), 1);
            addLimit(f, l == null ? Double.NaN : l.sigmaTimesBrObservedPb(), l == null ? null
                    : l.sigmaTimesBrExpectedPb(), PB_TO_FB);
            addLimit(f, l == null ? Double.NaN : l.gPrimeObserved(), l == null ? null : l.gPrimeExpected(), 1);
            f.add(dataLabel());
            f.add(quote(p.message()));
            f.add(num(p.local().map(LocalSignificance::p0).orElse(Double.NaN)));
            f.add(num(p.local().map(LocalSignificance::z).orElse(Double.NaN)));
            f.add(num(p.gof().map(PointGoodnessOfFit::p).orElse(Double.NaN)));
            b.append(String.join(",", f)).append('\n');
        }
        return b.toString();
    }

    /** CSV header of {@link #projectionCsv}. */
    public static final String PROJECTION_CSV_HEADER = "scenario,luminosity,luminosity_pb,mass_gev,status,"
            + "background_events,sigma_br_exp_m2_fb,sigma_br_exp_m1_fb,sigma_br_exp_median_fb,sigma_br_exp_p1_fb,"
            + "sigma_br_exp_p2_fb,gprime_exp_m2,gprime_exp_m1,gprime_exp_median,gprime_exp_p1,gprime_exp_p2,"
            + "dataset,message,improvement";

    /**
     * @param r a projection
     * @return one row per (scenario, luminosity, mass) and analysis improvement ({@code none}: the analysis as
     *     configured), header {@link #PROJECTION_CSV_HEADER}
     */
    public String projectionCsv(ProjectionResult r) {
        StringBuilder b = new StringBuilder(PROJECTION_CSV_HEADER).append('\n');
        for (ProjectionCurve c : r.curves()) {
            for (MassPointResult p : c.scan().points()) {
                List<String> f = new ArrayList<>();
                f.add(c.scenario().name());
                f.add(c.luminosity().format());
                f.add(num(c.luminosity().inversePicobarn()));
                f.add(num(p.mass()));
                f.add(p.status().id());
                f.add(num(p.input().totalBackground()));
                InterpretedLimit l = p.limit().orElse(null);
                addBand(f, l == null ? null : l.sigmaTimesBrExpectedPb(), PB_TO_FB);
                addBand(f, l == null ? null : l.gPrimeExpected(), 1);
                f.add(dataLabel());
                f.add(quote(p.message()));
                f.add(c.improvement().name());
                b.append(String.join(",", f)).append('\n');
            }
        }
        return b.toString();
    }

    private static void addLimit(List<String> f, double observed, ExpectedBand expected, double scale) {
        f.add(num(observed * scale));
        addBand(f, expected, scale);
    }

    private static void addBand(List<String> f, ExpectedBand expected, double scale) {
        for (int i = 0; i < 5; i++) {
            f.add(expected == null ? "" : num(expected.toArray()[i] * scale));
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String quote(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return "\"" + s.replace("\"", "\"\"").replace('\n', ' ') + "\"";
    }

    // ---------------------------------------------------------------- HEPData YAML

    /**
     * @return a HEPData-style table (independent variable the Z′ mass; dependent variables the observed
     *     and the expected g′ limit with ±1σ and ±2σ as asymmetric errors), with qualifiers naming the
     *     CL, √s, luminosity, method and whether the data are synthetic
     */
    public String hepdataYaml() {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Object> masses = new ArrayList<>();
        List<Object> obs = new ArrayList<>();
        List<Object> exp = new ArrayList<>();
        for (MassPointResult p : scan.points()) {
            masses.add(Map.of("value", p.mass()));
            InterpretedLimit l = p.limit().orElse(null);
            if (l == null) {
                obs.add(Map.of("value", "-"));
                exp.add(Map.of("value", "-"));
                continue;
            }
            obs.add(Map.of("value", l.gPrimeObserved()));
            ExpectedBand e = l.gPrimeExpected();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", e.median());
            v.put("errors", List.of(asym("1 sigma", e.plus1() - e.median(), e.minus1() - e.median()),
                    asym("2 sigma", e.plus2() - e.median(), e.minus2() - e.median())));
            exp.add(v);
        }
        Map<String, Object> indep = new LinkedHashMap<>();
        indep.put("header", header("M_{Z'}", "GeV"));
        indep.put("values", masses);
        doc.put("independent_variables", List.of(indep));
        String cl = String.format(Locale.ROOT, "%.0f%%", 100 * settings.cl());
        doc.put("dependent_variables", List.of(dependent("Observed " + cl + " CL upper limit on g'", obs),
                dependent("Expected " + cl + " CL upper limit on g'", exp)));
        try {
            String comment = "# " + dataLabel() + (synthetic() ? " DATA: generated by Recoil core.sim, not Belle II data"
                    : "") + "\n# Upper limits on the L_mu-L_tau coupling g' from e+e- -> mu+mu- Z', Z' -> invisible ("
                    + settings.model().name() + " model), " + settings.luminosity().format() + ", "
                    + settings.method().name() + "\n";
            return comment + YAML.writeValueAsString(canonical(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the HEPData table", e);
        }
    }

    private static Map<String, Object> header(String name, String units) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", name);
        if (units != null) {
            h.put("units", units);
        }
        return h;
    }

    private Map<String, Object> dependent(String name, List<Object> values) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("header", header(name, null));
        List<Object> q = new ArrayList<>();
        q.add(qualifier("CL", settings.cl(), null));
        q.add(qualifier("SQRT(S)", PhysicsConstants.SQRT_S_BELLE2, "GeV"));
        q.add(qualifier("LUMINOSITY", settings.luminosity().inversePicobarn(), "pb$^{-1}$"));
        q.add(qualifier("METHOD", settings.method().name(), null));
        q.add(qualifier("DATA", dataLabel(), null));
        d.put("qualifiers", q);
        d.put("values", values);
        return d;
    }

    private static Map<String, Object> qualifier(String name, Object value, String units) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("name", name);
        if (units != null) {
            q.put("units", units);
        }
        q.put("value", value);
        return q;
    }

    private static Map<String, Object> asym(String label, double plus, double minus) {
        Map<String, Object> e = new LinkedHashMap<>();
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("plus", plus);
        pm.put("minus", minus);
        e.put("asymerror", pm);
        e.put("label", label);
        return e;
    }

    // ---------------------------------------------------------------- summary.txt

    /**
     * @param command the command that produced the report
     * @return a short human-readable summary: what was run, the mass ranges where the (g−2)<sub>μ</sub>
     *     band is excluded per Δa<sub>μ</sub> scenario, a few limits, and the points without limits
     */
    public String summary(String command) {
        StringBuilder b = new StringBuilder();
        b.append("Recoil recoil-mass search: e+e- -> mu+mu- Z', Z' -> invisible (recoil ").append(command)
                .append(")\n");
        if (synthetic()) {
            b.append("*** SYNTHETIC DATA: pseudo-data and Monte Carlo generated by Recoil core.sim (seed ")
                    .append(samples.description().getOrDefault("seed", "?"))
                    .append("); simplified physics and detector models, NOT Belle II data ***\n");
        }
        b.append(String.format(Locale.ROOT, "config %s; luminosity %s; %.0f%% CL, %s; Z' model %s; selection %s;"
                        + " windows M_Z'^2 +- %.3g sigma(M_rec^2)%s%n", settings.source(), settings.luminosity().format(),
                100 * settings.cl(), settings.method().name(), settings.model().name(), settings.selectionSource(),
                settings.windowSigmas(), settings.binsPerWindow() > 1
                        ? ", shape fit in " + settings.binsPerWindow() + " bins per window" : " (counting)"));
        org.recoil.limits.analysis.Plausibility.spectrum(samples, settings.systematics())
                .ifPresent(w -> b.append("WARNING: ").append(w).append('\n'));
        if (scan != null) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            scan.points().forEach(p -> counts.merge(p.status().id(), 1, Integer::sum));
            b.append(String.format(Locale.ROOT, "%nmass scan: %d points from %.3g to %.3g GeV; status %s%n",
                    scan.points().size(), scan.points().get(0).mass(),
                    scan.points().get(scan.points().size() - 1).mass(), counts));
            b.append("\n(g-2)_mu band excluded (g' upper limit below the band's lower edge, +-2 sigma):\n");
            appendCoverage(b, "observed", scanCoverage(false));
            appendCoverage(b, "expected (median)", scanCoverage(true));
            scan.largestLocalExcess().ifPresent(p -> b.append(String.format(Locale.ROOT,
                    "%nlargest local excess: M = %.4g GeV, local p0 = %.3g (Z_local = %.2f sigma, asymptotic q0;"
                            + " %.4g events observed, %.4g expected); no look-elsewhere correction%n", p.mass(),
                    p.local().orElseThrow().p0(), p.local().orElseThrow().z(), p.input().observed(),
                    p.input().totalBackground())));
            b.append(goodnessOfFitLine(scan));
            b.append("\nlimits at selected masses (sigma x BR in fb):\n");
            b.append(String.format(Locale.ROOT, "  %8s %10s %10s %10s %10s %10s%n", "M [GeV]", "eff",
                    "sxBR obs", "sxBR exp", "g' obs", "g' exp"));
            for (MassPointResult p : selectedPoints(scan)) {
                InterpretedLimit l = p.limit().orElseThrow();
                b.append(String.format(Locale.ROOT, "  %8.3f %10.4f %10.4g %10.4g %10.4g %10.4g%n", p.mass(),
                        p.input().efficiency(), PB_TO_FB * l.sigmaTimesBrObservedPb(),
                        PB_TO_FB * l.sigmaTimesBrExpectedPb().median(), l.gPrimeObserved(),
                        l.gPrimeExpected().median()));
            }
            List<MassPointResult> bad = scan.withoutLimits();
            if (!bad.isEmpty()) {
                b.append("\npoints without limits:\n");
                for (MassPointResult p : bad) {
                    b.append(String.format(Locale.ROOT, "  M = %.4g GeV: %s: %s%n", p.mass(), p.status().id(),
                            p.message()));
                }
            }
            if (scan.withLimits().size() == 1) {
                b.append(String.format(Locale.ROOT, "%nplots: a single mass point with a limit is drawn as markers in %s;"
                                + " %s (the Brazil band) and the (g-2)_mu band coverage need at least two points and"
                                + " are left out%n", SearchPlots.GPRIME_LIMIT + ".png", SearchPlots.SIGMA_LIMIT + ".png"));
            }
            if (scan.withLocalSignificance().size() == 1) {
                b.append(String.format(Locale.ROOT, "plots: %s is left out: it needs at least two mass points%n",
                        SearchPlots.LOCAL_P0 + ".png"));
            }
            long warned = scan.points().stream().filter(p -> !p.warnings().isEmpty()).count();
            if (warned > 0) {
                b.append(String.format(Locale.ROOT, "%n%d point(s) carry warnings (see limits.json), e.g. M = %.4g"
                                + " GeV: %s%n", warned,
                        scan.points().stream().filter(p -> !p.warnings().isEmpty()).findFirst().orElseThrow().mass(),
                        scan.points().stream().filter(p -> !p.warnings().isEmpty()).findFirst().orElseThrow()
                                .warnings().get(0)));
            }
        }
        if (projection != null) {
            b.append("\nprojections (expected median limits from Asimov data, yields scaled by L/")
                    .append(projection.reference().format()).append("):\n");
            for (ProjectionCurve c : projection.curves()) {
                if (!c.improvement().isNone() && c == firstOf(projection, c.improvement())) {
                    b.append(String.format(Locale.ROOT, "  with improvement %s (signal efficiency x %s, backgrounds /"
                                    + " %s):%n", c.improvement().label(), c.improvement().signalEfficiencyGain(),
                            c.improvement().backgroundRejection()));
                }
                b.append(String.format(Locale.ROOT, "  %-10s %-8s", c.scenario().name(), c.luminosity().format()));
                double[] m = c.masses();
                double[] g = c.gPrimeMedian();
                if (m.length > 0) {
                    int best = 0;
                    for (int i = 1; i < g.length; i++) {
                        if (g[i] < g[best]) {
                            best = i;
                        }
                    }
                    b.append(String.format(Locale.ROOT, " best g' %.3g at %.3g GeV;", g[best], m[best]));
                }
                for (BandCoverage bc : c.coverage()) {
                    b.append(' ').append(bc.scenario().name()).append(": ").append(format(bc)).append(';');
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static ProjectionCurve firstOf(ProjectionResult r, org.recoil.limits.projection.Improvement i) {
        return r.curves().stream().filter(c -> c.improvement().name().equals(i.name())).findFirst().orElseThrow();
    }

    /**
     * The summary's comparison with the published Belle II 2023 result: per improvement, the expected
     * median g′ limit at the lowest mass and where the (g−2)<sub>μ</sub> band would be excluded.
     *
     * @param comparison the projection at 79.7 fb⁻¹ (one scenario, each improvement)
     * @param published the published numbers
     * @return the summary lines
     */
    public static String publishedComparison(ProjectionResult comparison, PublishedLimits published) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%ncomparison with %s (%s; published: g' <"
                        + " %.3g at low mass, %.3g at %.3g GeV, (g-2)_mu band excluded for about %.3g-%.3g GeV):%n",
                PublishedLimits.CITATION, PublishedLimits.LUMINOSITY.format(), published.lowMassLimit(),
                published.highMassLimit(), published.highMass(), published.g2ExcludedFrom(), published.g2ExcludedTo()));
        for (ProjectionCurve c : comparison.curves()) {
            double[] m = c.masses();
            double[] g = c.gPrimeMedian();
            b.append(String.format(Locale.ROOT, "  %-22s %s:", c.improvement().name(), c.scenario().name()));
            if (m.length > 0) {
                b.append(String.format(Locale.ROOT, " g' %.3g at %.3g GeV (%.2f x published low-mass limit);", g[0],
                        m[0], g[0] / published.lowMassLimit()));
                int last = m.length - 1;
                b.append(String.format(Locale.ROOT, " %.3g at %.3g GeV;", g[last], m[last]));
            }
            for (BandCoverage bc : c.coverage()) {
                b.append(' ').append(bc.scenario().name()).append(": ").append(format(bc)).append(';');
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * The summary's goodness-of-fit line: the window with the smallest saturated-model p-value
     * ({@link PointGoodnessOfFit}), or why there is none (counting windows have 0 degrees of freedom).
     */
    static String goodnessOfFitLine(ScanResult scan) {
        return scan.worstGoodnessOfFit().map(p -> {
            PointGoodnessOfFit g = p.gof().orElseThrow();
            return String.format(Locale.ROOT, "%nworst goodness of fit: M = %.4g GeV, p = %.3g (saturated model,"
                    + " t = %.3f for %d degrees of freedom, asymptotic chi2; gof_p in limits.csv)%n", p.mass(),
                    g.p(), g.statistic(), g.dof());
        }).orElse(scan.points().stream().anyMatch(p -> p.gof().isPresent())
                ? String.format(Locale.ROOT, "%ngoodness of fit per window: not defined for a count per window with"
                        + " mu free (0 degrees of freedom); set bins_per_window > 1 for a shape fit%n")
                : "");
    }

    private static void appendCoverage(StringBuilder b, String what, List<BandCoverage> list) {
        for (BandCoverage c : list) {
            b.append(String.format(Locale.ROOT, "  %-18s %-22s (Delta a_mu = %.0f +- %.0f x 1e-11): %s%n", what,
                    c.scenario().name(), c.scenario().central(), c.scenario().sigma(), format(c)));
        }
    }

    private static String format(BandCoverage c) {
        if (c.scenario().central() - c.nSigma() * c.scenario().sigma() <= 0) {
            return "none (the band reaches g' = 0: it cannot be excluded)";
        }
        if (c.excluded().isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (MassInterval i : c.excluded()) {
            parts.add(String.format(Locale.ROOT, "%.3g-%.3g GeV", i.lo(), i.hi()));
        }
        return String.join(", ", parts);
    }

    /** A handful of points for the summary table: those nearest 0.5, 1, 2, 3, 4, 5, 6, 7, 8 GeV. */
    private static List<MassPointResult> selectedPoints(ScanResult r) {
        List<MassPointResult> with = r.withLimits();
        List<MassPointResult> out = new ArrayList<>();
        for (double target : new double[] {0.5, 1, 2, 3, 4, 5, 6, 7, 8}) {
            MassPointResult best = null;
            for (MassPointResult p : with) {
                if (best == null || Math.abs(p.mass() - target) < Math.abs(best.mass() - target)) {
                    best = p;
                }
            }
            if (best != null && Math.abs(best.mass() - target) < 0.3 && !out.contains(best)) {
                out.add(best);
            }
        }
        return out;
    }

    /** @return the default luminosities of a projection (for help texts) */
    public static String defaultLuminosities() {
        return String.join(",", LuminosityProjection.DEFAULT_LUMINOSITIES.stream().map(l -> l.format()).toList());
    }
}
