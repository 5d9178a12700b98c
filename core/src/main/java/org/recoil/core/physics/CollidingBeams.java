package org.recoil.core.physics;

import org.recoil.core.InvalidInputException;

/**
 * Asymmetric colliding beams and the transformation from the centre-of-mass frame used by the
 * generators (e⁻ along +z) to the laboratory frame.
 *
 * <p>Geometry: both beams lie in the x–z plane of the laboratory; the z axis bisects the angle
 * between the e⁻ direction and the reversed e⁺ direction:
 * {@code p(e⁻) = E₋ (sin(θ_c/2), 0, cos(θ_c/2))},
 * {@code p(e⁺) = E₊ (sin(θ_c/2), 0, −cos(θ_c/2))} with the crossing angle θ_c (electron mass
 * neglected). The centre-of-mass frame moves with {@code β = (p(e⁻) + p(e⁺)) / (E₋ + E₊)}; a
 * centre-of-mass momentum is first rotated so that +z points along the e⁻ direction seen in the
 * centre-of-mass frame, then boosted by β. Only the boost and the beam direction are taken from the
 * beams: the cross section is computed at the √s the caller chooses.
 *
 * @param electronEnergy e⁻ beam energy in GeV
 * @param positronEnergy e⁺ beam energy in GeV
 * @param crossingAngle full crossing angle in rad
 */
public record CollidingBeams(double electronEnergy, double positronEnergy, double crossingAngle) {

    /** Validates the beam parameters. */
    public CollidingBeams {
        if (!(electronEnergy > 0.0) || !(positronEnergy > 0.0) || !Double.isFinite(electronEnergy)
                || !Double.isFinite(positronEnergy)) {
            throw new InvalidInputException("beam energies must be positive, got e- " + electronEnergy + " GeV, e+ "
                    + positronEnergy + " GeV");
        }
        if (!(crossingAngle >= 0.0 && crossingAngle < 0.5)) {
            throw new InvalidInputException("crossing angle must be in [0, 0.5) rad, got " + crossingAngle);
        }
    }

    /**
     * SuperKEKB / Belle II nominal beams: 7.0 GeV e⁻ (HER), 4.0 GeV e⁺ (LER), 83 mrad crossing angle
     * (Belle II Technical Design Report, arXiv:1011.0352).
     *
     * @return the Belle II beams
     */
    public static CollidingBeams belle2() {
        return new CollidingBeams(7.0, 4.0, 0.083);
    }

    /** @return the centre-of-mass energy of these beams in GeV */
    public double sqrtS() {
        double a = 0.5 * crossingAngle;
        double e = electronEnergy + positronEnergy;
        double px = e * Math.sin(a);
        double pz = (electronEnergy - positronEnergy) * Math.cos(a);
        return Math.sqrt(e * e - px * px - pz * pz);
    }

    /** @return the transformation from the generators' centre-of-mass frame to the laboratory */
    public LabTransform labTransform() {
        return new LabTransform(this);
    }

    /**
     * Rotation plus boost from the centre-of-mass frame (e⁻ along +z) to the laboratory frame.
     * Immutable; {@link #toLab} does not allocate.
     */
    public static final class LabTransform {
        private final double bx;
        private final double by;
        private final double bz;
        private final double gamma;
        private final double[] rotation;

        private LabTransform(CollidingBeams beams) {
            double a = 0.5 * beams.crossingAngle();
            double em = beams.electronEnergy();
            double ep = beams.positronEnergy();
            double e = em + ep;
            double px = e * Math.sin(a);
            double pz = (em - ep) * Math.cos(a);
            this.bx = px / e;
            this.by = 0.0;
            this.bz = pz / e;
            double b2 = bx * bx + bz * bz;
            this.gamma = 1.0 / Math.sqrt(1.0 - b2);
            // e⁻ momentum in the CM frame: boost by −β
            double[] electron = {em, em * Math.sin(a), 0.0, em * Math.cos(a)};
            double[] cm = boost(electron, -bx, -by, -bz, gamma);
            double nMod = Math.sqrt(cm[1] * cm[1] + cm[2] * cm[2] + cm[3] * cm[3]);
            double nx = cm[1] / nMod;
            double ny = cm[2] / nMod;
            double nz = cm[3] / nMod;
            this.rotation = rotationFromZ(nx, ny, nz);
        }

        /** @return the boost velocity β of the centre-of-mass frame in the laboratory (x, y, z) */
        public double[] beta() {
            return new double[] {bx, by, bz};
        }

        /**
         * Transforms a centre-of-mass four-momentum to the laboratory.
         *
         * @param cm four-momentum {E, px, py, pz} in the centre-of-mass frame (e⁻ along +z)
         * @param lab output laboratory four-momentum (may be the same array as {@code cm})
         */
        public void toLab(double[] cm, double[] lab) {
            double e = cm[0];
            double x = rotation[0] * cm[1] + rotation[1] * cm[2] + rotation[2] * cm[3];
            double y = rotation[3] * cm[1] + rotation[4] * cm[2] + rotation[5] * cm[3];
            double z = rotation[6] * cm[1] + rotation[7] * cm[2] + rotation[8] * cm[3];
            double bp = bx * x + by * y + bz * z;
            double b2 = bx * bx + by * by + bz * bz;
            double f = b2 > 0.0 ? (gamma - 1.0) * bp / b2 + gamma * e : 0.0;
            lab[0] = gamma * (e + bp);
            lab[1] = x + f * bx;
            lab[2] = y + f * by;
            lab[3] = z + f * bz;
        }

        private static double[] boost(double[] p, double bx, double by, double bz, double gamma) {
            double bp = bx * p[1] + by * p[2] + bz * p[3];
            double b2 = bx * bx + by * by + bz * bz;
            double f = (gamma - 1.0) * bp / b2 + gamma * p[0];
            return new double[] {gamma * (p[0] + bp), p[1] + f * bx, p[2] + f * by, p[3] + f * bz};
        }

        /** Rotation matrix (row-major) taking +z to the unit vector n (Rodrigues' formula). */
        private static double[] rotationFromZ(double nx, double ny, double nz) {
            // axis = z × n = (−ny, nx, 0), sin = |axis|, cos = nz
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
}
