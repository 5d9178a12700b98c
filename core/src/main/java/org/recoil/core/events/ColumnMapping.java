package org.recoil.core.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Which columns of an event file hold which quantity. Any component left {@code null} takes its
 * default name:
 * <table>
 * <caption>Default column names</caption>
 * <tr><th>quantity</th><th>default</th><th></th></tr>
 * <tr><td>muon 1 momentum</td><td>{@code mu1_px, mu1_py, mu1_pz} (GeV)</td><td>required</td></tr>
 * <tr><td>muon 2 momentum</td><td>{@code mu2_px, mu2_py, mu2_pz} (GeV)</td><td>required</td></tr>
 * <tr><td>charges</td><td>{@code mu1_charge, mu2_charge} (integers, e.g. ±1)</td><td>required</td></tr>
 * <tr><td>extra neutral energy</td><td>{@code extra_energy} (GeV, ≥ 0)</td><td>required</td></tr>
 * <tr><td>event weight</td><td>{@code weight}</td><td>optional, default 1</td></tr>
 * <tr><td>number of muon candidates</td><td>{@code n_muons} (integer ≥ 0)</td><td>optional, default 2</td></tr>
 * <tr><td>sample name</td><td>{@code sample} (text)</td><td>optional, default: the table's sample name</td></tr>
 * </table>
 * An optional column under its default name is used when the file has it; an optional column given
 * another name must exist (so a misspelt name is an error, not a silent default). Momenta may
 * instead be given as {@code p, theta, phi} per muon (see {@link MuonColumns}). Momenta, charges
 * and the extra energy are in the frame of the beams used for the analysis (the lab frame for
 * Belle II beams, or the CM frame with symmetric beams).
 *
 * <p>In YAML/JSON configs the keys are {@code muon1, muon2, charge1, charge2, extra_energy, weight,
 * n_muons, sample}; unknown keys are rejected.
 *
 * @param muon1 momentum columns of the first muon
 * @param muon2 momentum columns of the second muon
 * @param charge1 charge column of the first muon
 * @param charge2 charge column of the second muon
 * @param extraEnergy column of the extra neutral energy (energy not associated with the muons)
 * @param weight column of the event weight
 * @param nMuons column of the number of muon candidates in the event
 * @param sample column of the sample name
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ColumnMapping(
        @JsonProperty("muon1") MuonColumns muon1,
        @JsonProperty("muon2") MuonColumns muon2,
        @JsonProperty("charge1") String charge1,
        @JsonProperty("charge2") String charge2,
        @JsonProperty("extra_energy") String extraEnergy,
        @JsonProperty("weight") String weight,
        @JsonProperty("n_muons") String nMuons,
        @JsonProperty("sample") String sample) {

    /** Default name of the weight column. */
    public static final String DEFAULT_WEIGHT = "weight";
    /** Default name of the muon-count column. */
    public static final String DEFAULT_N_MUONS = "n_muons";
    /** Default name of the sample column. */
    public static final String DEFAULT_SAMPLE = "sample";

    /** Fills in default names for {@code null} components. */
    public ColumnMapping {
        muon1 = muon1 != null ? muon1 : MuonColumns.cartesian("mu1_px", "mu1_py", "mu1_pz");
        muon2 = muon2 != null ? muon2 : MuonColumns.cartesian("mu2_px", "mu2_py", "mu2_pz");
        charge1 = charge1 != null ? charge1 : "mu1_charge";
        charge2 = charge2 != null ? charge2 : "mu2_charge";
        extraEnergy = extraEnergy != null ? extraEnergy : "extra_energy";
        nMuons = nMuons != null ? nMuons : DEFAULT_N_MUONS;
        sample = sample != null ? sample : DEFAULT_SAMPLE;
    }

    /** @return the column of the event weight ({@value #DEFAULT_WEIGHT} unless mapped) */
    @Override
    public String weight() {
        return weight != null ? weight : DEFAULT_WEIGHT;
    }

    /**
     * @return whether the weight column was named explicitly (even under its default name); data
     *         files are counted, not weighted, unless it was
     */
    public boolean weightMapped() {
        return weight != null;
    }

    /**
     * Equal when every column name is the same; an unmapped weight equals a weight mapped to its
     * default name (so a mapping survives its JSON form, which writes the name).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnMapping m && muon1.equals(m.muon1) && muon2.equals(m.muon2)
                && charge1.equals(m.charge1) && charge2.equals(m.charge2) && extraEnergy.equals(m.extraEnergy)
                && weight().equals(m.weight()) && nMuons.equals(m.nMuons) && sample.equals(m.sample);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(muon1, muon2, charge1, charge2, extraEnergy, weight(), nMuons, sample);
    }

    /** @return the mapping with every default name */
    public static ColumnMapping defaults() {
        return new ColumnMapping(null, null, null, null, null, null, null, null);
    }

    /**
     * @param m1 momentum columns of the first muon
     * @param m2 momentum columns of the second muon
     * @return a copy with these momentum columns
     */
    public ColumnMapping withMuons(MuonColumns m1, MuonColumns m2) {
        return new ColumnMapping(m1, m2, charge1, charge2, extraEnergy, weight, nMuons, sample);
    }

    /** @return the numeric columns that must exist, in a fixed order */
    List<String> requiredNumeric() {
        List<String> r = new ArrayList<>(List.of(muon1.names()));
        r.addAll(List.of(muon2.names()));
        r.add(charge1);
        r.add(charge2);
        r.add(extraEnergy);
        return r;
    }

    /** @return whether the weight column must exist (it was renamed from the default) */
    boolean weightRequired() {
        return !DEFAULT_WEIGHT.equals(weight());
    }

    /** @return whether the muon-count column must exist */
    boolean nMuonsRequired() {
        return !DEFAULT_N_MUONS.equals(nMuons);
    }

    /** @return whether the sample column must exist */
    boolean sampleRequired() {
        return !DEFAULT_SAMPLE.equals(sample);
    }
}
