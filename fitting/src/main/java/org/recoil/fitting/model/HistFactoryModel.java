package org.recoil.fitting.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.spec.InvalidWorkspaceException;
import org.recoil.fitting.spec.Measurement;
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
 * <p>The workspace is compiled into these flat arrays by {@link WorkspaceCompiler}; this class is the compiled
 * model and its evaluation ({@link HistFactoryEvaluator}). The sparsity of its Hessian, an arrow of per-bin
 * blocks and a dense global block, is {@link #arrowStructure()}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HistFactoryModel implements StatModel {

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

    private HistFactoryModel(WorkspaceCompiler c) {
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
        return new HistFactoryModel(new WorkspaceCompiler(ws, ws.measurement(measurement), options));
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
}
