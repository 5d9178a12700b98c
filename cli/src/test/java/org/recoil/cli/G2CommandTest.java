package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.cli.PhysicsJson.Run;
import org.recoil.core.testing.SharedReference;

class G2CommandTest {

    private static final double UNIT = 1e-11;

    @Test
    void jsonContractAndReferenceValues() {
        JsonNode g2 = SharedReference.physics().get("g2_contribution");
        JsonNode scenarios = SharedReference.physics().get("delta_a_mu_scenarios");
        double tol = g2.get("tolerance_relative").asDouble();
        for (JsonNode point : g2.get("delta_a_mu_per_gprime2")) {
            double mass = point.get("mass").asDouble();
            double ref = point.get("value").asDouble();
            for (String name : List.of("bnl_fnal_2021_wp2020", "fnal_2023_wp2020", "fnal_2025_wp2025")) {
                Run r = PhysicsJson.run("g2", "--mass", Double.toString(mass), "--scenario", name, "--json");
                assertEquals(0, r.exit(), r.err());
                assertEquals("", r.err());
                JsonNode j = r.json();
                assertEquals(List.of("mass", "delta_a_mu_per_gprime2", "band", "scenario", "n_sigma"),
                        fieldNames(j));
                assertEquals(mass, j.get("mass").asDouble(), 0.0);
                double d = j.get("delta_a_mu_per_gprime2").asDouble();
                assertEquals(ref, d, tol * ref, "M = " + mass);
                JsonNode band = j.get("band");
                assertEquals(List.of("lower", "central", "upper", "has_lower"), fieldNames(band));
                double c = scenarios.get(name).get("central").asDouble();
                double s = scenarios.get(name).get("sigma").asDouble();
                // edges reproduce central +- 2 sigma with the reference loop function
                double upper = band.get("upper").asDouble();
                assertEquals((c + 2 * s) * UNIT, upper * upper * ref, 2 * tol * (c + 2 * s) * UNIT);
                double central = band.get("central").asDouble();
                assertEquals(c * UNIT, central * central * ref, 2 * tol * c * UNIT);
                boolean hasLower = c - 2 * s > 0;
                assertEquals(hasLower, band.get("has_lower").asBoolean(), name);
                if (hasLower) {
                    double lower = band.get("lower").asDouble();
                    assertEquals((c - 2 * s) * UNIT, lower * lower * ref, 2 * tol * (c - 2 * s) * UNIT);
                } else {
                    assertTrue(band.get("lower").isNull(), name);
                }
                assertEquals(name, j.get("scenario").get("name").asText());
            }
        }
    }

    @Test
    void withCouplingGivesDeltaAMu() {
        Run r = PhysicsJson.run("g2", "--mass", "1.0", "--gprime", "0.005", "--scenario", "bnl_fnal_2021_wp2020", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(0.005, j.get("gprime").asDouble());
        assertEquals(0.005 * 0.005 * 8.600279406104869e-05, j.get("delta_a_mu").asDouble(), 1e-6 * 2.15e-9);
        assertTrue(j.get("in_band").asBoolean());
        Run out = PhysicsJson.run("g2", "--mass", "1.0", "--gprime", "0.01", "--scenario", "bnl_fnal_2021_wp2020", "--json");
        assertFalse(out.json().get("in_band").asBoolean());
    }

    @Test
    void defaultAndUserSuppliedScenarios() {
        Run def = PhysicsJson.run("g2", "--mass", "0.3", "--json");
        assertEquals(0, def.exit(), def.err());
        assertEquals("fnal_2025_wp2025", def.json().get("scenario").get("name").asText());
        Run custom = PhysicsJson.run("g2", "--mass", "1.0", "--central", "300", "--sigma", "50", "--n-sigma", "1", "--json");
        assertEquals(0, custom.exit(), custom.err());
        JsonNode band = custom.json().get("band");
        double lower = band.get("lower").asDouble();
        assertEquals(250 * UNIT, lower * lower * 8.600279406104869e-05, 1e-6 * 250 * UNIT);
        assertEquals("custom", custom.json().get("scenario").get("name").asText());
        assertEquals(1.0, custom.json().get("n_sigma").asDouble());
    }

    @Test
    void textOutput() {
        Run r = PhysicsJson.run("g2", "--mass", "1.0", "--scenario", "fnal_2025_wp2025");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("8.600279e-05"), r.out());
        assertTrue(r.out().contains("none (g' = 0 allowed)"), r.out());
    }

