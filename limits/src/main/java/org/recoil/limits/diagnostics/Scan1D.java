package org.recoil.limits.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-dimensional profile-likelihood scan: −2Δln L(x) = −2 ln L(x, θ̂̂(x)) − (−2 ln L(x̂, θ̂)) on a grid, every
 * other free parameter profiled.
 *
 * @param name the scanned parameter
 * @param bestFit its best-fit value x̂
 * @param twiceNllMin −2 ln L at the global minimum
 * @param x the grid, ascending
 * @param deltaTwiceNll −2Δln L at each grid point
 */
public record Scan1D(String name, double bestFit, double twiceNllMin, double[] x, double[] deltaTwiceNll) {

    /** Copies the arrays. */
    public Scan1D {
        x = x.clone();
        deltaTwiceNll = deltaTwiceNll.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] deltaTwiceNll() {
        return deltaTwiceNll.clone();
    }

    /**
     * The points where the scanned curve crosses {@code level}, by linear interpolation between grid points (e.g.
     * 1 and 3.84 for the 68% and 95% intervals of one parameter, Wilks' theorem).
     *
     * @param level the −2Δln L level
     * @return the crossings, ascending
     */
    public List<Double> crossings(double level) {
        List<Double> out = new ArrayList<>();
        for (int k = 0; k + 1 < x.length; k++) {
            double a = deltaTwiceNll[k] - level;
            double b = deltaTwiceNll[k + 1] - level;
            if (a == 0) {
                out.add(x[k]);
            } else if (a * b < 0) {
                out.add(x[k] + (x[k + 1] - x[k]) * a / (a - b));
            }
        }
        if (x.length > 0 && deltaTwiceNll[x.length - 1] == level) {
            out.add(x[x.length - 1]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scan1D s && name.equals(s.name) && java.util.Arrays.equals(x, s.x)
                && java.util.Arrays.equals(deltaTwiceNll, s.deltaTwiceNll);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(deltaTwiceNll);
    }

    @Override
    public String toString() {
        return "Scan1D[" + name + ", " + x.length + " points]";
    }
}
