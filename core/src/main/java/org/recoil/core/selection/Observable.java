package org.recoil.core.selection;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The per-event quantity that selected events are histogrammed in. */
public enum Observable {
    /** Signed recoil mass {@code sign(M²) √|M²|}, GeV (see {@link org.recoil.core.kinematics.RecoilMass}). */
    @JsonProperty("recoil_mass")
    RECOIL_MASS("recoil_mass", "GeV"),
    /** Recoil mass squared {@code M_rec²}, GeV². */
    @JsonProperty("recoil_mass_squared")
    RECOIL_MASS_SQUARED("recoil_mass_squared", "GeV^2");

    private final String key;
    private final String unit;

    Observable(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** @return the name used in configs and JSON output */
    public String key() {
        return key;
    }

    /** @return the unit of the observable */
    public String unit() {
        return unit;
    }
}
