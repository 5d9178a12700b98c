package org.recoil.core.physics;

import org.apache.commons.rng.UniformRandomProvider;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.mc.Integrand;
import org.recoil.core.mc.RandomStreams;
import org.recoil.core.mc.VegasIntegrator;
import org.recoil.core.mc.VegasResult;

/**
 * Tree-level cross section of e⁺e⁻ → γ* → μ⁺μ⁻Z′ in the L_μ − L_τ model, Z′ radiated off either
 * muon (two diagrams), massive muons, no initial-state radiation, no Z exchange, for g′ = 1
 * ({@code σ ∝ g′²}).
 *
 * <p>{@code σ = (1 / 2s) ∫ |M|² dΦ₃} with the spin-averaged {@code |M|² = e⁴ g′² X / (4 s²)} of
 * {@link MuonPairZPrimeMatrixElement} (numerical helicity sum) and the phase space of
 * {@link ThreeBodyPhaseSpace} (analytic mapping of the soft and collinear peaks), integrated by
 * {@link VegasIntegrator} with a reported statistical error. The total cross section integrates
 * the beam-averaged matrix element over the two non-trivial variables (the three orientation
 * angles analytically); {@link #eventDensity} gives the full matrix element over all five
 * variables, used for fiducial cross sections ({@code org.recoil.core.sim.FiducialCrossSection})
 * and event generation ({@code org.recoil.core.sim.SignalGenerator}). The Born cross section e⁺e⁻ → μ⁺μ⁻ uses the same spinors,
 * lepton tensor and normalisation.
 *
 * <p>Randomness: each call draws from a stream derived from (seed, Z′ mass) by
 * {@link RandomStreams}, so a mass point gives the same number alone or inside a scan. Instances
 * are immutable and thread-safe.
 */
public final class ProductionCrossSection {
    /** Default relative statistical precision (0.3%). */
    public static final double DEFAULT_PRECISION = 0.003;
    /** Default seed. */
    public static final long DEFAULT_SEED = 20240229L;

    private static final long KEY_TOTAL = 1L;
    private static final long KEY_BORN = 3L;

    private final double sqrtS;
    private final double muonMass;
    private final VegasIntegrator integrator;

    /** σ at the Belle II energy √s = 10.58 GeV with the physical muon mass. */
    public ProductionCrossSection() {
        this(PhysicsConstants.SQRT_S_BELLE2);
    }

    /** @param sqrtS centre-of-mass energy in GeV (above 2 m_μ) */
    public ProductionCrossSection(double sqrtS) {
        this(sqrtS, PhysicsConstants.MUON_MASS, VegasIntegrator.defaults());
    }

    /**
     * @param sqrtS centre-of-mass energy in GeV
     * @param muonMass muon mass in GeV (the physical value except for massless-limit checks)
     * @param integrator the VEGAS settings
     */
    public ProductionCrossSection(double sqrtS, double muonMass, VegasIntegrator integrator) {
        if (!(muonMass > 0.0) || !Double.isFinite(muonMass)) {
            throw new InvalidInputException("muon mass must be positive, got " + muonMass + " GeV");
        }
        if (!(sqrtS > 2.0 * muonMass) || !Double.isFinite(sqrtS)) {
            throw new InvalidInputException("sqrt(s) must exceed 2 m_mu = " + 2.0 * muonMass + " GeV, got " + sqrtS);
        }
        this.sqrtS = sqrtS;
        this.muonMass = muonMass;
        this.integrator = java.util.Objects.requireNonNull(integrator, "integrator");
    }

    /**
     * @param newMuonMass muon mass in GeV
     * @return a copy with another muon mass (for the m_μ → 0 checks)
     */
    public ProductionCrossSection withMuonMass(double newMuonMass) {
        return new ProductionCrossSection(sqrtS, newMuonMass, integrator);
    }

    /** @return √s in GeV */
    public double sqrtS() {
        return sqrtS;
    }

    /** @return the muon mass in GeV */
    public double muonMass() {
        return muonMass;
    }

    /** @return the VEGAS settings */
    public VegasIntegrator integrator() {
        return integrator;
    }

    /** @return the kinematic limit √s − 2m_μ of the Z′ mass in GeV (excluded) */
    public double maxZPrimeMass() {
        return sqrtS - 2.0 * muonMass;
    }

    /**
     * Point-like Born cross section {@code σ(e⁺e⁻ → μ⁺μ⁻) = 4πα² / (3s)} for massless muons.
     *
     * @param sqrtS centre-of-mass energy in GeV
     * @return the cross section in pb
     */
    public static double bornSigmaPointLike(double sqrtS) {
        double a = PhysicsConstants.ALPHA;
        return 4.0 * Math.PI * a * a / (3.0 * sqrtS * sqrtS) * PhysicsConstants.GEV2_TO_PB;
    }

