package org.recoil.core.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.recoil.core.InvalidInputException;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.physics.PhysicsConstants;

/**
 * e+e- -> e+e- mu+mu- through two quasi-real photons (gamma gamma -> mu+ mu-), "untagged": both
 * beam leptons escape down the beam pipe. Muon pairs of low mass and small transverse momentum,
 * boosted along the beam, at high recoil mass.
 *
 * <p>Model, in the equivalent-photon (Weizsaecker-Williams) approximation (V.M. Budnev et al.,
 * Phys. Rep. 15 (1975) 181, eqs. 6.16-6.17 and D.4):
 * <ul>
 *   <li>photon flux per beam, leading logarithm: f(x) = (alpha/2 pi) (1 + (1 - x)^2)/x
 *       ln(Q2max/Q2min), Q2min = m_e^2 x^2/(1 - x), Q2max = E^2 (1 - x) theta_max^2, with
 *       theta_max = {@link #DEFAULT_THETA_MAX} (the scattered lepton stays within 0.1 rad of the
 *       beam in the CM frame, i.e. inside the beam pipe, well outside the calorimeter acceptance);</li>
 *   <li>gamma gamma -> mu+ mu- total cross section (Breit-Wheeler) sigma(W) = (4 pi alpha^2/W^2)
 *       [((3 - beta^4)/2) ln((1 + beta)/(1 - beta)) - beta (2 - beta^2)], beta the muon velocity;</li>
 *   <li>dsigma/dW = sigma(W) (2/W) int dy g(sqrt(tau) e^y) g(sqrt(tau) e^-y), g = x f(x),
 *       tau = W^2/s, tabulated in W on [W_min, W_max] (generator-level cut W &gt;
 *       {@link #DEFAULT_MIN_MASS}); the rapidity y = ln(x1/x2)/2 of the pair is then drawn from the
 *       integrand by rejection (g decreases in x, so g(tau/x_c)^2 bounds it);</li>
 *   <li>each photon's transverse momentum pT^2 = Q^2 (1 - x) with Q^2 log-uniform in
 *       [Q2min, Q2max] (the 1/Q^2 law), random azimuths; the pair gets their vector sum;</li>
 *   <li>mu+ mu- in the pair rest frame with the Breit-Wheeler angular distribution
 *       [1 + 2 beta^2 sin^2 - beta^4 (1 + sin^4)]/(1 - beta^2 cos^2)^2 about the beam axis.</li>
 * </ul>
 * Simplifications: photon virtuality neglected in the gamma gamma -> mu mu matrix element and in
 * the pair kinematics (the pair's energy is sqrt(W^2 + pT^2) cosh y rather than exactly
 * (x1 + x2) E), no radiative corrections, no tagged events (a detected e+ or e- would veto the
 * event anyway), no other two-photon channels.
 *
 * <p>Normalisation: {@link #DEFAULT_CROSS_SECTION_PB} = 18.9 nb (Belle II Physics Book,
 * arXiv:1808.10567, with generator-level cuts); the model's own EPA cross section for W &gt; 0.5 GeV
 * ({@link #modelCrossSectionPb()}) is about 21 nb.
 */
public final class TwoPhotonMuMuGenerator extends AbstractEventGenerator {
    /** sigma(e+e- -> e+e- mu+mu-) at 10.58 GeV with generator-level cuts, pb. */
    public static final double DEFAULT_CROSS_SECTION_PB = 18900.0;
    /** Sample name. */
    public static final String PROCESS = "eemumu";
    /** Largest CM scattering angle of an escaping (untagged) beam lepton, rad. */
    public static final double DEFAULT_THETA_MAX = 0.1;
    /** Generator-level lower cut on the muon-pair invariant mass, GeV. */
    public static final double DEFAULT_MIN_MASS = 0.5;
    private static final int MASS_NODES = 300;
    private static final double ME = PhysicsConstants.ELECTRON_MASS;

    private final double beamEnergy;
    private final double thetaMax;
    private final double xCut;
    private final double minMass;
    private final TabulatedSampler massSpectrum;

