package org.recoil.core.sim;

/**
 * Allocation-free Lorentz transformations on four-vectors stored as {@code (E, px, py, pz)} in a
 * flat {@code double[]} at a given offset (GeV). Used in the generators' inner loops.
 */
final class Lorentz {
    private Lorentz() {
    }

    /**
     * Boosts the four-vector at {@code v[o..o+3]} in place by the velocity {@code (bx, by, bz)}: a
     * vector given in the rest frame of a system moving with that velocity is returned in the frame
     * where the system moves with it (standard pure boost, e.g. Jackson, Classical
     * Electrodynamics, eq. 11.19).
     */
    static void boost(double[] v, int o, double bx, double by, double bz) {
        double b2 = bx * bx + by * by + bz * bz;
        if (b2 <= 0.0) {
            return;
        }
        double gamma = 1.0 / Math.sqrt(1.0 - b2);
        double bp = bx * v[o + 1] + by * v[o + 2] + bz * v[o + 3];
        double f = (gamma - 1.0) / b2 * bp + gamma * v[o];
        v[o + 1] += f * bx;
        v[o + 2] += f * by;
        v[o + 3] += f * bz;
        v[o] = gamma * (v[o] + bp);
    }

    /**
     * Boosts {@code v} into the rest frame of the system {@code (E, px, py, pz)} stored at
     * {@code sys[so..so+3]} when {@code intoRestFrame}, or from that rest frame into the frame in
     * which the system has the given four-momentum otherwise.
     */
    static void boostBy(double[] v, int o, double[] sys, int so, boolean intoRestFrame) {
        double e = sys[so];
        double s = intoRestFrame ? -1.0 / e : 1.0 / e;
        boost(v, o, sys[so + 1] * s, sys[so + 2] * s, sys[so + 3] * s);
    }

    /**
     * Writes a four-vector of mass {@code m} and momentum {@code p} along the direction given by
     * {@code cosTheta}, {@code phi} (polar angle with respect to the z axis).
     */
    static void setPolar(double[] v, int o, double m, double p, double cosTheta, double phi) {
        double sinTheta = Math.sqrt(Math.max(0.0, (1.0 - cosTheta) * (1.0 + cosTheta)));
        setPolar(v, o, m, p, cosTheta, sinTheta, phi);
    }

    /** As {@link #setPolar(double[], int, double, double, double, double)} with a precise sine. */
    static void setPolar(double[] v, int o, double m, double p, double cosTheta, double sinTheta,
            double phi) {
        v[o] = Math.sqrt(p * p + m * m);
        v[o + 1] = p * sinTheta * Math.cos(phi);
        v[o + 2] = p * sinTheta * Math.sin(phi);
        v[o + 3] = p * cosTheta;
    }

    /**
     * Rotates the spatial part of {@code v} so that the z axis goes to the unit vector
     * {@code (nx, ny, nz)} (the image of the x axis is arbitrary but fixed for a given n).
     */
    static void rotateZTo(double[] v, int o, double nx, double ny, double nz) {
        double x = v[o + 1];
        double y = v[o + 2];
        double z = v[o + 3];
        // orthonormal basis (u, w, n): u perpendicular to n, built from the smaller component
        double ux;
        double uy;
        double uz;
        if (Math.abs(nx) < 0.9) {
            // u = normalise(e_x - (e_x.n) n)
            ux = 1.0 - nx * nx;
            uy = -nx * ny;
            uz = -nx * nz;
        } else {
            ux = -ny * nx;
            uy = 1.0 - ny * ny;
            uz = -ny * nz;
        }
        double un = 1.0 / Math.sqrt(ux * ux + uy * uy + uz * uz);
        ux *= un;
        uy *= un;
        uz *= un;
        double wx = ny * uz - nz * uy;
        double wy = nz * ux - nx * uz;
        double wz = nx * uy - ny * ux;
        v[o + 1] = x * ux + y * wx + z * nx;
        v[o + 2] = x * uy + y * wy + z * ny;
        v[o + 3] = x * uz + y * wz + z * nz;
    }

    /** @return the invariant mass squared of the four-vector at {@code v[o..o+3]} */
    static double mass2(double[] v, int o) {
        return v[o] * v[o] - v[o + 1] * v[o + 1] - v[o + 2] * v[o + 2] - v[o + 3] * v[o + 3];
    }
}
