package org.recoil.limits.analysis;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;

/**
 * The signal efficiency of the selection and the search window versus Z′ mass, known at the
 * generated signal masses and interpolated linearly in the mass between them (the efficiency of
 * a window M<sub>Z′</sub>² ± nσ varies smoothly with the mass). Outside the generated masses it is
 * not defined. Immutable.
 *
 * @param masses generated Z′ masses, strictly increasing, GeV
 * @param efficiencies ε at each mass, in [0, 1]
 * @param relativeErrors relative statistical error of each ε (0 where ε = 0)
 */
public record SignalEfficiency(double[] masses, double[] efficiencies, double[] relativeErrors) {

    /** Validates and copies. */
    public SignalEfficiency {
        if (masses.length < 1 || efficiencies.length != masses.length || relativeErrors.length != masses.length) {
            throw new InvalidInputException("signal efficiency table: need equal-length, non-empty arrays");
        }
        for (int i = 0; i < masses.length; i++) {
            if (i > 0 && !(masses[i] > masses[i - 1])) {
                throw new InvalidInputException("signal efficiency table: masses must increase, " + masses[i]
                        + " GeV follows " + masses[i - 1] + " GeV");
            }
            if (!(efficiencies[i] >= 0 && efficiencies[i] <= 1) || !(relativeErrors[i] >= 0)) {
                throw new InvalidInputException("signal efficiency at " + masses[i] + " GeV: efficiency "
                        + efficiencies[i] + " and relative error " + relativeErrors[i] + " out of range");
            }
        }
        masses = masses.clone();
        efficiencies = efficiencies.clone();
        relativeErrors = relativeErrors.clone();
    }

    /**
     * @param mass a Z′ mass within the generated range
     * @return the interpolated efficiency
     * @throws InvalidInputException outside the generated masses
     */
    public double at(double mass) {
        return interpolate(efficiencies, mass);
    }

    /**
     * @param mass a Z′ mass within the generated range
     * @return the interpolated relative statistical error
     */
    public double relativeErrorAt(double mass) {
        return interpolate(relativeErrors, mass);
    }

    private double interpolate(double[] y, double mass) {
        double tol = 1e-9;
        if (!(mass >= masses[0] - tol && mass <= masses[masses.length - 1] + tol)) {
            throw new InvalidInputException("signal efficiency: mass " + mass + " GeV is outside the generated signal"
                    + " masses [" + masses[0] + ", " + masses[masses.length - 1] + "] GeV");
        }
        int i = Arrays.binarySearch(masses, mass);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        if (hi == 0) {
            return y[0];
        }
        if (hi == masses.length) {
            return y[masses.length - 1];
        }
        int lo = hi - 1;
        double t = (mass - masses[lo]) / (masses[hi] - masses[lo]);
        return y[lo] + t * (y[hi] - y[lo]);
    }

    @Override
    public double[] masses() {
        return masses.clone();
    }

    @Override
    public double[] efficiencies() {
        return efficiencies.clone();
    }

    @Override
    public double[] relativeErrors() {
        return relativeErrors.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignalEfficiency s && Arrays.equals(masses, s.masses)
                && Arrays.equals(efficiencies, s.efficiencies) && Arrays.equals(relativeErrors, s.relativeErrors);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(masses) * 31 + Arrays.hashCode(efficiencies);
    }

    @Override
    public String toString() {
        return "SignalEfficiency[masses=" + Arrays.toString(masses) + ", efficiencies=" + Arrays.toString(efficiencies)
                + "]";
    }
}