    @Test
    void csvTable() {
        Run r = PhysicsJson.run("g2", "--table", "--from", "0.1", "--to", "1.0", "--step", "0.3",
                "--scenario", "fnal_2023_wp2020", "--gprime", "0.002");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("mass,delta_a_mu_per_gprime2,gprime_lower,gprime_central,gprime_upper,has_lower,gprime,delta_a_mu,in_band",
                lines[0]);
        assertEquals(5, lines.length); // 0.1, 0.4, 0.7, 1.0
        String[] last = lines[4].split(",", -1);
        assertEquals("1.0", last[0]);
        assertEquals(8.600279406104869e-05, Double.parseDouble(last[1]), 1e-6 * 8.6e-5);
        assertEquals("true", last[5]);
        assertEquals("0.4", lines[2].split(",")[0]);
        // without a lower edge the field is empty
        Run none = PhysicsJson.run("g2", "--table", "--from", "1", "--to", "2", "--points", "3", "--scenario", "fnal_2025_wp2025");
        String[] row = none.out().split("\n")[2].split(",", -1);
        assertEquals("1.5", row[0]);
        assertEquals("", row[2]);
        assertEquals("false", row[5]);
        // logarithmic grid and JSON form
        Run log = PhysicsJson.run("g2", "--table", "--from", "0.01", "--to", "10", "--points", "4", "--log", "--json");
        assertEquals(0, log.exit(), log.err());
        JsonNode pts = log.json().get("points");
        assertEquals(4, pts.size());
        assertEquals(0.1, pts.get(1).get("mass").asDouble(), 1e-12);
        assertEquals(10.0, pts.get(3).get("mass").asDouble(), 0.0);
        assertTrue(pts.get(3).get("band").has("upper"));
    }

    @Test
    void badInputExitsWithTwoAndPrintsNothingOnStdout() {
        String[][] bad = {
            {"g2"},
            {"g2", "--mass", "-1"},
            {"g2", "--mass", "0"},
            {"g2", "--mass", "abc"},
            {"g2", "--mass", "1", "--scenario", "wp2030"},
            {"g2", "--mass", "1", "--scenario", "fnal_2023_wp2020", "--central", "100", "--sigma", "10"},
            {"g2", "--mass", "1", "--central", "100"},
            {"g2", "--mass", "1", "--central", "100", "--sigma", "0"},
            {"g2", "--mass", "1", "--central", "-200", "--sigma", "10"},
            {"g2", "--mass", "1", "--gprime", "-0.1"},
            {"g2", "--mass", "1", "--n-sigma", "0"},
            {"g2", "--mass", "1", "--from", "1"},
            {"g2", "--table"},
            {"g2", "--table", "--mass", "1", "--from", "1", "--to", "2", "--step", "0.5"},
            {"g2", "--table", "--from", "1", "--to", "2", "--step", "0"},
            {"g2", "--table", "--from", "2", "--to", "1", "--step", "0.1"},
            {"g2", "--table", "--from", "1", "--to", "2", "--step", "0.1", "--points", "3"},
            {"g2", "--table", "--from", "1", "--to", "2", "--points", "1"},
            {"g2", "--table", "--from", "1", "--to", "2", "--step", "1e-9"},
            {"g2", "--mass", "1", "--bogus"},
        };
        for (String[] args : bad) {
            Run r = PhysicsJson.run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + " -> " + r.err());
            assertEquals("", r.out(), String.join(" ", args));
            assertTrue(r.err().startsWith("recoil: "), r.err());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
