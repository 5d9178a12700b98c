package org.recoil.limits.scan;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.recoil.core.InvalidInputException;

/**
 * Background-only pseudo-data of a whole mass scan. The recoil-mass axis is cut at every window and
 * shape-bin edge of every point into disjoint segments; one pseudo-experiment draws an independent
 * Poisson count in each segment around its expected background, and each point's observed counts
 * (per shape bin) are the sums of the segments its bins cover. Overlapping windows of neighbouring
 * masses therefore share their events exactly as in the data, which is what makes the local
 * significances of a scan correlated (the look-elsewhere effect, Gross and Vitells,
 * arXiv:1005.1891). Immutable and thread-safe; serialisable (a few arrays), so that remote executors
 * of the pseudo-experiments ({@link ScanExecutor#pseudoExperiments}) draw exactly what a local run draws.
 */
public final class ScanPseudoData implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] expected;
    /** Per point and bin: the first and one-past-last segment ({@code from[p][k]}, {@code to[p][k]}). */
    private final int[][] from;
    private final int[][] to;

    private ScanPseudoData(double[] expected, int[][] from, int[][] to) {
        this.expected = expected;
        this.from = from;
        this.to = to;
    }

    /**
     * @param points the scan's points (their windows, and shape bins if any)
     * @param backgroundIn expected total background in the recoil-mass-squared interval [lo, hi),
     *                     additive over adjacent intervals (e.g. a sum over weighted MC events)
     * @return the generator
     * @throws InvalidInputException if a segment's expected background is negative or not finite
     */
    public static ScanPseudoData of(List<MassPointInput> points, DoubleBinaryOperator backgroundIn) {
        TreeSet<Double> cuts = new TreeSet<>();
        for (MassPointInput p : points) {
            for (double e : edges(p)) {
                cuts.add(e);
            }
        }
        double[] c = cuts.stream().mapToDouble(Double::doubleValue).toArray();
        double[] exp = new double[Math.max(0, c.length - 1)];
        for (int i = 0; i < exp.length; i++) {
            double b = backgroundIn.applyAsDouble(c[i], c[i + 1]);
            if (!(b >= 0) || !Double.isFinite(b)) {
                throw new InvalidInputException(String.format(Locale.ROOT, "pseudo-data: expected background in"
                        + " [%.6g, %.6g) GeV^2 must be finite and >= 0, got %s", c[i], c[i + 1], b));
            }
            exp[i] = b;
        }
        int[][] from = new int[points.size()][];
        int[][] to = new int[points.size()][];
        for (int p = 0; p < points.size(); p++) {
            double[] e = edges(points.get(p));
            from[p] = new int[e.length - 1];
            to[p] = new int[e.length - 1];
            for (int k = 0; k < e.length - 1; k++) {
                from[p][k] = Arrays.binarySearch(c, e[k]);
                to[p][k] = Arrays.binarySearch(c, e[k + 1]);
            }
        }
        return new ScanPseudoData(exp, from, to);
    }

    private static double[] edges(MassPointInput p) {
        return p.shape().map(WindowShape::edges).orElse(new double[] {p.window().lo(), p.window().hi()});
    }

    /** @return the number of segments */
    public int segments() {
        return expected.length;
    }

    /**
     * Draws one pseudo-experiment.
     *
     * @param rng the pseudo-experiment's own generator
     * @return the Poisson count of every segment
     */
    public double[] sample(UniformRandomProvider rng) {
        double[] n = new double[expected.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = expected[i] > 0 ? PoissonSampler.of(rng, expected[i]).sample() : 0.0;
        }
        return n;
    }

    /**
     * @param segmentCounts a pseudo-experiment from {@link #sample}
     * @param point index of the point in the list the generator was built from
     * @param out the point's counts per bin, written here (length = its bins)
     */
    public void pointCounts(double[] segmentCounts, int point, double[] out) {
        for (int k = 0; k < out.length; k++) {
            double s = 0;
            for (int i = from[point][k]; i < to[point][k]; i++) {
                s += segmentCounts[i];
            }
            out[k] = s;
        }
    }

    /** @return the number of points the generator was built from */
    public int points() {
        return from.length;
    }

    /**
     * @param point index of the point
     * @return the point's number of bins
     */
    public int bins(int point) {
        return from[point].length;
    }
}
