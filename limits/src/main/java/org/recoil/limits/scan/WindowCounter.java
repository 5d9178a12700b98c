package org.recoil.limits.scan;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;

/**
 * Weighted event counts of one sample in any interval of an observable (here the squared recoil
 * mass), in O(log n) per interval: the events are sorted by the observable once and the cumulative
 * sums of the weights and of the squared weights are kept, so a window count is the difference of
 * two prefix sums (no binning, so windows may overlap and be placed anywhere). Immutable and
 * thread-safe.
 */
public final class WindowCounter {

    private final String sample;
    private final double[] x;
    private final double[] cumW;
    private final double[] cumW2;

    private WindowCounter(String sample, double[] x, double[] cumW, double[] cumW2) {
        this.sample = sample;
        this.x = x;
        this.cumW = cumW;
        this.cumW2 = cumW2;
    }

    /**
     * @param sample sample name (for messages)
     * @param observable per-event value of the observable, finite
     * @param weights per-event weight, finite (same length), or null for unit weights
     * @return the counter
     * @throws InvalidInputException if the arrays differ in length or hold a non-finite value
     */
    public static WindowCounter of(String sample, double[] observable, double[] weights) {
        int n = observable.length;
        if (weights != null && weights.length != n) {
            throw new InvalidInputException("sample '" + sample + "': " + n + " events but " + weights.length
                    + " weights");
        }
        double[] xs = new double[n];
        int[] perm = sortedOrder(observable);
        double[] cw = new double[n + 1];
        double[] cw2 = new double[n + 1];
        for (int k = 0; k < n; k++) {
            int i = perm[k];
            double v = observable[i];
            double w = weights == null ? 1.0 : weights[i];
            if (!Double.isFinite(v) || !Double.isFinite(w)) {
                throw new InvalidInputException("sample '" + sample + "': event " + i + " has observable " + v
                        + " and weight " + w + ", expected finite values");
            }
            xs[k] = v;
            cw[k + 1] = cw[k] + w;
            cw2[k + 1] = cw2[k] + w * w;
        }
        return new WindowCounter(sample, xs, cw, cw2);
    }

    /** Indices of {@code v} in ascending order of value, ties in index order (a stable merge sort). */
    private static int[] sortedOrder(double[] v) {
        int n = v.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = v[a[j]] < v[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    private static int lowerBound(double[] a, double key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** @return the sample name */
    public String sample() {
        return sample;
    }

    /** @return the number of events */
    public int size() {
        return x.length;
    }

    /** @return the sum of all weights */
    public double total() {
        return cumW[x.length];
    }

    /**
     * @param lo lower edge (included)
     * @param hi upper edge (excluded)
     * @return Σw, Σw² and the number of events with lo ≤ x &lt; hi
     */
    public WindowCount count(double lo, double hi) {
        int a = lowerBound(x, lo);
        int b = lowerBound(x, hi);
        if (b < a) {
            b = a;
        }
        return new WindowCount(cumW[b] - cumW[a], Math.max(0.0, cumW2[b] - cumW2[a]), b - a);
    }

    /**
     * @param window the window
     * @return the count in the window
     */
    public WindowCount count(MassWindow window) {
        return count(window.lo(), window.hi());
    }

    /**
     * Σw, Σw² and the number of events in an interval.
     *
     * @param sumWeights Σw
     * @param sumWeights2 Σw² (its square root is the Monte Carlo statistical error of Σw)
     * @param entries number of events
     */
    public record WindowCount(double sumWeights, double sumWeights2, int entries) {
    }
}
