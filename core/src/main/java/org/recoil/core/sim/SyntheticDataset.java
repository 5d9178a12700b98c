package org.recoil.core.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventTable;
import org.recoil.core.events.EventWriter;
import org.recoil.core.io.AtomicFiles;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.selection.SelectionConfig;

/**
 * The synthetic Belle II-like dataset of the recoil-mass search: weighted background Monte Carlo
 * templates for the three processes, pseudo-data at the configured luminosity, and signal samples
 * on a grid of Z' masses. Every sample is synthetic and labelled so ({@link #LABEL}, the pseudo-data
 * sample name {@link #DATA_SAMPLE}, and {@code "synthetic": true} in {@link #metadata()} and in the
 * {@code dataset.json} written beside event files).
 *
 * <p>Reproducibility: everything derives from the configured seed through independent streams per
 * process and purpose; the same configuration gives identical samples whatever the thread count.
 */
public final class SyntheticDataset {
    /** Label carried by every output of the synthetic dataset. */
    public static final String LABEL = "SYNTHETIC";
    /** Sample name of the pseudo-data. */
    public static final String DATA_SAMPLE = "synthetic_data";
    /** Background sample names, in the order of {@link #backgrounds()}. */
    public static final List<String> BACKGROUND_SAMPLES = List.of(MuMuGammaGenerator.PROCESS,
            TauPairGenerator.PROCESS, TwoPhotonMuMuGenerator.PROCESS);
    private static final long PURPOSE_RESAMPLE = 101;

    private final SyntheticDatasetConfig config;
    private final BeamConfiguration beams;
    private final DetectorSmearing detector;
    private final List<SimulatedEvents> backgrounds;
    private final SimulatedEvents data;
    private final NavigableMap<Double, SimulatedEvents> signals;

    private SyntheticDataset(SyntheticDatasetConfig config, BeamConfiguration beams, DetectorSmearing detector,
            List<SimulatedEvents> backgrounds, SimulatedEvents data, NavigableMap<Double, SimulatedEvents> signals) {
        this.config = config;
        this.beams = beams;
        this.detector = detector;
        this.backgrounds = List.copyOf(backgrounds);
        this.data = data;
        this.signals = Collections.unmodifiableNavigableMap(signals);
    }

    /**
     * Generates the dataset for Belle II beams ({@link BeamConfiguration#belle2()}) and detector
     * ({@link DetectorSmearing#belle2()}).
     *
     * @param config the settings
     * @return the dataset
     */
    public static SyntheticDataset generate(SyntheticDatasetConfig config) {
        return generate(config, BeamConfiguration.belle2(), DetectorSmearing.belle2());
    }

    /**
     * @param config the settings
     * @param beams the colliding beams (events are in their lab frame)
     * @param detector the detector response
     * @return the dataset
     */
    public static SyntheticDataset generate(SyntheticDatasetConfig config, BeamConfiguration beams,
            DetectorSmearing detector) {
        return generate(config, beams, detector, m -> SignalGenerator.of(m, beams, detector));
    }

    /**
     * As {@link #generate(SyntheticDatasetConfig, BeamConfiguration, DetectorSmearing)}, with the signal
     * generators supplied by the caller: {@link SignalGenerator}s are immutable and their set-up (σ
     * integral, grid adaptation, maximum weight) depends only on the mass, beams, detector and set-up
     * seed, never on the dataset's seed, so one set-up serves any number of datasets (e.g. the partitions
     * of {@link SyntheticEventFiles}) and the events are bit-identical to those of a fresh set-up.
     *
     * @param config the settings
     * @param beams the colliding beams
     * @param detector the detector response
     * @param signal the generator for a Z' mass, equal to {@code SignalGenerator.of(m, beams, detector)}
     * @return the dataset
     */
    static SyntheticDataset generate(SyntheticDatasetConfig config, BeamConfiguration beams,
            DetectorSmearing detector, java.util.function.DoubleFunction<SignalGenerator> signal) {
        List<EventGenerator> generators = backgroundGenerators(beams, detector);
        int[] sizes = {config.muMuGammaEvents(), config.tauPairEvents(), config.twoPhotonEvents()};
        double lumi = config.luminosityPb();
        List<SimulatedEvents> templates = new ArrayList<>();
        List<SimulatedEvents> dataParts = new ArrayList<>();
        for (int p = 0; p < generators.size(); p++) {
            EventGenerator gen = generators.get(p);
            SimulatedEvents template = gen.generate(sizes[p], config.seed(), lumi);
            templates.add(template);
            dataParts.add(config.pseudoData() == PseudoDataMode.INDEPENDENT
                    ? gen.generateUnweighted(lumi, config.seed())
                    : resample(template, config.seed()));
        }
        SimulatedEvents data = SimulatedEvents.concat(DATA_SAMPLE, dataParts);
        List<SimulatedEvents> signalSamples = config.signalMasses().parallelStream()
                .map(m -> signal.apply(m).generate(config.signalEvents(), config.seed(), lumi))
                .toList();
        NavigableMap<Double, SimulatedEvents> signals = new TreeMap<>();
        for (int i = 0; i < signalSamples.size(); i++) {
            signals.put(config.signalMasses().get(i), signalSamples.get(i));
        }
        return new SyntheticDataset(config, beams, detector, templates, data, signals);
    }

