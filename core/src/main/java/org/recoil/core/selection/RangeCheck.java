package org.recoil.core.selection;

import java.util.Locale;
import org.recoil.core.InvalidInputException;
import org.recoil.core.hist.Binning;

/**
 * Where the selected events fall relative to a histogram's range: counts inside, below and above,
 * and the smallest and largest value. A histogram with (nearly) every selected event outside its
 * range is almost always a mistake (momenta in MeV, the wrong observable or range), and an empty
 * histogram written without a word would hide it; {@link #require} makes it bad input. Mutable
 * accumulator; {@link #merge} combines accumulators (exactly: counts and extremes only). Not
 * thread-safe.
 */
public final class RangeCheck {
    /** Fraction of the selected events that must lie inside the range. */
    public static final double MIN_INSIDE_FRACTION = 0.01;

    private final double lo;
    private final double hi;
    private long inside;
    private long below;
    private long above;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** @param binning the histogram axis */
    public RangeCheck(Binning binning) {
        this.lo = binning.lo();
        this.hi = binning.hi();
    }

    /** @param x a selected event's value */
    public void add(double x) {
        if (x < lo) {
            below++;
        } else if (x >= hi) {
            above++;
        } else {
            inside++;
        }
        min = Math.min(min, x);
        max = Math.max(max, x);
    }

    /** @param other an accumulator of the same range, added to this one */
    public void merge(RangeCheck other) {
        inside += other.inside;
        below += other.below;
        above += other.above;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** @return selected events inside the range */
    public long inside() {
        return inside;
    }

    /** @return all selected events counted */
    public long total() {
        return inside + below + above;
    }

    /**
     * @param observable the histogrammed quantity, for the message
     * @throws InvalidInputException if events were selected but fewer than {@value #MIN_INSIDE_FRACTION}
     *     of them lie inside the range; the message gives the range, where the events are, and the
     *     likely cause
     */
    public void require(Observable observable) {
        long n = total();
        if (n == 0 || inside >= MIN_INSIDE_FRACTION * n) {
            return;
        }
        String u = observable.unit();
        throw new InvalidInputException(String.format(Locale.ROOT, "histogram range [%s, %s) %s of %s: only %d of"
                        + " %d selected events lie inside (%d below, %d above; the selected values reach from %s to"
                        + " %s %s): momenta in MeV? expected GeV; or choose the range (--range LO,HI or"
                        + " histogram.binning)", num(lo), num(hi), u, observable.key(), inside, n, below, above,
                num(min), num(max), u));
    }

    private static String num(double x) {
        return Double.isFinite(x) ? new java.math.BigDecimal(x).round(new java.math.MathContext(6))
                .stripTrailingZeros().toPlainString() : Double.toString(x);
    }
}