    /**
     * σ(e⁺e⁻ → μ⁺μ⁻Z′) at the default precision and seed.
     *
     * @param zPrimeMass Z′ mass in GeV, in (0, √s − 2m_μ)
     * @return σ for g′ = 1 with its statistical error
     */
    public CrossSectionResult sigma(double zPrimeMass) {
        return sigma(zPrimeMass, DEFAULT_PRECISION, DEFAULT_SEED);
    }

    /**
     * σ(e⁺e⁻ → μ⁺μ⁻Z′) to a requested relative statistical precision.
     *
     * @param zPrimeMass Z′ mass in GeV, in (0, √s − 2m_μ)
     * @param relativePrecision target relative standard error, in (0, 0.5]
     * @param seed random seed
     * @return σ for g′ = 1 with its statistical error
     * @throws InvalidInputException for a mass or precision out of range
     * @throws ComputationException if the precision cannot be reached
     */
    public CrossSectionResult sigma(double zPrimeMass, double relativePrecision, long seed) {
        checkPrecision(relativePrecision);
        ThreeBodyPhaseSpace phaseSpace = phaseSpace(zPrimeMass);
        MuonPairZPrimeMatrixElement me = new MuonPairZPrimeMatrixElement(muonMass);
        double norm = normalisation();
        double[] q1 = new double[4];
        double[] q2 = new double[4];
        double[] k = new double[4];
        Integrand f = u -> {
            double w = phaseSpace.generateReduced(u, q1, q2, k);
            return w == 0.0 ? 0.0 : norm * w * me.beamAveraged(q1, q2, k);
        };
        UniformRandomProvider rng = RandomStreams.stream(seed, KEY_TOTAL, Double.doubleToLongBits(zPrimeMass));
        VegasResult r = integrate(f, ThreeBodyPhaseSpace.REDUCED_DIMENSION, relativePrecision, rng, zPrimeMass);
        return new CrossSectionResult(zPrimeMass, sqrtS, r.value(), r.error(), r.calls());
    }

    /**
     * Born cross section σ(e⁺e⁻ → γ* → μ⁺μ⁻) by Monte Carlo with the same spinors, lepton tensor,
     * flux and phase-space normalisation as the Z′ process (the normalisation check).
     *
     * @param relativePrecision target relative error
     * @param seed random seed
     * @return σ_Born in pb (with the muon mass: 4πα²/(3s) · β(3 − β²)/2)
     */
    public CrossSectionResult bornSigma(double relativePrecision, long seed) {
        checkPrecision(relativePrecision);
        MuonPairZPrimeMatrixElement me = new MuonPairZPrimeMatrixElement(muonMass);
        double norm = normalisation();
        double[] p1 = beam(+1);
        double[] p2 = beam(-1);
        double[] q1 = new double[4];
        double[] q2 = new double[4];
        Integrand f = u -> norm * ThreeBodyPhaseSpace.generateTwoBody(sqrtS, muonMass, u, q1, q2)
                * me.bornContracted(p1, p2, q1, q2);
        UniformRandomProvider rng = RandomStreams.stream(seed, KEY_BORN);
        VegasResult r = integrate(f, 2, relativePrecision, rng, 0.0);
        return new CrossSectionResult(0.0, sqrtS, r.value(), r.error(), r.calls());
    }

    /**
     * Differential cross section {@code dσ / dx₁ dx₂} (orientation integrated) at the energy
     * fractions {@code x₁ = 2E(μ⁻)/√s}, {@code x₂ = 2E(μ⁺)/√s}, from {@code dΦ₃ = s dx₁ dx₂ / (128π³)}
     * (PDG Review "Kinematics", Eq. (49.22)). Zero outside the Dalitz region.
     *
     * @param zPrimeMass Z′ mass in GeV
     * @param x1 μ⁻ energy fraction
     * @param x2 μ⁺ energy fraction
     * @return dσ/dx₁dx₂ in pb for g′ = 1
     */
    public double dalitzDensity(double zPrimeMass, double x1, double x2) {
        phaseSpace(zPrimeMass);
        double[] q1 = new double[4];
        double[] q2 = new double[4];
        double[] k = new double[4];
        double e1 = 0.5 * x1 * sqrtS;
        double e2 = 0.5 * x2 * sqrtS;
        double ek = sqrtS - e1 - e2;
        if (e1 <= muonMass || e2 <= muonMass || ek <= zPrimeMass) {
            return 0.0;
        }
        double p1 = Math.sqrt((e1 - muonMass) * (e1 + muonMass));
        double p2 = Math.sqrt((e2 - muonMass) * (e2 + muonMass));
        double pk = Math.sqrt((ek - zPrimeMass) * (ek + zPrimeMass));
        double cos12 = (pk * pk - p1 * p1 - p2 * p2) / (2.0 * p1 * p2);
        if (Math.abs(cos12) > 1.0) {
            return 0.0;
        }
        double sin12 = Math.sqrt((1.0 - cos12) * (1.0 + cos12));
        q1[0] = e1;
        q1[3] = p1;
        q2[0] = e2;
        q2[1] = p2 * sin12;
        q2[3] = p2 * cos12;
        k[0] = ek;
        k[1] = -q2[1];
        k[3] = -q1[3] - q2[3];
        double s = sqrtS * sqrtS;
        double x = new MuonPairZPrimeMatrixElement(muonMass).beamAveraged(q1, q2, k);
        return normalisation() * x * s / (128.0 * Math.PI * Math.PI * Math.PI);
    }

