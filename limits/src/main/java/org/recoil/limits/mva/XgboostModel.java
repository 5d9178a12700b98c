package org.recoil.limits.mva;

import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;

/**
 * Training, saving and loading of the gradient-boosted decision trees with XGBoost4J (Apache-2.0,
 * its Java API only: {@code ml.dmlc.xgboost4j.java}; native library bundled for linux x86_64). The
 * trained booster is turned into a {@link TreeEnsemble} for application, and a test checks that both
 * give the same output. The only class that touches XGBoost, so that nothing else loads it: saved models
 * are written and read by {@link XgboostJson}, which needs no XGBoost.
 */
public final class XgboostModel {

    private XgboostModel() {
    }

    /**
     * Hyper-parameters of the training.
     *
     * @param trees boosting rounds
     * @param maxDepth maximum tree depth
     * @param learningRate shrinkage (eta)
     * @param seed XGBoost's seed
     * @param threads threads of XGBoost
     */
    public record Params(int trees, int maxDepth, double learningRate, long seed, int threads) {
        /** Checks the ranges. */
        public Params {
            if (trees < 1 || trees > 5000) {
                throw new InvalidInputException("trees: expected 1 to 5000, got " + trees);
            }
            if (maxDepth < 1 || maxDepth > 12) {
                throw new InvalidInputException("max_depth: expected 1 to 12, got " + maxDepth);
            }
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new InvalidInputException("learning_rate: expected (0, 1], got " + learningRate);
            }
        }
    }

    /**
     * Trains a binary classifier ({@code binary:logistic}, histogram tree method).
     *
     * @param x row-major features
     * @param features features per row
     * @param label 1 signal, 0 background
     * @param weight event weights
     * @param p the hyper-parameters
     * @return the model bytes (XGBoost JSON) and its flat ensemble
     */
    public static Trained train(float[] x, int features, float[] label, float[] weight, Params p) {
        try {
            DMatrix d = new DMatrix(x, label.length, features, Float.NaN);
            try {
                d.setLabel(label);
                d.setWeight(weight);
                Map<String, Object> params = new HashMap<>();
                params.put("objective", "binary:logistic");
                params.put("tree_method", "hist");
                params.put("max_depth", p.maxDepth());
                params.put("eta", p.learningRate());
                params.put("seed", (int) (p.seed() ^ (p.seed() >>> 32)));
                params.put("nthread", Math.max(1, p.threads()));
                params.put("verbosity", 0);
                Booster b = XGBoost.train(d, params, p.trees(), new HashMap<>(), null, null);
                try {
                    byte[] raw = b.toByteArray("json");
                    return new Trained(raw, ensemble(b, java.util.Arrays.copyOf(x, features), features));
                } finally {
                    b.dispose();
                }
            } finally {
                d.dispose();
            }
        } catch (XGBoostError e) {
            throw new ComputationException("XGBoost training failed: " + e.getMessage(), e);
        }
    }

    /**
     * A trained model.
     *
     * @param modelJson the model in XGBoost's JSON format (what {@link XgboostJson#save} writes)
     * @param ensemble its flat form
     */
    public record Trained(byte[] modelJson, TreeEnsemble ensemble) {
    }

    /**
     * The flat ensemble of a booster; its base margin is measured on {@code row} as XGBoost's margin
     * minus the trees' sum, so that both agree whatever base score XGBoost chose.
     */
    private static TreeEnsemble ensemble(Booster b, float[] row, int features) throws XGBoostError {
        String[] dump = b.getModelDump((String) null, false, "json");
        TreeEnsemble zero = TreeEnsemble.fromXgboostDump(dump, features, 0.0);
        DMatrix one = new DMatrix(row, 1, features, Float.NaN);
        try {
            float[][] m = b.predict(one, true);
            double[] sum = new double[1];
            zero.margin(row, 0, 1, sum);
            return TreeEnsemble.fromXgboostDump(dump, features, m[0][0] - sum[0]);
        } finally {
            one.dispose();
        }
    }

    /**
     * XGBoost's own output for rows (for tests comparing it with the flat ensemble).
     *
     * @param t the model
     * @param x row-major features
     * @param features features per row
     * @return the probabilities
     */
    public static float[] xgboostPredict(Trained t, float[] x, int features) {
        try {
            Booster b = XGBoost.loadModel(t.modelJson());
            DMatrix d = new DMatrix(x, x.length / features, features, Float.NaN);
            try {
                float[][] p = b.predict(d);
                float[] out = new float[p.length];
                for (int i = 0; i < p.length; i++) {
                    out[i] = p[i][0];
                }
                return out;
            } finally {
                d.dispose();
                b.dispose();
            }
        } catch (XGBoostError | java.io.IOException e) {
            throw new ComputationException("XGBoost prediction failed: " + e.getMessage(), e);
        }
    }
}
