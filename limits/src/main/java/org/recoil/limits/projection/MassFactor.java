package org.recoil.limits.projection;

import java.util.Arrays;
import java.util.Locale;
import org.recoil.core.InvalidInputException;

/**
 * A positive factor as a function of the Z′ mass: a constant, or a table of (mass, factor) nodes
 * interpolated linearly in the mass and held constant beyond the first and last node. Used for the
 * signal-efficiency gain and the background rejection of an {@link Improvement}. Immutable.
 *
 * @param masses node masses in GeV, strictly increasing (one node: a constant)
 * @param factors the factor at each node, finite and &gt; 0
 */
public record MassFactor(double[] masses, double[] factors) {

    /** The factor 1 at every mass. */
    public static final MassFactor ONE = constant(1.0);

    /** Validates and copies. */
    public MassFactor {
        if (masses == null || factors == null || masses.length == 0 || masses.length != factors.length) {
            throw new InvalidInputException("give 'masses' and 'factors' of equal length, at least one entry each");
        }
        masses = masses.clone();
        factors = factors.clone();
        for (int i = 0; i < masses.length; i++) {
            if (!Double.isFinite(masses[i]) || (i > 0 && !(masses[i] > masses[i - 1]))) {
                throw new InvalidInputException("masses must be finite and strictly increasing, got "
                        + Arrays.toString(masses));
            }
            if (!(factors[i] > 0) || !Double.isFinite(factors[i])) {
                throw new InvalidInputException(String.format(Locale.ROOT, "the factor at M = %s GeV must be finite"
                        + " and > 0, got %s", masses[i], factors[i]));
            }
        }
    }

    /**
     * @param factor the factor at every mass, finite and &gt; 0
     * @return the constant factor
     */
    public static MassFactor constant(double factor) {
        return new MassFactor(new double[] {0.0}, new double[] {factor});
    }

    /** @return whether the factor is the same at every mass */
    public boolean isConstant() {
        return masses.length == 1;
    }

    /**
     * @param mass a Z′ mass, GeV
     * @return the factor there: linear between nodes, the end value beyond them
     */
    public double at(double mass) {
        int n = masses.length;
        if (n == 1 || mass <= masses[0]) {
            return factors[0];
        }
        if (mass >= masses[n - 1]) {
            return factors[n - 1];
        }
        int i = Arrays.binarySearch(masses, mass);
        if (i >= 0) {
            return factors[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (mass - masses[lo]) / (masses[hi] - masses[lo]);
        return factors[lo] + t * (factors[hi] - factors[lo]);
    }

    @Override
    public double[] masses() {
        return masses.clone();
    }

    @Override
    public double[] factors() {
        return factors.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MassFactor f && Arrays.equals(masses, f.masses) && Arrays.equals(factors, f.factors);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(masses) + Arrays.hashCode(factors);
    }

    @Override
    public String toString() {
        if (isConstant()) {
            return num(factors[0]);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < masses.length; i++) {
            b.append(i == 0 ? "" : ", ").append(num(factors[i])).append(" at ").append(num(masses[i])).append(" GeV");
        }
        return b.toString();
    }

    private static String num(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
