package org.recoil.core.hist;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;

/**
 * An immutable one-dimensional weighted histogram: per-bin sums of weights ("contents") and sums of
 * squared weights ({@code sumw2}), plus underflow and overflow with their own {@code sumw2}.
 *
 * <p>The statistical error of a bin is {@code sqrt(sumw2)} (for unit weights, the Poisson error
 * {@code sqrt(n)}). Operations return new histograms: {@link #add(Histogram)} sums contents and
 * {@code sumw2}; {@link #scale(double)} multiplies contents by {@code f} and {@code sumw2} by
 * {@code f²}; {@link #rebin(int)} and {@link #rebin(Binning)} merge adjacent bins. Fill histograms
 * with {@link HistogramBuilder}; read and write them as JSON with {@link HistogramJson}.
 *
 * <p>{@link #equals(Object)} is exact; {@link #isClose(Histogram, double, double)} compares within
 * a tolerance.
 */
public final class Histogram {
    private final Binning binning;
    /** Layout {@code [underflow, bin 0, ..., bin n-1, overflow]}. */
    private final double[] sumw;
    private final double[] sumw2;

    /** Takes ownership of the arrays (layout with flows); callers pass fresh copies. */
    Histogram(Binning binning, double[] sumw, double[] sumw2) {
        this.binning = binning;
        this.sumw = sumw;
        this.sumw2 = sumw2;
    }

    /**
     * A histogram from explicit values.
     *
     * @param binning the axis
     * @param contents sum of weights per bin, length {@code binning.nBins()} (copied)
     * @param sumw2 sum of squared weights per bin, same length, each {@code >= 0} (copied)
     * @param underflow sum of weights below {@code binning.lo()}
     * @param underflowSumw2 sum of squared weights below {@code binning.lo()}
     * @param overflow sum of weights at or above {@code binning.hi()}
     * @param overflowSumw2 sum of squared weights at or above {@code binning.hi()}
     * @return the histogram
     * @throws InvalidInputException on a length mismatch, a non-finite value or a negative sumw2
     */
    public static Histogram of(Binning binning, double[] contents, double[] sumw2, double underflow,
            double underflowSumw2, double overflow, double overflowSumw2) {
        int n = binning.nBins();
        if (contents.length != n || sumw2.length != n) {
            throw new InvalidInputException("histogram: binning has " + n + " bins but got " + contents.length
                    + " contents and " + sumw2.length + " sumw2 values");
        }
        double[] w = new double[n + 2];
        double[] w2 = new double[n + 2];
        w[0] = underflow;
        w2[0] = underflowSumw2;
        w[n + 1] = overflow;
        w2[n + 1] = overflowSumw2;
        System.arraycopy(contents, 0, w, 1, n);
        System.arraycopy(sumw2, 0, w2, 1, n);
        for (int i = 0; i < n + 2; i++) {
            if (!Double.isFinite(w[i])) {
                throw new InvalidInputException("histogram: " + slotName(i, n) + " content is " + w[i] + ", must be finite");
            }
            if (!Double.isFinite(w2[i]) || w2[i] < 0) {
                throw new InvalidInputException("histogram: " + slotName(i, n) + " sumw2 is " + w2[i]
                        + ", must be finite and >= 0");
            }
        }
        return new Histogram(binning, w, w2);
    }

    /**
     * A histogram of event counts with Poisson errors ({@code sumw2 = contents}) and empty flows.
     *
     * @param binning the axis
     * @param counts counts per bin, each {@code >= 0} (copied)
     * @return the histogram
     * @throws InvalidInputException on a length mismatch or a negative or non-finite count
     */
    public static Histogram ofCounts(Binning binning, double[] counts) {
        return of(binning, counts, counts, 0, 0, 0, 0);
    }

    /**
     * @param binning the axis
     * @return a histogram with all contents zero
     */
    public static Histogram empty(Binning binning) {
        int n = binning.nBins();
        return new Histogram(binning, new double[n + 2], new double[n + 2]);
    }

