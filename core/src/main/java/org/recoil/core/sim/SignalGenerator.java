package org.recoil.core.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.recoil.core.ComputationException;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.mc.RandomStreams;
import org.recoil.core.mc.VegasGrid;
import org.recoil.core.mc.VegasIntegrator;
import org.recoil.core.physics.CrossSectionResult;
import org.recoil.core.physics.ProductionCrossSection;
import org.recoil.core.physics.ThreeBodyPhaseSpace;

/**
 * Unweighted signal events e⁺e⁻ → μ⁺μ⁻Z′ (Z′ invisible) at one Z′ mass from the exact tree-level
 * matrix element ({@link ProductionCrossSection#eventDensity(double)}), as an {@link EventGenerator}:
 * events are produced in the centre-of-mass frame of the beams, moved to the laboratory and passed
 * through the {@link DetectorSmearing detector response} exactly like the background generators, and
 * normalised to σ(g′ = 1) ({@link #crossSectionPb()}, the precise beam-averaged integral of
 * {@link ProductionCrossSection#sigma(double, double, long)} at the beams' √s).
 *
 * <p>Unweighting (set up once per generator, deterministically from the setup seed): a VEGAS grid
 * is adapted to {@code dσ/d⁵u} on top of the soft/collinear phase-space mapping; the largest weight
 * {@code w = (dσ/d⁵u) J} of a warm-up sample on the frozen grid, times a safety factor
 * {@value #MAX_WEIGHT_SAFETY}, is {@code w_max}; an event is then a trial point accepted with
 * probability {@code min(1, w / w_max)} (acceptance–rejection, F. James, Rep. Prog. Phys. 43 (1980)
 * 1145, Sect. 4). A trial with {@code w > w_max} ("overweight") is accepted with weight 1, which
 * biases its region by {@code w / w_max − 1}; {@link #overweightFraction()} estimates the fraction
 * of such events from an independent check sample (it is typically 0 or below 1e-5).
 *
 * <p>Events: sample name {@link SyntheticDataset#signalSampleName(double)} (e.g.
 * {@code zprime_2.000}); {@code mu1} is the μ⁺, {@code mu2} the μ⁻ ({@link SimulatedEvents});
 * no photons, so the extra energy is 0; the generator-level recoil mass² is M_Z′². Multiply the
 * weights by {@code g′² BR(Z′ → invisible)} for a physical coupling. Immutable and thread-safe;
 * the same arguments give bit-identical events whatever the number of threads.
 */
public final class SignalGenerator extends AbstractEventGenerator {
    /** Default seed of the setup (σ, grid adaptation, maximum weight). */
    public static final long DEFAULT_SETUP_SEED = 20240229L;
    /** Size of the warm-up sample for the maximum weight and of the overweight check sample. */
    public static final int WARMUP = 100_000;
    /** {@code w_max} = this factor times the largest warm-up weight. */
    public static final double MAX_WEIGHT_SAFETY = 1.2;
    /** Relative precision of the σ normalisation. */
    public static final double SIGMA_PRECISION = 1e-3;

    private static final long KEY_ADAPT = 11L;
    private static final long KEY_WARMUP = 12L;
    private static final long KEY_CHECK = 13L;
    private static final double[] NO_PHOTONS = new double[0];

    private final ProductionCrossSection crossSection;
    private final double zPrimeMass;
    private final double crossSectionErrorPb;
    private final VegasGrid grid;
    private final double maxWeight;
    private final double meanWeight;
    private final double overweightFraction;

    private SignalGenerator(CollisionFrame frame, DetectorSmearing detector, ProductionCrossSection crossSection,
                            double zPrimeMass, CrossSectionResult sigma, VegasGrid grid, double maxWeight,
                            double meanWeight, double overweightFraction) {
        super(SyntheticDataset.signalSampleName(zPrimeMass), sigma.sigmaPb(), frame, detector);
        this.crossSection = crossSection;
        this.zPrimeMass = zPrimeMass;
        this.crossSectionErrorPb = sigma.errorPb();
        this.grid = grid;
        this.maxWeight = maxWeight;
        this.meanWeight = meanWeight;
        this.overweightFraction = overweightFraction;
    }

    /**
     * Signal for the Belle II beams ({@link BeamConfiguration#belle2()}) and detector
     * ({@link DetectorSmearing#belle2()}).
     *
     * @param zPrimeMass Z′ mass in GeV
     * @return the generator
     */
    public static SignalGenerator belle2(double zPrimeMass) {
        return of(zPrimeMass, BeamConfiguration.belle2(), DetectorSmearing.belle2());
    }

    /**
     * Generator-level signal: no resolution and no acceptance (all generated events are kept).
     *
     * @param zPrimeMass Z′ mass in GeV
     * @param beams the beams
     * @return the generator
     */
    public static SignalGenerator truthLevel(double zPrimeMass, BeamConfiguration beams) {
        return of(zPrimeMass, beams, DetectorSmearing.belle2().withoutResolution().withAcceptanceApplied(false));
    }