    private TwoPhotonMuMuGenerator(CollisionFrame frame, DetectorSmearing detector,
            double crossSectionPb, double thetaMax, double minMass) {
        super(PROCESS, crossSectionPb, frame, detector);
        this.beamEnergy = frame.sqrtS() / 2.0;
        this.thetaMax = thetaMax;
        this.minMass = minMass;
        // Q2max > Q2min  <=>  x < x_c = E theta/(m_e + E theta)
        this.xCut = beamEnergy * thetaMax / (ME + beamEnergy * thetaMax);
        double maxMass = frame.sqrtS() * xCut * 0.999;
        if (!(thetaMax > 0.0 && thetaMax < 1.0) || !(minMass > 2.0 * M_MU) || !(minMass < maxMass)) {
            throw new InvalidInputException("two-photon generator: expected 0 < theta_max < 1 rad and "
                    + "2 m_mu < W_min < " + maxMass + " GeV, got theta_max=" + thetaMax
                    + ", W_min=" + minMass);
        }
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(64, -1.0, 1.0);
        massSpectrum = new TabulatedSampler(TabulatedSampler.logNodes(minMass, maxMass, MASS_NODES),
                w -> massDensity(w, rule), "two-photon mass spectrum");
    }

    /** @return the generator for Belle II beams and detector, normalised to 18.9 nb */
    public static TwoPhotonMuMuGenerator belle2() {
        return of(BeamConfiguration.belle2(), DetectorSmearing.belle2(), DEFAULT_CROSS_SECTION_PB);
    }

    /**
     * @param beams the colliding beams (events are produced in their CM frame and returned in their
     *     lab frame)
     * @param detector the detector response
     * @param crossSectionPb the normalisation, pb
     * @return the generator
     */
    public static TwoPhotonMuMuGenerator of(BeamConfiguration beams, DetectorSmearing detector, double crossSectionPb) {
        return new TwoPhotonMuMuGenerator(new CollisionFrame(beams), detector, crossSectionPb,
                DEFAULT_THETA_MAX, DEFAULT_MIN_MASS);
    }

    /**
     * @return the model's own equivalent-photon cross section for W &gt; W_min, pb (a consistency
     *     check of the model against the quoted normalisation, not used for weights)
     */
    public double modelCrossSectionPb() {
        return massSpectrum.integral() * PhysicsConstants.GEV2_TO_PB;
    }

    /** @return the generator-level lower cut on the muon-pair mass, GeV */
    public double minMass() {
        return minMass;
    }

    /**
     * The leading-log equivalent-photon flux times x (Budnev et al. 1975, eq. D.4 leading term).
     *
     * @param x photon energy fraction
     * @return x f(x), 0 where Q2max &lt;= Q2min
     */
    double photonFluxTimesX(double x) {
        if (!(x > 0.0 && x < xCut)) {
            return 0.0;
        }
        double oneMinusX = 1.0 - x;
        double logRatio = 2.0 * Math.log(beamEnergy * thetaMax * oneMinusX / (ME * x));
        return PhysicsConstants.ALPHA / (2.0 * Math.PI) * (1.0 + oneMinusX * oneMinusX) * logRatio;
    }

    /**
     * The Breit-Wheeler total cross section sigma(gamma gamma -> mu+ mu-) in GeV^-2.
     *
     * @param w the pair invariant mass, GeV
     * @return sigma(W), 0 below threshold
     */
    static double breitWheeler(double w) {
        double r = 4.0 * M_MU * M_MU / (w * w);
        if (r >= 1.0) {
            return 0.0;
        }
        double b = Math.sqrt(1.0 - r);
        double b2 = b * b;
        return 4.0 * Math.PI * PhysicsConstants.ALPHA * PhysicsConstants.ALPHA / (w * w)
                * ((3.0 - b2 * b2) / 2.0 * Math.log((1.0 + b) / (1.0 - b)) - b * (2.0 - b2));
    }

    private double maxRapidity(double sqrtTau) {
        return Math.log(xCut / sqrtTau);
    }

    private double massDensity(double w, GaussIntegrator rule) {
        double sqrtTau = w / frame.sqrtS();
        double yMax = maxRapidity(sqrtTau);
        if (!(yMax > 0.0)) {
            return 0.0;
        }
        // int_{-yMax}^{yMax} g g dy with y = yMax t
        double integral = yMax * rule.integrate(t -> {
            double y = yMax * t;
            return photonFluxTimesX(sqrtTau * Math.exp(y)) * photonFluxTimesX(sqrtTau * Math.exp(-y));
        });
        return breitWheeler(w) * 2.0 / w * integral;
    }

