package org.recoil.limits.mva;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertTrue(t.ensemble().packed());
        assertXgboostsOutput(t);
        XgboostModel.Trained three = train(100, 3, 0.1);
        assertTrue(three.ensemble().packed());
        assertXgboostsOutput(three);
    }

    @Test
    void treesOfDepthFiveTakeTheWidePathWithTheSameSemantics() {
        XgboostModel.Trained t = train(20, 5, 0.3);
        assertEquals(5, t.ensemble().depth());
        assertFalse(t.ensemble().packed(), "32 leaves do not fit the packed path's 16 bits");
        assertXgboostsOutput(t);
        int n = 3001;
        assertSameAsTheWalk(t.ensemble(), rows(n, new float[n], 4));
    }

    @Test
    void moreThan32767SplitValuesOfAFeatureTakeTheWidePath() {
        // 33 000 distinct split values of feature 0 (every other node of 4 500 trees of depth 4 uses one)
        float[] many = new float[33_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = -16f + 0.001f * i;
        }
        TreeEnsemble e = synthetic(4_500, 4, new float[][] {many, {0.5f}}, 1.0, 5);
        assertFalse(e.packed());
        assertSameAsTheWalk(e, rowsAt(new float[][] {many, {0.5f}}, 1001, 6));
    }

    @Test
    void splitValuesCrowdedIntoOneGridCellAreCountedExactly() {
        // adjacent floats, a huge span (one grid cell holds many split values), an infinite split value
        float one = 1f;
        float[][] values = {
            {one, Math.nextUp(one), Math.nextUp(Math.nextUp(one)), Math.nextDown(one), 1e-30f, -1e30f, 3e38f, 0f,
                -2.5f},
            {Float.NEGATIVE_INFINITY, 0.5f, 0.75f},
            {-1f, 0f, 1f, 2f}};
        for (int depth : new int[] {2, 3, 4}) {
            TreeEnsemble e = synthetic(150, depth, values, -0.25, depth);
            assertTrue(e.packed());
            assertSameAsTheWalk(e, rowsAt(values, 3001, 7 + depth));
        }
    }

    /**
     * Block evaluation against the event-by-event walk, bit for bit, for several block sizes (odd ones
     * too: the packed path pairs events) and thread counts.
     */
    private static void assertSameAsTheWalk(TreeEnsemble e, float[] x) {
        int n = x.length / e.features();
        double[] walked = new double[n];
        e.walk(x, 0, n, walked);
        for (int block : new int[] {1, 2, 3, 7, 64, 1001, TreeEnsemble.BLOCK}) {
            double[] blocked = new double[n];
            e.margin(x, 0, n, blocked, block);
            assertArrayEquals(walked, blocked, 0.0, "block " + block);
        }
        double[] reference = e.predict(x, 1);
        for (int threads : new int[] {2, 3}) {
            assertArrayEquals(reference, e.predict(x, threads, 7), 0.0, "threads " + threads);
        }
    }

    /**
     * An ensemble of complete trees of {@code depth} whose node {@code j} (counted over all trees) splits
     * feature {@code j % values.length} at its next split value in turn, with random leaves and missing
     * directions (XGBoost's JSON dump format).
     */
    private static TreeEnsemble synthetic(int trees, int depth, float[][] values, double baseMargin, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] next = new int[values.length];
        int[] node = {0};
        String[] dumps = new String[trees];
        for (int k = 0; k < trees; k++) {
            dumps[k] = subtree(0, 0, depth, values, next, node, r);
        }
        return TreeEnsemble.fromXgboostDump(dumps, values.length, baseMargin);
    }

    private static String subtree(int id, int level, int depth, float[][] values, int[] next, int[] node,
                                  java.util.SplittableRandom r) {
        if (level == depth) {
            return "{\"nodeid\":" + id + ",\"leaf\":" + (float) r.nextGaussian() + "}";
        }
        int f = node[0]++ % values.length;
        float t = values[f][next[f]++ % values[f].length];
        int yes = 2 * id + 1;
        int no = 2 * id + 2;
        String threshold = Float.isInfinite(t) ? (t > 0 ? "3.5e38" : "-3.5e38") : Float.toString(t);
        return "{\"nodeid\":" + id + ",\"split\":\"f" + f + "\",\"split_condition\":" + threshold
                + ",\"yes\":" + yes + ",\"no\":" + no + ",\"missing\":" + (r.nextBoolean() ? yes : no)
                + ",\"children\":[" + subtree(yes, level + 1, depth, values, next, node, r) + ","
                + subtree(no, level + 1, depth, values, next, node, r) + "]}";
    }

    /**
     * Rows whose values are split values, their float neighbours, signed zeros, infinities, missing
     * values and random values in between.
     */
    private static float[] rowsAt(float[][] values, int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int nf = values.length;
        float[] x = new float[n * nf];
        for (int i = 0; i < n * nf; i++) {
            float[] v = values[i % nf];
            float t = v[r.nextInt(v.length)];
            x[i] = switch (r.nextInt(10)) {
                case 0 -> Math.nextUp(t);
                case 1 -> Math.nextDown(t);
                case 2 -> r.nextBoolean() ? -0.0f : 0.0f;
                case 3 -> r.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                case 4 -> r.nextInt(20) == 0 ? Float.NaN : (float) (4 * r.nextGaussian());
                default -> t;
            };
        }
        return x;
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
