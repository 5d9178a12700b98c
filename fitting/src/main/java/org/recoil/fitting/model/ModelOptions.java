package org.recoil.fitting.model;

/**
 * Options for compiling a {@link HistFactoryModel}; immutable, with {@code withX} copies.
 *
 * @param normsysCode interpolation of normsys modifiers (pyhf default {@link InterpolationCode#CODE4})
 * @param histosysCode interpolation of histosys modifiers (pyhf default {@link InterpolationCode#CODE4P})
 * @param poi the parameter of interest: null for the measurement's POI, the empty string for none
 *            (a background-only fit, as pyhf's {@code poi_name=None})
 */
public record ModelOptions(InterpolationCode normsysCode, InterpolationCode histosysCode, String poi) {

    /** Validates. */
    public ModelOptions {
        java.util.Objects.requireNonNull(normsysCode, "normsysCode");
        java.util.Objects.requireNonNull(histosysCode, "histosysCode");
    }

    /** @return pyhf 0.7's defaults: normsys code 4, histosys code 4p, the measurement's POI */
    public static ModelOptions defaults() {
        return new ModelOptions(InterpolationCode.CODE4, InterpolationCode.CODE4P, null);
    }

    /** @return a copy with another normsys interpolation code */
    public ModelOptions withNormsysCode(InterpolationCode code) {
        return new ModelOptions(code, histosysCode, poi);
    }

    /** @return a copy with another histosys interpolation code */
    public ModelOptions withHistosysCode(InterpolationCode code) {
        return new ModelOptions(normsysCode, code, poi);
    }

    /** @return a copy with this POI instead of the measurement's */
    public ModelOptions withPoi(String name) {
        return new ModelOptions(normsysCode, histosysCode, name);
    }

    /** @return a copy without a parameter of interest (e.g. to fit a background-only workspace) */
    public ModelOptions withoutPoi() {
        return new ModelOptions(normsysCode, histosysCode, "");
    }
}
