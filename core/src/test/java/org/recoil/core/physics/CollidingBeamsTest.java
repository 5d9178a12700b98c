package org.recoil.core.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CollidingBeamsTest {
    @Test
    void centreOfMassBeamsMapBackToTheLaboratoryBeams() {
        CollidingBeams beams = CollidingBeams.belle2();
        double a = 0.083 / 2;
        double half = beams.sqrtS() / 2;
        assertEquals(10.5739, beams.sqrtS(), 1e-4);
        CollidingBeams.LabTransform t = beams.labTransform();
        double[] electron = new double[4];
        double[] positron = new double[4];
        t.toLab(new double[] {half, 0, 0, half}, electron);
        t.toLab(new double[] {half, 0, 0, -half}, positron);
        double[] expectedE = {7.0, 7.0 * Math.sin(a), 0, 7.0 * Math.cos(a)};
        double[] expectedP = {4.0, 4.0 * Math.sin(a), 0, -4.0 * Math.cos(a)};
        for (int i = 0; i < 4; i++) {
            assertEquals(expectedE[i], electron[i], 1e-12);
            assertEquals(expectedP[i], positron[i], 1e-12);
        }
        // boost βγ ≈ 0.28 (Belle II)
        double[] b = t.beta();
        double beta = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
        assertEquals(0.287, beta / Math.sqrt(1 - beta * beta), 0.003);
    }
}
