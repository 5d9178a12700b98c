package org.recoil.limits.analysis;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.ColumnMapping;
import org.recoil.core.io.ConfigReader;
import org.recoil.core.physics.Luminosity;

/**
 * The analysis configuration of a recoil-mass search, as written in YAML (or JSON). Every section is
 * optional; what is absent takes the default of {@link AnalysisSettings}:
 * <pre>{@code
 * inputs:                       # exactly one of synthetic / files (default: synthetic)
 *   synthetic: {seed: 20200410, mumu_gamma_events: 400000, tautau_gamma_events: 200000,
 *               eemumu_events: 400000, signal_events: 10000, signal_masses: [0.2, 0.5, 1.0, ...],
 *               pseudo_data: from_templates}         # or independent
 *   files:
 *     data: {path: data.csv}   # columns: core ColumnMapping keys; data are counted unless columns.weight is mapped
 *     backgrounds: [{path: backgrounds.csv, luminosity: 276/pb},   # weights = events at that luminosity
 *                   {path: tau/*.parquet, sample: tautau_gamma, luminosity: 1/ab}]   # a directory or glob too
 *     signal: [{path: signal_1gev.csv, mass: 1.0, total_weight: 99.5}]   # weights in pb at g' = 1
 *     signal_cross_section: table   # or files: sigma(g'=1) from the signal entries' total weights
 * selection: default            # the synthetic dataset's default; or a file; or an inline selection
 * luminosity: 276/pb
 * mass_grid: {min: 0.2, max: 8.0, step: 0.1, window_sigmas: 2.0,    # or points: N, or masses: [...]
 *             bins_per_window: 1,   # > 1: a shape fit in that many M_rec^2 bins per window
 *             resolution: {masses: [0.5, 4.0, 8.0], sigma_gev2: [0.9, 0.6, 0.3]}}   # default: Belle II table
 * systematics: {luminosity: 0.007, signal_efficiency: 0.07, mc_statistics: true,
 *               background_normalisation: {mumu_gamma: 0.02, tautau_gamma: 0.03, eemumu: 0.30},
 *               default_background_normalisation: 0.05}
 * cl: 0.90
 * method: asymptotic            # asymptotic | toys | bayesian
 * toys: 1000                    # per hypothesis (toys), or pseudo-experiments of the Bayesian expected band
 * seed: 1                       # seed of the limit computation (toys)
 * model: lmu-ltau               # lmu-ltau | dark (BR(Z' -> invisible) = 1)
 * zero_background: error        # error | report: a window without background MC is bad input, or a reported point
 * variations:                   # event-level systematics (off unless given): normsys + histosys per mass
 *   {momentum_scale: 0.001, momentum_resolution: 0.05, muon_id: 0.01,
 *    background_normalisation: {tautau_gamma: 0.03},
 *    weight_columns: {trigger: {up: w_trig_up, down: w_trig_down}},   # event files only
 *    symmetrise: none, smooth: 1, seed: 1}              # none | max | average; odd running-mean width
 * projection: {luminosities: [276/pb, 50/fb, 50/ab], scenarios: [fixed, shrinking, stat_only],
 *              floor: 0.01, g2_scenarios: [bnl_fnal_2021_wp2020, fnal_2025_wp2025],
 *              lumi_curve_masses: [1.0, 3.0, 6.0], lumi_curve_points: 9,
 *              improvements: [{name: mva-like, description: "...",          # analysis improvements, each
 *                              signal_efficiency_gain: {masses: [0.5, 8.0], factors: [1.5, 1.2]},   # or a number
 *                              background_rejection: 10.0},                 # per-mass factors, linear in M
 *                             {name: mva, from_scan: scan-mva}]}  # or those of an MVA scan (its mva_efficiency.csv)
 * }</pre>
 * Unknown keys anywhere are rejected with a one-line message naming the file, the key, where it is
 * and the keys allowed there ({@link ConfigReader}).
 *
 * @param inputs where the events come from
 * @param selection {@code default}, a selection file path (relative to the config file), or an inline
 *                  {@link org.recoil.core.selection.SelectionConfig}
 * @param luminosity the integrated luminosity of the data (e.g. {@code 276/pb})
 * @param massGrid the Z′ mass hypotheses and their windows
 * @param systematics the systematic uncertainties
 * @param cl confidence level in (0, 1)
 * @param method {@code asymptotic}, {@code toys} or {@code bayesian}
 * @param toys toys per hypothesis (method toys) or pseudo-experiments of the expected band (bayesian)
 * @param seed seed of the limit computation
 * @param model {@code lmu-ltau} or {@code dark}
 * @param zeroBackground {@code error} or {@code report}
 * @param projection the luminosity projection settings
 * @param variations event-level systematic variations ({@link VariationsConfig}); null: none
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record AnalysisConfig(
        @JsonProperty("inputs") Inputs inputs,
        @JsonProperty("selection") JsonNode selection,
        @JsonProperty("luminosity") String luminosity,
        @JsonProperty("mass_grid") MassGrid massGrid,
        @JsonProperty("systematics") SystematicsConfig systematics,
        @JsonProperty("cl") Double cl,
        @JsonProperty("method") String method,
        @JsonProperty("toys") Integer toys,
        @JsonProperty("seed") Long seed,
        @JsonProperty("model") String model,
        @JsonProperty("zero_background") String zeroBackground,
        @JsonProperty("projection") ProjectionConfig projection,
        @JsonProperty("variations") VariationsConfig variations) {

    /** Class-path resource of the default configuration used by {@code recoil demo}. */
    public static final String DEFAULT_RESOURCE = "/org/recoil/limits/analysis/default-analysis.yaml";

    /** Validates the scalar fields that can be checked on their own. */
    public AnalysisConfig {
        if (luminosity != null) {
            Luminosity.parse(luminosity);
        }
        if (cl != null && !(cl > 0 && cl < 1)) {
            throw new InvalidInputException("cl: the confidence level must lie in (0, 1), got " + cl);
        }
        if (method != null && !List.of("asymptotic", "toys", "bayesian").contains(method)) {
            throw new InvalidInputException("method: unknown limit method '" + method
                    + "', expected asymptotic, toys or bayesian");
        }
        if (toys != null && toys < 1) {
            throw new InvalidInputException("toys: need at least 1 toy per hypothesis, got " + toys);
        }
        if (model != null && !List.of("lmu-ltau", "dark").contains(model)) {
            throw new InvalidInputException("model: unknown Z' model '" + model + "', expected lmu-ltau or dark");
        }
        if (zeroBackground != null && !List.of("error", "report").contains(zeroBackground)) {
            throw new InvalidInputException("zero_background: expected error or report, got '" + zeroBackground + "'");
        }
        if (selection != null && !(selection.isTextual() || selection.isObject())) {
            throw new InvalidInputException("selection: expected 'default', a file name or a selection mapping");
        }
    }

    /**
     * Reads a config file (YAML, or JSON for {@code .json}).
     *
     * @param file the file
     * @return the config
     * @throws InvalidInputException naming the file and the offending key if it cannot be used; an empty
     *     file (or one with comments only) is an error, never a silent run of the default analysis
     */
    public static AnalysisConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": analysis config file not found");
        }
        AnalysisConfig c = ConfigReader.read(file, AnalysisConfig.class);
        if (c == null) {
            throw new InvalidInputException(file + ": the analysis config is empty (no key, or comments only);"
                    + " write the sections you set (see examples/analysis.yaml), or run 'recoil demo' for the default"
                    + " analysis");
        }
        return c;
    }

    /**
     * @param text config text
     * @param where its source, for messages
     * @return the config
     * @throws InvalidInputException if the text is not a valid config
     */
    public static AnalysisConfig parse(String text, String where) {
        AnalysisConfig c = ConfigReader.parse(text, false, AnalysisConfig.class, where);
        return c != null ? c : empty();
    }

    /** @return the default configuration of {@code recoil demo} ({@value #DEFAULT_RESOURCE}) */
    public static AnalysisConfig defaults() {
        try (InputStream in = AnalysisConfig.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new ComputationException("class-path resource " + DEFAULT_RESOURCE + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new ComputationException("cannot read class-path resource " + DEFAULT_RESOURCE, e);
        }
    }

    /** @return a config with every section absent (all defaults) */
    public static AnalysisConfig empty() {
        return new AnalysisConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Where the events come from: exactly one of {@code synthetic} and {@code files}.
     *
     * @param synthetic settings of the generated synthetic dataset
     * @param files event files
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Inputs(@JsonProperty("synthetic") Synthetic synthetic, @JsonProperty("files") EventFiles files) {
        /** Checks that exactly one source is given. */
        public Inputs {
            if ((synthetic == null) == (files == null)) {
                throw new InvalidInputException("inputs: give exactly one of 'synthetic' and 'files'");
            }
        }
    }

    /**
     * Settings of the synthetic Belle II-like dataset ({@link org.recoil.core.sim.SyntheticDataset});
     * absent values take the defaults of {@link AnalysisSettings}.
     *
     * @param seed master seed of every generator
     * @param mumuGammaEvents generated μμ(γ) events
     * @param tautauGammaEvents generated ττ(γ) → μμ4ν events
     * @param eemumuEvents generated two-photon eeμμ events
     * @param signalEvents generated signal events per signal mass
     * @param signalMasses masses of the signal samples (GeV); default: a grid covering the mass grid
     * @param pseudoData {@code from_templates} or {@code independent}
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Synthetic(@JsonProperty("seed") Long seed,
                            @JsonProperty("mumu_gamma_events") Integer mumuGammaEvents,
                            @JsonProperty("tautau_gamma_events") Integer tautauGammaEvents,
                            @JsonProperty("eemumu_events") Integer eemumuEvents,
                            @JsonProperty("signal_events") Integer signalEvents,
                            @JsonProperty("signal_masses") List<Double> signalMasses,
                            @JsonProperty("pseudo_data") String pseudoData,
                            @JsonProperty("inject") Inject inject) {
        /** Validates sizes and the pseudo-data mode. */
        public Synthetic {
            positive("mumu_gamma_events", mumuGammaEvents);
            positive("tautau_gamma_events", tautauGammaEvents);
            positive("eemumu_events", eemumuEvents);
            positive("signal_events", signalEvents);
            if (pseudoData != null && !List.of("from_templates", "independent").contains(pseudoData)) {
                throw new InvalidInputException("pseudo_data: expected from_templates or independent, got '"
                        + pseudoData + "'");
            }
            if (signalMasses != null) {
                signalMasses = List.copyOf(signalMasses);
            }
        }

        private static void positive(String key, Integer v) {
            if (v != null && v < 1) {
                throw new InvalidInputException(key + ": need at least 1 event, got " + v);
            }
        }
    }

    /**
     * A Z′ signal injected into the synthetic pseudo-data ({@code inputs.synthetic.inject}).
     *
     * @param mass Z′ mass, GeV
     * @param gprime coupling g′, &ge; 0 (0: nothing injected)
     * @param model {@code lmu-ltau} or {@code dark} (BR to invisible of the injected Z′); null: lmu-ltau
     */
    public record Inject(@JsonProperty("mass") Double mass, @JsonProperty("gprime") Double gprime,
                         @JsonProperty("model") String model) {
        /** Checks presence, sign and the model name. */
        public Inject {
            if (mass == null || gprime == null) {
                throw new InvalidInputException("needs mass and gprime");
            }
            if (!(gprime >= 0) || !Double.isFinite(gprime)) {
                throw new InvalidInputException("gprime: the injected coupling must be finite"
                        + " and >= 0, got " + gprime);
            }
            if (model != null && !List.of("lmu-ltau", "dark").contains(model)) {
                throw new InvalidInputException("model: expected lmu-ltau or dark, got '"
                        + model + "'");
            }
        }
    }

    /**
     * Event files: the data, the background Monte Carlo and the signal Monte Carlo.
     *
     * @param data the observed events (counted; weighted only if a weight column is mapped)
     * @param backgrounds background MC, weights normalised to each file's declared luminosity
     * @param signal signal MC, one entry per generated Z′ mass, weights in pb at g′ = 1
     * @param signalCrossSection where σ(e⁺e⁻ → μ⁺μ⁻Z′) at g′ = 1 comes from: {@code table} (default: the
     *                           built-in Belle II table) or {@code files} (each signal entry's total weight,
     *                           interpolated log-linearly in the mass between the generated masses)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record EventFiles(@JsonProperty("data") EventFile data,
                             @JsonProperty("backgrounds") List<EventFile> backgrounds,
                             @JsonProperty("signal") List<SignalFile> signal,
                             @JsonProperty("signal_cross_section") String signalCrossSection) {
        /** Checks that every part is given. */
        public EventFiles {
            if (signalCrossSection != null && !List.of("table", "files").contains(signalCrossSection)) {
                throw new InvalidInputException("signal_cross_section: expected table or files, got '"
                        + signalCrossSection + "'");
            }
            if (data == null) {
                throw new InvalidInputException("files: 'data' is required");
            }
            if (backgrounds == null || backgrounds.isEmpty()) {
                throw new InvalidInputException("files: 'backgrounds' needs at least one file");
            }
            if (signal == null || signal.isEmpty()) {
                throw new InvalidInputException("files: 'signal' needs at least one signal file (two or more to"
                        + " interpolate the efficiency between masses)");
            }
            backgrounds = List.copyOf(backgrounds);
            signal = List.copyOf(signal);
        }
    }

    /**
     * One event file (or several: a directory or a glob pattern).
     *
     * @param path the file (CSV or Parquet), a directory of them, or a glob such as {@code bkg/*.parquet},
     *             relative to the config file
     * @param columns column mapping (null: default names); for data a mapped {@code weight} makes the
     *                data weighted (each weight a non-negative integer count), else data are counted
     * @param sample sample name for events without a sample column (null: from the file name)
     * @param luminosity for background files (required there): the integrated luminosity the weights are
     *                   normalised to, e.g. {@code 276/pb}; the analysis scales them by
     *                   {@code luminosity / this}. Not allowed for data (they are at the analysis luminosity)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record EventFile(@JsonProperty("path") String path, @JsonProperty("columns") ColumnMapping columns,
                            @JsonProperty("sample") String sample, @JsonProperty("luminosity") String luminosity) {
        /** Checks the path is given and the luminosity parses. */
        public EventFile {
            if (path == null || path.isBlank()) {
                throw new InvalidInputException("path: an event file path is required");
            }
            if (luminosity != null) {
                Luminosity.parse(luminosity);
            }
        }
    }

    /**
     * One signal Monte Carlo file at one Z′ mass, weights in pb at g′ = 1 (as written by
     * {@link org.recoil.core.sim.SignalGenerator}).
     *
     * @param path the file, relative to the config file
     * @param mass the generated Z′ mass in GeV
     * @param columns column mapping (null: default names)
     * @param totalWeight the sum of the weights of all generated events, including those not in the file
     *                    (e.g. outside the detector acceptance): σ(g′=1) of the sample in pb; null: the
     *                    sum of the weights in the file
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SignalFile(@JsonProperty("path") String path, @JsonProperty("mass") Double mass,
                             @JsonProperty("columns") ColumnMapping columns,
                             @JsonProperty("total_weight") Double totalWeight) {
        /** Checks path and mass. */
        public SignalFile {
            if (path == null || path.isBlank()) {
                throw new InvalidInputException("path: a signal file path is required");
            }
            if (mass == null || !(mass > 0) || Double.isInfinite(mass)) {
                throw new InvalidInputException("mass: each signal file needs its Z' mass in GeV (> 0), got " + mass);
            }
            if (totalWeight != null && !(totalWeight > 0)) {
                throw new InvalidInputException("total_weight: must be > 0, got " + totalWeight);
            }
        }
    }

    /**
     * The Z′ mass hypotheses: either {@code masses}, or {@code min}/{@code max} with {@code step} or
     * {@code points}; windows of ±{@code window_sigmas} σ(M<sub>rec</sub>²), counted as one bin or, with
     * {@code bins_per_window} above 1, split into that many equal bins of M<sub>rec</sub>² for a shape fit.
     *
     * @param min lowest mass, GeV
     * @param max highest mass, GeV
     * @param step spacing, GeV
     * @param points number of equally spaced masses from min to max
     * @param masses explicit masses, GeV
     * @param windowSigmas window half-width in units of the M<sub>rec</sub>² resolution
     * @param binsPerWindow bins of M<sub>rec</sub>² per window (1: a count; more: a shape fit)
     * @param resolution σ(M<sub>rec</sub>²) versus mass as a table (null: the Belle II table)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record MassGrid(@JsonProperty("min") Double min, @JsonProperty("max") Double max,
                           @JsonProperty("step") Double step, @JsonProperty("points") Integer points,
                           @JsonProperty("masses") List<Double> masses,
                           @JsonProperty("window_sigmas") Double windowSigmas,
                           @JsonProperty("bins_per_window") Integer binsPerWindow,
                           @JsonProperty("resolution") Resolution resolution) {
        /** The most masses a grid may have (the default grid has 79; 10 000 points take hours). */
        public static final int MAX_POINTS = 10_000;

        /** Checks that the forms are not mixed and the numbers are sensible, and caps the grid's size. */
        public MassGrid {
            if (masses != null && (min != null || max != null || step != null || points != null)) {
                throw new InvalidInputException("give either 'masses' or 'min'/'max' with 'step' or 'points', not both");
            }
            if (step != null && points != null) {
                throw new InvalidInputException("give either 'step' or 'points', not both");
            }
            if (step != null && !(step > 0)) {
                throw new InvalidInputException("step: must be > 0 GeV, got " + step);
            }
            if (points != null && points < 1) {
                throw new InvalidInputException("points: need at least 1 mass, got " + points);
            }
            if (points != null && points > MAX_POINTS) {
                throw new InvalidInputException("points: at most " + MAX_POINTS + " masses, got " + points);
            }
            if (masses == null && points == null) {
                double lo = min != null ? min : AnalysisSettings.DEFAULT_MIN_MASS;
                double hi = max != null ? max : AnalysisSettings.DEFAULT_MAX_MASS;
                double s = step != null ? step : AnalysisSettings.DEFAULT_STEP;
                double n = Math.floor((hi - lo) / s + 1e-9) + 1;
                if (!(n <= MAX_POINTS) && hi >= lo) {
                    throw new InvalidInputException(String.format(java.util.Locale.ROOT, "step: %s GeV from %s to"
                            + " %s GeV gives %.3g masses, more than the %d allowed; use a larger step", s, lo, hi, n,
                            MAX_POINTS));
                }
            }
            if (windowSigmas != null && !(windowSigmas > 0 && windowSigmas < 20)) {
                throw new InvalidInputException("window_sigmas: must be in (0, 20), got " + windowSigmas);
            }
            if (binsPerWindow != null && !(binsPerWindow >= 1 && binsPerWindow <= 50)) {
                throw new InvalidInputException("bins_per_window: must be from 1 to 50, got " + binsPerWindow);
            }
            if (masses != null && masses.size() > MAX_POINTS) {
                throw new InvalidInputException("masses: at most " + MAX_POINTS + " masses, got " + masses.size());
            }
            if (masses != null) {
                masses = List.copyOf(masses);
            }
        }
    }

    /**
     * The recoil-mass resolution as a table: σ(M<sub>rec</sub>²) in GeV² at Z′ masses in GeV,
     * interpolated between them ({@link org.recoil.core.physics.RecoilMassResolution#of}); a
     * function can be given tabulated on a fine grid. The mass grid must lie within the table.
     *
     * @param masses Z′ masses, GeV, strictly increasing, at least two
     * @param sigmaGeV2 σ(M<sub>rec</sub>²) at each mass, GeV², &gt; 0
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Resolution(@JsonProperty("masses") List<Double> masses,
                             @JsonProperty("sigma_gev2") List<Double> sigmaGeV2) {
        /** Checks both lists are given with equal lengths. */
        public Resolution {
            if (masses == null || sigmaGeV2 == null || masses.size() != sigmaGeV2.size() || masses.size() < 2) {
                throw new InvalidInputException("resolution: give 'masses' and 'sigma_gev2' of equal length, at least"
                        + " two entries each");
            }
            masses = List.copyOf(masses);
            sigmaGeV2 = List.copyOf(sigmaGeV2);
        }
    }

    /**
     * Relative systematic uncertainties (fractions); see {@link org.recoil.limits.scan.Systematics}.
     *
     * @param luminosity luminosity
     * @param signalEfficiency signal efficiency
     * @param backgroundNormalisation per background sample
     * @param defaultBackgroundNormalisation for samples not listed
     * @param mcStatistics whether background MC statistics enter (staterror)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record SystematicsConfig(@JsonProperty("luminosity") Double luminosity,
                                    @JsonProperty("signal_efficiency") Double signalEfficiency,
                                    @JsonProperty("background_normalisation") Map<String, Double> backgroundNormalisation,
                                    @JsonProperty("default_background_normalisation") Double defaultBackgroundNormalisation,
                                    @JsonProperty("mc_statistics") Boolean mcStatistics) {
    }

    /**
     * Settings of the luminosity projection.
     *
     * @param luminosities luminosities to project to (e.g. {@code 50/ab})
     * @param scenarios systematics scenarios: {@code fixed}, {@code shrinking}, {@code stat_only}
     * @param floor the floor of the shrinking scenario (a fraction)
     * @param g2Scenarios Δa<sub>μ</sub> scenarios for the (g−2)<sub>μ</sub> band coverage
     * @param lumiCurveMasses masses (GeV) at which the expected limit is also computed on a dense
     *                        luminosity grid (the limit-versus-luminosity plot)
     * @param lumiCurvePoints number of luminosities of that grid
     * @param improvements named analysis improvements projected besides the analysis as configured
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ProjectionConfig(@JsonProperty("luminosities") List<String> luminosities,
                                   @JsonProperty("scenarios") List<String> scenarios,
                                   @JsonProperty("floor") Double floor,
                                   @JsonProperty("g2_scenarios") List<String> g2Scenarios,
                                   @JsonProperty("lumi_curve_masses") List<Double> lumiCurveMasses,
                                   @JsonProperty("lumi_curve_points") Integer lumiCurvePoints,
                                   @JsonProperty("improvements") List<ImprovementConfig> improvements) {
        /**
         * Without analysis improvements.
         *
         * @param luminosities luminosities to project to
         * @param scenarios systematics scenarios
         * @param floor the floor of the shrinking scenario
         * @param g2Scenarios Δa<sub>μ</sub> scenarios
         * @param lumiCurveMasses masses of the limit-versus-luminosity curves
         * @param lumiCurvePoints luminosities on those curves
         */
        public ProjectionConfig(List<String> luminosities, List<String> scenarios, Double floor,
                                List<String> g2Scenarios, List<Double> lumiCurveMasses, Integer lumiCurvePoints) {
            this(luminosities, scenarios, floor, g2Scenarios, lumiCurveMasses, lumiCurvePoints, null);
        }

        /** Checks the luminosities parse and the lists are not empty. */
        public ProjectionConfig {
            if (improvements != null) {
                java.util.Set<String> names = new java.util.HashSet<>();
                for (ImprovementConfig i : improvements) {
                    if (i == null) {
                        throw new InvalidInputException("improvements: an entry is empty");
                    }
                    if (!names.add(i.name())) {
                        throw new InvalidInputException("improvements: the name '" + i.name() + "' is given twice");
                    }
                }
                improvements = List.copyOf(improvements);
            }
            if (luminosities != null) {
                if (luminosities.isEmpty()) {
                    throw new InvalidInputException("luminosities: give at least one luminosity");
                }
                luminosities.forEach(Luminosity::parse);
                luminosities = List.copyOf(luminosities);
            }
            if (scenarios != null) {
                if (scenarios.isEmpty()) {
                    throw new InvalidInputException("scenarios: give at least one systematics scenario");
                }
                scenarios = List.copyOf(scenarios);
            }
            if (floor != null && !(floor >= 0 && floor < 1)) {
                throw new InvalidInputException("floor: must be a fraction in [0, 1), got " + floor);
            }
            if (lumiCurvePoints != null && lumiCurvePoints < 2) {
                throw new InvalidInputException("lumi_curve_points: need at least 2, got " + lumiCurvePoints);
            }
        }
    }

    /**
     * A named analysis improvement of the projection ({@code projection.improvements[]}): the signal
     * efficiency is multiplied by {@code signal_efficiency_gain} and every background divided by
     * {@code background_rejection} ({@link org.recoil.limits.projection.Improvement}). Each factor is a
     * number (the same at every mass) or {@code {masses: [...], factors: [...]}}, interpolated
     * linearly in the mass and constant beyond the first and last mass.
     *
     * @param name identifier in reports (letters, digits, {@code _ . + -}; not {@code none})
     * @param description a short description (optional)
     * @param signalEfficiencyGain factor on the signal efficiency, &gt; 0 (default 1); the projection refuses
     *                             a gain that pushes an efficiency above 1
     * @param backgroundRejection factor the backgrounds are divided by, &gt; 0 (default 1)
     * @param fromScan instead of the two factors: an MVA scan's folder (or its {@code mva_efficiency.csv}),
     *                 relative to the config, whose per-mass gain and rejection are used ({@link MvaEfficiency})
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ImprovementConfig(@JsonProperty("name") String name,
                                    @JsonProperty("description") String description,
                                    @JsonProperty("signal_efficiency_gain") JsonNode signalEfficiencyGain,
                                    @JsonProperty("background_rejection") JsonNode backgroundRejection,
                                    @JsonProperty("from_scan") String fromScan) {
        /** Checks the name and the factors. */
        public ImprovementConfig {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("improvements: each improvement needs a 'name'");
            }
            if (name.equals(org.recoil.limits.projection.Improvement.NONE_NAME)) {
                throw new InvalidInputException("improvements: the name 'none' is reserved for the analysis as"
                        + " configured");
            }
            if (fromScan != null && (signalEfficiencyGain != null || backgroundRejection != null)) {
                throw new InvalidInputException("improvements: '" + name + "': give either from_scan or the factors"
                        + " signal_efficiency_gain/background_rejection, not both");
            }
            if (fromScan != null && fromScan.isBlank()) {
                throw new InvalidInputException("improvements: '" + name + "': from_scan: give an MVA scan's folder");
            }
            if (fromScan == null && signalEfficiencyGain == null && backgroundRejection == null) {
                throw new InvalidInputException("improvements: '" + name + "' needs signal_efficiency_gain and/or"
                        + " background_rejection, or from_scan");
            }
            if (fromScan == null) {
                new org.recoil.limits.projection.Improvement(name, description,
                        factor(name, "signal_efficiency_gain", signalEfficiencyGain),
                        factor(name, "background_rejection", backgroundRejection));
            }
        }

        /**
         * @param base the config's folder ({@code from_scan} is relative to it)
         * @return the improvement
         */
        public org.recoil.limits.projection.Improvement improvement(java.nio.file.Path base) {
            if (fromScan != null) {
                return MvaEfficiency.improvement(name, description,
                        base != null ? base.resolve(fromScan) : java.nio.file.Path.of(fromScan));
            }
            return new org.recoil.limits.projection.Improvement(name, description,
                    factor(name, "signal_efficiency_gain", signalEfficiencyGain),
                    factor(name, "background_rejection", backgroundRejection));
        }

        private static org.recoil.limits.projection.MassFactor factor(String name, String key, JsonNode n) {
            String at = "improvements: '" + name + "': " + key + ": ";
            if (n == null || n.isNull()) {
                return org.recoil.limits.projection.MassFactor.ONE;
            }
            try {
                if (n.isNumber()) {
                    return org.recoil.limits.projection.MassFactor.constant(n.asDouble());
                }
                if (!n.isObject()) {
                    throw new InvalidInputException("expected a number or {masses: [...], factors: [...]}");
                }
                java.util.Iterator<String> keys = n.fieldNames();
                while (keys.hasNext()) {
                    String k = keys.next();
                    if (!k.equals("masses") && !k.equals("factors")) {
                        throw new InvalidInputException("unknown key '" + k + "', expected masses and factors");
                    }
                }
                return new org.recoil.limits.projection.MassFactor(numbers(n.get("masses"), "masses"),
                        numbers(n.get("factors"), "factors"));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(at + e.getMessage(), e);
            }
        }

        private static double[] numbers(JsonNode n, String key) {
            if (n == null || !n.isArray() || n.isEmpty()) {
                throw new InvalidInputException("'" + key + "' must be a non-empty list of numbers");
            }
            double[] v = new double[n.size()];
            for (int i = 0; i < v.length; i++) {
                if (!n.get(i).isNumber()) {
                    throw new InvalidInputException("'" + key + "' must be a list of numbers, got " + n.get(i));
                }
                v[i] = n.get(i).asDouble();
            }
            return v;
        }
    }

    /**
     * Event-level systematic variations ({@link EventVariation}): each is applied up and down to the
     * background and signal Monte Carlo, the selection is re-run, and per mass (and per bin in a
     * shape fit) the yield ratios become a {@code normsys} and the shape changes a {@code histosys}.
     * Every size is a relative 1σ; a size of 0 changes nothing (the nominal model).
     *
     * @param momentumScale relative muon momentum scale uncertainty: both momenta × (1 ± it)
     * @param momentumResolution extra relative Gaussian smearing of each muon momentum (up; down mirrored)
     * @param muonId relative per-muon identification efficiency uncertainty: weight × (1 ± it)²
     * @param backgroundNormalisation relative normalisation uncertainty per background sample
     * @param weightColumns event files only: per variation name, the columns holding the up and down
     *                      event weights
     * @param symmetrise {@code none} (default), {@code max} or {@code average} ({@code false}/{@code true}
     *                   for none/max)
     * @param smooth width (odd number of masses) of the running mean across the mass grid; 1: none
     * @param seed seed of the resolution smearing (default: the analysis seed)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record VariationsConfig(@JsonProperty("momentum_scale") Double momentumScale,
                                   @JsonProperty("momentum_resolution") Double momentumResolution,
                                   @JsonProperty("muon_id") Double muonId,
                                   @JsonProperty("background_normalisation") Map<String, Double> backgroundNormalisation,
                                   @JsonProperty("weight_columns") Map<String, WeightColumns> weightColumns,
                                   @JsonProperty("symmetrise") String symmetrise,
                                   @JsonProperty("smooth") Integer smooth,
                                   @JsonProperty("seed") Long seed) {
    }

    /**
     * The weight columns of one variation of event files.
     *
     * @param up the column of the up variation's event weight
     * @param down the column of the down variation's event weight
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record WeightColumns(@JsonProperty("up") String up, @JsonProperty("down") String down) {
        /** Checks both are given. */
        public WeightColumns {
            if (up == null || up.isBlank() || down == null || down.isBlank()) {
                throw new InvalidInputException("weight_columns: give 'up' and 'down' column names");
            }
        }
    }
}