    /**
     * The fully differential cross section {@code dσ/d⁵u} in pb as a function of the five
     * phase-space variables, with the momenta of the last point (centre-of-mass frame, e⁻ along
     * +z); the basis of fiducial integrals and of event generation. VEGAS (see
     * {@link #integrator()}) may be applied to it directly.
     *
     * @param zPrimeMass Z′ mass in GeV
     * @return a new density (one per thread)
     */
    public EventDensity eventDensity(double zPrimeMass) {
        return new EventDensity(phaseSpace(zPrimeMass), new MuonPairZPrimeMatrixElement(muonMass), normalisation(),
                beam(+1), beam(-1));
    }

    /**
     * {@code dσ/d⁵u} of e⁺e⁻ → μ⁻μ⁺Z′ with the full (beam-direction dependent) matrix element.
     * Keeps the momenta of the last evaluated point; one instance per thread.
     */
    public static final class EventDensity implements Integrand {
        private final ThreeBodyPhaseSpace phaseSpace;
        private final MuonPairZPrimeMatrixElement me;
        private final double norm;
        private final double[] p1;
        private final double[] p2;
        private final double[] q1 = new double[4];
        private final double[] q2 = new double[4];
        private final double[] k = new double[4];

        private EventDensity(ThreeBodyPhaseSpace phaseSpace, MuonPairZPrimeMatrixElement me, double norm, double[] p1,
                             double[] p2) {
            this.phaseSpace = phaseSpace;
            this.me = me;
            this.norm = norm;
            this.p1 = p1;
            this.p2 = p2;
        }

        /**
         * @param u a point of [0,1)⁵
         * @return dσ/d⁵u in pb (g′ = 1)
         */
        @Override
        public double value(double[] u) {
            double w = phaseSpace.generate(u, q1, q2, k);
            return w == 0.0 ? 0.0 : norm * w * me.contracted(p1, p2, q1, q2, k);
        }

        /** @return the μ⁻ four-momentum of the last point (do not modify) */
        public double[] muMinus() {
            return q1;
        }

        /** @return the μ⁺ four-momentum of the last point (do not modify) */
        public double[] muPlus() {
            return q2;
        }

        /** @return the Z′ four-momentum of the last point (do not modify) */
        public double[] zPrime() {
            return k;
        }

        /** @return the phase space (mass, √s) */
        public ThreeBodyPhaseSpace phaseSpace() {
            return phaseSpace;
        }
    }

    private VegasResult integrate(Integrand f, int dimension, double precision, UniformRandomProvider rng,
                                  double mass) {
        try {
            return integrator.integrate(f, dimension, precision, rng);
        } catch (ComputationException e) {
            throw new ComputationException("cross section at Z' mass " + mass + " GeV, sqrt(s) = " + sqrtS + " GeV: "
                    + e.getMessage(), e);
        }
    }

    private ThreeBodyPhaseSpace phaseSpace(double zPrimeMass) {
        return new ThreeBodyPhaseSpace(sqrtS, muonMass, zPrimeMass);
    }

    /** {@code GEV2_TO_PB · e⁴ / (2s · 4s²)}: flux, spin average and photon propagator. */
    private double normalisation() {
        double s = sqrtS * sqrtS;
        double e2 = 4.0 * Math.PI * PhysicsConstants.ALPHA;
        return PhysicsConstants.GEV2_TO_PB * e2 * e2 / (2.0 * s * 4.0 * s * s);
    }

    private double[] beam(int direction) {
        double e = 0.5 * sqrtS;
        return new double[] {e, 0.0, 0.0, direction * e};
    }

    private static void checkPrecision(double relativePrecision) {
        if (!(relativePrecision > 0.0 && relativePrecision <= 0.5)) {
            throw new InvalidInputException("relative precision must be in (0, 0.5], got " + relativePrecision);
        }
    }
}
