package org.recoil.limits.calc;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Five values of an expected quantity under the background-only hypothesis at the −2σ, −1σ,
 * median, +1σ and +2σ points of its distribution, ascending (the Brazil band). For a CLs band the
 * entries are the CLs values at the test statistic's +2σ ... −2σ fluctuations, ordered ascending as
 * pyhf returns them; for limits they are the Φ(−2), Φ(−1), 0.5, Φ(1), Φ(2) quantiles
 * (2.275%, 15.87%, 50%, 84.13%, 97.725%) of the limit's distribution.
 *
 * @param minus2 value at the −2σ point (smallest)
 * @param minus1 value at the −1σ point
 * @param median median
 * @param plus1 value at the +1σ point
 * @param plus2 value at the +2σ point (largest)
 */
public record ExpectedBand(double minus2, double minus1, double median, double plus1, double plus2) {

    /** Number of entries. */
    public static final int SIZE = 5;

    /**
     * @param index 0..4
     * @return the number of standard deviations of entry {@code index}: −2, −1, 0, 1, 2
     */
    public static int sigma(int index) {
        if (index < 0 || index >= SIZE) {
            throw new IndexOutOfBoundsException("band index " + index);
        }
        return index - 2;
    }

    /**
     * @param index 0..4
     * @return the cumulative probability Φ(sigma(index)) of entry {@code index}
     */
    public static double probability(int index) {
        return NormalDistribution.of(0, 1).cumulativeProbability(sigma(index));
    }

    /**
     * @param ascending five values, −2σ first
     * @return the band
     */
    public static ExpectedBand of(double[] ascending) {
        if (ascending.length != SIZE) {
            throw new IllegalArgumentException("an expected band has 5 values, got " + ascending.length);
        }
        return new ExpectedBand(ascending[0], ascending[1], ascending[2], ascending[3], ascending[4]);
    }

    /** @return the five values, −2σ first */
    public double[] toArray() {
        return new double[] {minus2, minus1, median, plus1, plus2};
    }

    /**
     * @param index 0 (−2σ) to 4 (+2σ)
     * @return that entry
     */
    public double get(int index) {
        return switch (index) {
            case 0 -> minus2;
            case 1 -> minus1;
            case 2 -> median;
            case 3 -> plus1;
            case 4 -> plus2;
            default -> throw new IndexOutOfBoundsException("band index " + index);
        };
    }
}
