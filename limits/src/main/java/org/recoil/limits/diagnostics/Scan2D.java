package org.recoil.limits.diagnostics;

/**
 * A two-dimensional profile-likelihood scan: −2Δln L(x, y) on a grid, every other free parameter profiled. The 68%
 * and 95% regions of two parameters are where it is below 2.30 and 5.99 (Wilks' theorem, two degrees of freedom).
 *
 * @param nameX first scanned parameter
 * @param nameY second scanned parameter
 * @param bestX best-fit x̂
 * @param bestY best-fit ŷ
 * @param twiceNllMin −2 ln L at the global minimum
 * @param x grid of the first parameter, ascending
 * @param y grid of the second parameter, ascending
 * @param deltaTwiceNll −2Δln L, row-major: {@code [ix][iy]}
 */
public record Scan2D(String nameX, String nameY, double bestX, double bestY, double twiceNllMin, double[] x, double[] y,
                     double[][] deltaTwiceNll) {

    /** Copies the arrays. */
    public Scan2D {
        x = x.clone();
        y = y.clone();
        double[][] c = new double[deltaTwiceNll.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = deltaTwiceNll[i].clone();
        }
        deltaTwiceNll = c;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public double[][] deltaTwiceNll() {
        double[][] c = new double[deltaTwiceNll.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = deltaTwiceNll[i].clone();
        }
        return c;
    }

    /** @return −2Δln L at grid point (ix, iy) */
    public double at(int ix, int iy) {
        return deltaTwiceNll[ix][iy];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scan2D s && nameX.equals(s.nameX) && nameY.equals(s.nameY)
                && java.util.Arrays.equals(x, s.x) && java.util.Arrays.equals(y, s.y)
                && java.util.Arrays.deepEquals(deltaTwiceNll, s.deltaTwiceNll);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(deltaTwiceNll);
    }

    @Override
    public String toString() {
        return "Scan2D[" + nameX + " x " + nameY + ", " + x.length + " x " + y.length + " points]";
    }
}
