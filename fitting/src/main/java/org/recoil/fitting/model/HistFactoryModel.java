package org.recoil.fitting.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.spec.Channel;
import org.recoil.fitting.spec.InvalidWorkspaceException;
import org.recoil.fitting.spec.Measurement;
import org.recoil.fitting.spec.Modifier;
import org.recoil.fitting.spec.ParameterConfig;
import org.recoil.fitting.spec.Sample;
import org.recoil.fitting.spec.Workspace;
import org.recoil.fitting.spec.WorkspaceIO;

/**
 * A HistFactory likelihood compiled from a pyhf workspace onto flat arrays (Cranmer et al.,
 * CERN-OPEN-2012-016; pyhf 0.7 semantics, Heinrich, Feickert, Stark, Cranmer, JOSS 6 (2021) 2823).
 *
 * <p>Expected rate of bin b of sample s: ν_sb = Π(scalar factors: normfactor, lumi, normsys) ×
 * Π(per-bin factors: staterror, shapesys, shapefactor) × (nominal_sb + Σ histosys shifts). The
 * likelihood is Π_b Pois(n_b | Σ_s ν_sb) × Π constraint terms: unit Gaussians centred on the auxiliary
 * data 0 for normsys/histosys α; Gaussians of width σ_rel = √(Σσ²)/Σnominal (over the samples carrying
 * the modifier) for staterror γ; Gaussian of the measurement's sigma for lumi; Poisson(τ | γτ),
 * τ = (nominal/σ)² for shapesys γ. Bins without uncertainty have their γ fixed at 1 (their constraint
 * terms stay, as in pyhf 0.7).
 *
 * <p>Conventions follow pyhf so that the numbers agree: channels and samples are ordered by name; the
 * parameter vector is ordered by modifier type (histosys, lumi, normfactor, normsys, shapefactor,
 * shapesys, staterror), within a type by first appearance (staterror: by name); parameter sets of
 * more than one component are named {@code name[i]}, single-component ones {@code name} (as in the
 * pyhf 0.7.1 reference results, e.g. a one-bin shapesys {@code bkg_unc}); a name shared by several modifiers is one parameter (normsys and histosys of
 * the same name share one α). Default bounds: normfactor/shapefactor [0, 10] (init 1); α [−5, 5]
 * (init 0); γ [1e-10, 10] (init 1); lumi from the measurement (auxdata and sigmas are required; init
 * defaults to auxdata, bounds to [max(0, aux − 5σ), aux + 5σ]). Measurement parameter configs for
 * names that are not in the model are ignored, as in pyhf.
 *
 * <p>{@link #twiceNllFunction(Data)} evaluates −2 ln L with its analytic gradient, and provides the
 * expected (Fisher) information and the exact Hessian ({@link TwiceNllFunction#fisherInformation},
 * {@link TwiceNllFunction#hessian}) that the minimisers use for their start curvature and the errors.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HistFactoryModel implements StatModel {

    /** Kinds of parameter sets, in pyhf's modifier-type order for the same name. */
    enum Kind { ALPHA, LUMI, NORMFACTOR, SHAPEFACTOR, SHAPESYS, STATERROR }

    private static final List<String> TYPE_ORDER =
            List.of("histosys", "lumi", "normfactor", "normsys", "shapefactor", "shapesys", "staterror");
    private static final double LN_2PI = Math.log(2 * Math.PI);

    private final Workspace workspace;
    private final String measurementName;
    private final ModelOptions options;
    private final Parameters parameters;

    // channels (model order = sorted by name)
    private final List<String> channelNames;
    private final int[] channelOffset;
    private final int[] channelBins;
    final int mainSize;

    // sample blocks: one per (channel, sample), bins contiguous in the flat "block-bin" arrays
    final int nBlocks;
    final int[] blockStart;
    private final String[] blockLabel;
    final int[] blockChannel;
    final double[] nominal;
    final int[] binMain;

    // scalar multiplicative factors (normfactor, lumi: value = parameter; normsys: kernel), grouped by block
    final int[] sfStart;
    final int[] sfParam;
    final int[] sfNormsys;
    final InterpolationKernel normsysKernel;

    // per-bin multiplicative factors (staterror, shapesys, shapefactor), grouped by block bin
    final int[] bfStart;
    final int[] bfParam;

    // additive histosys shifts: entry h acts on block hsBlock[h] with kernel triples from hsTriple[h]
    final int[] hsParam;
    final int[] hsBlock;
    final int[] hsTriple;
    final InterpolationKernel histosysKernel;

    // additive histosys codes (0, 2, 4p), grouped by parameter: entry q of group j shifts block bin
    // hlBin[q] by hlLinear[q] α + hlBasis[q] B(α), α = x[hlParam[j]], q in [hlStart[j], hlStart[j + 1])
    final boolean hsLinear;
    final int[] hlStart;
    final int[] hlParam;
    final int[] hlBin;
    final double[] hlLinear;
    final double[] hlBasis;
    /** block of every block bin */
    final int[] binBlock;

    // constraints
    final int[] gParam;
    final int[] gAux;
    final double[] gInvVar;
    final double gConstant;
    final int[] pParam;
    final int[] pAux;
    final double[] pTau;
    private final double[] auxNominal;
    private final ConstraintType[] constraintType;
    private final double[] constraintCentre;
    private final double[] constraintWidth;
    private final double[] observedMain;
    /** the Hessian's sparsity: per-bin parameters of one main bin in diagonal blocks, the rest global */
    private final ArrowStructure arrow;

    private HistFactoryModel(Compiler c) {
        this.workspace = c.ws;
        this.measurementName = c.measurement.name();
        this.options = c.options;
        this.parameters = c.parameters;
        this.channelNames = List.copyOf(c.channelNames);
        this.channelOffset = c.channelOffset;
        this.channelBins = c.channelBins;
        this.mainSize = c.mainSize;
        this.nBlocks = c.blockLabels.size();
        this.blockStart = c.blockStart;
        this.blockLabel = c.blockLabels.toArray(String[]::new);
        this.blockChannel = c.blockChannel;
        this.nominal = c.nominal;
        this.binMain = c.binMain;
        this.sfStart = c.sfStart;
        this.sfParam = c.sfParam;
        this.sfNormsys = c.sfNormsys;
        this.normsysKernel = c.normsysKernel;
        this.bfStart = c.bfStart;
        this.bfParam = c.bfParam;
        this.hsParam = c.hsParam;
        this.hsBlock = c.hsBlock;
        this.hsTriple = c.hsTriple;
        this.histosysKernel = c.histosysKernel;
        this.hsLinear = c.hsLinear;
        this.hlStart = c.hlStart;
        this.hlParam = c.hlParam;
        this.hlBin = c.hlBin;
        this.hlLinear = c.hlLinear;
        this.hlBasis = c.hlBasis;
        this.binBlock = c.binBlock;
        this.gParam = c.gParam;
        this.gAux = c.gAux;
        this.gInvVar = c.gInvVar;
        this.gConstant = c.gConstant;
        this.pParam = c.pParam;
        this.pAux = c.pAux;
        this.pTau = c.pTau;
        this.auxNominal = c.auxNominal;
        this.constraintType = c.constraintType;
        this.constraintCentre = c.constraintCentre;
        this.constraintWidth = c.constraintWidth;
        this.observedMain = c.observedMain;
        this.arrow = arrowStructure(parameters.size(), mainSize, sfParam, hsParam, bfStart, bfParam, binMain);
    }

    /**
     * Classifies the parameters: a per-bin factor parameter whose every occurrence is in one main bin (and that
     * is no scalar factor or histosys parameter) is local to that bin; the others are global.
     */
    private static ArrowStructure arrowStructure(int np, int mainSize, int[] sfParam, int[] hsParam, int[] bfStart,
                                                 int[] bfParam, int[] binMain) {
        int[] bin = new int[np];
        Arrays.fill(bin, -1);
        boolean[] global = new boolean[np];
        for (int p : sfParam) {
            global[p] = true;
        }
        for (int p : hsParam) {
            global[p] = true;
        }
        boolean[] perBin = new boolean[np];
        for (int e = 0; e + 1 < bfStart.length; e++) {
            for (int q = bfStart[e]; q < bfStart[e + 1]; q++) {
                int p = bfParam[q];
                perBin[p] = true;
                if (bin[p] < 0) {
                    bin[p] = binMain[e];
                } else if (bin[p] != binMain[e]) {
                    global[p] = true;
                }
            }
        }
        List<Integer> g = new ArrayList<>();
        List<List<Integer>> byBin = new ArrayList<>();
        for (int i = 0; i < mainSize; i++) {
            byBin.add(new ArrayList<>());
        }
        for (int p = 0; p < np; p++) {
            if (global[p] || !perBin[p]) {
                g.add(p);
            } else {
                byBin.get(bin[p]).add(p);
            }
        }
        List<Integer> starts = new ArrayList<>();
        List<Integer> params = new ArrayList<>();
        List<Integer> bins = new ArrayList<>();
        for (int i = 0; i < mainSize; i++) {
            if (!byBin.get(i).isEmpty()) {
                starts.add(params.size());
                params.addAll(byBin.get(i));
                bins.add(i);
            }
        }
        starts.add(params.size());
        return new ArrowStructure(np, g.stream().mapToInt(Integer::intValue).toArray(),
                starts.stream().mapToInt(Integer::intValue).toArray(),
                params.stream().mapToInt(Integer::intValue).toArray(),
                bins.stream().mapToInt(Integer::intValue).toArray());
    }

    /** @return the sparsity of the Hessian and Fisher information (see {@link ArrowStructure}) */
    public ArrowStructure arrowStructure() {
        return arrow;
    }

    /**
     * Compiles the first measurement of {@code ws} with pyhf's default options.
     *
     * @param ws the workspace
     * @return the model
     * @throws InvalidInputException (an {@link InvalidWorkspaceException}) naming what is wrong
     */
    public static HistFactoryModel of(Workspace ws) {
        return of(ws, null, ModelOptions.defaults());
    }

    /**
     * Compiles a measurement of a workspace.
     *
     * @param ws the workspace
     * @param measurement measurement name, or null for the first one (pyhf's default)
     * @param options interpolation codes and POI choice
     * @return the model
     * @throws InvalidInputException (an {@link InvalidWorkspaceException}) naming the channel, sample,
     *         modifier, bin or parameter that is wrong
     */
    public static HistFactoryModel of(Workspace ws, String measurement, ModelOptions options) {
        return new HistFactoryModel(new Compiler(ws, ws.measurement(measurement), options));
    }

    /**
     * Reads a pyhf JSON workspace file and compiles one of its measurements.
     *
     * @param file the workspace file
     * @param measurement measurement name, or null for the first one
     * @param options interpolation codes and POI choice
     * @return the model
     * @throws InvalidInputException naming the file and what is wrong
     */
    public static HistFactoryModel fromFile(Path file, String measurement, ModelOptions options) {
        Workspace ws = WorkspaceIO.read(file);
        try {
            return of(ws, measurement, options);
        } catch (InvalidWorkspaceException e) {
            throw new InvalidWorkspaceException(file + ": " + e.getMessage(), e);
        }
    }

    /** @return the workspace this model was compiled from */
    public Workspace workspace() {
        return workspace;
    }

    /** @return the name of the compiled measurement */
    public String measurementName() {
        return measurementName;
    }

    /** @return the compile options */
    public ModelOptions options() {
        return options;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public int mainSize() {
        return mainSize;
    }

    @Override
    public int auxSize() {
        return auxNominal.length;
    }

    /** @return channel names in model order (sorted, as pyhf), which is the order of the main data */
    public List<String> channelNames() {
        return channelNames;
    }

    /** @return index of the first main bin of channel {@code name} */
    public int channelOffset(String name) {
        return channelOffset[channelIndex(name)];
    }

    /** @return number of bins of channel {@code name} */
    public int channelBins(String name) {
        return channelBins[channelIndex(name)];
    }

    private int channelIndex(String name) {
        int i = channelNames.indexOf(name);
        if (i < 0) {
            throw new InvalidInputException("no channel named '" + name + "'; channels are " + channelNames);
        }
        return i;
    }

    /** @return the constraint type of parameter {@code i} */
    public ConstraintType constraintType(int i) {
        return constraintType[i];
    }

    /**
     * @return the value parameter {@code i} is constrained towards with the nominal auxiliary data
     *         (0 for α, 1 for γ, auxdata for lumi), NaN for free parameters
     */
    public double constraintCentre(int i) {
        return constraintCentre[i];
    }

    /** @return the width of the constraint of parameter {@code i} (σ; 1/√τ for shapesys), NaN if free */
    public double constraintWidth(int i) {
        return constraintWidth[i];
    }

    @Override
    public Data observed() {
        return new Data(observedMain, auxNominal);
    }

    @Override
    public double twiceNll(double[] pars, Data data) {
        return twiceNllFunction(data).value(pars);
    }

    @Override
    public double twiceNllGradient(double[] pars, Data data, double[] gradient) {
        return twiceNllFunction(data).valueAndGradient(pars, gradient);
    }

    @Override
    public TwiceNllFunction twiceNllFunction(Data data) {
        return new HistFactoryEvaluator(this, data);
    }

    @Override
    public double[] expectedMain(double[] pars) {
        checkLength(pars);
        return new HistFactoryEvaluator(this, observed()).expected(pars);
    }

    /**
     * Expected rates per sample: {@code result[k]} are the bins of block k (see {@link #blockLabels()}).
     *
     * @param pars parameter vector
     * @return rates per (channel, sample) block
     */
    public double[][] expectedBySample(double[] pars) {
        checkLength(pars);
        double[] flat = new HistFactoryEvaluator(this, observed()).expectedPerBlockBin(pars);
        double[][] r = new double[nBlocks][];
        for (int k = 0; k < nBlocks; k++) {
            r[k] = Arrays.copyOfRange(flat, blockStart[k], blockStart[k + 1]);
        }
        return r;
    }

    /** @return {@code channel/sample} label of every block, in model order */
    public List<String> blockLabels() {
        return List.of(blockLabel);
    }

    @Override
    public Data asimov(double[] pars) {
        checkLength(pars);
        double[] aux = new double[auxNominal.length];
        for (int j = 0; j < gParam.length; j++) {
            aux[gAux[j]] = pars[gParam[j]];
        }
        for (int j = 0; j < pParam.length; j++) {
            aux[pAux[j]] = pars[pParam[j]] * pTau[j];
        }
        return new Data(expectedMain(pars), aux);
    }

    @Override
    public Data sample(double[] pars, UniformRandomProvider rng) {
        double[] mu = expectedMain(pars);
        double[] main = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            main[i] = poisson(rng, mu[i]);
        }
        double[] aux = new double[auxNominal.length];
        var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int j = 0; j < gParam.length; j++) {
            aux[gAux[j]] = pars[gParam[j]] + gauss.sample() / Math.sqrt(gInvVar[j]);
        }
        for (int j = 0; j < pParam.length; j++) {
            aux[pAux[j]] = poisson(rng, pars[pParam[j]] * pTau[j]);
        }
        return new Data(main, aux);
    }

    private static double poisson(UniformRandomProvider rng, double mean) {
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new InvalidInputException("cannot sample a Poisson count with mean " + mean);
        }
        return mean == 0 ? 0 : PoissonSampler.of(rng, mean).sample();
    }

    private void checkLength(double[] pars) {
        if (pars.length != parameters.size()) {
            throw new InvalidInputException("parameter vector has " + pars.length + " entries, expected "
                    + parameters.size());
        }
    }

    @Override
    public String toString() {
        return "HistFactoryModel[measurement=" + measurementName + ", channels=" + channelNames + ", "
                + parameters.size() + " parameters, poi="
                + (parameters.poiIndex() < 0 ? "none" : parameters.names().get(parameters.poiIndex())) + "]";
    }

    /** One parameter set (a modifier name): its slice of the parameter vector and configuration. */
    private static final class ParSet {
        final String name;
        final Kind kind;
        final String type;
        final int n;
        int offset;
        double[] init;
        double[] lower;
        double[] upper;
        boolean[] fixed;
        double[] aux;
        double[] sigma;
        double[] tau;
        /** staterror: channels covered, in model order; component offset of each. */
        final Map<Integer, Integer> channelComponent = new LinkedHashMap<>();

        ParSet(String name, Kind kind, String type, int n) {
            this.name = name;
            this.kind = kind;
            this.type = type;
            this.n = n;
            init = new double[n];
            lower = new double[n];
            upper = new double[n];
            fixed = new boolean[n];
        }

        void defaults(double i, double lo, double hi) {
            Arrays.fill(init, i);
            Arrays.fill(lower, lo);
            Arrays.fill(upper, hi);
        }

        /** pyhf's names: {@code name[i]} for parameter sets of more than one component, else {@code name}. */
        String componentName(int i) {
            return n == 1 ? name : name + "[" + i + "]";
        }

        boolean constrained() {
            return kind != Kind.NORMFACTOR && kind != Kind.SHAPEFACTOR;
        }
    }

    /** A modifier on a block. */
    private record Occurrence(int channel, int block, Sample sample, Modifier modifier) {
    }

    /** Compiles a workspace into the flat arrays of the model, in numbered steps. */
    private static final class Compiler {
        final Workspace ws;
        final Measurement measurement;
        final ModelOptions options;
        final List<String> channelNames = new ArrayList<>();
        int[] channelOffset;
        int[] channelBins;
        int mainSize;
        final List<String> blockLabels = new ArrayList<>();
        int[] blockStart;
        int[] blockChannel;
        double[] nominal;
        int[] binMain;
        final List<Occurrence> occurrences = new ArrayList<>();
        final Map<String, ParSet> sets = new LinkedHashMap<>();
        Parameters parameters;
        int[] sfStart;
        int[] sfParam;
        int[] sfNormsys;
        InterpolationKernel normsysKernel;
        int[] bfStart;
        int[] bfParam;
        int[] hsParam;
        int[] hsBlock;
        int[] hsTriple;
        InterpolationKernel histosysKernel;
        boolean hsLinear;
        int[] hlStart;
        int[] hlParam;
        int[] hlBin;
        double[] hlLinear;
        double[] hlBasis;
        int[] binBlock;
        int[] gParam;
        int[] gAux;
        double[] gInvVar;
        double gConstant;
        int[] pParam;
        int[] pAux;
        double[] pTau;
        double[] auxNominal;
        ConstraintType[] constraintType;
        double[] constraintCentre;
        double[] constraintWidth;
        double[] observedMain;

        Compiler(Workspace ws, Measurement measurement, ModelOptions options) {
            this.ws = ws;
            this.measurement = measurement;
            this.options = options;
            layoutChannelsAndSamples();
            createParameterSets();
            applyMeasurementConfig();
            assignSlicesAndParameters();
            buildKernels();
            buildConstraints();
            checkObservations();
        }

        private String where(Occurrence o) {
            return "channel '" + channelNames.get(o.channel) + "', sample '" + o.sample.name() + "', modifier '"
                    + o.modifier.name() + "' (" + o.modifier.type() + ")";
        }

        /** Step 1: channels and samples sorted by name (pyhf order), flat nominal rates, occurrences. */
        private void layoutChannelsAndSamples() {
            List<Channel> channels = new ArrayList<>(ws.channels());
            channels.sort(Comparator.comparing(Channel::name));
            channelOffset = new int[channels.size()];
            channelBins = new int[channels.size()];
            List<double[]> noms = new ArrayList<>();
            List<Integer> starts = new ArrayList<>();
            List<Integer> chans = new ArrayList<>();
            int e = 0;
            for (int c = 0; c < channels.size(); c++) {
                Channel ch = channels.get(c);
                channelNames.add(ch.name());
                channelOffset[c] = mainSize;
                channelBins[c] = ch.nbins();
                List<Sample> samples = new ArrayList<>(ch.samples());
                samples.sort(Comparator.comparing(Sample::name));
                for (Sample s : samples) {
                    int k = blockLabels.size();
                    blockLabels.add(ch.name() + "/" + s.name());
                    starts.add(e);
                    chans.add(c);
                    double[] d = s.data();
                    for (int b = 0; b < d.length; b++) {
                        if (d[b] < 0) {
                            throw new InvalidWorkspaceException("channel '" + ch.name() + "', sample '" + s.name()
                                    + "', bin " + b + ": negative nominal yield " + d[b] + ", expected >= 0");
                        }
                    }
                    noms.add(d);
                    e += d.length;
                    List<Modifier> mods = new ArrayList<>(s.modifiers());
                    mods.sort(Comparator.comparing(Modifier::name).thenComparing(Modifier::type));
                    for (Modifier m : mods) {
                        occurrences.add(new Occurrence(c, k, s, m));
                    }
                }
                mainSize += ch.nbins();
            }
            blockStart = new int[starts.size() + 1];
            blockChannel = new int[starts.size()];
            for (int k = 0; k < starts.size(); k++) {
                blockStart[k] = starts.get(k);
                blockChannel[k] = chans.get(k);
            }
            blockStart[starts.size()] = e;
            nominal = new double[e];
            binMain = new int[e];
            for (int k = 0; k < noms.size(); k++) {
                System.arraycopy(noms.get(k), 0, nominal, blockStart[k], noms.get(k).length);
                for (int b = 0; b < noms.get(k).length; b++) {
                    binMain[blockStart[k] + b] = channelOffset[blockChannel[k]] + b;
                }
            }
        }

        private static Kind kindOf(Modifier m) {
            if (m instanceof Modifier.NormSys || m instanceof Modifier.HistoSys) {
                return Kind.ALPHA;
            } else if (m instanceof Modifier.Lumi) {
                return Kind.LUMI;
            } else if (m instanceof Modifier.NormFactor) {
                return Kind.NORMFACTOR;
            } else if (m instanceof Modifier.ShapeFactor) {
                return Kind.SHAPEFACTOR;
            } else if (m instanceof Modifier.ShapeSys) {
                return Kind.SHAPESYS;
            }
            return Kind.STATERROR;
        }

        /** Step 2: one parameter set per modifier name, registered in pyhf's order, with defaults. */
        private void createParameterSets() {
            Map<String, List<Occurrence>> byName = new LinkedHashMap<>();
            for (Occurrence o : occurrences) {
                byName.computeIfAbsent(o.modifier.name(), x -> new ArrayList<>()).add(o);
            }
            for (String type : TYPE_ORDER) {
                Set<String> names = type.equals("staterror") ? new TreeSet<>() : new LinkedHashSet<>();
                for (Occurrence o : occurrences) {
                    if (o.modifier.type().equals(type)) {
                        names.add(o.modifier.name());
                    }
                }
                for (String name : names) {
                    ParSet existing = sets.get(name);
                    Occurrence first = byName.get(name).stream().filter(o -> o.modifier.type().equals(type))
                            .findFirst().orElseThrow();
                    Kind kind = kindOf(first.modifier);
                    if (existing != null) {
                        if (existing.kind != kind) {
                            throw new InvalidWorkspaceException("modifier name '" + name + "' is used with incompatible"
                                    + " types " + existing.type + " and " + type + " (" + where(first)
                                    + "); only normsys and histosys may share a parameter");
                        }
                        continue;
                    }
                    List<Occurrence> occ = byName.get(name).stream().filter(o -> kindOf(o.modifier) == kind).toList();
                    sets.put(name, createSet(name, kind, type, occ));
                }
            }
        }

        private ParSet createSet(String name, Kind kind, String type, List<Occurrence> occ) {
            switch (kind) {
                case ALPHA -> {
                    ParSet p = new ParSet(name, kind, type, 1);
                    p.defaults(0, -5, 5);
                    p.aux = new double[] {0};
                    p.sigma = new double[] {1};
                    return p;
                }
                case NORMFACTOR -> {
                    ParSet p = new ParSet(name, kind, type, 1);
                    p.defaults(1, 0, 10);
                    return p;
                }
                case LUMI -> {
                    return new ParSet(name, kind, type, 1); // configured from the measurement in step 3
                }
                case SHAPEFACTOR -> {
                    int n = channelBins[occ.get(0).channel];
                    for (Occurrence o : occ) {
                        int nb = channelBins[o.channel];
                        if (nb != n) {
                            throw new InvalidWorkspaceException(where(o) + ": shapefactor '" + name + "' has " + n
                                    + " bins elsewhere but this channel has " + nb + "; a shared shapefactor needs"
                                    + " channels with equal bin counts");
                        }
                    }
                    ParSet p = new ParSet(name, kind, type, n);
                    p.defaults(1, 0, 10);
                    return p;
                }
                case SHAPESYS -> {
                    if (occ.size() != 1) {
                        throw new InvalidWorkspaceException(where(occ.get(1)) + ": shapesys '" + name + "' also appears"
                                + " in " + where(occ.get(0)) + "; shapesys parameters are per sample (pyhf does not"
                                + " share them): give each a unique name");
                    }
                    Occurrence o = occ.get(0);
                    double[] nom = o.sample.data();
                    double[] unc = ((Modifier.ShapeSys) o.modifier).data();
                    ParSet p = new ParSet(name, kind, type, nom.length);
                    p.defaults(1, 1e-10, 10);
                    p.tau = new double[nom.length];
                    p.aux = new double[nom.length];
                    for (int b = 0; b < nom.length; b++) {
                        boolean valid = nom[b] > 0 && unc[b] > 0;
                        p.tau[b] = valid ? nom[b] * nom[b] / (unc[b] * unc[b]) : 1.0;
                        p.aux[b] = p.tau[b];
                        p.fixed[b] = !valid;
                    }
                    return p;
                }
                case STATERROR -> {
                    return staterrorSet(name, type, occ);
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        }

        /** staterror: components over the channels it covers; σ_rel = √(Σσ²)/Σnominal per bin. */
        private ParSet staterrorSet(String name, String type, List<Occurrence> occ) {
            Map<String, Set<Integer>> channelsOfSample = new LinkedHashMap<>();
            for (Occurrence o : occ) {
                channelsOfSample.computeIfAbsent(o.sample.name(), x -> new TreeSet<>()).add(o.channel);
            }
            Set<Integer> chans = null;
            String firstSample = null;
            for (var en : channelsOfSample.entrySet()) {
                if (chans == null) {
                    chans = en.getValue();
                    firstSample = en.getKey();
                } else if (!chans.equals(en.getValue())) {
                    throw new InvalidWorkspaceException("staterror '" + name + "' is on sample '" + firstSample
                            + "' in channels " + names(chans) + " but on sample '" + en.getKey() + "' in channels "
                            + names(en.getValue()) + "; every sample carrying it must carry it in the same channels");
                }
            }
            int n = 0;
            Map<Integer, Integer> comp = new LinkedHashMap<>();
            for (int c : chans) {
                comp.put(c, n);
                n += channelBins[c];
            }
            double[] nomSum = new double[n];
            double[] varSum = new double[n];
            for (Occurrence o : occ) {
                int off = comp.get(o.channel);
                double[] nom = o.sample.data();
                double[] unc = ((Modifier.StatError) o.modifier).data();
                for (int b = 0; b < nom.length; b++) {
                    nomSum[off + b] += nom[b];
                    varSum[off + b] += unc[b] * unc[b];
                }
            }
            ParSet p = new ParSet(name, Kind.STATERROR, type, n);
            p.defaults(1, 1e-10, 10);
            p.aux = new double[n];
            p.sigma = new double[n];
            Arrays.fill(p.aux, 1.0);
            for (int i = 0; i < n; i++) {
                double rel = nomSum[i] > 0 ? Math.sqrt(varSum[i]) / nomSum[i] : 0.0;
                p.fixed[i] = rel == 0;
                p.sigma[i] = rel == 0 ? 1.0 : rel;
            }
            p.channelComponent.putAll(comp);
            return p;
        }

        private List<String> names(Set<Integer> chans) {
            return chans.stream().map(channelNames::get).toList();
        }

        /** Step 3: the measurement's parameter configs override defaults (pyhf's reduce step). */
        private void applyMeasurementConfig() {
            String where = "measurement '" + measurement.name() + "'";
            for (ParameterConfig pc : measurement.parameters()) {
                ParSet p = sets.get(pc.name());
                if (p == null) {
                    continue; // pyhf ignores configs of parameters the model does not have
                }
                String w = where + ", parameter '" + pc.name() + "' (" + p.type + ")";
                if (pc.inits() != null) {
                    p.init = sized(pc.inits(), p.n, w + " inits");
                }
                if (pc.bounds() != null) {
                    double[][] b = pc.bounds();
                    if (b.length != p.n) {
                        throw new InvalidWorkspaceException(w + ": " + b.length + " bounds given, expected " + p.n);
                    }
                    for (int i = 0; i < p.n; i++) {
                        p.lower[i] = b[i][0];
                        p.upper[i] = b[i][1];
                    }
                }
                if (pc.fixed() != null) {
                    Arrays.fill(p.fixed, pc.fixed());
                }
                if (pc.auxdata() != null) {
                    if (!p.constrained()) {
                        throw new InvalidWorkspaceException(w + ": auxdata given but a " + p.type
                                + " parameter has no constraint term");
                    }
                    p.aux = sized(pc.auxdata(), p.n, w + " auxdata");
                    if (p.kind == Kind.SHAPESYS) {
                        throw new InvalidWorkspaceException(w + ": auxdata of shapesys is derived from the sample and"
                                + " cannot be configured");
                    }
                }
                if (pc.sigmas() != null) {
                    if (p.kind != Kind.LUMI && p.kind != Kind.STATERROR) {
                        throw new InvalidWorkspaceException(w + ": sigmas given but " + p.type
                                + " does not use sigmas (only lumi and staterror do)");
                    }
                    p.sigma = sized(pc.sigmas(), p.n, w + " sigmas");
                }
            }
            for (ParSet p : sets.values()) {
                if (p.kind == Kind.LUMI) {
                    ParameterConfig pc = measurement.parameters().stream().filter(x -> x.name().equals(p.name))
                            .findFirst().orElse(null);
                    if (pc == null || p.aux == null || p.sigma == null) {
                        throw new InvalidWorkspaceException(where + ": the lumi parameter '" + p.name + "' needs a"
                                + " parameter config with auxdata and sigmas");
                    }
                    if (pc.inits() == null) {
                        p.init[0] = p.aux[0];
                    }
                    if (pc.bounds() == null) {
                        p.lower[0] = Math.max(0, p.aux[0] - 5 * p.sigma[0]);
                        p.upper[0] = p.aux[0] + 5 * p.sigma[0];
                    }
                }
                for (int i = 0; i < p.n; i++) {
                    String pn = p.componentName(i);
                    if (!(p.lower[i] <= p.upper[i])) {
                        throw new InvalidWorkspaceException(where + ", parameter '" + pn + "': inconsistent bounds ["
                                + p.lower[i] + ", " + p.upper[i] + "], expected lower <= upper");
                    }
                    if (p.init[i] < p.lower[i] || p.init[i] > p.upper[i]) {
                        throw new InvalidWorkspaceException(where + ", parameter '" + pn + "': init " + p.init[i]
                                + " is outside its bounds [" + p.lower[i] + ", " + p.upper[i] + "]");
                    }
                }
            }
        }

        private static double[] sized(double[] v, int n, String what) {
            if (v.length != n) {
                throw new InvalidWorkspaceException(what + ": " + v.length + " values given, expected " + n);
            }
            return v;
        }

        /** Step 4: slices of the flat parameter vector, names, POI. */
        private void assignSlicesAndParameters() {
            List<String> names = new ArrayList<>();
            int offset = 0;
            for (ParSet p : sets.values()) {
                p.offset = offset;
                offset += p.n;
                for (int i = 0; i < p.n; i++) {
                    names.add(p.componentName(i));
                }
            }
            Set<String> unique = new LinkedHashSet<>(names);
            if (unique.size() != names.size()) {
                List<String> dup = new ArrayList<>(names);
                unique.forEach(dup::remove);
                throw new InvalidWorkspaceException("duplicate parameter names " + dup
                        + " (a modifier name collides with an indexed name of a vector parameter)");
            }
            double[] init = new double[offset];
            double[] lo = new double[offset];
            double[] hi = new double[offset];
            boolean[] fixed = new boolean[offset];
            for (ParSet p : sets.values()) {
                System.arraycopy(p.init, 0, init, p.offset, p.n);
                System.arraycopy(p.lower, 0, lo, p.offset, p.n);
                System.arraycopy(p.upper, 0, hi, p.offset, p.n);
                System.arraycopy(p.fixed, 0, fixed, p.offset, p.n);
            }
            String poi = options.poi() == null ? measurement.poi() : options.poi();
            int poiIndex = -1;
            if (!poi.isEmpty()) {
                ParSet p = sets.get(poi);
                if (p == null) {
                    String known = sets.size() <= 20 ? "parameters are " + sets.keySet() : sets.size() + " parameters";
                    throw new InvalidWorkspaceException("the parameter of interest '" + poi + "' of measurement '"
                            + measurement.name() + "' is not a modifier of the workspace (" + known + "); fit"
                            + " without a POI for a background-only workspace (ModelOptions.withoutPoi(), CLI --no-poi)");
                }
                if (p.n != 1) {
                    throw new InvalidWorkspaceException("the parameter of interest '" + poi + "' has " + p.n
                            + " components; the POI must be a scalar parameter");
                }
                poiIndex = p.offset;
            }
            if (offset == 0) {
                throw new InvalidWorkspaceException("the workspace has no modifiers, so the model has no parameters");
            }
            parameters = new Parameters(names, init, lo, hi, fixed, poiIndex);
        }

        /** Step 5: per-modifier-type entries on the flat block arrays. */
        private void buildKernels() {
            int nb = blockLabels.size();
            int e = nominal.length;
            List<List<int[]>> scalar = new ArrayList<>();
            for (int k = 0; k < nb; k++) {
                scalar.add(new ArrayList<>());
            }
            List<List<Integer>> perBin = new ArrayList<>();
            for (int i = 0; i < e; i++) {
                perBin.add(new ArrayList<>());
            }
            List<double[]> nsTriples = new ArrayList<>();
            List<String> nsNames = new ArrayList<>();
            List<int[]> hs = new ArrayList<>();
            List<double[]> hsTriples = new ArrayList<>();
            List<String> hsNames = new ArrayList<>();
            for (Occurrence o : occurrences) {
                ParSet p = sets.get(o.modifier.name());
                int k = o.block;
                int start = blockStart[k];
                int n = blockStart[k + 1] - start;
                Modifier m = o.modifier;
                if (m instanceof Modifier.NormFactor || m instanceof Modifier.Lumi) {
                    scalar.get(k).add(new int[] {p.offset, -1});
                } else if (m instanceof Modifier.NormSys ns) {
                    scalar.get(k).add(new int[] {p.offset, nsTriples.size()});
                    nsTriples.add(new double[] {ns.lo(), 1.0, ns.hi()});
                    nsNames.add(where(o));
                } else if (m instanceof Modifier.HistoSys h) {
                    hs.add(new int[] {p.offset, k, hsTriples.size()});
                    double[] hiD = h.hiData();
                    double[] loD = h.loData();
                    for (int b = 0; b < n; b++) {
                        hsTriples.add(new double[] {loD[b], nominal[start + b], hiD[b]});
                        hsNames.add(where(o) + ", bin " + b);
                    }
                } else if (m instanceof Modifier.StatError) {
                    int comp = p.channelComponent.get(o.channel);
                    for (int b = 0; b < n; b++) {
                        perBin.get(start + b).add(p.offset + comp + b);
                    }
                } else {
                    for (int b = 0; b < n; b++) { // shapesys, shapefactor: component = bin
                        perBin.get(start + b).add(p.offset + b);
                    }
                }
            }
            sfStart = new int[nb + 1];
            int total = scalar.stream().mapToInt(List::size).sum();
            sfParam = new int[total];
            sfNormsys = new int[total];
            int j = 0;
            for (int k = 0; k < nb; k++) {
                sfStart[k] = j;
                for (int[] s : scalar.get(k)) {
                    sfParam[j] = s[0];
                    sfNormsys[j++] = s[1];
                }
            }
            sfStart[nb] = j;
            normsysKernel = kernel(options.normsysCode(), nsTriples, nsNames);
            bfStart = new int[e + 1];
            bfParam = new int[perBin.stream().mapToInt(List::size).sum()];
            j = 0;
            for (int i = 0; i < e; i++) {
                bfStart[i] = j;
                for (int q : perBin.get(i)) {
                    bfParam[j++] = q;
                }
            }
            bfStart[e] = j;
            hsParam = new int[hs.size()];
            hsBlock = new int[hs.size()];
            hsTriple = new int[hs.size()];
            for (int h = 0; h < hs.size(); h++) {
                hsParam[h] = hs.get(h)[0];
                hsBlock[h] = hs.get(h)[1];
                hsTriple[h] = hs.get(h)[2];
            }
            histosysKernel = kernel(options.histosysCode(), hsTriples, hsNames);
            binBlock = new int[e];
            for (int k = 0; k < nb; k++) {
                Arrays.fill(binBlock, blockStart[k], blockStart[k + 1], k);
            }
            groupLinearHistosys();
        }

        /** Step 5b: for additive histosys codes, the (bin, S, A) entries of each parameter, contiguous. */
        private void groupLinearHistosys() {
            hsLinear = histosysKernel.hasLinearBasis();
            if (!hsLinear) {
                return;
            }
            Map<Integer, List<Integer>> byParam = new LinkedHashMap<>();
            for (int h = 0; h < hsParam.length; h++) {
                byParam.computeIfAbsent(hsParam[h], x -> new ArrayList<>()).add(h);
            }
            int total = 0;
            for (int h = 0; h < hsParam.length; h++) {
                total += blockStart[hsBlock[h] + 1] - blockStart[hsBlock[h]];
            }
            hlStart = new int[byParam.size() + 1];
            hlParam = new int[byParam.size()];
            hlBin = new int[total];
            hlLinear = new double[total];
            hlBasis = new double[total];
            int j = 0;
            int q = 0;
            for (var en : byParam.entrySet()) {
                hlStart[j] = q;
                hlParam[j++] = en.getKey();
                for (int h : en.getValue()) {
                    int start = blockStart[hsBlock[h]];
                    int len = blockStart[hsBlock[h] + 1] - start;
                    for (int b = 0; b < len; b++) {
                        hlBin[q] = start + b;
                        hlLinear[q] = histosysKernel.linearCoefficient(hsTriple[h] + b);
                        hlBasis[q++] = histosysKernel.basisCoefficient(hsTriple[h] + b);
                    }
                }
            }
            hlStart[j] = q;
        }

        private static InterpolationKernel kernel(InterpolationCode code, List<double[]> triples, List<String> names) {
            int n = triples.size();
            double[] lo = new double[n];
            double[] nom = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                lo[i] = triples.get(i)[0];
                nom[i] = triples.get(i)[1];
                hi[i] = triples.get(i)[2];
            }
            try {
                return new InterpolationKernel(code, lo, nom, hi, names.toArray(String[]::new));
            } catch (InvalidWorkspaceException e) {
                throw e;
            } catch (InvalidInputException e) {
                throw new InvalidWorkspaceException(e.getMessage(), e);
            }
        }

        /** Step 6: constraint terms and auxiliary data, in parameter order (pyhf's auxdata order). */
        private void buildConstraints() {
            int npar = parameters.size();
            constraintType = new ConstraintType[npar];
            constraintCentre = new double[npar];
            constraintWidth = new double[npar];
            Arrays.fill(constraintType, ConstraintType.NONE);
            Arrays.fill(constraintCentre, Double.NaN);
            Arrays.fill(constraintWidth, Double.NaN);
            List<Double> aux = new ArrayList<>();
            List<int[]> g = new ArrayList<>();
            List<Double> gSigma = new ArrayList<>();
            List<int[]> pz = new ArrayList<>();
            List<Double> tau = new ArrayList<>();
            for (ParSet p : sets.values()) {
                if (!p.constrained()) {
                    continue;
                }
                for (int i = 0; i < p.n; i++) {
                    int par = p.offset + i;
                    if (p.kind == Kind.SHAPESYS) {
                        pz.add(new int[] {par, aux.size()});
                        tau.add(p.tau[i]);
                        constraintType[par] = ConstraintType.POISSON;
                        constraintCentre[par] = p.aux[i] / p.tau[i];
                        constraintWidth[par] = 1 / Math.sqrt(p.tau[i]);
                    } else {
                        g.add(new int[] {par, aux.size()});
                        gSigma.add(p.sigma[i]);
                        constraintType[par] = ConstraintType.GAUSSIAN;
                        constraintCentre[par] = p.aux[i];
                        constraintWidth[par] = p.sigma[i];
                    }
                    aux.add(p.aux[i]);
                }
            }
            auxNominal = aux.stream().mapToDouble(Double::doubleValue).toArray();
            gParam = g.stream().mapToInt(x -> x[0]).toArray();
            gAux = g.stream().mapToInt(x -> x[1]).toArray();
            gInvVar = new double[g.size()];
            double constant = 0;
            for (int i = 0; i < g.size(); i++) {
                double s = gSigma.get(i);
                gInvVar[i] = 1 / (s * s);
                constant += 2 * Math.log(s) + LN_2PI;
            }
            gConstant = constant;
            pParam = pz.stream().mapToInt(x -> x[0]).toArray();
            pAux = pz.stream().mapToInt(x -> x[1]).toArray();
            pTau = tau.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** Step 7: observed data in model order; no observed events where nothing can be expected. */
        private void checkObservations() {
            observedMain = new double[mainSize];
            for (int c = 0; c < channelNames.size(); c++) {
                double[] d = ws.observation(channelNames.get(c)).data();
                System.arraycopy(d, 0, observedMain, channelOffset[c], d.length);
            }
            double[] reach = new double[mainSize];
            for (int i = 0; i < nominal.length; i++) {
                reach[binMain[i]] += nominal[i];
            }
            for (int h = 0; h < hsParam.length; h++) {
                int k = hsBlock[h];
                for (int b = 0; b < blockStart[k + 1] - blockStart[k]; b++) {
                    int t = hsTriple[h] + b;
                    double[] out = new double[2];
                    histosysKernel.shift(1, t, out, 0);
                    double up = Math.abs(out[0]);
                    histosysKernel.shift(-1, t, out, 0);
                    reach[binMain[blockStart[k] + b]] += up + Math.abs(out[0]);
                }
            }
            for (int c = 0; c < channelNames.size(); c++) {
                for (int b = 0; b < channelBins[c]; b++) {
                    int i = channelOffset[c] + b;
                    if (reach[i] == 0 && observedMain[i] > 0) {
                        throw new InvalidWorkspaceException("channel '" + channelNames.get(c) + "', bin " + b + ": "
                                + observedMain[i] + " events observed but every sample expects 0 there (the"
                                + " likelihood would vanish); add a background or merge the bin");
                    }
                }
            }
        }
    }

}
