package org.recoil.core.sim;

import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.kinematics.LorentzBoost;
import org.recoil.core.kinematics.ThreeVector;

/**
 * Transformation from the generators' centre-of-mass frame (e⁻ beam along +z, as in
 * {@link org.recoil.core.physics.ThreeBodyPhaseSpace}) to the laboratory frame of a
 * {@link BeamConfiguration}: a rotation taking +z to the e⁻ direction in the centre-of-mass frame
 * ({@link BeamConfiguration#cmElectronDirection()}, Rodrigues' rotation formula), then the boost
 * {@link BeamConfiguration#cmToLab()}. Only the boost and the beam direction come from the beams:
 * events are generated at the √s of the cross-section calculator. Immutable; {@link #toLab} does
 * not allocate.
 */
public final class LabFrame {
    private final BeamConfiguration beams;
    private final LorentzBoost cmToLab;
    /** Row-major 3x3 rotation. */
    private final double[] rotation;

    /** @param beams the beams defining the laboratory frame */
    public LabFrame(BeamConfiguration beams) {
        this.beams = java.util.Objects.requireNonNull(beams, "beams");
        this.cmToLab = beams.cmToLab();
        ThreeVector n = beams.cmElectronDirection();
        this.rotation = rotationFromZ(n.x(), n.y(), n.z());
    }

    /** @return the beams */
    public BeamConfiguration beams() {
        return beams;
    }

    /**
     * @param cm four-momentum {E, px, py, pz} in the generator frame (e⁻ along +z)
     * @param lab output laboratory four-momentum (may be the same array as {@code cm})
     */
    public void toLab(double[] cm, double[] lab) {
        double x = rotation[0] * cm[1] + rotation[1] * cm[2] + rotation[2] * cm[3];
        double y = rotation[3] * cm[1] + rotation[4] * cm[2] + rotation[5] * cm[3];
        double z = rotation[6] * cm[1] + rotation[7] * cm[2] + rotation[8] * cm[3];
        cmToLab.apply(cm[0], x, y, z, lab);
    }

    /** Rotation matrix taking +z to the unit vector n: axis z × n, cos = n_z. */
    private static double[] rotationFromZ(double nx, double ny, double nz) {
        double sin = Math.sqrt(nx * nx + ny * ny);
        if (sin < 1e-15) {
            return nz > 0 ? new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1} : new double[] {1, 0, 0, 0, -1, 0, 0, 0, -1};
        }
        double ux = -ny / sin;
        double uy = nx / sin;
        double cos = nz;
        double t = 1.0 - cos;
        return new double[] {
            cos + ux * ux * t, ux * uy * t, uy * sin,
            ux * uy * t, cos + uy * uy * t, -ux * sin,
            -uy * sin, ux * sin, cos};
    }
}
