package org.recoil.core.mc;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;

/**
 * An immutable VEGAS grid: in each dimension, {@code bins} intervals of the unit interval whose
 * widths define a separable piecewise-constant sampling density (G. P. Lepage, J. Comput. Phys. 27
 * (1978) 192, Sect. 2). A uniform point {@code y} is mapped to {@code x} with
 * {@code x = x_i + (y N - i) Δx_i}, {@code i = floor(y N)}, and Jacobian {@code Π_d N Δx_i}.
 */
public final class VegasGrid {
    private final int dimension;
    private final int bins;
    /** edges[d * (bins + 1) + i], edges[d*(bins+1)] = 0, edges[d*(bins+1)+bins] = 1. */
    private final double[] edges;

    private VegasGrid(int dimension, int bins, double[] edges) {
        this.dimension = dimension;
        this.bins = bins;
        this.edges = edges;
    }

    /**
     * The uniform grid (the identity map).
     *
     * @param dimension number of dimensions, at least 1
     * @param bins intervals per dimension, at least 2
     * @return the uniform grid
     */
    public static VegasGrid uniform(int dimension, int bins) {
        if (dimension < 1 || bins < 2) {
            throw new InvalidInputException("VEGAS grid: dimension must be >= 1 and bins >= 2, got dimension="
                    + dimension + ", bins=" + bins);
        }
        double[] e = new double[dimension * (bins + 1)];
        for (int d = 0; d < dimension; d++) {
            for (int i = 0; i <= bins; i++) {
                e[d * (bins + 1) + i] = (double) i / bins;
            }
        }
        return new VegasGrid(dimension, bins, e);
    }

    /** @return the number of dimensions */
    public int dimension() {
        return dimension;
    }

    /** @return the number of intervals per dimension */
    public int bins() {
        return bins;
    }

    /**
     * Maps a uniform point to the grid's density.
     *
     * @param y uniform point in {@code [0,1)^d}
     * @param x output: the mapped point in {@code [0,1)^d}
     * @param binIndex output (may be null): the interval index per dimension, for refinement
     * @return the Jacobian {@code dx/dy}
     */
    public double map(double[] y, double[] x, int[] binIndex) {
        double jacobian = 1.0;
        for (int d = 0; d < dimension; d++) {
            double t = y[d] * bins;
            int i = (int) t;
            if (i >= bins) {
                i = bins - 1;
            }
            int o = d * (bins + 1) + i;
            double width = edges[o + 1] - edges[o];
            x[d] = edges[o] + (t - i) * width;
            jacobian *= bins * width;
            if (binIndex != null) {
                binIndex[d] = i;
            }
        }
        return jacobian;
    }

    /**
     * Refines the grid from the accumulated variance contributions, following Lepage (1978),
     * Sect. 2 and Eq. (17): smoothing of neighbouring intervals, damping
     * {@code ω_i = ((1 - r_i) / ln(1/r_i))^α} of the normalised contributions {@code r_i}, and new
     * intervals each holding an equal share of {@code Σ ω}.
     *
     * @param binSums {@code Σ (f J)^2} of the points that fell in each interval, laid out
     *     {@code [d * bins + i]}
     * @param alpha damping exponent (0 = no change, 1.5 = the usual choice)
     * @return the refined grid (this grid when a dimension has no information)
     */
    public VegasGrid refined(double[] binSums, double alpha) {
        double[] e = edges.clone();
        double[] smooth = new double[bins];
        double[] omega = new double[bins];
        for (int d = 0; d < dimension; d++) {
            int b = d * bins;
            for (int i = 0; i < bins; i++) {
                double left = i > 0 ? binSums[b + i - 1] : binSums[b + i];
                double right = i < bins - 1 ? binSums[b + i + 1] : binSums[b + i];
                smooth[i] = (left + 6.0 * binSums[b + i] + right) / 8.0;
            }
            double total = 0.0;
            for (double v : smooth) {
                total += v;
            }
            if (!(total > 0.0) || !Double.isFinite(total)) {
                continue;
            }
            double omegaTotal = 0.0;
            for (int i = 0; i < bins; i++) {
                // floor: an interval without information keeps a small width instead of collapsing
                double r = Math.max(smooth[i] / total, 1e-10);
                double w;
                if (r >= 1.0 - 1e-12) {
                    w = 1.0;
                } else {
                    w = Math.pow((1.0 - r) / -Math.log(r), alpha);
                }
                omega[i] = w;
                omegaTotal += w;
            }
            if (!(omegaTotal > 0.0)) {
                continue;
            }
            double share = omegaTotal / bins;
            int o = d * (bins + 1);
            int old = -1;
            double accumulated = 0.0;
            for (int j = 1; j < bins; j++) {
                double target = j * share;
                while (accumulated < target && old < bins - 1) {
                    old++;
                    accumulated += omega[old];
                }
                double lo = edges[o + old];
                double hi = edges[o + old + 1];
                double fraction = omega[old] > 0.0 ? (accumulated - target) / omega[old] : 0.0;
                e[o + j] = hi - fraction * (hi - lo);
            }
            e[o] = 0.0;
            e[o + bins] = 1.0;
            for (int j = 1; j <= bins; j++) {
                if (e[o + j] < e[o + j - 1]) {
                    e[o + j] = e[o + j - 1];
                }
            }
        }
        return new VegasGrid(dimension, bins, e);
    }

    /**
     * @param d a dimension
     * @return a copy of the interval edges of dimension {@code d} (length {@code bins + 1})
     */
    public double[] edges(int d) {
        return Arrays.copyOfRange(edges, d * (bins + 1), (d + 1) * (bins + 1));
    }
}
