package org.recoil.limits.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.core.physics.RecoilMassResolution;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.model.HistFactoryModel;

class ScanMinimizerTest {

    /**
     * A window model at 50/ab: 1.3 million background events in one bin, background-only Asimov data.
     * The free fit from μ = 1 must reach the known minimum (μ = 0, every nuisance parameter nominal)
     * and the conditional fits must converge.
     */
    @Test
    void findsTheMinimumOfAMillionEventModel() {
        double r = 5e7 / 276;
        List<SampleYield> bkg = List.of(new SampleYield("mumu_gamma", 6 * r, Math.pow(0.01 * 6 * r, 2), 20),
                new SampleYield("tautau_gamma", 1.0 * r, Math.pow(0.01 * r, 2), 25));
        double b = 7 * r;
        MassPointInput p = new MassPointInput(0.4, MassWindow.around(0.4, RecoilMassResolution.belle2(), 2), b, bkg,
                0.077, 0.01, 243, 0.5);
        Systematics sys = new Systematics(0.007, 0.01, java.util.Map.of(), 0.01, true);
        HistFactoryModel m = HistFactoryModel.of(SearchWorkspace.build(p, MassScan.referenceSignal(p, sys), sys,
                MassScan.POI_UPPER));
        ScanMinimizer min = new ScanMinimizer();
        int poi = m.parameters().poiIndex();
        double[] truth = m.parameters().inits();
        truth[poi] = 0.0;
        double best = m.twiceNll(truth, m.observed());
        FitResult free = min.minimize(m, m.observed(), m.parameters().inits(), m.parameters().fixed());
        assertTrue(free.converged(), free.message());
        assertEquals(best, free.twiceNll(), 1e-5);
        assertEquals(0.0, free.value(poi), 1e-3);
        for (double mu : new double[] {0.3, 1, 3, 10}) {
            double[] init = m.parameters().inits();
            init[poi] = mu;
            boolean[] fixed = m.parameters().fixed();
            fixed[poi] = true;
            FitResult c = min.minimize(m, m.observed(), init, fixed);
            assertTrue(c.converged(), "mu = " + mu + ": " + c.message());
            assertTrue(c.twiceNll() >= best - 1e-6);
            assertTrue(c.twiceNll() <= m.twiceNll(init, m.observed()) + 1e-9);
        }
    }
}
