package org.recoil.core.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.physics.PhysicsConstants;

/**
 * e+e- -> tau+ tau- (gamma) with both taus decaying to a muon and two neutrinos, the dominant
 * background at high recoil mass (four neutrinos escape).
 *
 * <p>Model, per event, in the CM frame:
 * <ol>
 *   <li>ISR from both beams as for muon pairs ({@link IsrRadiator}, s' &gt; 4 m_tau^2), with the
 *       massive Born threshold factor beta_tau (3 - beta_tau^2)/2 applied by rejection, and the
 *       photons' collinear angular law (they may hit the calorimeter).</li>
 *   <li>tau+ tau- back to back in their rest frame with energy sqrt(s')/2 each and the massive
 *       Born angular distribution 1 + cos^2 theta + (1 - beta^2) sin^2 theta (photon exchange).</li>
 *   <li>tau -> mu nu nubar in each tau rest frame: muon energy E = x E_max, E_max =
 *       (m_tau^2 + m_mu^2)/(2 m_tau), x from the Michel spectrum x^2 (3 - 2x) (rho = 3/4, eta = 0;
 *       L. Michel, Proc. Phys. Soc. A 63 (1950) 514; the muon mass enters only through E_max and
 *       the threshold E &gt;= m_mu), direction isotropic.</li>
 * </ol>
 * Simplifications: tau polarisation and the tau+ tau- spin correlations are neglected (the muons
 * decay isotropically and independently), radiative tau decays and FSR are not generated.
 *
 * <p>Normalisation: {@link #DEFAULT_CROSS_SECTION_PB} = sigma(e+e- -> tau+tau-(gamma)) x
 * BR(tau -> mu nu nu)^2 = 919 pb x 0.1739^2 (Belle II Physics Book, arXiv:1808.10567; PDG).
 */
public final class TauPairGenerator extends AbstractEventGenerator {
    /** sigma(e+e- -> tau+tau-(gamma)) at 10.58 GeV, pb. */
    public static final double TAU_PAIR_CROSS_SECTION_PB = 919.0;
    /** BR(tau -> mu nu nubar). */
    public static final double BR_TAU_TO_MU = 0.1739;
    /** sigma x BR^2 for the generated final state, pb. */
    public static final double DEFAULT_CROSS_SECTION_PB =
            TAU_PAIR_CROSS_SECTION_PB * BR_TAU_TO_MU * BR_TAU_TO_MU;
    /** Sample name. */
    public static final String PROCESS = "tautau_gamma";
    private static final double M_TAU = PhysicsConstants.TAU_MASS;
    private static final double MIN_REDUCED_S = 4.0 * M_TAU * M_TAU * 1.0001;
    private static final double MUON_MAX_ENERGY = (M_TAU * M_TAU + M_MU * M_MU) / (2.0 * M_TAU);

    private final IsrRadiator isr;

    private TauPairGenerator(CollisionFrame frame, DetectorSmearing detector, double crossSectionPb) {
        super(PROCESS, crossSectionPb, frame, detector);
        isr = new IsrRadiator(frame.sqrtS(), MIN_REDUCED_S);
    }

    /** @return the generator for Belle II beams and detector, normalised to 919 pb x 0.1739^2 */
    public static TauPairGenerator belle2() {
        return of(BeamConfiguration.belle2(), DetectorSmearing.belle2(), DEFAULT_CROSS_SECTION_PB);
    }

    /**
     * @param beams the colliding beams (events are produced in their CM frame and returned in their
     *     lab frame)
     * @param detector the detector response
     * @param crossSectionPb the normalisation (sigma x BR^2), pb
     * @return the generator
     */
    public static TauPairGenerator of(BeamConfiguration beams, DetectorSmearing detector, double crossSectionPb) {
        return new TauPairGenerator(new CollisionFrame(beams), detector, crossSectionPb);
    }

    /**
     * Samples x = E_mu/E_max from the Michel spectrum x^2 (3 - 2x) on [0, 1] by rejection (the
     * density is at most 1, reached at x = 1).
     */
    static double michelFraction(UniformRandomProvider rng) {
        while (true) {
            double x = rng.nextDouble();
            if (rng.nextDouble() <= x * x * (3.0 - 2.0 * x)) {
                return x;
            }
        }
    }

    @Override
    Simulator newSimulator() {
        return new TauSimulator();
    }

    /** One block's event loop with its scratch four-vectors. */
    private final class TauSimulator implements Simulator {
        private final double[] sys = new double[4];
        private final double[] photons = new double[8];
        private final double[] angle = new double[2];
        private final double[] tau = new double[4];
        private final double[] muPlus = new double[4];
        private final double[] muMinus = new double[4];

        @Override
        public void simulate(UniformRandomProvider rng, Recorder recorder) {
            int nPh;
            double w2;
            double betaTau;
            while (true) {
                nPh = isr.emit(rng, frame.sqrtS(), sys, photons, angle);
                w2 = Lorentz.mass2(sys, 0);
                betaTau = Math.sqrt(1.0 - 4.0 * M_TAU * M_TAU / w2);
                if (rng.nextDouble() <= 0.5 * betaTau * (3.0 - betaTau * betaTau)) {
                    break;
                }
            }
            double c;
            do {
                c = 2.0 * rng.nextDouble() - 1.0;
            } while (2.0 * rng.nextDouble() > 2.0 - betaTau * betaTau * (1.0 - c * c));
            double phi = 2.0 * Math.PI * rng.nextDouble();
            double pTau = Math.sqrt(w2 / 4.0 - M_TAU * M_TAU);
            // tau- along n (e- side), tau+ opposite; each decays to a muon of its charge
            Lorentz.setPolar(tau, 0, M_TAU, pTau, c, phi);
            decay(rng, tau, muMinus);
            tau[1] = -tau[1];
            tau[2] = -tau[2];
            tau[3] = -tau[3];
            decay(rng, tau, muPlus);
            Lorentz.boostBy(muPlus, 0, sys, 0, false);
            Lorentz.boostBy(muMinus, 0, sys, 0, false);
            recorder.record(muPlus, muMinus, photons, nPh);
        }

        /** Writes the muon from tau -> mu nu nu (tau four-momentum {@code t}) into {@code mu}. */
        private void decay(UniformRandomProvider rng, double[] t, double[] mu) {
            double e;
            do {
                e = michelFraction(rng) * MUON_MAX_ENERGY;
            } while (e < M_MU);
            double p = Math.sqrt(e * e - M_MU * M_MU);
            Lorentz.setPolar(mu, 0, M_MU, p, 2.0 * rng.nextDouble() - 1.0, 2.0 * Math.PI * rng.nextDouble());
            Lorentz.boostBy(mu, 0, t, 0, false);
        }
    }
}
