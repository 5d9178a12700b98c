package org.recoil.core.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.testing.SharedReference;

class RecoilMassResolutionTest {

    private static final JsonNode TABLE = SharedReference.physics().get("recoil_mass_squared_resolution_gev2")
            .get("values");

    @Test
    void reproducesTheBelle2TableOfPhysicsJsonAtItsPoints() {
        RecoilMassResolution r = RecoilMassResolution.belle2();
        assertEquals(TABLE.size(), r.masses().length);
        for (JsonNode e : TABLE) {
            assertEquals(e.get("sigma").asDouble(), r.sigmaM2(e.get("mass").asDouble()), 1e-15,
                    "sigma(M_rec^2) at " + e.get("mass"));
        }
        assertEquals(TABLE.get(0).get("mass").asDouble(), r.minMass());
        assertEquals(TABLE.get(TABLE.size() - 1).get("mass").asDouble(), r.maxMass());
    }

    @Test
    void interpolatesLinearlyBetweenTablePoints() {
        RecoilMassResolution r = RecoilMassResolution.belle2();
        for (int i = 0; i + 1 < TABLE.size(); i++) {
            double m0 = TABLE.get(i).get("mass").asDouble();
            double m1 = TABLE.get(i + 1).get("mass").asDouble();
            double s0 = TABLE.get(i).get("sigma").asDouble();
            double s1 = TABLE.get(i + 1).get("sigma").asDouble();
            double m = m0 + 0.25 * (m1 - m0);
            assertEquals(s0 + 0.25 * (s1 - s0), r.sigmaM2(m), 1e-14);
            double lo = Math.min(s0, s1);
            double hi = Math.max(s0, s1);
            double mid = r.sigmaM2(0.5 * (m0 + m1));
            assertTrue(mid >= lo && mid <= hi);
        }
    }

    @Test
    void rejectsMassesOutsideTheTableAndBadTables() {
        RecoilMassResolution r = RecoilMassResolution.belle2();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> r.sigmaM2(0.05));
        assertTrue(e.getMessage().contains("0.05"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> r.sigmaM2(10.5));
        assertThrows(InvalidInputException.class, () -> r.sigmaM2(Double.NaN));
        assertThrows(InvalidInputException.class, () -> RecoilMassResolution.of(new double[] {1, 1}, new double[] {1, 1}));
        assertThrows(InvalidInputException.class, () -> RecoilMassResolution.of(new double[] {1, 2}, new double[] {1, 0}));
        assertEquals(0.5, RecoilMassResolution.of(new double[] {1, 3}, new double[] {0.25, 0.75}).sigmaM2(2.0), 1e-15);
    }
}
