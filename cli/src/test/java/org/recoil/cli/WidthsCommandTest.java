package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.recoil.cli.PhysicsJson.Run;
import org.recoil.core.testing.SharedReference;

class WidthsCommandTest {

    @Test
    void brInvisibleMatchesReference() {
        JsonNode widths = SharedReference.physics().get("widths");
        double tol = widths.get("tolerance_relative").asDouble();
        for (JsonNode point : widths.get("br_invisible")) {
            double mass = point.get("mass").asDouble();
            double ref = point.get("value").asDouble();
            Run r = PhysicsJson.run("widths", "--mass", Double.toString(mass), "--json");
            assertEquals(0, r.exit(), r.err());
            JsonNode j = r.json();
            assertEquals(ref, j.get("br_invisible").asDouble(), tol * ref, "M = " + mass);
            JsonNode w = j.get("widths_gev");
            double total = w.get("mumu").asDouble() + w.get("tautau").asDouble() + w.get("nu_mu").asDouble()
                    + w.get("nu_tau").asDouble() + w.get("chi").asDouble();
            assertEquals(total, j.get("total_width_gev").asDouble(), 1e-15 * total);
            // neutrino width per flavour g'^2 M / (24 pi) at g' = 1
            assertEquals(mass / (24 * Math.PI), w.get("nu_mu").asDouble(), 1e-15 * mass);
        }
    }

    @Test
    void darkModels() {
        Run dom = PhysicsJson.run("widths", "--mass", "2", "--model", "dark-dominated", "--json");
        assertEquals(0, dom.exit(), dom.err());
        assertEquals(1.0, dom.json().get("br_invisible").asDouble());
        assertFalse(dom.json().has("widths_gev"));
        Run dark = PhysicsJson.run("widths", "--mass", "2", "--model", "dark", "--chi-mass", "0.3", "--g-chi", "0.1",
                "--gprime", "0.01", "--json");
        assertEquals(0, dark.exit(), dark.err());
        JsonNode j = dark.json();
        double r = 0.3 * 0.3 / 4.0;
        double chi = 0.01 * 2 / (12 * Math.PI) * (1 + 2 * r) * Math.sqrt(1 - 4 * r);
        assertEquals(chi, j.get("widths_gev").get("chi").asDouble(), 1e-15 * chi);
        assertTrue(j.get("br_invisible").asDouble() > 0.99);
    }

    @Test
    void csvTable() {
        Run r = PhysicsJson.run("widths", "--table", "--from", "0.1", "--to", "8.0", "--points", "80");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(81, lines.length);
        assertTrue(lines[0].startsWith("mass,gamma_mumu,"));
        String[] first = lines[1].split(",");
        assertEquals("0.1", first[0]);
        assertEquals(1.0, Double.parseDouble(first[7]));
        String[] last = lines[80].split(",");
        assertEquals("8.0", last[0]);
        assertEquals(0.3350853109421055, Double.parseDouble(last[7]), 1e-9 * 0.335);
    }

    @Test
    void badInput() {
        String[][] bad = {
            {"widths"},
            {"widths", "--mass", "0"},
            {"widths", "--mass", "1", "--model", "hidden"},
            {"widths", "--mass", "1", "--model", "dark"},
            {"widths", "--mass", "1", "--chi-mass", "0.1", "--g-chi", "0.1"},
            {"widths", "--mass", "1", "--gprime", "0"},
            {"widths", "--mass", "1", "--model", "dark", "--chi-mass", "-1", "--g-chi", "0.1"},
        };
        for (String[] args : bad) {
            Run r = PhysicsJson.run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + " -> " + r.err());
            assertEquals("", r.out(), String.join(" ", args));
        }
    }
}
