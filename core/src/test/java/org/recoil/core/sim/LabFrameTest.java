package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.kinematics.FourVector;

class LabFrameTest {
    @Test
    void generatorFrameBeamsMapToTheLaboratoryBeams() {
        BeamConfiguration beams = BeamConfiguration.belle2();
        LabFrame frame = new LabFrame(beams);
        double half = beams.sqrtS() / 2;
        // in the generator frame the beams are back to back along z, with the electron mass
        double p = Math.sqrt(half * half - 0.51099895e-3 * 0.51099895e-3);
        double[] electron = new double[4];
        double[] positron = new double[4];
        frame.toLab(new double[] {half, 0, 0, p}, electron);
        frame.toLab(new double[] {half, 0, 0, -p}, positron);
        FourVector e = beams.electronBeam();
        FourVector q = beams.positronBeam();
        double[] expectedE = {e.e(), e.px(), e.py(), e.pz()};
        double[] expectedP = {q.e(), q.px(), q.py(), q.pz()};
        for (int i = 0; i < 4; i++) {
            assertEquals(expectedE[i], electron[i], 1e-12);
            assertEquals(expectedP[i], positron[i], 1e-12);
        }
        // a particle at rest in the CM moves with the CM velocity
        double[] rest = new double[4];
        frame.toLab(new double[] {1, 0, 0, 0}, rest);
        assertEquals(beams.cmVelocity().x(), rest[1] / rest[0], 1e-14);
        assertEquals(beams.cmVelocity().z(), rest[3] / rest[0], 1e-14);
    }
}
