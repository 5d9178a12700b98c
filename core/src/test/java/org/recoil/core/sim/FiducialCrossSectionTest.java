package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.physics.ProductionCrossSection;

class FiducialCrossSectionTest {
    private static final ProductionCrossSection XS = new ProductionCrossSection();
    private static final BeamConfiguration BEAMS = BeamConfiguration.belle2();

    @Test
    void fullAcceptanceGivesTheTotalCrossSection() {
        FiducialCrossSection f = FiducialCrossSection.compute(XS, 2.0, BEAMS, new LabAcceptance(0, Math.PI, 0), 0.003,
                9L);
        double err = Math.hypot(f.totalErrorPb(), f.fiducialErrorPb());
        assertEquals(f.totalPb(), f.fiducialPb(), 4 * err);
        assertEquals(1.0, f.efficiency(), 4 * f.efficiencyError());
    }

    @Test
    void belle2AcceptanceEfficiency() {
        FiducialCrossSection f = FiducialCrossSection.compute(XS, 2.0, BEAMS, LabAcceptance.belle2Muons(), 0.005, 9L);
        assertTrue(f.fiducialErrorPb() <= 0.005 * f.fiducialPb());
        assertTrue(f.efficiency() > 0.5 && f.efficiency() < 0.95, "efficiency " + f.efficiency());
        assertEquals(f.fiducialPb() / f.totalPb(), f.efficiency(), 1e-12);
        // a tighter polar-angle window can only lose events
        FiducialCrossSection tight = FiducialCrossSection.compute(XS, 2.0, BEAMS, LabAcceptance.ofDegrees(40, 120, 0.5),
                0.005, 9L);
        assertTrue(tight.fiducialPb() < f.fiducialPb() - 3 * Math.hypot(tight.fiducialErrorPb(), f.fiducialErrorPb()));
    }

    @Test
    void acceptanceValidatesAndSelects() {
        LabAcceptance a = LabAcceptance.ofDegrees(17, 150, 0.5);
        double t = Math.toRadians(90);
        assertTrue(a.accepts(new double[] {1.01, Math.sin(t), 0, Math.cos(t)}));
        assertTrue(!a.accepts(new double[] {0.5, 0.4, 0, 0}));
        double forward = Math.toRadians(10);
        assertTrue(!a.accepts(new double[] {2, 2 * Math.sin(forward), 0, 2 * Math.cos(forward)}));
        assertThrows(InvalidInputException.class, () -> LabAcceptance.ofDegrees(150, 17, 0));
        assertThrows(InvalidInputException.class, () -> LabAcceptance.ofDegrees(10, 20, -1));
    }
}
