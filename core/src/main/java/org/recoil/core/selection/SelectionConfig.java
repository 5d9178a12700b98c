package org.recoil.core.selection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.ColumnMapping;
import org.recoil.core.hist.BinningSpec;
import org.recoil.core.io.ConfigReader;
import org.recoil.core.kinematics.BeamConfiguration;

/**
 * A selection configuration, read from YAML or JSON. Every section is optional:
 * <pre>{@code
 * beams: belle2                # or {electron_energy: 7.0, positron_energy: 4.0, crossing_angle: 0.083}
 *                              # or {sqrt_s: 10.58} for CM-frame momenta; default belle2
 * columns:                     # event-file column names, see ColumnMapping (defaults apply)
 *   weight: w
 * cuts:                        # see Cuts; a cut that is absent is not applied
 *   two_opposite_charge_muons: true
 *   muon_momentum: {min: 0.5, max: 6.0}          # GeV, each muon, frame of the event table
 *   muon_polar_angle_deg: {min: 17, max: 150}    # degrees, each muon
 *   max_extra_energy: 0.4                        # GeV
 *   tau_suppression:                             # p_T*(mumu) vs M_rec, see Selection
 *     min_pt: {intercept: 0.5, slope: -0.05}
 *   recoil_mass: {min: -1.0, max: 10.0}          # GeV (signed recoil mass)
 * histogram:
 *   observable: recoil_mass                      # or recoil_mass_squared
 *   binning: {bins: 100, lo: 0.0, hi: 10.0}      # or {edges: [...]}
 * }</pre>
 * Unknown keys anywhere are rejected with a message naming the key, where it is, and the keys
 * allowed there ({@link ConfigReader}).
 *
 * @param beams the beam configuration (null: Belle II)
 * @param columns the column mapping of event files (null: defaults)
 * @param cuts the cuts (null: none)
 * @param histogram the histogram settings (null: none given)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SelectionConfig(
        @JsonProperty("beams") Beams beams,
        @JsonProperty("columns") ColumnMapping columns,
        @JsonProperty("cuts") Cuts cuts,
        @JsonProperty("histogram") HistogramSettings histogram) {

    /** Fills in defaults for absent sections. */
    public SelectionConfig {
        beams = beams != null ? beams : Beams.BELLE2;
        columns = columns != null ? columns : ColumnMapping.defaults();
        cuts = cuts != null ? cuts : Cuts.none();
        histogram = histogram != null ? histogram : new HistogramSettings(null, null);
    }

    /**
     * Reads a config file: JSON for {@code .json}, YAML otherwise (see {@link ConfigReader}).
     *
     * @param file the config file
     * @return the config (an empty file gives all defaults)
     * @throws InvalidInputException if the file cannot be read or is not a valid config (the
     *     message names the file and the offending key)
     */
    public static SelectionConfig read(Path file) {
        SelectionConfig c = ConfigReader.read(file, SelectionConfig.class);
        return c != null ? c : new SelectionConfig(null, null, null, null);
    }

    /**
     * @param text the config text
     * @param json true for JSON, false for YAML
     * @param where the source, for error messages (e.g. the file name)
     * @return the config (empty text gives all defaults)
     * @throws InvalidInputException if the text is not a valid config
     */
    public static SelectionConfig parse(String text, boolean json, String where) {
        SelectionConfig c = ConfigReader.parse(text, json, SelectionConfig.class, where);
        return c != null ? c : new SelectionConfig(null, null, null, null);
    }

    /**
     * The beams: the preset {@code belle2}, explicit energies and crossing angle, or {@code sqrt_s}
     * for momenta given in the CM frame ({@link BeamConfiguration#symmetric(double)}).
     *
     * @param preset a preset name ({@code "belle2"}), or null
     * @param electronEnergy electron beam energy, GeV
     * @param positronEnergy positron beam energy, GeV
     * @param crossingAngle full crossing angle, radians (default 0)
     * @param sqrtS CM energy for CM-frame inputs, GeV
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Beams(
            @JsonProperty("preset") String preset,
            @JsonProperty("electron_energy") Double electronEnergy,
            @JsonProperty("positron_energy") Double positronEnergy,
            @JsonProperty("crossing_angle") Double crossingAngle,
            @JsonProperty("sqrt_s") Double sqrtS) {

        /** The Belle II preset. */
        public static final Beams BELLE2 = new Beams("belle2", null, null, null, null);

        /**
         * Creator for the object form.
         *
         * @throws InvalidInputException unless exactly one of the three forms is given
         */
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Beams {
            int forms = (preset != null ? 1 : 0) + (electronEnergy != null || positronEnergy != null || crossingAngle != null ? 1 : 0)
                    + (sqrtS != null ? 1 : 0);
            if (forms != 1) {
                throw new InvalidInputException("beams: give exactly one of: a preset (belle2); electron_energy, "
                        + "positron_energy and crossing_angle; or sqrt_s (CM-frame momenta)");
            }
            if (preset != null && !preset.equals("belle2")) {
                throw new InvalidInputException("beams: unknown preset '" + preset + "' (known: belle2)");
            }
            if ((electronEnergy != null || positronEnergy != null) && (electronEnergy == null || positronEnergy == null)) {
                throw new InvalidInputException("beams: give both electron_energy and positron_energy");
            }
            if (crossingAngle != null && electronEnergy == null) {
                throw new InvalidInputException("beams: crossing_angle needs electron_energy and positron_energy");
            }
        }

        /**
         * Creator for the short form {@code beams: belle2}.
         *
         * @param preset the preset name
         * @return the beams
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Beams ofPreset(String preset) {
            return new Beams(preset, null, null, null, null);
        }

        /**
         * @return the beam configuration
         * @throws InvalidInputException if the values are not valid beams
         */
        public BeamConfiguration toBeamConfiguration() {
            if (preset != null) {
                return BeamConfiguration.belle2();
            }
            if (sqrtS != null) {
                return BeamConfiguration.symmetric(sqrtS);
            }
            return new BeamConfiguration(electronEnergy, positronEnergy, crossingAngle != null ? crossingAngle : 0.0);
        }
    }

    /**
     * A closed interval {@code [min, max]}; either end may be absent (unbounded).
     *
     * @param min lower bound, inclusive, or null
     * @param max upper bound, inclusive, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Range(@JsonProperty("min") Double min, @JsonProperty("max") Double max) {

        /**
         * @throws InvalidInputException if a bound is NaN, both are absent, or {@code min > max}
         */
        public Range {
            if (min == null && max == null) {
                throw new InvalidInputException("range: give 'min', 'max' or both");
            }
            if ((min != null && min.isNaN()) || (max != null && max.isNaN())) {
                throw new InvalidInputException("range: bounds must be numbers, got min=" + min + ", max=" + max);
            }
            if (min != null && max != null && min > max) {
                throw new InvalidInputException("range: min " + min + " is above max " + max);
            }
        }

        /**
         * @param min lower bound
         * @param max upper bound
         * @return the range
         */
        public static Range of(double min, double max) {
            return new Range(min, max);
        }

        /** @return the lower bound, {@code -∞} if absent */
        public double lo() {
            return min != null ? min : Double.NEGATIVE_INFINITY;
        }

        /** @return the upper bound, {@code +∞} if absent */
        public double hi() {
            return max != null ? max : Double.POSITIVE_INFINITY;
        }
    }

    /**
     * A straight line {@code intercept + slope · M_rec} in the (M_rec, p_T*) plane, GeV.
     *
     * @param intercept value at {@code M_rec = 0}, GeV
     * @param slope change per GeV of recoil mass
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Line(@JsonProperty(value = "intercept", required = true) double intercept,
            @JsonProperty(value = "slope", required = true) double slope) {

        /** @throws InvalidInputException if a coefficient is not finite */
        public Line {
            if (!Double.isFinite(intercept) || !Double.isFinite(slope)) {
                throw new InvalidInputException("line: intercept and slope must be finite, got " + intercept + ", " + slope);
            }
        }

        /**
         * @param recoilMass the signed recoil mass, GeV
         * @return {@code intercept + slope · recoilMass}
         */
        public double at(double recoilMass) {
            return intercept + slope * recoilMass;
        }
    }

    /**
     * The τ-suppression cut in the plane of the dimuon transverse momentum p_T*(μμ) (CM frame,
     * relative to the beam axis) versus the signed recoil mass: an event is kept when
     * {@code p_T* >= minPt.at(M_rec)} (if {@code minPt} is given) and {@code p_T* <= maxPt.at(M_rec)}
     * (if {@code maxPt} is given).
     *
     * @param minPt lower boundary line, or null
     * @param maxPt upper boundary line, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TauSuppression(@JsonProperty("min_pt") Line minPt, @JsonProperty("max_pt") Line maxPt) {

        /** @throws InvalidInputException if neither line is given */
        public TauSuppression {
            if (minPt == null && maxPt == null) {
                throw new InvalidInputException("tau_suppression: give 'min_pt', 'max_pt' or both");
            }
        }
    }

    /**
     * The cuts, each optional (null: not applied). They are applied in the order of the components.
     *
     * @param twoOppositeChargeMuons require {@code n_muons == 2} and opposite charges (default true)
     * @param muonMomentum range of each muon's momentum |p|, GeV, in the frame of the event table
     * @param muonPolarAngleDeg range of each muon's polar angle θ, degrees, in the frame of the event table
     * @param maxExtraEnergy maximum extra neutral energy, GeV (kept: {@code E_extra <= max})
     * @param tauSuppression the p_T*(μμ) versus M_rec cut
     * @param recoilMass range of the signed recoil mass, GeV
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cuts(
            @JsonProperty("two_opposite_charge_muons") Boolean twoOppositeChargeMuons,
            @JsonProperty("muon_momentum") Range muonMomentum,
            @JsonProperty("muon_polar_angle_deg") Range muonPolarAngleDeg,
            @JsonProperty("max_extra_energy") Double maxExtraEnergy,
            @JsonProperty("tau_suppression") TauSuppression tauSuppression,
            @JsonProperty("recoil_mass") Range recoilMass) {

        /**
         * @throws InvalidInputException if the maximum extra energy is NaN or negative, or a polar
         *     angle bound is outside [0, 180] degrees
         */
        public Cuts {
            twoOppositeChargeMuons = twoOppositeChargeMuons != null ? twoOppositeChargeMuons : Boolean.TRUE;
            if (maxExtraEnergy != null && !(maxExtraEnergy >= 0)) {
                throw new InvalidInputException("max_extra_energy must be >= 0 GeV, got " + maxExtraEnergy);
            }
            if (muonPolarAngleDeg != null && (muonPolarAngleDeg.lo() < 0 || muonPolarAngleDeg.hi() > 180
                    && muonPolarAngleDeg.max() != null)) {
                throw new InvalidInputException("muon_polar_angle_deg must lie within [0, 180] degrees, got "
                        + muonPolarAngleDeg.min() + " .. " + muonPolarAngleDeg.max());
            }
        }

        /** @return only the two-opposite-charge-muon requirement */
        public static Cuts none() {
            return new Cuts(null, null, null, null, null, null);
        }

        /**
         * @param on whether to require exactly two muons of opposite charge
         * @return a copy with this setting
         */
        public Cuts withTwoOppositeChargeMuons(boolean on) {
            return new Cuts(on, muonMomentum, muonPolarAngleDeg, maxExtraEnergy, tauSuppression, recoilMass);
        }

        /**
         * @param range each muon's momentum range, GeV (null: no cut)
         * @return a copy with this cut
         */
        public Cuts withMuonMomentum(Range range) {
            return new Cuts(twoOppositeChargeMuons, range, muonPolarAngleDeg, maxExtraEnergy, tauSuppression, recoilMass);
        }

        /**
         * @param range each muon's polar-angle range, degrees (null: no cut)
         * @return a copy with this cut
         */
        public Cuts withMuonPolarAngleDeg(Range range) {
            return new Cuts(twoOppositeChargeMuons, muonMomentum, range, maxExtraEnergy, tauSuppression, recoilMass);
        }

        /**
         * @param max maximum extra energy, GeV (null: no cut)
         * @return a copy with this cut
         */
        public Cuts withMaxExtraEnergy(Double max) {
            return new Cuts(twoOppositeChargeMuons, muonMomentum, muonPolarAngleDeg, max, tauSuppression, recoilMass);
        }

        /**
         * @param tau the τ-suppression cut (null: no cut)
         * @return a copy with this cut
         */
        public Cuts withTauSuppression(TauSuppression tau) {
            return new Cuts(twoOppositeChargeMuons, muonMomentum, muonPolarAngleDeg, maxExtraEnergy, tau, recoilMass);
        }

        /**
         * @param range signed recoil-mass range, GeV (null: no cut)
         * @return a copy with this cut
         */
        public Cuts withRecoilMass(Range range) {
            return new Cuts(twoOppositeChargeMuons, muonMomentum, muonPolarAngleDeg, maxExtraEnergy, tauSuppression, range);
        }
    }

    /**
     * What to histogram.
     *
     * @param observable the observable (null: recoil mass)
     * @param binning the binning, or null if given elsewhere (e.g. on the command line)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistogramSettings(@JsonProperty("observable") Observable observable,
            @JsonProperty("binning") BinningSpec binning) {

        /** Defaults the observable to the recoil mass. */
        public HistogramSettings {
            observable = observable != null ? observable : Observable.RECOIL_MASS;
        }
    }
}
