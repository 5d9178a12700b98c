package org.recoil.core.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventTable;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.mc.RandomStreams;
import org.recoil.core.mc.VegasGrid;
import org.recoil.core.mc.VegasIntegrator;
import org.recoil.core.physics.ProductionCrossSection;
import org.recoil.core.physics.ThreeBodyPhaseSpace;

/**
 * Unweighted signal events e⁺e⁻ → μ⁻μ⁺Z′ from the exact tree-level matrix element of
 * {@link ProductionCrossSection#eventDensity(double)}, boosted to the laboratory frame of the
 * beams, with an optional {@link DetectorSmearing}.
 *
 * <p>Method: a VEGAS grid is adapted to {@code dσ/d⁵u} on top of the analytic soft/collinear
 * phase-space mapping; a warm-up sample on the frozen grid gives the maximum weight
 * {@code w_max}; then points are drawn on the grid and accepted with probability
 * {@code min(1, w / w_max)} (acceptance–rejection, e.g. F. James, Rep. Prog. Phys. 43 (1980) 1145,
 * Sect. 4). An accepted point with {@code w > w_max} (an "overweight" event, reported as a
 * fraction) keeps the relative weight {@code w / w_max}, so the sample stays unbiased. The σ
 * estimate is the mean weight of all trial points.
 *
 * <p>Randomness: the grid adaptation, the warm-up, the generation and the smearing each use a
 * stream derived from (seed, Z′ mass) ({@link RandomStreams}), so the same seed gives identical
 * events and switching the smearing on does not change the generated events. Instances are
 * immutable; {@link #generate} is thread-safe.
 */
public final class SignalGenerator {
    /** Default sample name of the generated events. */
    public static final String DEFAULT_SAMPLE = "signal";
    /** Default warm-up size for the maximum weight. */
    public static final int DEFAULT_WARMUP = 100_000;

    private static final long KEY_ADAPT = 11L;
    private static final long KEY_WARMUP = 12L;
    private static final long KEY_GENERATE = 13L;
    private static final long KEY_SMEAR = 14L;

    private final ProductionCrossSection crossSection;
    private final LabFrame labFrame;
    private final VegasIntegrator vegas;
    private final int warmup;

    /**
     * A generator for the Belle II beams ({@link BeamConfiguration#belle2()}, √s = 10.5739 GeV).
     */
    public SignalGenerator() {
        this(BeamConfiguration.belle2());
    }

    /**
     * A generator at the centre-of-mass energy of the beams, with the physical muon mass.
     *
     * @param beams the beams defining the laboratory frame and √s
     */
    public SignalGenerator(BeamConfiguration beams) {
        this(new ProductionCrossSection(beams.sqrtS()), beams);
    }

    /**
     * @param crossSection the process (its √s must be that of the beams)
     * @param beams the beams defining the laboratory frame
     * @throws InvalidInputException if the √s of the two differ (the events would not conserve
     *     four-momentum in the laboratory, and recoil masses would be shifted)
     */
    public SignalGenerator(ProductionCrossSection crossSection, BeamConfiguration beams) {
        this(crossSection, beams, VegasIntegrator.defaults().withAdaptation(10, 10_000), DEFAULT_WARMUP);
    }

    /**
     * @param crossSection the process (its √s must be that of the beams)
     * @param beams the beams
     * @param vegas grid-adaptation settings
     * @param warmup number of warm-up points for the maximum weight (at least 1000)
     */
    public SignalGenerator(ProductionCrossSection crossSection, BeamConfiguration beams, VegasIntegrator vegas,
                           int warmup) {
        this.crossSection = java.util.Objects.requireNonNull(crossSection, "crossSection");
        this.labFrame = new LabFrame(java.util.Objects.requireNonNull(beams, "beams"));
        this.vegas = java.util.Objects.requireNonNull(vegas, "vegas");
        if (Math.abs(crossSection.sqrtS() - beams.sqrtS()) > 1e-9 * beams.sqrtS()) {
            throw new InvalidInputException("signal generator: the cross section is at sqrt(s) = " + crossSection.sqrtS()
                    + " GeV but the beams give sqrt(s) = " + beams.sqrtS() + " GeV; use new ProductionCrossSection("
                    + "beams.sqrtS())");
        }
        if (warmup < 1000) {
            throw new InvalidInputException("signal generator warm-up must be at least 1000 points, got " + warmup);
        }
        this.warmup = warmup;
    }

    /**
     * Generator-level (truth) events.
     *
     * @param zPrimeMass Z′ mass in GeV
     * @param events number of unweighted events, at least 1
     * @param seed random seed
     * @return the sample
     */
    public SignalSample generate(double zPrimeMass, int events, long seed) {
        return generate(zPrimeMass, events, seed, null);
    }

    /**
     * Unweighted events in the sample {@value #DEFAULT_SAMPLE}, optionally smeared.
     *
     * @param zPrimeMass Z′ mass in GeV, in (0, √s − 2m_μ)
     * @param events number of unweighted events to generate, at least 1
     * @param seed random seed
     * @param smearing detector response, or null for generator-level events
     * @return the sample
     */
    public SignalSample generate(double zPrimeMass, int events, long seed, DetectorSmearing smearing) {
        return generate(zPrimeMass, events, seed, smearing, DEFAULT_SAMPLE);
    }

