package org.recoil.core.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.physics.PhysicsConstants;

/**
 * e+e- -> mu+ mu- (gamma): muon pairs with initial- and final-state radiation, the dominant
 * background at low recoil mass.
 *
 * <p>Model, per event, in the CM frame:
 * <ol>
 *   <li>ISR: each beam radiates a photon of energy fraction x_i drawn from the first-order
 *       structure function times the 1/s' Born factor ({@link IsrRadiator}); s' = s (1 - x1)(1 - x2)
 *       &gt; 4 m_mu^2. The photon angle to its beam follows the collinear law
 *       1/(1 - beta_e cos theta), so most photons escape down the beam pipe; the rare large-angle
 *       ones hit the calorimeter and raise the extra energy.</li>
 *   <li>mu+ mu- in their rest frame with (1 + cos^2 theta*) about the beam axis (Born, photon
 *       exchange only; the small Z-interference forward-backward asymmetry is neglected).</li>
 *   <li>FSR: at most one photon, from either muon with equal probability, with energy fraction z of
 *       the pair's rest-frame energy W/2 drawn from beta_f z^(beta_f - 1) (soft-collinear leading
 *       log, beta_f = (2 alpha/pi)(ln(W^2/m_mu^2) - 1) for both muons together) and angle
 *       1/(1 - beta_mu cos theta) around the muon. Four-momentum is conserved exactly: the photon
 *       recoils against the muon pair, which keeps its axis.</li>
 * </ol>
 * With a single escaping photon the recoil mass squared is 0 up to resolution; two photons (one
 * per beam, or ISR plus FSR) give M_rec^2 &gt; 0 (e.g. x1 x2 s for two collinear ISR photons),
 * which makes the hard tail. Events without hard photons are back to back.
 *
 * <p>Normalisation: {@link #DEFAULT_CROSS_SECTION_PB} = 1.148 nb (Belle II Physics Book,
 * arXiv:1808.10567, table of physics processes at 10.58 GeV; includes radiative corrections),
 * not the model's own leading-order ISR factor (about 1.39 x Born; 1.46 x Born with leptonic vacuum
 * polarisation, against 1.148/0.7759 = 1.48 x Born).
 */
public final class MuMuGammaGenerator extends AbstractEventGenerator {
    /** sigma(e+e- -> mu+mu-(gamma)) at 10.58 GeV, pb. */
    public static final double DEFAULT_CROSS_SECTION_PB = 1148.0;
    /** Sample name. */
    public static final String PROCESS = "mumu_gamma";
    /** FSR photons softer than this fraction of W/2 are not generated. */
    private static final double FSR_SOFT_FRACTION = 1.0e-4;
    private static final double MIN_REDUCED_S = 4.0 * M_MU * M_MU * 1.0001;

    private final IsrRadiator isr;

    private MuMuGammaGenerator(CollisionFrame frame, DetectorSmearing detector, double crossSectionPb) {
        super(PROCESS, crossSectionPb, frame, detector);
        isr = new IsrRadiator(frame.sqrtS(), MIN_REDUCED_S);
    }

    /** @return the generator for Belle II beams and detector, normalised to 1.148 nb */
    public static MuMuGammaGenerator belle2() {
        return of(BeamConfiguration.belle2(), DetectorSmearing.belle2(), DEFAULT_CROSS_SECTION_PB);
    }

    /**
     * @param beams the colliding beams (events are produced in their CM frame and returned in their
     *     lab frame)
     * @param detector the detector response
     * @param crossSectionPb the normalisation, pb
     * @return the generator
     */
    public static MuMuGammaGenerator of(BeamConfiguration beams, DetectorSmearing detector, double crossSectionPb) {
        return new MuMuGammaGenerator(new CollisionFrame(beams), detector, crossSectionPb);
    }

    /** @return the ISR radiator in use */
    public IsrRadiator isr() {
        return isr;
    }

    @Override
    Simulator newSimulator() {
        return new PairSimulator();
    }