    private static String slotName(int slot, int n) {
        return slot == 0 ? "underflow" : slot == n + 1 ? "overflow" : "bin " + (slot - 1);
    }

    /** @return the axis */
    public Binning binning() {
        return binning;
    }

    /** @return the number of bins */
    public int nBins() {
        return binning.nBins();
    }

    /**
     * @param bin a bin index in {@code 0 .. nBins()-1}
     * @return the sum of weights in the bin
     */
    public double content(int bin) {
        return sumw[slot(bin)];
    }

    /**
     * @param bin a bin index
     * @return the sum of squared weights in the bin
     */
    public double sumw2(int bin) {
        return sumw2[slot(bin)];
    }

    /**
     * @param bin a bin index
     * @return the statistical error {@code sqrt(sumw2)} of the bin
     */
    public double error(int bin) {
        return Math.sqrt(sumw2[slot(bin)]);
    }

    /** @return a copy of the per-bin contents (no flows) */
    public double[] contents() {
        return Arrays.copyOfRange(sumw, 1, nBins() + 1);
    }

    /** @return a copy of the per-bin sums of squared weights (no flows) */
    public double[] sumw2() {
        return Arrays.copyOfRange(sumw2, 1, nBins() + 1);
    }

    /** @return the per-bin errors {@code sqrt(sumw2)} */
    public double[] errors() {
        double[] e = sumw2();
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.sqrt(e[i]);
        }
        return e;
    }

    /** @return the sum of weights below {@code binning().lo()} */
    public double underflow() {
        return sumw[0];
    }

    /** @return the sum of squared weights below {@code binning().lo()} */
    public double underflowSumw2() {
        return sumw2[0];
    }

    /** @return the sum of weights at or above {@code binning().hi()} */
    public double overflow() {
        return sumw[nBins() + 1];
    }

    /** @return the sum of squared weights at or above {@code binning().hi()} */
    public double overflowSumw2() {
        return sumw2[nBins() + 1];
    }

    private int slot(int bin) {
        if (bin < 0 || bin >= nBins()) {
            throw new IndexOutOfBoundsException("bin " + bin + " outside 0.." + (nBins() - 1));
        }
        return bin + 1;
    }

    /** @return the sum of contents over all bins, flows excluded */
    public double integral() {
        return integral(0, nBins() - 1);
    }

    /**
     * Sum of contents over a closed range of bins.
     *
     * @param firstBin first bin, included
     * @param lastBin last bin, included; may be {@code firstBin - 1} for an empty range
     * @return the sum of weights
     */
    public double integral(int firstBin, int lastBin) {
        return sumRange(sumw, firstBin, lastBin);
    }

    /**
     * Sum of squared weights over a closed range of bins, so that the error of
     * {@link #integral(int, int)} is the square root of this.
     *
     * @param firstBin first bin, included
     * @param lastBin last bin, included
     * @return the sum of squared weights
     */
    public double integralSumw2(int firstBin, int lastBin) {
        return sumRange(sumw2, firstBin, lastBin);
    }

    private double sumRange(double[] a, int firstBin, int lastBin) {
        if (firstBin < 0 || lastBin >= nBins() || lastBin < firstBin - 1) {
            throw new IndexOutOfBoundsException("bin range [" + firstBin + ", " + lastBin + "] outside 0.." + (nBins() - 1));
        }
        double s = 0;
        for (int i = firstBin + 1; i <= lastBin + 1; i++) {
            s += a[i];
        }
        return s;
    }

    /**
     * Integral over the interval {@code [xLo, xHi]} of the axis. Bins entirely inside count fully;
     * a bin cut by an end of the interval counts with the fraction of its width inside (the content
     * is taken as uniformly spread within each bin). With bin edges as ends the result is exact.
     *
     * @param xLo low end, in {@code [binning().lo(), xHi]}
     * @param xHi high end, in {@code [xLo, binning().hi()]}
     * @return the integral
     * @throws InvalidInputException if the interval is not inside the axis range or is reversed
     */
    public double integral(double xLo, double xHi) {
        if (!(xLo >= binning.lo() && xHi <= binning.hi() && xLo <= xHi)) {
            throw new InvalidInputException("histogram: integral range [" + xLo + ", " + xHi
                    + "] must be ordered and inside the axis [" + binning.lo() + ", " + binning.hi() + "]");
        }
        if (xLo == xHi) {
            return 0;
        }
        int first = binning.findBin(xLo);
        int last = Math.min(binning.findBin(xHi), nBins() - 1);
        if (binning.edge(last) == xHi) {
            last--; // xHi is the low edge of bin `last`: nothing of it is inside
        }
        double s = 0;
        for (int b = first; b <= last; b++) {
            double lo = Math.max(xLo, binning.edge(b));
            double hi = Math.min(xHi, binning.edge(b + 1));
            double frac = (hi - lo) / (binning.edge(b + 1) - binning.edge(b));
            s += frac == 1.0 ? sumw[b + 1] : frac * sumw[b + 1];
        }
        return s;
    }

    /**
     * Bin-by-bin sum; also sums the flows and the sums of squared weights.
     *
     * @param other a histogram with the same edges
     * @return the sum
     * @throws InvalidInputException if the edges differ
     */
    public Histogram add(Histogram other) {
        requireSameEdges(other, "add");
        double[] w = sumw.clone();
        double[] w2 = sumw2.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] += other.sumw[i];
            w2[i] += other.sumw2[i];
        }
        return new Histogram(binning, w, w2);
    }

    /**
     * Multiplies every content (and flow) by {@code factor} and every sum of squared weights by
     * {@code factor²}, as for a histogram filled with all weights multiplied by {@code factor}.
     *
     * @param factor finite scale factor
     * @return the scaled histogram
     * @throws InvalidInputException if the factor is not finite
     */
    public Histogram scale(double factor) {
        if (!Double.isFinite(factor)) {
            throw new InvalidInputException("histogram: scale factor must be finite, got " + factor);
        }
        double[] w = sumw.clone();
        double[] w2 = sumw2.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= factor;
            w2[i] *= factor * factor;
        }
        return new Histogram(binning, w, w2);
    }

    /**
     * Merges each group of {@code k} adjacent bins into one. A uniform binning stays uniform.
     *
     * @param k group size, at least 1, dividing {@code nBins()}
     * @return the rebinned histogram (flows unchanged)
     * @throws InvalidInputException if {@code k < 1} or {@code k} does not divide the number of bins
     */
    public Histogram rebin(int k) {
        int n = nBins();
        if (k < 1 || n % k != 0) {
            throw new InvalidInputException("histogram: cannot merge groups of " + k + " bins: the group size must be "
                    + "at least 1 and divide the number of bins (" + n + ")");
        }
        Binning coarse;
        if (binning instanceof Binning.Uniform u) {
            coarse = Binning.uniform(n / k, u.lo(), u.hi());
        } else {
            double[] e = new double[n / k + 1];
            for (int i = 0; i < e.length; i++) {
                e[i] = binning.edge(i * k);
            }
            coarse = Binning.variable(e);
        }
        return merge(coarse, k);
    }

    private Histogram merge(Binning coarse, int k) {
        int m = coarse.nBins();
        double[] w = new double[m + 2];
        double[] w2 = new double[m + 2];
        w[0] = sumw[0];
        w2[0] = sumw2[0];
        w[m + 1] = sumw[nBins() + 1];
        w2[m + 1] = sumw2[nBins() + 1];
        for (int i = 0; i < nBins(); i++) {
            w[i / k + 1] += sumw[i + 1];
            w2[i / k + 1] += sumw2[i + 1];
        }
        return new Histogram(coarse, w, w2);
    }

    /**
     * Rebins to a coarser axis whose every edge is (within {@code 1e-9} of the neighbouring fine bin
     * width) an edge of this histogram. Fine bins below {@code coarser.lo()} go to the underflow and
     * fine bins at or above {@code coarser.hi()} to the overflow.
     *
     * @param coarser the new axis, inside this axis' range
     * @return the rebinned histogram
     * @throws InvalidInputException if an edge of {@code coarser} is not an edge of this histogram
     */
    public Histogram rebin(Binning coarser) {
        int n = nBins();
        int m = coarser.nBins();
        // for each coarse edge, the index of the matching fine edge
        int[] match = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            double e = coarser.edge(j);
            int b = binning.findBin(e);
            int candidate = -1;
            for (int c = Math.max(0, b - 1); c <= Math.min(n, b + 2); c++) {
                double tol = 1e-9 * neighbourWidth(c);
                if (Math.abs(binning.edge(c) - e) <= tol) {
                    candidate = c;
                    break;
                }
            }
            if (candidate < 0) {
                throw new InvalidInputException("histogram: cannot rebin: edge " + j + " (" + e
                        + ") of the new binning is not an edge of the current binning " + describe(binning));
            }
            match[j] = candidate;
        }
        double[] w = new double[m + 2];
        double[] w2 = new double[m + 2];
        w[0] = sumw[0];
        w2[0] = sumw2[0];
        w[m + 1] = sumw[n + 1];
        w2[m + 1] = sumw2[n + 1];
        int coarse = -1;
        for (int i = 0; i < n; i++) {
            while (coarse < m && i >= match[coarse + 1]) {
                coarse++;
            }
            w[coarse + 1] += sumw[i + 1];
            w2[coarse + 1] += sumw2[i + 1];
        }
        return new Histogram(coarser, w, w2);
    }

    private double neighbourWidth(int edge) {
        int n = nBins();
        double left = edge > 0 ? binning.edge(edge) - binning.edge(edge - 1) : Double.POSITIVE_INFINITY;
        double right = edge < n ? binning.edge(edge + 1) - binning.edge(edge) : Double.POSITIVE_INFINITY;
        return Math.min(left, right);
    }

    private static String describe(Binning b) {
        if (b instanceof Binning.Uniform u) {
            return "(" + u.nBins() + " uniform bins on [" + u.lo() + ", " + u.hi() + "])";
        }
        return Arrays.toString(b.edges());
    }

    private void requireSameEdges(Histogram other, String op) {
        if (!binning.sameEdges(other.binning)) {
            throw new InvalidInputException("histogram: cannot " + op + " histograms with different bin edges: "
                    + describe(binning) + " vs " + describe(other.binning));
        }
    }

    /**
     * Tolerant comparison: same edges, and every content, sumw2 and flow satisfies
     * {@code |a - b| <= absTol + relTol * max(|a|, |b|)}.
     *
     * @param other the histogram to compare with
     * @param relTol relative tolerance, {@code >= 0}
     * @param absTol absolute tolerance, {@code >= 0}
     * @return true if all values agree within the tolerance
     */
    public boolean isClose(Histogram other, double relTol, double absTol) {
        if (!binning.sameEdges(other.binning)) {
            return false;
        }
        for (int i = 0; i < sumw.length; i++) {
            if (!close(sumw[i], other.sumw[i], relTol, absTol) || !close(sumw2[i], other.sumw2[i], relTol, absTol)) {
                return false;
            }
        }
        return true;
    }

    private static boolean close(double a, double b, double relTol, double absTol) {
        return Math.abs(a - b) <= absTol + relTol * Math.max(Math.abs(a), Math.abs(b));
    }

    /** Exact equality: same binning and identical contents, sumw2 and flows. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && binning.equals(h.binning) && Arrays.equals(sumw, h.sumw)
                && Arrays.equals(sumw2, h.sumw2);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * binning.hashCode() + Arrays.hashCode(sumw)) + Arrays.hashCode(sumw2);
    }

    @Override
    public String toString() {
        return "Histogram[" + describe(binning) + ", integral=" + integral() + ", underflow=" + underflow()
                + ", overflow=" + overflow() + "]";
    }

    /** Package access for the builder: raw layout with flows (not copied). */
    double[] rawSumw() {
        return sumw;
    }

    /** Package access for the builder: raw layout with flows (not copied). */
    double[] rawSumw2() {
        return sumw2;
    }
}
