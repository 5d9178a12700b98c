package org.recoil.limits.interpret;

/**
 * A closed range of Z′ masses [lo, hi] in GeV.
 *
 * @param lo lower end
 * @param hi upper end, &ge; lo
 */
public record MassInterval(double lo, double hi) {

    /** Checks that the ends are finite and ordered. */
    public MassInterval {
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
            throw new IllegalArgumentException("mass interval needs finite lo <= hi, got [" + lo + ", " + hi + "]");
        }
    }

    /** @return hi − lo in GeV */
    public double width() {
        return hi - lo;
    }

    /**
     * @param mass a mass in GeV
     * @return whether lo ≤ mass ≤ hi
     */
    public boolean contains(double mass) {
        return mass >= lo && mass <= hi;
    }
}
