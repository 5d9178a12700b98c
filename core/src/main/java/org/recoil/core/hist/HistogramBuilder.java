package org.recoil.core.hist;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;
import org.recoil.core.math.ExactSum;

/**
 * Mutable accumulator that fills a {@link Histogram} from single values or from primitive
 * {@code double[]} columns, without boxing or allocation per entry.
 *
 * <p>Each entry adds its weight {@code w} (1 when not given) to the content of its bin and
 * {@code w²} to the bin's sum of squared weights; values below/above the axis go to the
 * underflow/overflow ({@code ±∞} included). A NaN value or a non-finite weight is rejected with an
 * {@link InvalidInputException} naming the entry. Column fills check the whole column before adding
 * anything, so a rejected column leaves the builder unchanged.
 *
 * <p>Builders with the same edges can be {@link #merge(HistogramBuilder) merged}, so that disjoint
 * parts of a dataset can be filled separately (e.g. in parallel) and combined; for unit weights the
 * result is identical to a single fill. Not thread-safe: use one builder per thread.
 *
 * <p>Every sum (each bin's sum of weights and of squared weights, underflow and overflow included)
 * is accumulated as an unevaluated double-double {@code hi + lo} ({@link ExactSum}, in parallel
 * flat arrays) and rounded once in {@link #build()}; {@link #merge(HistogramBuilder) merges} and
 * {@link #partialSums() partial sums} shipped elsewhere keep both parts. The built histogram is
 * therefore the correctly rounded exact sum of the weights (of the rounded squares {@code fl(w·w)}
 * for {@code sumw2}) in practice independently of the order of the fills and of how the entries
 * were split among builders; see {@link ExactSum} for the precise guarantee.
 */
public final class HistogramBuilder {
    private final Binning binning;
    private final int nBins;
    /** Layout {@code [underflow, bin 0, ..., bin n-1, overflow]}. */
    private final double[] sumw;
    private final double[] sumw2;
    /** The low parts of {@link #sumw} and {@link #sumw2} (double-double sums). */
    private final double[] sumwLo;
    private final double[] sumw2Lo;
    /** The {@code nBins + 1} edges, for the column loops. */
    private final double[] edges;
    /** For a uniform axis: {@code nBins / (hi - lo)}; 0 for a variable axis. */
    private final double invWidth;

    /**
     * @param binning the axis of the histogram to fill
     */
    public HistogramBuilder(Binning binning) {
        this.binning = binning;
        this.nBins = binning.nBins();
        this.sumw = new double[nBins + 2];
        this.sumw2 = new double[nBins + 2];
        this.sumwLo = new double[nBins + 2];
        this.sumw2Lo = new double[nBins + 2];
        this.edges = binning.edges();
        this.invWidth = binning instanceof Binning.Uniform u ? 1.0 / u.binWidth() : 0.0;
    }

    /** @return the axis */
    public Binning binning() {
        return binning;
    }

    /**
     * Adds one entry of unit weight.
     *
     * @param x the value
     * @return this builder
     * @throws InvalidInputException if {@code x} is NaN
     */
    public HistogramBuilder fill(double x) {
        int s = binning.findBin(x) + 1;
        ExactSum.add(sumw, sumwLo, s, 1.0);
        ExactSum.add(sumw2, sumw2Lo, s, 1.0);
        return this;
    }

    /**
     * Adds one weighted entry.
     *
     * @param x the value
     * @param w the weight, finite (may be negative or zero)
     * @return this builder
     * @throws InvalidInputException if {@code x} is NaN or {@code w} is not finite
     */
    public HistogramBuilder fill(double x, double w) {
        if (!Double.isFinite(w)) {
            throw new InvalidInputException("histogram fill: weight " + w + " for value " + x + " is not finite");
        }
        int s = binning.findBin(x) + 1;
        ExactSum.add(sumw, sumwLo, s, w);
        ExactSum.add(sumw2, sumw2Lo, s, w * w);
        return this;
    }

    /**
     * Slot (layout with flows) of a value: {@code 0} below the axis, {@code n + 1} at or above it,
     * else bin + 1. Exactly consistent with {@link Binning#findBin(double)} for non-NaN values; NaN
     * gives an arbitrary slot, so callers check for NaN separately.
     */
    private int slot(double x) {
        final double[] e = edges;
        final int n = nBins;
        if (x < e[0]) {
            return 0;
        }
        if (x >= e[n]) {
            return n + 1;
        }
        int i;
        if (invWidth != 0.0) {
            // uniform: a first guess by arithmetic, correct within one bin, then checked against the edges
            i = (int) ((x - e[0]) * invWidth);
            if (i >= n) {
                i = n - 1;
            }
            if (x < e[i]) {
                i--;
            } else if (x >= e[i + 1]) {
                i++;
            }
        } else {
            // variable: branch-free binary search for the last edge <= x
            int low = 0;
            int len = n;
            while (len > 1) {
                int half = len >>> 1;
                low = x >= e[low + half] ? low + half : low;
                len -= half;
            }
            i = low;
        }
        return i + 1;
    }