    @Override
    Simulator newSimulator() {
        return new PairSimulator();
    }

    /** One block's event loop with its scratch four-vectors. */
    private final class PairSimulator implements Simulator {
        private final double[] sys = new double[4];
        private final double[] muPlus = new double[4];
        private final double[] muMinus = new double[4];
        private final double[] none = new double[0];

        @Override
        public void simulate(UniformRandomProvider rng, Recorder recorder) {
            double sqrtS = frame.sqrtS();
            double w = massSpectrum.sample(rng);
            double sqrtTau = w / sqrtS;
            double yMax = maxRapidity(sqrtTau);
            double bound = photonFluxTimesX(sqrtTau * sqrtTau / xCut);
            bound *= bound;
            double y;
            double x1;
            double x2;
            do {
                y = yMax * (2.0 * rng.nextDouble() - 1.0);
                x1 = sqrtTau * Math.exp(y);
                x2 = sqrtTau * Math.exp(-y);
            } while (rng.nextDouble() * bound > photonFluxTimesX(x1) * photonFluxTimesX(x2));
            double pt1 = photonTransverseMomentum(rng, x1);
            double pt2 = photonTransverseMomentum(rng, x2);
            double phi1 = 2.0 * Math.PI * rng.nextDouble();
            double phi2 = 2.0 * Math.PI * rng.nextDouble();
            double px = pt1 * Math.cos(phi1) + pt2 * Math.cos(phi2);
            double py = pt1 * Math.sin(phi1) + pt2 * Math.sin(phi2);
            double mt = Math.sqrt(w * w + px * px + py * py);
            sys[0] = mt * Math.cosh(y);
            sys[1] = px;
            sys[2] = py;
            sys[3] = mt * Math.sinh(y);
            double beta = Math.sqrt(1.0 - 4.0 * M_MU * M_MU / (w * w));
            double c = breitWheelerCosine(rng, beta);
            double pStar = w / 2.0 * beta;
            Lorentz.setPolar(muMinus, 0, M_MU, pStar, c, 2.0 * Math.PI * rng.nextDouble());
            muPlus[0] = muMinus[0];
            muPlus[1] = -muMinus[1];
            muPlus[2] = -muMinus[2];
            muPlus[3] = -muMinus[3];
            Lorentz.boostBy(muPlus, 0, sys, 0, false);
            Lorentz.boostBy(muMinus, 0, sys, 0, false);
            recorder.record(muPlus, muMinus, none, 0);
        }

        /** pT of the photon radiated with fraction x: Q^2 log-uniform in [Q2min, Q2max]. */
        private double photonTransverseMomentum(UniformRandomProvider rng, double x) {
            double oneMinusX = 1.0 - x;
            double q2min = ME * ME * x * x / oneMinusX;
            double q2max = beamEnergy * beamEnergy * oneMinusX * thetaMax * thetaMax;
            double q2 = q2min * Math.exp(rng.nextDouble() * Math.log(q2max / q2min));
            return Math.sqrt(q2 * oneMinusX);
        }
    }

    /**
     * Samples cos(theta*) of gamma gamma -> mu+ mu- in the pair rest frame from the Breit-Wheeler
     * distribution N/(1 - beta^2 c^2)^2, N = 1 + 2 beta^2 s^2 - beta^4 (1 + s^4): proposal
     * 1/(1 - beta^2 c^2) sampled exactly (c = tanh(u artanh beta)/beta), accepted with N/(2 (1 -
     * beta^2 c^2)), which is at most 1 because 2(1 - beta^2 c^2) - N = (1 - beta^2)^2 + beta^4 s^4.
     */
    static double breitWheelerCosine(UniformRandomProvider rng, double beta) {
        double atanhBeta = 0.5 * Math.log((1.0 + beta) / (1.0 - beta));
        double b2 = beta * beta;
        while (true) {
            double c = Math.tanh((2.0 * rng.nextDouble() - 1.0) * atanhBeta) / beta;
            double s2 = (1.0 - c) * (1.0 + c);
            double n = 1.0 + 2.0 * b2 * s2 - b2 * b2 * (1.0 + s2 * s2);
            if (rng.nextDouble() * 2.0 * (1.0 - b2 * c * c) <= n) {
                return c;
            }
        }
    }
}
