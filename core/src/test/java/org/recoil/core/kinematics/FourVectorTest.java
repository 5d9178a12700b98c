package org.recoil.core.kinematics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;

class FourVectorTest {

    @Test
    void handComputedQuantities() {
        FourVector v = new FourVector(10, 1, 2, 2);
        assertEquals(3.0, v.p(), 1e-15);
        assertEquals(91.0, v.mass2(), 1e-12);
        assertEquals(Math.sqrt(91), v.mass(), 1e-12);
        assertEquals(Math.sqrt(5), v.pt(), 1e-15);
        assertEquals(Math.acos(2.0 / 3.0), v.theta(), 1e-15);
        assertEquals(Math.atan2(2, 1), v.phi(), 1e-15);
        assertEquals(new FourVector(11, 1, 2, 3), v.plus(new FourVector(1, 0, 0, 1)));
        assertEquals(new FourVector(9, 1, 2, 1), v.minus(new FourVector(1, 0, 0, 1)));
        // Minkowski product (+,-,-,-)
        assertEquals(10 * 2 - 1 * 1 - 2 * 0 - 2 * 1, v.dot(new FourVector(2, 1, 0, 1)), 0);
        // spacelike: signed mass, never NaN
        assertEquals(-Math.sqrt(3), new FourVector(1, 2, 0, 0).mass(), 1e-15);
        assertEquals(Math.PI, new FourVector(1, 0, 0, -1).theta(), 0);
    }

    @Test
    void fromPThetaPhiRoundTrips() {
        FourVector v = FourVector.fromPThetaPhi(0.1056583755, 2.5, 1.1, -2.3);
        assertEquals(2.5, v.p(), 1e-14);
        assertEquals(1.1, v.theta(), 1e-14);
        assertEquals(-2.3, v.phi(), 1e-14);
        assertEquals(0.1056583755, v.mass(), 1e-12);
        assertEquals(Math.sqrt(2.5 * 2.5 + 0.1056583755 * 0.1056583755), v.e(), 1e-14);
    }

    @Test
    void nonFiniteComponentsAreRejected() {
        assertThrows(InvalidInputException.class, () -> new FourVector(Double.NaN, 0, 0, 0));
        assertThrows(InvalidInputException.class, () -> new FourVector(1, 0, Double.POSITIVE_INFINITY, 0));
    }

    @Test
    void boostOfParticleAtRestGivesItTheBoostVelocity() {
        double m = 3.0;
        double beta = 0.6; // gamma = 1.25
        FourVector moving = new FourVector(m, 0, 0, 0).boost(new ThreeVector(0, 0, beta));
        assertEquals(1.25 * m, moving.e(), 1e-14);
        assertEquals(1.25 * 0.6 * m, moving.pz(), 1e-14);
        assertEquals(0.0, moving.px(), 0);
        ThreeVector b = new ThreeVector(0.3, -0.2, 0.5);
        FourVector v = new FourVector(m, 0, 0, 0).boost(b);
        assertEquals(b.x(), v.boostVector().x(), 1e-15);
        assertEquals(b.y(), v.boostVector().y(), 1e-15);
        assertEquals(b.z(), v.boostVector().z(), 1e-15);
        assertEquals(m / Math.sqrt(1 - b.mag2()), v.e(), 1e-14);
    }

    @Test
    void boostsRoundTripAndPreserveMass() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(31L);
        for (int k = 0; k < 1000; k++) {
            FourVector v = FourVector.fromMassAndMomentum(5 * rng.nextDouble(), 10 * rng.nextDouble() - 5,
                    10 * rng.nextDouble() - 5, 10 * rng.nextDouble() - 5);
            ThreeVector b;
            do {
                b = new ThreeVector(2 * rng.nextDouble() - 1, 2 * rng.nextDouble() - 1, 2 * rng.nextDouble() - 1);
            } while (b.mag2() > 0.95);
            FourVector there = v.boost(b);
            FourVector back = there.boost(b.negate());
            double scale = Math.max(1, there.e());
            assertEquals(v.e(), back.e(), 1e-12 * scale);
            assertEquals(v.px(), back.px(), 1e-12 * scale);
            assertEquals(v.py(), back.py(), 1e-12 * scale);
            assertEquals(v.pz(), back.pz(), 1e-12 * scale);
            assertEquals(v.mass2(), there.mass2(), 1e-11 * scale * scale);
            // boosting by -p/E brings the vector to rest
            if (v.mass() > 0.1) {
                FourVector rest = v.boost(v.boostVector().negate());
                assertEquals(0.0, rest.p(), 1e-11 * v.e());
                assertEquals(v.mass(), rest.e(), 1e-11 * v.e());
            }
        }
    }

    @Test
    void superluminalBoostIsRejected() {
        FourVector v = new FourVector(1, 0, 0, 0);
        assertThrows(InvalidInputException.class, () -> v.boost(new ThreeVector(0.6, 0.8, 0)));
        assertThrows(InvalidInputException.class, () -> v.boost(new ThreeVector(Double.NaN, 0, 0)));
        assertThrows(InvalidInputException.class, () -> new FourVector(0, 1, 0, 0).boostVector());
    }

    @Test
    void primitiveBoostMatchesRecordBoost() {
        LorentzBoost boost = LorentzBoost.of(0.1, 0.2, -0.4);
        FourVector v = new FourVector(7, 1, -2, 3);
        double[] out = new double[4];
        boost.apply(v.e(), v.px(), v.py(), v.pz(), out);
        FourVector w = boost.apply(v);
        assertEquals(w.e(), out[0], 0);
        assertEquals(w.px(), out[1], 0);
        assertEquals(w.py(), out[2], 0);
        assertEquals(w.pz(), out[3], 0);
        assertEquals(w.e(), boost.energy(v.e(), v.px(), v.py(), v.pz()), 1e-15);
        assertEquals(1 / Math.sqrt(1 - 0.21), boost.gamma(), 1e-15);
    }
}
