package org.recoil.core.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.testing.SharedReference;

class CrossSectionTableTest {
    private static final ProductionCrossSection XS = new ProductionCrossSection();

    @Test
    void shippedTableReproducesTheReferenceValues() {
        CrossSectionTable table = CrossSectionTable.belle2();
        JsonNode ref = SharedReference.physics().get("cross_section");
        double tol = ref.get("tolerance_relative").asDouble();
        for (JsonNode v : ref.get("values_pb")) {
            double mass = v.get("mass").asDouble();
            double expected = v.get("sigma").asDouble();
            assertEquals(expected, table.sigmaPb(mass), tol * expected, "M=" + mass);
            // the table's own statistical precision
            assertTrue(table.sigmaErrorPb(mass) < 1e-3 * table.sigmaPb(mass));
        }
    }

    @Test
    void interpolationBetweenGridPointsMatchesDirectComputation() {
        // 0.1 GeV grids at low mass and up to the kinematic limit (where σ ∝ Δ³ and varies on the
        // scale of m_μ), interpolated at off-grid masses
        CrossSectionTable low = CrossSectionTable.compute(XS, CrossSectionTable.massGrid(0.1, 1.0, 0.1), 0.003, 1L);
        CrossSectionTable high = CrossSectionTable.compute(XS, CrossSectionTable.massGrid(9.5, 10.3, 0.1), 0.003, 1L);
        for (double mass : new double[] {0.15, 0.45, 0.83, 9.93, 10.17, 10.26}) {
            CrossSectionTable table = mass < 5 ? low : high;
            CrossSectionResult direct = XS.sigma(mass, 0.002, 2L);
            assertEquals(direct.sigmaPb(), table.sigmaPb(mass), 0.003 * direct.sigmaPb(), "M=" + mass);
        }
        // the shipped 0.02 GeV table, off its grid
        CrossSectionTable shipped = CrossSectionTable.belle2();
        for (double mass : new double[] {0.033, 4.511, 10.327}) {
            CrossSectionResult direct = XS.sigma(mass, 0.002, 2L);
            assertEquals(direct.sigmaPb(), shipped.sigmaPb(mass), 0.003 * direct.sigmaPb(), "M=" + mass);
        }
        // a row equals the single-mass computation with the same seed
        assertEquals(XS.sigma(0.3, 0.003, 1L).sigmaPb(), low.sigmaPb(0.3));
    }

    @Test
    void csvRoundTripAndErrors() {
        CrossSectionTable t = CrossSectionTable.of(10.58, new double[] {1, 2, 3, 4}, new double[] {100, 30, 9, 3},
                new double[] {0.1, 0.03, 0.01, 0.003});
        StringWriter w = new StringWriter();
        t.write(w);
        assertTrue(w.toString().startsWith(CrossSectionTable.HEADER + "\n1.0,100.0,0.1\n"));
        CrossSectionTable back = CrossSectionTable.read(new StringReader(w.toString()), "t.csv", 10.58);
        assertArrayEquals(t.masses(), back.masses());
        assertArrayEquals(t.sigmasPb(), back.sigmasPb());
        assertArrayEquals(t.errorsPb(), back.errorsPb());
        assertEquals(30.0, back.sigmaPb(2.0));
        assertEquals(0.03, back.sigmaErrorPb(2.0));
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> CrossSectionTable.read(
                new StringReader(CrossSectionTable.HEADER + "\n1,2,3\n2,x,1\n"), "bad.csv", 10.58));
        assertTrue(bad.getMessage().contains("bad.csv line 3") && bad.getMessage().contains("sigma_pb"),
                bad.getMessage());
        assertThrows(InvalidInputException.class, () -> CrossSectionTable.read(
                new StringReader("mass,sigma\n1,2\n"), "h.csv", 10.58));
        assertThrows(InvalidInputException.class, () -> CrossSectionTable.read(
                new StringReader(CrossSectionTable.HEADER + "\n2,1,0\n1,1,0\n"), "order.csv", 10.58));
        assertThrows(InvalidInputException.class, () -> t.sigmaPb(4.5));
        assertThrows(InvalidInputException.class, () -> t.sigmaPb(0.5));
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, CrossSectionTable.massGrid(0.1, 0.3, 0.1));
        assertThrows(InvalidInputException.class, () -> CrossSectionTable.massGrid(1, 0, 0.1));
    }
}
