package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.core.kinematics.BeamConfiguration;

/**
 * Events are generated in the CM frame and moved to the Belle II lab frame; with perfect
 * resolution, the recoil mass that core.kinematics.RecoilMass computes from the lab momenta must
 * equal the generator-level one computed in the CM frame, for every event and every process.
 */
class FrameConsistencyTest {
    @Test
    void labRecoilMassEqualsGeneratorLevelRecoilMass() {
        BeamConfiguration beams = BeamConfiguration.belle2();
        DetectorSmearing perfect = DetectorSmearing.belle2().withoutResolution();
        List<EventGenerator> generators = List.of(
                MuMuGammaGenerator.of(beams, perfect, 1.0),
                TauPairGenerator.of(beams, perfect, 1.0),
                TwoPhotonMuMuGenerator.of(beams, perfect, 1.0));
        double s = beams.s();
        for (EventGenerator gen : generators) {
            SimulatedEvents ev = gen.generate(20_000, 17L, 1.0);
            assertTrue(ev.size() > 300, gen.process() + " kept " + ev.size());
            double[] m2 = Observables.recoilMass2(ev);
            double[] truth = ev.column("true_recoil_mass2");
            for (int i = 0; i < m2.length; i++) {
                assertEquals(truth[i], m2[i], 1e-9 * s, gen.process() + " event " + i);
            }
        }
    }
}