    /**
     * The three background generators with their default cross sections (physics.json
     * "backgrounds": 1.148 nb, 0.919 nb x 0.1739^2, 18.9 nb).
     *
     * @param beams the beams
     * @param detector the detector response
     * @return generators in the order of {@link #BACKGROUND_SAMPLES}
     */
    public static List<EventGenerator> backgroundGenerators(BeamConfiguration beams, DetectorSmearing detector) {
        return List.of(
                MuMuGammaGenerator.of(beams, detector, MuMuGammaGenerator.DEFAULT_CROSS_SECTION_PB),
                TauPairGenerator.of(beams, detector, TauPairGenerator.DEFAULT_CROSS_SECTION_PB),
                TwoPhotonMuMuGenerator.of(beams, detector, TwoPhotonMuMuGenerator.DEFAULT_CROSS_SECTION_PB));
    }

    /**
     * Poisson resampling: event i enters n_i ~ Poisson(w_i) times (weight 1), so counts in any
     * region are Poisson with mean equal to the template content there. Above
     * {@value #RESAMPLE_ROW_LIMIT} expected events each drawn event is kept once with n_i as its
     * weight instead (the same draws and counts in every region).
     */
    static SimulatedEvents resample(SimulatedEvents template, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(
                SeedSequence.derive(seed, SeedSequence.key(template.sample()), PURPOSE_RESAMPLE));
        Draws d = draw(template, rng);
        if (template.sumOfWeights() > RESAMPLE_ROW_LIMIT) {
            double[] weights = new double[d.size()];
            for (int j = 0; j < weights.length; j++) {
                weights[j] = d.counts()[j];
            }
            return template.rows(template.sample(), Arrays.copyOf(d.rows(), d.size()), weights,
                    template.crossSectionPb());
        }
        long total = 0;
        for (int j = 0; j < d.size(); j++) {
            total += d.counts()[j];
        }
        int[] rows = new int[Math.toIntExact(total)];
        int count = 0;
        for (int j = 0; j < d.size(); j++) {
            for (int c = 0; c < d.counts()[j]; c++) {
                rows[count++] = d.rows()[j];
            }
        }
        return template.rows(template.sample(), rows, 1.0, template.crossSectionPb());
    }

    /**
     * Expected pseudo-data events of one sample above which {@link #resample} keeps each drawn event
     * once with its Poisson count n<sub>i</sub> as weight instead of n<sub>i</sub> copies of weight 1:
     * the same draws and the same counts in every region, without billions of rows (e.g. the two-photon
     * sample at 79.7 fb⁻¹, about 1.5 × 10⁹ events). Below it the rows are copied.
     */
    static final double RESAMPLE_ROW_LIMIT = 2.0e7;

    /** The template rows drawn at least once, in order, and their Poisson counts (the first {@code size}). */
    private record Draws(int[] rows, int[] counts, int size) {
    }