    /**
     * Unweighted events, optionally smeared (rows failing the detector acceptance are dropped).
     *
     * @param zPrimeMass Z′ mass in GeV, in (0, √s − 2m_μ)
     * @param events number of unweighted events to generate, at least 1
     * @param seed random seed
     * @param smearing detector response, or null for generator-level events
     * @param sampleName the sample name of the events in the table
     * @return the sample
     * @throws InvalidInputException for a bad mass, count or sample name
     */
    public SignalSample generate(double zPrimeMass, int events, long seed, DetectorSmearing smearing,
                                 String sampleName) {
        if (sampleName == null || sampleName.isBlank()) {
            throw new InvalidInputException("signal sample name must not be blank");
        }
        if (events < 1) {
            throw new InvalidInputException("number of signal events must be at least 1, got " + events);
        }
        ProductionCrossSection.EventDensity density = crossSection.eventDensity(zPrimeMass);
        long massKey = Double.doubleToLongBits(zPrimeMass);
        int dim = ThreeBodyPhaseSpace.DIMENSION;
        VegasGrid grid = vegas.adapt(density, dim, RandomStreams.stream(seed, KEY_ADAPT, massKey));

        double[] y = new double[dim];
        double[] x = new double[dim];
        UniformRandomProvider warm = RandomStreams.stream(seed, KEY_WARMUP, massKey);
        double maxWeight = 0.0;
        for (int i = 0; i < warmup; i++) {
            double w = weight(density, grid, warm, y, x);
            if (w > maxWeight) {
                maxWeight = w;
            }
        }
        if (!(maxWeight > 0.0)) {
            throw new org.recoil.core.ComputationException("signal generator: all warm-up weights are zero at Z' mass "
                    + zPrimeMass + " GeV");
        }

        double[] m1 = new double[events * 3];
        double[] m2 = new double[events * 3];
        double[] factor = new double[events];
        LabFrame lab = labFrame;
        double[] l1 = new double[4];
        double[] l2 = new double[4];
        UniformRandomProvider gen = RandomStreams.stream(seed, KEY_GENERATE, massKey);
        long trials = 0;
        double mean = 0.0;
        double m2sum = 0.0;
        int overweight = 0;
        double factorSum = 0.0;
        int n = 0;
        while (n < events) {
            double w = weight(density, grid, gen, y, x);
            trials++;
            double delta = w - mean;
            mean += delta / trials;
            m2sum += delta * (w - mean);
            if (gen.nextDouble() * maxWeight < w) {
                lab.toLab(density.muMinus(), l1);
                lab.toLab(density.muPlus(), l2);
                m1[3 * n] = l1[1];
                m1[3 * n + 1] = l1[2];
                m1[3 * n + 2] = l1[3];
                m2[3 * n] = l2[1];
                m2[3 * n + 1] = l2[2];
                m2[3 * n + 2] = l2[3];
                double f = 1.0;
                if (w > maxWeight) {
                    overweight++;
                    f = w / maxWeight;
                }
                factor[n] = f;
                factorSum += f;
                n++;
            }
        }
        double sigma = mean;
        double sigmaError = Math.sqrt(m2sum / (trials - 1) / trials);

        // detector response (its own stream), then columns
        double muonMass = crossSection.muonMass();
        NormalizedGaussianSampler gauss = smearing == null ? null
                : ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(seed, KEY_SMEAR, massKey));
        EventTable.Builder table = EventTable.builder();
        for (int i = 0; i < events; i++) {
            fill(l1, m1, i, muonMass);
            fill(l2, m2, i, muonMass);
            if (smearing != null) {
                smearing.smearMuon(l1, 1, gauss);
                smearing.smearMuon(l2, 1, gauss);
                if (!smearing.inTrackAcceptance(l1[1], l1[2], l1[3])
                        || !smearing.inTrackAcceptance(l2[1], l2[2], l2[3])) {
                    continue;
                }
            }
            table.add(l1[1], l1[2], l1[3], -1, l2[1], l2[2], l2[3], +1, 2, 0.0, sigma * factor[i] / factorSum,
                    sampleName);
        }
        if (table.size() == 0) {
            throw new org.recoil.core.ComputationException("signal generator: no event of " + events
                    + " passed the detector acceptance at Z' mass " + zPrimeMass + " GeV");
        }
        return new SignalSample(table.build(), zPrimeMass, crossSection.sqrtS(), seed, sigma, sigmaError, events,
                trials, maxWeight, (double) overweight / events, smearing);
    }

    private static double weight(ProductionCrossSection.EventDensity density, VegasGrid grid,
                                 UniformRandomProvider rng, double[] y, double[] x) {
        for (int d = 0; d < y.length; d++) {
            y[d] = rng.nextDouble();
        }
        double jac = grid.map(y, x, null);
        return density.value(x) * jac;
    }

    private static void fill(double[] p, double[] packed, int i, double mass) {
        p[1] = packed[3 * i];
        p[2] = packed[3 * i + 1];
        p[3] = packed[3 * i + 2];
        p[0] = Math.sqrt(p[1] * p[1] + p[2] * p[2] + p[3] * p[3] + mass * mass);
    }

    /** @return the beams */
    public BeamConfiguration beams() {
        return labFrame.beams();
    }

    /** @return the cross-section calculator */
    public ProductionCrossSection crossSection() {
        return crossSection;
    }
}
