package org.recoil.limits;

import org.recoil.fitting.fit.Minimizer;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/** Test helpers: the minimiser used by the tests. */
public final class TestSupport {

    private TestSupport() {
    }

    /** @return the minimiser the tests use: the one limits are computed with in production */
    public static Minimizer minimizer() {
        return new PointEstimateMinimizer();
    }
}
