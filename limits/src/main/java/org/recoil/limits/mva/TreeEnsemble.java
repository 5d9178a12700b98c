package org.recoil.limits.mva;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;

/**
 * A boosted-tree ensemble flattened into arrays for fast application: every tree is padded to a
 * complete binary tree of the ensemble's depth (a leaf above the bottom becomes a node whose split
 * always goes left, both children the leaf), so an event descends each tree in exactly {@code depth}
 * branch-free steps {@code node = 2 node + 1 + (x[f] < t ? 0 : 1)}. The comparison is XGBoost's:
 * {@code x < split_condition} in single precision goes to the "yes" (left) child. Features are finite
 * (no missing values). The output is the logistic of the margin, as XGBoost's {@code binary:logistic}.
 * Immutable and thread-safe.
 */
public final class TreeEnsemble {

    private final int features;
    private final int depth;
    private final int trees;
    private final int[] feature;    // trees x (2^depth - 1)
    private final float[] threshold;
    private final float[] leaf;     // trees x 2^depth
    private final double baseMargin;

    private TreeEnsemble(int features, int depth, int trees, int[] feature, float[] threshold, float[] leaf,
                         double baseMargin) {
        this.features = features;
        this.depth = depth;
        this.trees = trees;
        this.feature = feature;
        this.threshold = threshold;
        this.leaf = leaf;
        this.baseMargin = baseMargin;
    }

    /**
     * Builds the ensemble from XGBoost's JSON tree dumps ({@code Booster.getModelDump(null, false, "json")}).
     *
     * @param dumps one JSON tree per entry
     * @param features the number of features
     * @param baseMargin the margin added to the trees' sum (XGBoost's base score, in logit space)
     * @return the ensemble
     */
    public static TreeEnsemble fromXgboostDump(String[] dumps, int features, double baseMargin) {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> roots = new ArrayList<>();
        int depth = 0;
        try {
            for (String d : dumps) {
                JsonNode n = json.readTree(d);
                roots.add(n);
                depth = Math.max(depth, depth(n));
            }
        } catch (java.io.IOException e) {
            throw new ComputationException("cannot read the XGBoost tree dump", e);
        }
        depth = Math.max(depth, 1);
        int inner = (1 << depth) - 1;
        int leaves = 1 << depth;
        int[] f = new int[roots.size() * inner];
        float[] t = new float[roots.size() * inner];
        float[] l = new float[roots.size() * leaves];
        for (int k = 0; k < roots.size(); k++) {
            fill(roots.get(k), 0, 0, depth, k * inner, k * leaves, f, t, l, features);
        }
        return new TreeEnsemble(features, depth, roots.size(), f, t, l, baseMargin);
    }

    private static int depth(JsonNode n) {
        if (n.has("leaf")) {
            return 0;
        }
        int d = 0;
        for (JsonNode c : n.get("children")) {
            d = Math.max(d, depth(c));
        }
        return d + 1;
    }

    /** Writes node {@code n} at complete-tree position {@code pos} (level {@code level}). */
    private static void fill(JsonNode n, int pos, int level, int depth, int innerBase, int leafBase, int[] f,
                             float[] t, float[] l, int features) {
        if (level == depth) {
            if (!n.has("leaf")) {
                throw new ComputationException("tree deeper than " + depth);
            }
            l[leafBase + pos - ((1 << depth) - 1)] = (float) n.get("leaf").asDouble();
            return;
        }
        if (n.has("leaf")) {
            // padding: always left (x < +inf), both subtrees the same leaf
            f[innerBase + pos] = 0;
            t[innerBase + pos] = Float.POSITIVE_INFINITY;
            fill(n, 2 * pos + 1, level + 1, depth, innerBase, leafBase, f, t, l, features);
            fill(n, 2 * pos + 2, level + 1, depth, innerBase, leafBase, f, t, l, features);
            return;
        }
        String split = n.get("split").asText();
        int fi = Integer.parseInt(split.startsWith("f") ? split.substring(1) : split);
        if (fi < 0 || fi >= features) {
            throw new InvalidInputException("the model splits on feature " + split + " but has " + features
                    + " features");
        }
        f[innerBase + pos] = fi;
        t[innerBase + pos] = (float) n.get("split_condition").asDouble();
        int yes = n.get("yes").asInt();
        JsonNode left = null;
        JsonNode right = null;
        for (JsonNode c : n.get("children")) {
            if (c.get("nodeid").asInt() == yes) {
                left = c;
            } else {
                right = c;
            }
        }
        if (left == null || right == null) {
            throw new ComputationException("malformed XGBoost tree dump at node " + n.get("nodeid"));
        }
        fill(left, 2 * pos + 1, level + 1, depth, innerBase, leafBase, f, t, l, features);
        fill(right, 2 * pos + 2, level + 1, depth, innerBase, leafBase, f, t, l, features);
    }

    /** @return the number of features of a row */
    public int features() {
        return features;
    }

    /** @return the depth of every (padded) tree */
    public int depth() {
        return depth;
    }

    /** @return the number of trees */
    public int trees() {
        return trees;
    }

    /**
     * The margin (log-odds) of rows {@code [from, to)} of a row-major feature matrix.
     *
     * @param x rows of {@link #features()} values
     * @param from first row
     * @param to end row (exclusive)
     * @param out receives the margins at {@code out[from..to)}
     */
    public void margin(float[] x, int from, int to, double[] out) {
        int inner = (1 << depth) - 1;
        int leaves = 1 << depth;
        int nf = features;
        for (int i = from; i < to; i++) {
            int row = i * nf;
            double sum = baseMargin;
            for (int k = 0, ib = 0, lb = 0; k < trees; k++, ib += inner, lb += leaves) {
                int node = 0;
                for (int d = 0; d < depth; d++) {
                    int at = ib + node;
                    node = 2 * node + (x[row + feature[at]] < threshold[at] ? 1 : 2);
                }
                sum += leaf[lb + node - inner];
            }
            out[i] = sum;
        }
    }

    /**
     * The classifier output in [0, 1] (the logistic of the margin) of every row, on {@code threads} threads.
     *
     * @param x rows of {@link #features()} values, row-major
     * @param threads worker threads (1: the calling thread)
     * @return one output per row
     */
    public double[] predict(float[] x, int threads) {
        int n = x.length / features;
        double[] out = new double[n];
        int chunks = Math.max(1, Math.min(threads, n / 4096));
        if (chunks == 1) {
            margin(x, 0, n, out);
        } else {
            java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> margin(x, (int) ((long) n * c / chunks),
                    (int) ((long) n * (c + 1) / chunks), out));
        }
        for (int i = 0; i < n; i++) {
            out[i] = 1.0 / (1.0 + Math.exp(-out[i]));
        }
        return out;
    }
}
