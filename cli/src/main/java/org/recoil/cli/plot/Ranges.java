package org.recoil.cli.plot;

/**
 * Automatic axis ranges. Ranges get a small margin around the data; a logarithmic range starts at
 * the decade below the data when that is near, and always shows at least two labelled decades.
 * The top of the y range leaves a given fraction of the plot free for the legend and notes.
 */
final class Ranges {

    private static final double MARGIN = 0.04;
    /** A log axis starts at the decade below the data when that is at most this far (in decades) below. */
    private static final double DECADE_SNAP = 0.35;

    private Ranges() {
    }

    /**
     * The x range of data from {@code min} to {@code max}, widened by {@code pad} (a fraction of
     * the span, on each side, in log space for a log axis).
     */
    static AxisRange x(double min, double max, boolean log, double pad) {
        if (log) {
            double lo = Math.log10(min);
            double hi = Math.log10(max);
            if (!(hi > lo)) {
                return new AxisRange(Math.pow(10, lo - 0.5), Math.pow(10, hi + 0.5)); // a single point
            }
            double span = hi - lo;
            return new AxisRange(Math.pow(10, lo - pad * span), Math.pow(10, hi + pad * span));
        }
        if (!(max > min)) {
            double half = Math.max(0.1 * Math.abs(max), 0.5); // a single point
            return new AxisRange(min - half, max + half);
        }
        double span = max - min;
        return new AxisRange(min - pad * span, max + pad * span);
    }

    /**
     * The y range of data from {@code min} to {@code max} (both &gt; 0 on a log axis).
     *
     * @param fromZero start a linear axis at 0 (counts, limits), otherwise at the data with a margin
     * @param topReserve the fraction of the plot height to keep free above the data, in [0, 1)
     * @param bottomReserve the fraction to keep free below the data (labels along the bottom)
     */
    static AxisRange y(double min, double max, boolean log, boolean fromZero, double topReserve,
                       double bottomReserve) {
        double dataShare = Math.max(1 - topReserve - bottomReserve, 0.2);
        if (log) {
            double lo = Math.log10(min);
            double hi = Math.log10(max);
            double span = Math.max(hi - lo, 0.3);
            hi += MARGIN * span;
            lo -= (MARGIN + bottomReserve / dataShare) * span;
            if (lo - Math.floor(lo) < DECADE_SNAP) {
                lo = Math.floor(lo);
            }
            double top = lo + (hi - lo) / (1 - topReserve);
            if (Math.floor(top) - Math.ceil(lo) < 1) {
                // fewer than two labelled decades: reach the nearer of the decade above the top and
                // the decade below the bottom, and span at least one decade
                if (Math.ceil(top) - top < lo - Math.floor(lo) && Math.ceil(top) - Math.ceil(lo) >= 1) {
                    top = Math.ceil(top);
                } else {
                    lo = Math.floor(lo);
                    top = Math.max(top, lo + 1);
                }
            }
            return new AxisRange(Math.pow(10, lo), Math.pow(10, top));
        }
        double span = max > min ? max - min : Math.max(Math.abs(max), 1.0);
        double bottom = fromZero && min >= 0 && bottomReserve == 0 ? 0.0
                : min - (MARGIN + bottomReserve / dataShare) * span;
        double top = max + MARGIN * span;
        top = bottom + (top - bottom) / (1 - topReserve);
        return new AxisRange(bottom, top);
    }

    /** {@link #y(double, double, boolean, boolean, double, double)} with no room kept below the data. */
    static AxisRange y(double min, double max, boolean log, boolean fromZero, double topReserve) {
        return y(min, max, log, fromZero, topReserve, 0.0);
    }
}
