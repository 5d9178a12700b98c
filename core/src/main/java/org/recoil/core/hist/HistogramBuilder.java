package org.recoil.core.hist;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;

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
 */
public final class HistogramBuilder {
    private final Binning binning;
    private final int nBins;
    /** Layout {@code [underflow, bin 0, ..., bin n-1, overflow]}. */
    private final double[] sumw;
    private final double[] sumw2;

    /**
     * @param binning the axis of the histogram to fill
     */
    public HistogramBuilder(Binning binning) {
        this.binning = binning;
        this.nBins = binning.nBins();
        this.sumw = new double[nBins + 2];
        this.sumw2 = new double[nBins + 2];
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
        sumw[s] += 1.0;
        sumw2[s] += 1.0;
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
        sumw[s] += w;
        sumw2[s] += w * w;
        return this;
    }

    /**
     * Adds every value of a column with unit weight.
     *
     * @param values the values
     * @return this builder
     * @throws InvalidInputException if a value is NaN (then nothing is added)
     */
    public HistogramBuilder fill(double[] values) {
        checkValues(values);
        // count per slot, then add the counts to both sums (unit weights: w = w^2 = 1)
        int[] counts = new int[nBins + 2];
        if (binning instanceof Binning.Uniform u) {
            countUniform(u, values, counts);
        } else {
            for (double x : values) {
                counts[binning.findBin(x) + 1]++;
            }
        }
        for (int s = 0; s < counts.length; s++) {
            sumw[s] += counts[s];
            sumw2[s] += counts[s];
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
        checkValues(values);
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new InvalidInputException("histogram fill: weight " + i + " is " + weights[i] + ", must be finite");
            }
        }
        if (binning instanceof Binning.Uniform u) {
            fillUniform(u, values, weights);
        } else {
            for (int i = 0; i < values.length; i++) {
                int s = binning.findBin(values[i]) + 1;
                double w = weights[i];
                sumw[s] += w;
                sumw2[s] += w * w;
            }
        }
        return this;
    }

    private static void checkValues(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new InvalidInputException("histogram fill: value " + i + " is NaN");
            }
        }
    }

    private void countUniform(Binning.Uniform u, double[] values, int[] counts) {
        final double lo = u.lo();
        final double hi = u.hi();
        final double width = u.binWidth();
        final int n = nBins;
        for (double x : values) {
            counts[BinIndex.uniform(x, lo, hi, width, n) + 1]++;
        }
    }

    private void fillUniform(Binning.Uniform u, double[] values, double[] weights) {
        final double lo = u.lo();
        final double hi = u.hi();
        final double width = u.binWidth();
        final int n = nBins;
        final double[] w1 = sumw;
        final double[] w2 = sumw2;
        for (int i = 0; i < values.length; i++) {
            int s = BinIndex.uniform(values[i], lo, hi, width, n) + 1;
            double w = weights[i];
            w1[s] += w;
            w2[s] += w * w;
        }
    }

    /**
     * Adds the contents of another builder with the same edges.
     *
     * @param other the builder to add (unchanged)
     * @return this builder
     * @throws InvalidInputException if the edges differ
     */
    public HistogramBuilder merge(HistogramBuilder other) {
        if (!binning.sameEdges(other.binning)) {
            throw new InvalidInputException("histogram merge: builders have different bin edges");
        }
        for (int i = 0; i < sumw.length; i++) {
            sumw[i] += other.sumw[i];
            sumw2[i] += other.sumw2[i];
        }
        return this;
    }

    /**
     * Adds an already built histogram with the same edges.
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
            sumw[i] += w[i];
            sumw2[i] += w2[i];
        }
        return this;
    }

    /** Empties the builder. */
    public void reset() {
        Arrays.fill(sumw, 0);
        Arrays.fill(sumw2, 0);
    }

    /** @return an immutable snapshot; the builder stays usable */
    public Histogram build() {
        return new Histogram(binning, sumw.clone(), sumw2.clone());
    }
}
