package org.recoil.limits.mva;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The flat ensemble gives XGBoost's own output, and its application speed (printed: the README's
 * number; not asserted, the machine is shared).
 */
class TreeEnsembleTest {

    @Test
    void theFlatEnsembleGivesXgboostsOutputAndItsSpeedIsMeasured() {
        int nf = MvaFeatures.COUNT;
        int n = 50_000;
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        float[] x = new float[n * nf];
        float[] y = new float[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextBoolean() ? 1 : 0;
            w[i] = 1;
            for (int j = 0; j < nf; j++) {
                x[i * nf + j] = (float) (r.nextDouble() + (j < 4 ? 0.3 * y[i] : 0));
            }
        }
        XgboostModel.Trained t = XgboostModel.train(x, nf, y, w, new XgboostModel.Params(60, 4, 0.3, 1, 2));
        assertEquals(60, t.ensemble().trees());
        float[] xgb = XgboostModel.xgboostPredict(t, x, nf);
        double[] flat = t.ensemble().predict(x, 2);
        for (int i = 0; i < n; i++) {
            assertEquals(xgb[i], flat[i], 1e-6, "row " + i);
        }
        int big = 2_000_000;
        float[] bx = new float[big * nf];
        for (int i = 0; i < bx.length; i++) {
            bx[i] = x[i % x.length];
        }
        double best = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            t.ensemble().predict(bx, 2);
            best = Math.max(best, big / ((System.nanoTime() - t0) / 1e9));
        }
        System.out.printf(Locale.ROOT, "flat ensemble (60 trees, depth 4): %.3g events/s on 2 threads%n", best);
        assertTrue(best > 1e5);
    }
}
