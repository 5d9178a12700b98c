package org.recoil.core.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.MuonColumns;
import org.recoil.core.hist.Binning;
import org.recoil.core.kinematics.BeamConfiguration;

class SelectionConfigTest {
    private static final String FULL = """
            beams: belle2
            columns:
              muon1: {p: p1, theta: th1, phi: ph1}
              weight: w
            cuts:
              two_opposite_charge_muons: true
              muon_momentum: {min: 0.5, max: 6.0}
              muon_polar_angle_deg: {min: 17, max: 150}
              max_extra_energy: 0.4
              tau_suppression:
                min_pt: {intercept: 0.5, slope: -0.05}
              recoil_mass: {min: -1.0}
            histogram:
              observable: recoil_mass_squared
              binning: {bins: 100, lo: 0.0, hi: 10.0}
            """;

    @Test
    void fullYamlConfig() {
        SelectionConfig c = SelectionConfig.parse(FULL, false, "cfg.yaml");
        assertEquals(BeamConfiguration.belle2(), c.beams().toBeamConfiguration());
        assertEquals(MuonColumns.spherical("p1", "th1", "ph1"), c.columns().muon1());
        assertEquals("mu2_px", c.columns().muon2().px());
        assertEquals("w", c.columns().weight());
        assertTrue(c.cuts().twoOppositeChargeMuons());
        assertEquals(0.5, c.cuts().muonMomentum().lo());
        assertEquals(150.0, c.cuts().muonPolarAngleDeg().hi());
        assertEquals(0.4, c.cuts().maxExtraEnergy());
        assertEquals(0.5 - 0.05 * 2, c.cuts().tauSuppression().minPt().at(2.0), 1e-15);
        assertNull(c.cuts().tauSuppression().maxPt());
        assertEquals(Double.POSITIVE_INFINITY, c.cuts().recoilMass().hi());
        assertEquals(Observable.RECOIL_MASS_SQUARED, c.histogram().observable());
        assertEquals(Binning.uniform(100, 0, 10), c.histogram().binning().toBinning("x"));
    }

    @Test
    void jsonConfigAndBeamForms() {
        SelectionConfig c = SelectionConfig.parse("""
                {"beams": {"sqrt_s": 10.58}, "cuts": {"two_opposite_charge_muons": false, "recoil_mass": {"max": 3}}}
                """, true, "cfg.json");
        assertEquals(BeamConfiguration.symmetric(10.58), c.beams().toBeamConfiguration());
        assertEquals(false, c.cuts().twoOppositeChargeMuons());
        assertEquals(Observable.RECOIL_MASS, c.histogram().observable());
        assertNull(c.histogram().binning());
        SelectionConfig explicit = SelectionConfig.parse("beams: {electron_energy: 7.004, positron_energy: 4.002, "
                + "crossing_angle: 0.083}", false, "cfg.yaml");
        assertEquals(new BeamConfiguration(7.004, 4.002, 0.083), explicit.beams().toBeamConfiguration());
        SelectionConfig empty = SelectionConfig.parse("", false, "cfg.yaml");
        assertEquals(BeamConfiguration.belle2(), empty.beams().toBeamConfiguration());
        assertEquals(SelectionConfig.Cuts.none(), empty.cuts());
    }

    private static void assertRejected(String expected, String yaml) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SelectionConfig.parse(yaml, false, "cfg.yaml"));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void unknownKeysAndBadValuesAreRejectedClearly() {
        assertRejected("cfg.yaml: unknown key 'max_extra_enrgy' in 'cuts' (allowed: max_extra_energy, muon_momentum, "
                + "muon_polar_angle_deg, recoil_mass, tau_suppression, two_opposite_charge_muons)",
                "cuts:\n  max_extra_enrgy: 0.4\n");
        assertRejected("cfg.yaml: unknown key 'bins' at the top level (allowed: beams, columns, cuts, histogram)", "bins: 4\n");
        assertRejected("cfg.yaml: unknown key 'mid' in 'cuts.muon_momentum' (allowed: max, min)",
                "cuts: {muon_momentum: {mid: 1}}\n");
        assertRejected("cfg.yaml: unknown key 'e_px' in 'columns.muon1' (allowed: p, phi, px, py, pz, theta)",
                "columns: {muon1: {e_px: a}}\n");
        assertRejected("cfg.yaml: cuts.recoil_mass: range: min 5.0 is above max 1.0", "cuts: {recoil_mass: {min: 5, max: 1}}\n");
        assertRejected("cfg.yaml: beams: unknown preset 'belle3' (known: belle2)", "beams: belle3\n");
        assertRejected("cfg.yaml: beams: give both electron_energy and positron_energy",
                "beams: {electron_energy: 7}\n");
        assertRejected("cfg.yaml: columns.muon2: column mapping: give a muon's momentum either as px, py, pz or as p, "
                + "theta, phi, not both", "columns: {muon2: {px: a, py: b, pz: c, p: d}}\n");
        assertRejected("cfg.yaml: unknown key 'nbins' in 'histogram.binning' (allowed: bins, edges, hi, lo)",
                "histogram: {binning: {nbins: 3}}\n");
        assertRejected("cfg.yaml: cuts: max_extra_energy must be >= 0 GeV, got -1.0", "cuts: {max_extra_energy: -1}\n");
        assertRejected("cfg.yaml: cuts: muon_polar_angle_deg must lie within [0, 180] degrees, got -5.0 .. 150.0",
                "cuts: {muon_polar_angle_deg: {min: -5, max: 150}}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SelectionConfig.parse("cuts: {max_extra_energy: lots}\n", false, "cfg.yaml"));
        assertTrue(e.getMessage().startsWith("cfg.yaml: invalid value at 'cuts.max_extra_energy'"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> SelectionConfig.parse("histogram: {observable: mass}\n", false, "cfg.yaml"));
        assertTrue(e.getMessage().startsWith("cfg.yaml: invalid value at 'histogram.observable'"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> SelectionConfig.parse("{\"cuts\": ", true, "cfg.json"));
        assertTrue(e.getMessage().startsWith("cfg.json: "), e.getMessage());
    }
}
