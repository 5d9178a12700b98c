package org.recoil.fitting.spec;

import java.util.Arrays;

/**
 * A HistFactory modifier of a sample's expected rates, one record per modifier type of the pyhf JSON
 * schema 1.0.0 (Cranmer et al., CERN-OPEN-2012-016, table 1; pyhf documentation "Modifiers").
 * Modifiers with the same {@link #name()} share one (correlated) parameter wherever they appear.
 */
public sealed interface Modifier permits Modifier.NormFactor, Modifier.ShapeFactor, Modifier.NormSys,
        Modifier.HistoSys, Modifier.ShapeSys, Modifier.StatError, Modifier.Lumi {

    /** @return the parameter name this modifier subscribes to */
    String name();

    /** @return the pyhf type string: normfactor, shapefactor, normsys, histosys, shapesys, staterror, lumi */
    String type();

    /** @return a free overall normalisation factor (e.g. the signal strength {@code mu}) */
    static NormFactor normfactor(String name) {
        return new NormFactor(name);
    }

    /** @return a free per-bin factor */
    static ShapeFactor shapefactor(String name) {
        return new ShapeFactor(name);
    }

    /** @return an overall systematic with relative up/down factors {@code hi}, {@code lo} */
    static NormSys normsys(String name, double hi, double lo) {
        return new NormSys(name, hi, lo);
    }

    /** @return a shape systematic with absolute up/down templates */
    static HistoSys histosys(String name, double[] hiData, double[] loData) {
        return new HistoSys(name, hiData, loData);
    }

    /** @return an uncorrelated per-bin uncertainty (absolute, per bin) with Poisson constraint */
    static ShapeSys shapesys(String name, double[] data) {
        return new ShapeSys(name, data);
    }

    /** @return a Barlow-Beeston-lite MC statistical uncertainty (absolute, per bin) */
    static StatError staterror(String name, double[] data) {
        return new StatError(name, data);
    }

    /** @return the luminosity modifier (constraint set by the measurement's parameter config) */
    static Lumi lumi(String name) {
        return new Lumi(name);
    }

    /** Unconstrained overall factor, default bounds [0, 10] and init 1 (pyhf). @param name parameter name */
    record NormFactor(String name) implements Modifier {
        /** Validates the name. */
        public NormFactor {
            Specs.requireName(name, "normfactor modifier");
        }

        @Override
        public String type() {
            return "normfactor";
        }
    }

    /** Unconstrained per-bin factors, default bounds [0, 10], init 1. @param name parameter name */
    record ShapeFactor(String name) implements Modifier {
        /** Validates the name. */
        public ShapeFactor {
            Specs.requireName(name, "shapefactor modifier");
        }

        @Override
        public String type() {
            return "shapefactor";
        }
    }

    /**
     * Overall systematic: multiplies the sample by an interpolation between {@code lo} (α = −1), 1
     * (α = 0) and {@code hi} (α = +1); α has a unit Gaussian constraint.
     *
     * @param name parameter name
     * @param hi relative factor at α = +1
     * @param lo relative factor at α = −1
     */
    record NormSys(String name, double hi, double lo) implements Modifier {
        /** Validates the name and that both factors are finite. */
        public NormSys {
            Specs.requireName(name, "normsys modifier");
            if (!Double.isFinite(hi) || !Double.isFinite(lo)) {
                throw new InvalidWorkspaceException("normsys modifier '" + name + "': hi and lo must be finite, got hi="
                        + hi + ", lo=" + lo);
            }
        }

        @Override
        public String type() {
            return "normsys";
        }
    }

    /**
     * Shape systematic: adds an interpolation between the templates {@code loData} (α = −1), the nominal
     * (α = 0) and {@code hiData} (α = +1); α has a unit Gaussian constraint.
     *
     * @param name parameter name
     * @param hiData absolute up template per bin
     * @param loData absolute down template per bin
     */
    record HistoSys(String name, double[] hiData, double[] loData) implements Modifier {
        /** Validates and copies the templates. */
        public HistoSys {
            Specs.requireName(name, "histosys modifier");
            hiData = Specs.finiteCopy(hiData, "histosys modifier '" + name + "' hi_data");
            loData = Specs.finiteCopy(loData, "histosys modifier '" + name + "' lo_data");
            if (hiData.length != loData.length) {
                throw new InvalidWorkspaceException("histosys modifier '" + name + "': hi_data has " + hiData.length
                        + " bins but lo_data has " + loData.length);
            }
        }

        @Override
        public String type() {
            return "histosys";
        }

        /** @return copy of the up template */
        @Override
        public double[] hiData() {
            return hiData.clone();
        }

        /** @return copy of the down template */
        @Override
        public double[] loData() {
            return loData.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HistoSys h && name.equals(h.name) && Arrays.equals(hiData, h.hiData)
                    && Arrays.equals(loData, h.loData);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(hiData);
        }

        @Override
        public String toString() {
            return "HistoSys[" + name + ", hi=" + Arrays.toString(hiData) + ", lo=" + Arrays.toString(loData) + "]";
        }
    }

    /**
     * Uncorrelated shape uncertainty: one γ per bin with a Poisson constraint of auxiliary datum
     * τ = (nominal/σ)² (Barlow-Beeston-lite; pyhf "shapesys").
     *
     * @param name parameter name
     * @param data absolute uncertainty σ per bin
     */
    record ShapeSys(String name, double[] data) implements Modifier {
        /** Validates and copies the uncertainties. */
        public ShapeSys {
            Specs.requireName(name, "shapesys modifier");
            data = Specs.finiteCopy(data, "shapesys modifier '" + name + "' data");
        }

        @Override
        public String type() {
            return "shapesys";
        }

        /** @return copy of the per-bin absolute uncertainties */
        @Override
        public double[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ShapeSys s && name.equals(s.name) && Arrays.equals(data, s.data);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "ShapeSys[" + name + ", " + Arrays.toString(data) + "]";
        }
    }

    /**
     * MC statistical uncertainty: one Gaussian-constrained γ per bin shared by all samples of the channel
     * that carry it, relative width √(Σσ²)/Σnominal over those samples (pyhf "staterror").
     *
     * @param name parameter name (conventionally {@code staterror_<channel>})
     * @param data absolute uncertainty σ per bin
     */
    record StatError(String name, double[] data) implements Modifier {
        /** Validates and copies the uncertainties. */
        public StatError {
            Specs.requireName(name, "staterror modifier");
            data = Specs.finiteCopy(data, "staterror modifier '" + name + "' data");
        }

        @Override
        public String type() {
            return "staterror";
        }

        /** @return copy of the per-bin absolute uncertainties */
        @Override
        public double[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StatError s && name.equals(s.name) && Arrays.equals(data, s.data);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "StatError[" + name + ", " + Arrays.toString(data) + "]";
        }
    }

    /**
     * Luminosity: multiplies the sample by the parameter, Gaussian-constrained with the measurement's
     * {@code auxdata} and {@code sigmas}.
     *
     * @param name parameter name (conventionally {@code lumi})
     */
    record Lumi(String name) implements Modifier {
        /** Validates the name. */
        public Lumi {
            Specs.requireName(name, "lumi modifier");
        }

        @Override
        public String type() {
            return "lumi";
        }
    }
}
