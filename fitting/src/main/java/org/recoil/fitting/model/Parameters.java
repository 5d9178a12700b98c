package org.recoil.fitting.model;

import java.util.Arrays;
import java.util.List;
import org.recoil.core.InvalidInputException;

/**
 * The flat parameter vector of a model: one entry per scalar parameter, named as pyhf names them
 * ({@code mu}, {@code lumi}, {@code staterror_sr[2]}), with initial values, bounds, which are fixed,
 * and the index of the parameter of interest.
 *
 * @param names parameter names, unique
 * @param inits initial (nominal) values
 * @param lower lower bounds
 * @param upper upper bounds
 * @param fixed whether each parameter is held constant in fits
 * @param poiIndex index of the parameter of interest, or -1 if the model has none
 */
public record Parameters(List<String> names, double[] inits, double[] lower, double[] upper,
                         boolean[] fixed, int poiIndex) {

    /** Validates lengths and bounds and copies the arrays. */
    public Parameters {
        names = List.copyOf(names);
        int n = names.size();
        if (inits.length != n || lower.length != n || upper.length != n || fixed.length != n) {
            throw new IllegalArgumentException("parameter arrays must all have length " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!(lower[i] <= upper[i])) {
                throw new InvalidInputException("parameter '" + names.get(i) + "': inconsistent bounds ["
                        + lower[i] + ", " + upper[i] + "]");
            }
        }
        if (poiIndex < -1 || poiIndex >= n) {
            throw new IllegalArgumentException("poiIndex " + poiIndex + " out of range");
        }
        inits = inits.clone();
        lower = lower.clone();
        upper = upper.clone();
        fixed = fixed.clone();
    }

    /** @return number of scalar parameters */
    public int size() {
        return names.size();
    }

    /** @return copy of the initial values */
    @Override
    public double[] inits() {
        return inits.clone();
    }

    /** @return copy of the lower bounds */
    @Override
    public double[] lower() {
        return lower.clone();
    }

    /** @return copy of the upper bounds */
    @Override
    public double[] upper() {
        return upper.clone();
    }

    /** @return copy of the fixed flags */
    @Override
    public boolean[] fixed() {
        return fixed.clone();
    }

    /** @return initial value of parameter {@code i} */
    public double init(int i) {
        return inits[i];
    }

    /** @return lower bound of parameter {@code i} */
    public double lower(int i) {
        return lower[i];
    }

    /** @return upper bound of parameter {@code i} */
    public double upper(int i) {
        return upper[i];
    }

    /** @return whether parameter {@code i} is fixed */
    public boolean isFixed(int i) {
        return fixed[i];
    }

    /**
     * @param name a parameter name
     * @return its index
     * @throws InvalidInputException naming the parameter when there is no such parameter
     */
    public int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new InvalidInputException("no parameter named '" + name + "'; parameters are " + names);
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && names.equals(p.names) && Arrays.equals(inits, p.inits)
                && Arrays.equals(lower, p.lower) && Arrays.equals(upper, p.upper)
                && Arrays.equals(fixed, p.fixed) && poiIndex == p.poiIndex;
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + poiIndex;
    }

    @Override
    public String toString() {
        return "Parameters" + names + " poi=" + (poiIndex < 0 ? "none" : names.get(poiIndex));
    }
}