    /** One block's event loop with its scratch four-vectors. */
    private final class PairSimulator implements Simulator {
        private final double[] sys = new double[4];
        private final double[] photons = new double[12];
        private final double[] angle = new double[2];
        private final double[] muPlus = new double[4];
        private final double[] muMinus = new double[4];
        private final double[] rest = new double[4];

        @Override
        public void simulate(UniformRandomProvider rng, Recorder recorder) {
            int nPh = isr.emit(rng, frame.sqrtS(), sys, photons, angle);
            double w2 = Lorentz.mass2(sys, 0);
            double wMass = Math.sqrt(w2);
            // mu- along n (the e- side), mu+ opposite, in the pair rest frame
            double c = AngularSamplers.onePlusCosSquared(rng);
            double pStar = Math.sqrt(w2 / 4.0 - M_MU * M_MU);
            Lorentz.setPolar(muMinus, 0, M_MU, pStar, c, 2.0 * Math.PI * rng.nextDouble());
            muPlus[0] = muMinus[0];
            muPlus[1] = -muMinus[1];
            muPlus[2] = -muMinus[2];
            muPlus[3] = -muMinus[3];
            double betaF = 2.0 * PhysicsConstants.ALPHA / Math.PI * (Math.log(w2 / (M_MU * M_MU)) - 1.0);
            double z = Math.pow(rng.nextDouble(), 1.0 / betaF);
            boolean plusRadiates = rng.nextBoolean();
            int fsrSlot = -1;
            if (z > FSR_SOFT_FRACTION
                    && radiateFinalState(rng, plusRadiates ? muPlus : muMinus,
                            plusRadiates ? muMinus : muPlus, wMass, z, nPh)) {
                fsrSlot = nPh++;
            }
            // pair rest frame -> CM
            Lorentz.boostBy(muPlus, 0, sys, 0, false);
            Lorentz.boostBy(muMinus, 0, sys, 0, false);
            if (fsrSlot >= 0) {
                Lorentz.boostBy(photons, 4 * fsrSlot, sys, 0, false);
            }
            recorder.record(muPlus, muMinus, photons, nPh);
        }

        /**
         * Emits an FSR photon of energy z W/2 from {@code emitter} (pair rest frame) into photon
         * slot {@code slot}, then rebuilds the two muons back to back in the rest frame of the
         * recoiling pair along the emitter's original direction, conserving four-momentum.
         *
         * @return false (and nothing changed) when the recoiling pair would be below threshold
         */
        private boolean radiateFinalState(UniformRandomProvider rng, double[] emitter, double[] other,
                double wMass, double z, int slot) {
            double p = Math.sqrt(emitter[1] * emitter[1] + emitter[2] * emitter[2] + emitter[3] * emitter[3]);
            double nx = emitter[1] / p;
            double ny = emitter[2] / p;
            double nz = emitter[3] / p;
            double k = z * wMass / 2.0;
            AngularSamplers.collinear(rng, AngularSamplers.oneMinusBeta(M_MU, emitter[0]), angle);
            int o = 4 * slot;
            Lorentz.setPolar(photons, o, 0.0, k, angle[0], angle[1], 2.0 * Math.PI * rng.nextDouble());
            Lorentz.rotateZTo(photons, o, nx, ny, nz);
            rest[0] = wMass - k;
            rest[1] = -photons[o + 1];
            rest[2] = -photons[o + 2];
            rest[3] = -photons[o + 3];
            double q2 = Lorentz.mass2(rest, 0) / 4.0 - M_MU * M_MU;
            if (!(q2 > 0.0)) {
                return false;
            }
            double q = Math.sqrt(q2);
            double eq = Math.sqrt(q2 + M_MU * M_MU);
            emitter[0] = eq;
            emitter[1] = q * nx;
            emitter[2] = q * ny;
            emitter[3] = q * nz;
            other[0] = eq;
            other[1] = -q * nx;
            other[2] = -q * ny;
            other[3] = -q * nz;
            Lorentz.boostBy(emitter, 0, rest, 0, false);
            Lorentz.boostBy(other, 0, rest, 0, false);
            return true;
        }
    }
}
