package org.recoil.fitting.spec;

import java.util.Arrays;
import java.util.Objects;

/**
 * A measurement's configuration of one parameter set (pyhf schema {@code parameter}); every field but
 * the name is optional ({@code null} = not set, use the modifier's default). Vector parameters
 * (staterror, shapesys, shapefactor) take one entry per component.
 *
 * @param name parameter (modifier) name
 * @param inits initial values, or null
 * @param bounds {@code [lower, upper]} per component, or null
 * @param fixed whether the parameter is held constant, or null
 * @param auxdata auxiliary data (centre of the constraint), or null
 * @param sigmas constraint widths (lumi, staterror), or null
 */
public record ParameterConfig(String name, double[] inits, double[][] bounds, Boolean fixed, double[] auxdata,
                              double[] sigmas) {

    /** Validates bounds (pairs with lower <= upper) and copies. */
    public ParameterConfig {
        Specs.requireName(name, "parameter config");
        String where = "parameter config '" + name + "'";
        inits = inits == null ? null : Specs.finiteCopy(inits, where + " inits");
        auxdata = auxdata == null ? null : Specs.finiteCopy(auxdata, where + " auxdata");
        sigmas = sigmas == null ? null : Specs.finiteCopy(sigmas, where + " sigmas");
        if (sigmas != null) {
            for (int i = 0; i < sigmas.length; i++) {
                if (!(sigmas[i] > 0)) {
                    throw new InvalidWorkspaceException(where + ": sigmas[" + i + "] = " + sigmas[i] + ", expected > 0");
                }
            }
        }
        if (bounds != null) {
            double[][] b = new double[bounds.length][];
            for (int i = 0; i < bounds.length; i++) {
                if (bounds[i] == null || bounds[i].length != 2) {
                    throw new InvalidWorkspaceException(where + ": bounds[" + i + "] must be a pair [lower, upper]");
                }
                if (Double.isNaN(bounds[i][0]) || Double.isNaN(bounds[i][1]) || !(bounds[i][0] <= bounds[i][1])) {
                    throw new InvalidWorkspaceException(where + ": inconsistent bounds[" + i + "] = ["
                            + bounds[i][0] + ", " + bounds[i][1] + "], expected lower <= upper");
                }
                b[i] = bounds[i].clone();
            }
            bounds = b;
        }
    }

    /** @return a config with only a name (everything defaulted) */
    public static ParameterConfig named(String name) {
        return new ParameterConfig(name, null, null, null, null, null);
    }

    /** @return copy with scalar init and bounds */
    public ParameterConfig withScalar(double init, double lower, double upper) {
        return new ParameterConfig(name, new double[] {init}, new double[][] {{lower, upper}}, fixed, auxdata, sigmas);
    }

    /** @return copy with the fixed flag set */
    public ParameterConfig withFixed(boolean isFixed) {
        return new ParameterConfig(name, inits, bounds, isFixed, auxdata, sigmas);
    }

    /** @return copy with auxiliary data and sigmas (Gaussian constraint) */
    public ParameterConfig withConstraint(double[] aux, double[] sigma) {
        return new ParameterConfig(name, inits, bounds, fixed, aux, sigma);
    }

    /** @return copy of inits or null */
    @Override
    public double[] inits() {
        return inits == null ? null : inits.clone();
    }

    /** @return copy of bounds or null */
    @Override
    public double[][] bounds() {
        if (bounds == null) {
            return null;
        }
        double[][] b = new double[bounds.length][];
        for (int i = 0; i < b.length; i++) {
            b[i] = bounds[i].clone();
        }
        return b;
    }

    /** @return copy of auxdata or null */
    @Override
    public double[] auxdata() {
        return auxdata == null ? null : auxdata.clone();
    }

    /** @return copy of sigmas or null */
    @Override
    public double[] sigmas() {
        return sigmas == null ? null : sigmas.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterConfig p && name.equals(p.name) && Arrays.equals(inits, p.inits)
                && Arrays.deepEquals(bounds, p.bounds) && Objects.equals(fixed, p.fixed)
                && Arrays.equals(auxdata, p.auxdata) && Arrays.equals(sigmas, p.sigmas);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(inits);
    }

    @Override
    public String toString() {
        return "ParameterConfig[" + name + ", inits=" + Arrays.toString(inits) + ", bounds="
                + Arrays.deepToString(bounds) + ", fixed=" + fixed + ", auxdata=" + Arrays.toString(auxdata)
                + ", sigmas=" + Arrays.toString(sigmas) + "]";
    }
}
