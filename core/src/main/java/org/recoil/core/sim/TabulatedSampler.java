package org.recoil.core.sim;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.recoil.core.ComputationException;

/**
 * Samples a one-dimensional density given on a grid of nodes, by inversion of its cumulative
 * distribution. Between nodes the density is linear, so the cumulative distribution is exactly
 * piecewise quadratic and is inverted in closed form (no rejection, one binary search per draw).
 * Suited to smooth spectra tabulated once (radiator functions, two-photon luminosities) on grids
 * fine enough that linear interpolation is accurate; the grid is the caller's responsibility.
 */
final class TabulatedSampler {
    private final double[] x;
    private final double[] f;
    private final double[] cdf;

    /**
     * @param nodes strictly increasing abscissae (at least two)
     * @param density the non-negative density, evaluated once at each node
     * @param what a name for error messages
     */
    TabulatedSampler(double[] nodes, DoubleUnaryOperator density, String what) {
        if (nodes.length < 2) {
            throw new ComputationException(what + ": need at least two grid nodes");
        }
        x = nodes.clone();
        f = new double[x.length];
        cdf = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new ComputationException(what + ": grid nodes not increasing at index " + i);
            }
            double v = density.applyAsDouble(x[i]);
            if (!(v >= 0.0) || Double.isInfinite(v)) {
                throw new ComputationException(what + ": density is " + v + " at x=" + x[i]
                        + ", expected a finite non-negative value");
            }
            f[i] = v;
            if (i > 0) {
                cdf[i] = cdf[i - 1] + 0.5 * (f[i] + f[i - 1]) * (x[i] - x[i - 1]);
            }
        }
        if (!(cdf[cdf.length - 1] > 0.0)) {
            throw new ComputationException(what + ": density integrates to zero on ["
                    + x[0] + ", " + x[x.length - 1] + "]");
        }
    }

    /** @return the integral of the interpolated density over the whole grid */
    double integral() {
        return cdf[cdf.length - 1];
    }

    /** @return the integral of the interpolated density from the first node to {@code t} */
    double cumulative(double t) {
        if (t <= x[0]) {
            return 0.0;
        }
        if (t >= x[x.length - 1]) {
            return integral();
        }
        int i = Arrays.binarySearch(x, t);
        if (i >= 0) {
            return cdf[i];
        }
        i = -i - 2;
        double h = t - x[i];
        double slope = (f[i + 1] - f[i]) / (x[i + 1] - x[i]);
        return cdf[i] + h * (f[i] + 0.5 * slope * h);
    }

    /** @return a value distributed with the tabulated density */
    double sample(UniformRandomProvider rng) {
        double target = rng.nextDouble() * cdf[cdf.length - 1];
        int i = Arrays.binarySearch(cdf, target);
        if (i < 0) {
            i = -i - 2;
        }
        if (i >= x.length - 1) {
            return x[x.length - 1];
        }
        while (i < x.length - 2 && cdf[i + 1] <= target) {
            i++; // skip bins of zero weight
        }
        double r = target - cdf[i];
        double width = x[i + 1] - x[i];
        double a = (f[i + 1] - f[i]) / width;
        // solve f_i t + a t^2 / 2 = r for t in [0, width], stable form
        double disc = f[i] * f[i] + 2.0 * a * r;
        double t = disc > 0.0 ? 2.0 * r / (f[i] + Math.sqrt(disc)) : width;
        return x[i] + Math.min(Math.max(t, 0.0), width);
    }

    /**
     * @return nodes spaced logarithmically from {@code from} to {@code to} (both positive), with
     *     {@code n} nodes
     */
    static double[] logNodes(double from, double to, int n) {
        double[] nodes = new double[n];
        double lf = Math.log(from);
        double step = (Math.log(to) - lf) / (n - 1);
        for (int i = 0; i < n; i++) {
            nodes[i] = Math.exp(lf + i * step);
        }
        nodes[0] = from;
        nodes[n - 1] = to;
        return nodes;
    }
}
