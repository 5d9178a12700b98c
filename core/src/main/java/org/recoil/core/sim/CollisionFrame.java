package org.recoil.core.sim;

import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.kinematics.ThreeVector;

/**
 * The generators' view of a {@link BeamConfiguration}: sqrt(s), and an allocation-free map from
 * the generation frame to the lab frame of the beams.
 *
 * <p>The generation frame is the e+e- centre-of-mass frame with its z* axis along the electron beam
 * (so that angular distributions "about the beam axis" are about z*). {@link #toLab} first rotates
 * z* onto the CM direction of the electron beam, {@link BeamConfiguration#cmElectronDirection()}
 * (the CM frame of {@link BeamConfiguration} has axes parallel to the lab's), then boosts with the
 * CM velocity {@link BeamConfiguration#cmVelocity()}. Events made this way therefore have exactly
 * the {@code M_rec^2} that {@link org.recoil.core.kinematics.RecoilMass} computes from their lab
 * momenta with the same beams.
 */
final class CollisionFrame {
    private final BeamConfiguration beams;
    private final double sqrtS;
    private final double bx;
    private final double by;
    private final double bz;
    private final double nx;
    private final double ny;
    private final double nz;

    CollisionFrame(BeamConfiguration beams) {
        this.beams = beams;
        this.sqrtS = beams.sqrtS();
        ThreeVector beta = beams.cmVelocity();
        bx = beta.x();
        by = beta.y();
        bz = beta.z();
        ThreeVector n = beams.cmElectronDirection();
        nx = n.x();
        ny = n.y();
        nz = n.z();
    }

    /** @return the beams */
    BeamConfiguration beams() {
        return beams;
    }

    /** @return the CM energy sqrt(s) in GeV */
    double sqrtS() {
        return sqrtS;
    }

    /** Moves a generation-frame four-vector (CM, z* along the e- beam) into the lab frame, in place. */
    void toLab(double[] v, int o) {
        Lorentz.rotateZTo(v, o, nx, ny, nz);
        Lorentz.boost(v, o, bx, by, bz);
    }
}
