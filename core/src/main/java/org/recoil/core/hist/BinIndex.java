package org.recoil.core.hist;

/** Bin lookup on a uniform axis, shared by {@link Binning.Uniform} and {@link HistogramBuilder}'s fast loops. */
final class BinIndex {
    private BinIndex() {
    }

    /**
     * Bin of a non-NaN value on {@code n} bins of width {@code width} starting at {@code lo}, exactly
     * consistent with the edges {@code lo + i*width} (and {@code hi} for {@code i = n}).
     *
     * @return {@code -1} below {@code lo}, {@code n} at or above {@code hi}, else the bin index
     */
    static int uniform(double x, double lo, double hi, double width, int n) {
        if (x < lo) {
            return -1;
        }
        if (x >= hi) {
            return n;
        }
        int i = (int) ((x - lo) / width);
        // the division may be off by one next to an edge: correct against the edges as defined
        if (i >= n) {
            i = n - 1;
        }
        if (x < lo + i * width) {
            i--;
        } else if (i + 1 < n && x >= lo + (i + 1) * width) {
            i++;
        }
        return i;
    }
}