    private static Draws draw(SimulatedEvents template, UniformRandomProvider rng) {
        int n = template.size();
        int[] rows = new int[n];
        int[] counts = new int[n];
        int size = 0;
        DiscreteSampler poisson = null;
        double previous = Double.NaN;
        for (int i = 0; i < n; i++) {
            double w = template.value(SimulatedEvents.WEIGHT, i);
            if (!(w >= 0.0)) {
                throw new InvalidInputException("sample " + template.sample() + ": event " + i
                        + " has weight " + w + ", pseudo-data need non-negative weights");
            }
            if (w == 0.0) {
                continue;
            }
            if (w != previous) {
                poisson = PoissonSampler.of(rng, w);
                previous = w;
            }
            int k = poisson.sample();
            if (k > 0) {
                rows[size] = i;
                counts[size++] = k;
            }
        }
        return new Draws(rows, counts, size);
    }

    /** Class-path resource holding {@link #defaultSelection()}. */
    public static final String DEFAULT_SELECTION_RESOURCE = "/org/recoil/core/sim/default-selection.yaml";

    /**
     * The default analysis selection for this dataset (resource {@value #DEFAULT_SELECTION_RESOURCE}):
     * two opposite-charge muons with lab momentum above 0.7 GeV and polar angle 50-120 deg (barrel
     * KLM muon identification), extra neutral energy at most 0.4 GeV, p_T*(mu mu) &gt;= 2.2 - 0.15
     * M_rec GeV, signed recoil mass in [-1, 9] GeV; histogram of M_rec^2 in 0.1 GeV^2 bins.
     *
     * <p>Why: in this model the mu mu (gamma) events that survive the photon veto have photons lost
     * down the beam pipe or in the barrel-endcap gaps, so their p_T* is at most about 2 GeV and their
     * recoil mass near 0; two-photon events have p_T* below 1 GeV; the p_T* line removes both while
     * keeping signal, whose Z' carries a hard transverse momentum. The barrel and momentum
     * requirements stand in for muon identification and set the signal efficiency (10-20% in the
     * search windows) so that the expected limits at 276 pb^-1 are of the order of Belle II's 2020
     * ones (sigma limits 100-250 fb), as checked by {@code DefaultSelectionCalibrationTest}.
     *
     * @return the parsed selection
     */
    public static SelectionConfig defaultSelection() {
        try (InputStream in = SyntheticDataset.class.getResourceAsStream(DEFAULT_SELECTION_RESOURCE)) {
            if (in == null) {
                throw new ComputationException("class-path resource " + DEFAULT_SELECTION_RESOURCE + " is missing");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SelectionConfig.parse(text, false, DEFAULT_SELECTION_RESOURCE);
        } catch (IOException e) {
            throw new ComputationException("cannot read class-path resource " + DEFAULT_SELECTION_RESOURCE, e);
        }
    }

    /** @return the settings */
    public SyntheticDatasetConfig config() {
        return config;
    }

    /** @return the beams */
    public BeamConfiguration beams() {
        return beams;
    }

    /** @return the detector response */
    public DetectorSmearing detector() {
        return detector;
    }

    /** @return the integrated luminosity, pb^-1 */
    public double luminosityPb() {
        return config.luminosityPb();
    }

    /** @return the weighted background templates, in the order of {@link #BACKGROUND_SAMPLES} */
    public List<SimulatedEvents> backgrounds() {
        return backgrounds;
    }

    /**
     * @param process one of {@link #BACKGROUND_SAMPLES}
     * @return its template
     */
    public SimulatedEvents background(String process) {
        for (SimulatedEvents b : backgrounds) {
            if (b.sample().equals(process)) {
                return b;
            }
        }
        throw new InvalidInputException("synthetic dataset: no background sample '" + process
                + "', expected one of " + BACKGROUND_SAMPLES);
    }

    /** @return the pseudo-data (unit weights), sample {@link #DATA_SAMPLE} */
    public SimulatedEvents data() {
        return data;
    }

    /**
     * @return the signal samples by Z' mass (GeV), ascending: {@link SignalGenerator} events with
     *     weights sigma(g' = 1) L / N (multiply by g'^2 BR(Z' -> invisible) for a physical coupling)
     */
    public NavigableMap<Double, SimulatedEvents> signals() {
        return signals;
    }

    /**
     * @param mass a Z' mass in GeV
     * @return the signal sample name used for that mass, e.g. {@code zprime_1.500}
     */
    public static String signalSampleName(double mass) {
        return String.format(Locale.ROOT, "zprime_%.3f", mass);
    }

    /** @return all background templates in one event table (sample column = process) */
    public EventTable backgroundTable() {
        List<EventTable> parts = new ArrayList<>();
        for (SimulatedEvents b : backgrounds) {
            if (b.size() > 0) {
                parts.add(b.toEventTable());
            }
        }
        return EventTable.concat(parts);
    }

    /** @return the pseudo-data as an event table */
    public EventTable dataTable() {
        return data.toEventTable();
    }

    /**
     * @return a description of the dataset: {@code synthetic: true}, label, seed, luminosity,
     *     beams, detector settings and per sample its cross section, generated and stored events
     *     and sum of weights
     */
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("synthetic", true);
        m.put("label", LABEL);
        m.put("description", "Synthetic Belle II-like e+e- -> mu+mu- + missing energy dataset made by "
                + "Recoil core.sim (simplified physics models and detector response; not Belle II data)");
        m.put("seed", config.seed());
        m.put("luminosity_pb", config.luminosityPb());
        m.put("pseudo_data", config.pseudoData().name().toLowerCase(Locale.ROOT));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("electron_energy", beams.electronEnergy());
        b.put("positron_energy", beams.positronEnergy());
        b.put("crossing_angle", beams.crossingAngle());
        b.put("sqrt_s", beams.sqrtS());
        m.put("beams", b);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pt_resolution", Map.of("curvature_term_per_gev", detector.curvatureTerm(),
                "scattering_term", detector.scatteringTerm()));
        d.put("angular_resolution_rad", Map.of("constant", detector.angularConstantTerm(),
                "scattering_gev", detector.angularScatteringTerm()));
        d.put("track_polar_angle_deg", List.of(detector.trackPolarMinDeg(), detector.trackPolarMaxDeg()));
        d.put("ecl_polar_angle_deg", List.of(detector.eclPolarMinDeg(), detector.eclPolarMaxDeg()));
        d.put("photon_threshold_gev", detector.photonThreshold());
        m.put("detector", d);
        Map<String, Object> samples = new LinkedHashMap<>();
        for (SimulatedEvents s : backgrounds) {
            samples.put(s.sample(), describe(s));
        }
        for (SimulatedEvents s : signals.values()) {
            samples.put(s.sample(), describe(s));
        }
        samples.put(data.sample(), describe(data));
        m.put("samples", samples);
        return m;
    }

    private static Map<String, Object> describe(SimulatedEvents s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cross_section_pb", s.crossSectionPb());
        m.put("generated_events", s.generatedEvents());
        m.put("stored_events", s.size());
        m.put("sum_weights", s.sumOfWeights());
        return m;
    }

    /**
     * Writes {@code backgrounds.EXT}, {@code data.EXT}, {@code signal.EXT} (if there are signal
     * samples) in the core event-table format and {@code dataset.json} (the {@link #metadata()}),
     * each file atomically.
     *
     * @param directory an existing directory
     * @param extension {@code csv} or {@code parquet}
     * @return the files written, in order
     * @throws InvalidInputException if the directory does not exist, the extension is unknown or
     *     writing fails
     */
    public List<Path> write(Path directory, String extension) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(directory + ": output directory does not exist");
        }
        String ext = extension.toLowerCase(Locale.ROOT);
        if (!ext.equals("csv") && !ext.equals("parquet")) {
            throw new InvalidInputException("synthetic dataset: unknown event file type '" + extension
                    + "', expected csv or parquet");
        }
        List<Path> written = new ArrayList<>();
        Path bkg = directory.resolve("backgrounds." + ext);
        EventWriter.write(backgroundTable(), bkg);
        written.add(bkg);
        Path dat = directory.resolve("data." + ext);
        EventWriter.write(dataTable(), dat);
        written.add(dat);
        if (!signals.isEmpty()) {
            List<EventTable> parts = new ArrayList<>();
            for (SimulatedEvents s : signals.values()) {
                if (s.size() > 0) {
                    parts.add(s.toEventTable());
                }
            }
            if (!parts.isEmpty()) {
                Path sig = directory.resolve("signal." + ext);
                EventWriter.write(EventTable.concat(parts), sig);
                written.add(sig);
            }
        }
        Path meta = directory.resolve("dataset.json");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(meta, path -> json.writeValue(path.toFile(), metadata()));
        written.add(meta);
        return written;
    }
}