    /**
     * @param zPrimeMass Z′ mass in GeV, in (0, √s − 2m_μ) with √s of the beams
     * @param beams the beams (√s, laboratory frame)
     * @param detector the detector response
     * @return the generator, set up with {@link #DEFAULT_SETUP_SEED}
     */
    public static SignalGenerator of(double zPrimeMass, BeamConfiguration beams, DetectorSmearing detector) {
        return of(zPrimeMass, beams, detector, DEFAULT_SETUP_SEED);
    }

    /**
     * @param zPrimeMass Z′ mass in GeV, in (0, √s − 2m_μ) with √s of the beams
     * @param beams the beams (√s, laboratory frame)
     * @param detector the detector response
     * @param setupSeed seed of the σ integral, the grid adaptation and the maximum-weight search
     * @return the generator
     * @throws org.recoil.core.InvalidInputException for a mass outside the kinematic range
     * @throws ComputationException if the matrix element vanishes on the warm-up sample
     */
    public static SignalGenerator of(double zPrimeMass, BeamConfiguration beams, DetectorSmearing detector,
                                     long setupSeed) {
        java.util.Objects.requireNonNull(detector, "detector");
        CollisionFrame frame = new CollisionFrame(beams);
        ProductionCrossSection xs = new ProductionCrossSection(frame.sqrtS());
        CrossSectionResult sigma = xs.sigma(zPrimeMass, SIGMA_PRECISION, setupSeed);
        ProductionCrossSection.EventDensity density = xs.eventDensity(zPrimeMass);
        long massKey = Double.doubleToLongBits(zPrimeMass);
        int dim = ThreeBodyPhaseSpace.DIMENSION;
        VegasGrid grid = VegasIntegrator.defaults().withAdaptation(10, 10_000)
                .adapt(density, dim, RandomStreams.stream(setupSeed, KEY_ADAPT, massKey));
        double[] y = new double[dim];
        double[] x = new double[dim];
        UniformRandomProvider warm = RandomStreams.stream(setupSeed, KEY_WARMUP, massKey);
        double largest = 0.0;
        double sum = 0.0;
        for (int i = 0; i < WARMUP; i++) {
            double w = weight(density, grid, warm, y, x);
            sum += w;
            largest = Math.max(largest, w);
        }
        if (!(largest > 0.0)) {
            throw new ComputationException("signal generator: all warm-up weights vanish at Z' mass " + zPrimeMass
                    + " GeV");
        }
        double mean = sum / WARMUP;
        double maxWeight = MAX_WEIGHT_SAFETY * largest;
        UniformRandomProvider check = RandomStreams.stream(setupSeed, KEY_CHECK, massKey);
        int over = 0;
        for (int i = 0; i < WARMUP; i++) {
            if (weight(density, grid, check, y, x) > maxWeight) {
                over++;
            }
        }
        // per trial, P(accept) = mean / w_max; overweights are always accepted
        double overweightFraction = (double) over / WARMUP / (mean / maxWeight);
        return new SignalGenerator(frame, detector, xs, zPrimeMass, sigma, grid, maxWeight, mean, overweightFraction);
    }

    private static double weight(ProductionCrossSection.EventDensity density, VegasGrid grid,
                                 UniformRandomProvider rng, double[] y, double[] x) {
        for (int d = 0; d < y.length; d++) {
            y[d] = rng.nextDouble();
        }
        double jac = grid.map(y, x, null);
        return density.value(x) * jac;
    }

    /** @return the Z′ mass in GeV */
    public double zPrimeMass() {
        return zPrimeMass;
    }

    /** @return the statistical error of {@link #crossSectionPb()} in pb */
    public double crossSectionErrorPb() {
        return crossSectionErrorPb;
    }

    /** @return the cross-section calculator (√s of the beams, physical muon mass) */
    public ProductionCrossSection productionCrossSection() {
        return crossSection;
    }

    /** @return the maximum weight {@code w_max} of the acceptance–rejection, pb */
    public double maxWeight() {
        return maxWeight;
    }

    /** @return the expected fraction of trial points accepted, {@code ⟨w⟩ / w_max} (from the warm-up) */
    public double unweightingEfficiency() {
        return meanWeight / maxWeight;
    }

    /** @return the estimated fraction of events whose weight exceeded {@code w_max} (kept with weight 1) */
    public double overweightFraction() {
        return overweightFraction;
    }

    @Override
    Simulator newSimulator() {
        return new SignalSimulator(crossSection.eventDensity(zPrimeMass));
    }

    /** One block's acceptance–rejection loop with its own matrix-element scratch space. */
    private final class SignalSimulator implements Simulator {
        private final ProductionCrossSection.EventDensity density;
        private final double[] y = new double[ThreeBodyPhaseSpace.DIMENSION];
        private final double[] x = new double[ThreeBodyPhaseSpace.DIMENSION];

        SignalSimulator(ProductionCrossSection.EventDensity density) {
            this.density = density;
        }

        @Override
        public void simulate(UniformRandomProvider rng, Recorder recorder) {
            while (true) {
                double w = weight(density, grid, rng, y, x);
                if (rng.nextDouble() * maxWeight < w) {
                    recorder.record(density.muPlus(), density.muMinus(), NO_PHOTONS, 0);
                    return;
                }
            }
        }
    }
}
