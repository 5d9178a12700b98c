package org.recoil.limits.scan;

import java.util.ArrayList;
import java.util.List;
import org.recoil.core.physics.RecoilMassResolution;

/** Mass-point inputs for the scan and projection tests. */
public final class ScanFixtures {

    private ScanFixtures() {
    }

    /**
     * @param mass Z′ mass
     * @param observed observed count
     * @param yields background yields of samples b0, b1, ... (MC errors 5% each)
     * @return a point with efficiency 0.2 ± 1%, σ(g′=1) = 10 pb, BR 0.5
     */
    public static MassPointInput point(double mass, double observed, double... yields) {
        List<SampleYield> bkg = new ArrayList<>();
        for (int i = 0; i < yields.length; i++) {
            double y = yields[i];
            bkg.add(new SampleYield("b" + i, y, 0.05 * 0.05 * y * y, 400));
        }
        return new MassPointInput(mass, MassWindow.around(mass, RecoilMassResolution.belle2(), 2.0), observed, bkg,
                0.2, 0.01, 10.0, 0.5);
    }

    /** @return a counting point with one background of {@code b} events and no MC error */
    public static MassPointInput counting(double mass, double observed, double b) {
        return new MassPointInput(mass, MassWindow.around(mass, RecoilMassResolution.belle2(), 2.0), observed,
                List.of(new SampleYield("bkg", b, 0.0, 1000)), 0.2, 0.0, 10.0, 0.5);
    }
}