    /**
     * Adds every value of a column with unit weight.
     *
     * @param values the values
     * @return this builder
     * @throws InvalidInputException if a value is NaN (then nothing is added)
     */
    public HistogramBuilder fill(double[] values) {
        // count per slot, then add the counts to both sums (unit weights: w = w^2 = 1)
        int[] counts = new int[nBins + 2];
        boolean nan = false;
        for (double x : values) {
            nan |= x != x;
            counts[slot(x)]++;
        }
        if (nan) {
            throw badColumn(values, null);
        }
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] != 0) {
                ExactSum.add(sumw, sumwLo, s, counts[s]);
                ExactSum.add(sumw2, sumw2Lo, s, counts[s]);
            }
        }
        return this;
    }

    /**
     * Adds every value of a column with the weight at the same index.
     *
     * @param values the values
     * @param weights the weights, same length, finite
     * @return this builder
     * @throws InvalidInputException if the lengths differ, a value is NaN or a weight is not finite
     *     (then nothing is added)
     */
    public HistogramBuilder fill(double[] values, double[] weights) {
        if (values.length != weights.length) {
            throw new InvalidInputException("histogram fill: " + values.length + " values but " + weights.length + " weights");
        }
        final double[] w1 = sumw;
        final double[] w2 = sumw2;
        final double[] l1 = sumwLo;
        final double[] l2 = sumw2Lo;
        double[] before1 = w1.clone();
        double[] before2 = w2.clone();
        double[] beforeL1 = l1.clone();
        double[] beforeL2 = l2.clone();
        boolean bad = false;
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            double w = weights[i];
            bad |= (x != x) | !(Math.abs(w) <= Double.MAX_VALUE);
            int s = slot(x);
            ExactSum.add(w1, l1, s, w);
            ExactSum.add(w2, l2, s, w * w);
        }
        if (bad) {
            System.arraycopy(before1, 0, w1, 0, w1.length);
            System.arraycopy(before2, 0, w2, 0, w2.length);
            System.arraycopy(beforeL1, 0, l1, 0, l1.length);
            System.arraycopy(beforeL2, 0, l2, 0, l2.length);
            throw badColumn(values, weights);
        }
        return this;
    }

    /** The error for the first NaN value or non-finite weight of a rejected column. */
    private static InvalidInputException badColumn(double[] values, double[] weights) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                return new InvalidInputException("histogram fill: value " + i + " is NaN");
            }
            if (weights != null && !Double.isFinite(weights[i])) {
                return new InvalidInputException("histogram fill: weight " + i + " is " + weights[i] + ", must be finite");
            }
        }
        throw new IllegalStateException("no invalid entry found");
    }

    /**
     * Adds the contents of another builder with the same edges, unrounded (both parts of each
     * double-double sum).
     *
     * @param other the builder to add (unchanged)
     * @return this builder
     * @throws InvalidInputException if the edges differ
     */
    public HistogramBuilder merge(HistogramBuilder other) {
        if (!binning.sameEdges(other.binning)) {
            throw new InvalidInputException("histogram merge: builders have different bin edges");
        }
        return merge(other.partialSums());
    }

    /**
     * The unevaluated sums of this builder, in the layout {@code [underflow, bin 0, ..., bin n-1,
     * overflow]}: the high parts (the rounded sums) and the low parts (their rests), for shipping a
     * partial histogram elsewhere and {@link #merge(PartialSums) merging} it there without
     * intermediate rounding.
     *
     * @param sumwHi high parts of the sums of weights
     * @param sumwLo low parts of the sums of weights
     * @param sumw2Hi high parts of the sums of squared weights
     * @param sumw2Lo low parts of the sums of squared weights
     */
    public record PartialSums(double[] sumwHi, double[] sumwLo, double[] sumw2Hi, double[] sumw2Lo) {
    }

    /** @return copies of the unevaluated sums (see {@link PartialSums}) */
    public PartialSums partialSums() {
        return new PartialSums(sumw.clone(), sumwLo.clone(), sumw2.clone(), sumw2Lo.clone());
    }

    /**
     * Adds unevaluated sums from {@link #partialSums()} of a builder with the same edges.
     *
     * @param p the partial sums (arrays of length {@code nBins + 2})
     * @return this builder
     * @throws InvalidInputException if the lengths do not match the axis
     */
    public HistogramBuilder merge(PartialSums p) {
        int n = sumw.length;
        if (p.sumwHi().length != n || p.sumwLo().length != n || p.sumw2Hi().length != n || p.sumw2Lo().length != n) {
            throw new InvalidInputException("histogram merge: partial sums of another number of bins");
        }
        for (int i = 0; i < n; i++) {
            ExactSum.add(sumw, sumwLo, i, p.sumwHi()[i], p.sumwLo()[i]);
            ExactSum.add(sumw2, sumw2Lo, i, p.sumw2Hi()[i], p.sumw2Lo()[i]);
        }
        return this;
    }

    /**
     * Adds an already built (rounded) histogram with the same edges.
     *
     * @param h the histogram to add
     * @return this builder
     * @throws InvalidInputException if the edges differ
     */
    public HistogramBuilder add(Histogram h) {
        if (!binning.sameEdges(h.binning())) {
            throw new InvalidInputException("histogram merge: histogram has different bin edges");
        }
        double[] w = h.rawSumw();
        double[] w2 = h.rawSumw2();
        for (int i = 0; i < sumw.length; i++) {
            ExactSum.add(sumw, sumwLo, i, w[i]);
            ExactSum.add(sumw2, sumw2Lo, i, w2[i]);
        }
        return this;
    }

    /** Empties the builder. */
    public void reset() {
        Arrays.fill(sumw, 0);
        Arrays.fill(sumw2, 0);
        Arrays.fill(sumwLo, 0);
        Arrays.fill(sumw2Lo, 0);
    }

    /** @return an immutable snapshot, each sum rounded once to the nearest double; the builder stays usable */
    public Histogram build() {
        return new Histogram(binning, sumw.clone(), sumw2.clone());
    }
}
