package org.recoil.limits.mva;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The flat ensemble gives XGBoost's own output (splits {@code x < t} in single precision, ties at a
 * split value, -0, missing values to the default child), and the same output bit for bit for any block
 * size and thread count. Its speed is measured by {@code MvaApplicationBenchmark} (bench module).
 */
class TreeEnsembleTest {

    private static final int NF = MvaFeatures.COUNT;

    /**
     * Rows of {@link #NF} features: continuous ones, discrete ones (values on a grid of 1/8, so that rows
     * fall exactly on XGBoost's split values), signed zeros, and a missing value in about one row in 40.
     */
    private static float[] rows(int n, float[] label, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] x = new float[n * NF];
        for (int i = 0; i < n; i++) {
            label[i] = r.nextBoolean() ? 1 : 0;
            for (int j = 0; j < NF; j++) {
                double v = r.nextGaussian() + (j < 6 ? 0.4 * label[i] : 0);
                x[i * NF + j] = j % 3 == 0 ? (float) (Math.rint(8 * v) / 8) : (float) v;
                if (j == 1 && r.nextInt(10) == 0) {
                    x[i * NF + j] = r.nextBoolean() ? -0.0f : 0.0f;
                }
                if (r.nextInt(40 * NF) == 0) {
                    x[i * NF + j] = Float.NaN;
                }
            }
        }
        return x;
    }

    private static XgboostModel.Trained train(int trees, int depth, double eta) {
        int n = 20_000;
        float[] y = new float[n];
        float[] x = rows(n, y, 1);
        float[] w = new float[n];
        java.util.Arrays.fill(w, 1f);
        return XgboostModel.train(x, NF, y, w, new XgboostModel.Params(trees, depth, eta, 1, 2));
    }

    private static void assertXgboostsOutput(XgboostModel.Trained t) {
        int n = 30_000;
        float[] x = rows(n, new float[n], 2);
        float[] xgb = XgboostModel.xgboostPredict(t, x, NF);
        double[] flat = t.ensemble().predict(x, 2);
        int missing = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(xgb[i], flat[i], 1e-6, "row " + i);
            for (int j = 0; j < NF; j++) {
                missing += Float.isNaN(x[i * NF + j]) ? 1 : 0;
            }
        }
        assertTrue(missing > 100, "rows with missing values tested: " + missing);
    }

    @Test
    void theFlatEnsembleGivesXgboostsOutput() {
        // the default model (60 trees, depth 4) and the example analysis's (100 trees, depth 3)
        XgboostModel.Trained t = train(60, 4, 0.3);
        assertEquals(60, t.ensemble().trees());
        assertEquals(4, t.ensemble().depth());
        assertXgboostsOutput(t);
        assertXgboostsOutput(train(100, 3, 0.1));
    }

    @Test
    void treesTooDeepForTheBlockEvaluationAreWalkedWithTheSameSemantics() {
        XgboostModel.Trained t = train(10, 6, 0.3);
        assertEquals(6, t.ensemble().depth());
        assertTrue((1 << t.ensemble().depth()) > TreeEnsemble.MASK_LEAVES);
        assertXgboostsOutput(t);
    }

    @Test
    void theOutputIsIdenticalForAnyBlockSizeAndThreadCountAndEqualsTheEventWalk() {
        TreeEnsemble e = train(60, 4, 0.3).ensemble();
        int n = 10_007;
        float[] x = rows(n, new float[n], 3);
        double[] walked = new double[n];
        e.walk(x, 0, n, walked);
        double[] blocked = new double[n];
        e.margin(x, 0, n, blocked);
        assertArrayEquals(walked, blocked, 0.0, "block evaluation against the event-by-event walk");
        double[] reference = e.predict(x, 1);
        for (int block : new int[] {1, 7, 64, 1000, TreeEnsemble.BLOCK}) {
            for (int threads : new int[] {1, 2, 3, 8}) {
                assertArrayEquals(reference, e.predict(x, threads, block), 0.0,
                        "block " + block + ", threads " + threads);
            }
        }
        // a row alone gives what it gives among others
        double[] one = new double[1];
        for (int i = 0; i < n; i += 997) {
            e.margin(java.util.Arrays.copyOfRange(x, i * NF, (i + 1) * NF), 0, 1, one);
            assertEquals(Double.doubleToRawLongBits(walked[i]), Double.doubleToRawLongBits(one[0]), "row " + i);
        }
    }
}
