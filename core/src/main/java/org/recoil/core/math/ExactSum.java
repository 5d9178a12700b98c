package org.recoil.core.math;

/**
 * A double-double accumulator for sums of doubles whose rounded result does not depend, in
 * practice, on the order of the terms or on how they were split into partial sums: the running sum
 * is kept unevaluated as {@code hi + lo} (about 106 significant bits), each term is added with the
 * error-free transformation TwoSum (Knuth; Møller) followed by a renormalisation, and partial sums
 * are combined with {@link #merge(ExactSum)}, which adds the other's {@code hi} and {@code lo}
 * (never a rounded double). {@link #value()} is {@code hi}, which is {@code hi + lo} rounded to
 * nearest once.
 *
 * <p><b>Guarantee.</b> With {@code u = 2⁻⁵³}, each elementary addition (of a term, or of one
 * component of a merged partial sum) commits one rounding error of at most
 * {@code u²(|hi| + |hi + x|)(1 + u)}: the two-sum is exact and only the addition of the low parts
 * rounds (the error-free transformations and this kind of bound are those of T. Ogita, S. M. Rump
 * and S. Oishi, "Accurate sum and dot product", SIAM J. Sci. Comput. 26 (2005) 1955–1988). After
 * {@code N} elementary additions (N = n terms plus two per merge) the unevaluated sum therefore
 * differs from the exact sum {@code S} by at most {@code δ = 2.01·N·u²·Σ|xᵢ|} (for positive terms
 * {@code Σ|xᵢ| = S}); for {@code N = 3·10⁹} that is {@code 7.5·10⁻²³·Σ|xᵢ|}, about a million times
 * smaller than the half-unit in the last place of the result. Consequently:
 * <ul>
 *   <li>the sum is exact, so {@link #value()} is the correctly rounded exact sum independently of
 *       order and grouping, whenever every partial sum fits in 106 bits (e.g. integer or dyadic
 *       weights of a limited exponent range);</li>
 *   <li>otherwise {@link #value()} is the correctly rounded exact sum unless {@code S} lies within
 *       {@code δ} of a rounding boundary (a midpoint between two adjacent doubles). For terms that
 *       are not specially constructed this happens with a relative frequency of order
 *       {@code δ / (u|S|)} — about {@code 2·10⁻⁷·Σ|xᵢ|/|S|} for 10⁹ terms and {@code 2·10⁻¹⁰} for
 *       10⁶ — and only then can two orders or groupings round differently (by one unit in the
 *       last place). It is not a proof of correct rounding for adversarial inputs: that would need
 *       a long (Kulisch-type) accumulator.</li>
 * </ul>
 * Heavy cancellation ({@code |S| ≪ Σ|xᵢ|}) shrinks the margin accordingly; the absolute error
 * bound {@code δ} holds regardless. Terms must be finite (an overflow of the sum gives ±∞ or NaN).
 *
 * <p>For flat arrays of sums (histogram bins) use the static {@link #add(double[], double[], int,
 * double)} on parallel {@code hi[]} and {@code lo[]} arrays: no allocation per term. Mutable, not
 * thread-safe.
 */
public final class ExactSum {
    private double hi;
    private double lo;

    /** An empty sum (0). */
    public ExactSum() {
    }

    /**
     * A sum with the given unevaluated value.
     *
     * @param hi the high part
     * @param lo the low part
     * @return the sum {@code hi + lo}
     */
    public static ExactSum of(double hi, double lo) {
        ExactSum s = new ExactSum();
        s.add(hi);
        s.add(lo);
        return s;
    }

    /**
     * Adds a term.
     *
     * @param x the term (finite)
     * @return this sum
     */
    public ExactSum add(double x) {
        // TwoSum(hi, x) = s + e exactly
        double s = hi + x;
        double bp = s - hi;
        double e = (hi - (s - bp)) + (x - bp);
        // the only rounding: the low parts
        e += lo;
        // renormalise (|s| >= |e| or s == 0 here, so FastTwoSum is exact)
        double h = s + e;
        lo = e - (h - s);
        hi = h;
        return this;
    }

    /**
     * Adds a term to element {@code i} of a sum kept in parallel arrays, as {@link #add(double)}.
     *
     * @param hi the high parts
     * @param lo the low parts
     * @param i the element
     * @param x the term (finite)
     */
    public static void add(double[] hi, double[] lo, int i, double x) {
        double a = hi[i];
        double s = a + x;
        double bp = s - a;
        double e = (a - (s - bp)) + (x - bp) + lo[i];
        double h = s + e;
        lo[i] = e - (h - s);
        hi[i] = h;
    }

    /**
     * Adds the unevaluated sum {@code xHi + xLo} (another partial sum) to element {@code i}.
     *
     * @param hi the high parts
     * @param lo the low parts
     * @param i the element
     * @param xHi the other's high part
     * @param xLo the other's low part
     */
    public static void add(double[] hi, double[] lo, int i, double xHi, double xLo) {
        add(hi, lo, i, xHi);
        add(hi, lo, i, xLo);
    }

    /**
     * Adds another partial sum (its unevaluated {@code hi + lo}, not its rounded value).
     *
     * @param other the other sum (unchanged)
     * @return this sum
     */
    public ExactSum merge(ExactSum other) {
        double h = other.hi;
        double l = other.lo;
        return add(h).add(l);
    }

    /** @return the high part: the sum rounded to nearest double */
    public double hi() {
        return hi;
    }

    /** @return the low part: the (exactly representable) rest {@code sum - hi} */
    public double lo() {
        return lo;
    }

    /** @return the sum rounded once to the nearest double (the high part) */
    public double value() {
        return hi;
    }

    /** @return an independent copy */
    public ExactSum copy() {
        ExactSum s = new ExactSum();
        s.hi = hi;
        s.lo = lo;
        return s;
    }

    /** Resets to 0. */
    public void reset() {
        hi = 0;
        lo = 0;
    }

    @Override
    public String toString() {
        return hi + " + " + lo;
    }
}
