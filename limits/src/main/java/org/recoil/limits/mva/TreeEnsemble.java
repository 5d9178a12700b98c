package org.recoil.limits.mva;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;

/**
 * A boosted-tree ensemble flattened into arrays for fast application, with XGBoost's semantics: at a
 * split, {@code x < split_condition} in single precision goes to the "yes" child, a missing value
 * ({@code NaN}) to the "missing" child, and the output is the logistic of the margin (base margin plus
 * the leaf values of the trees, added in tree order), as XGBoost's {@code binary:logistic}.
 *
 * <p>Every tree is padded to a complete binary tree of the ensemble's depth (a leaf above the bottom
 * becomes a node whose two subtrees are that leaf), stored breadth-first. Rows are evaluated in blocks
 * of events, tree by tree over the block, column by column (structure of arrays):
 * <ol>
 *   <li>each feature of the block is replaced by its rank among the ensemble's distinct split values of
 *       that feature ({@code x < t_j} exactly when {@code rank(x) <= j}, so no comparison changes);</li>
 *   <li>each tree starts from the set of all its leaves (a bit mask) and every split node whose test
 *       fails ({@code x >= t}) removes the leaves of its "yes" subtree; the leftmost leaf left is the
 *       one the event reaches (the exit-leaf rule of QuickScorer: C. Lucchese et al., SIGIR 2015,
 *       doi:10.1145/2766462.2767733). The per-node loop over the block is branch-free integer code
 *       that the JIT compiles to SIMD instructions;</li>
 *   <li>the leaf value is added to the event's margin in tree order.</li>
 * </ol>
 * Each event's margin is therefore the same sum in the same order whatever the block size and the
 * number of threads: the outputs are identical (bit for bit) for any of them, and identical to the
 * event-by-event walk ({@code node = 2 node + 1 + (x >= t ? 1 : 0)}) used for rows with a missing value
 * and for trees of more than {@value #MASK_LEAVES} leaves. Immutable and thread-safe.
 */
public final class TreeEnsemble {

    /** Events per block of the block evaluation. */
    static final int BLOCK = 1024;
    /** Leaves per tree up to which the block evaluation applies (one bit each in an int). */
    static final int MASK_LEAVES = 32;
    /** Grid cells per distinct split value in the rank look-up. */
    private static final int CELLS_PER_CUT = 8;

    private final int features;
    private final int depth;
    private final int trees;
    private final int[] feature;          // trees x (2^depth - 1), breadth-first
    private final float[] threshold;
    private final boolean[] missingLeft;  // a missing value goes to the "yes" (left) child
    private final float[] leaf;           // trees x 2^depth
    private final double baseMargin;
    // the block evaluation (nodeStart == null: trees too deep for it)
    private final float[][] cuts;         // per feature, the distinct split values, ascending
    private final double[] gridLow;       // per feature, rank look-up grid: first cut
    private final double[] gridScale;     //   cells per unit
    private final int[][] gridRank;       //   rank at each cell's lower edge
    private final int[] nodeStart;        // per tree, its first split node in the node arrays (trees + 1)
    private final int[] nodeFeature;
    private final int[] nodeCut;          // index of the split value in cuts[feature]
    private final int[] nodeYesLeaves;    // bit mask of the leaves of the "yes" subtree
    private final double[] leafValue;     // leaf as double

    private TreeEnsemble(int features, int depth, int trees, int[] feature, float[] threshold, boolean[] missingLeft,
                         boolean[] padding, float[] leaf, double baseMargin) {
        this.features = features;
        this.depth = depth;
        this.trees = trees;
        this.feature = feature;
        this.threshold = threshold;
        this.missingLeft = missingLeft;
        this.leaf = leaf;
        this.baseMargin = baseMargin;
        int inner = (1 << depth) - 1;
        int leaves = 1 << depth;
        if (leaves > MASK_LEAVES) {
            cuts = null;
            gridLow = null;
            gridScale = null;
            gridRank = null;
            nodeStart = null;
            nodeFeature = null;
            nodeCut = null;
            nodeYesLeaves = null;
            leafValue = null;
            return;
        }
        // distinct split values per feature (-0 and +0 are one value: x < -0 exactly when x < +0)
        java.util.List<java.util.TreeSet<Float>> values = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            values.add(new java.util.TreeSet<>());
        }
        int real = 0;
        for (int at = 0; at < feature.length; at++) {
            if (!padding[at]) {
                values.get(feature[at]).add(threshold[at] + 0.0f);
                real++;
            }
        }
        cuts = new float[features][];
        gridLow = new double[features];
        gridScale = new double[features];
        gridRank = new int[features][];
        for (int f = 0; f < features; f++) {
            float[] c = new float[values.get(f).size()];
            int k = 0;
            for (float v : values.get(f)) {
                c[k++] = v;
            }
            cuts[f] = c;
            if (c.length == 0) {
                continue;
            }
            int cells = Math.min(1 << 16, CELLS_PER_CUT * c.length);
            double span = (double) c[c.length - 1] - c[0];
            gridLow[f] = c[0];
            gridScale[f] = span > 0 && Double.isFinite(span) ? cells / span : 0.0;
            int[] g = new int[cells + 1];
            for (int cell = 0; cell <= cells; cell++) {
                double edge = gridScale[f] > 0 ? gridLow[f] + cell / gridScale[f] : gridLow[f];
                int r = 0;
                while (r < c.length && c[r] <= edge) {
                    r++;
                }
                g[cell] = r;
            }
            gridRank[f] = g;
        }
        nodeStart = new int[trees + 1];
        nodeFeature = new int[real];
        nodeCut = new int[real];
        nodeYesLeaves = new int[real];
        int q = 0;
        for (int k = 0; k < trees; k++) {
            nodeStart[k] = q;
            for (int pos = 0; pos < inner; pos++) {
                int at = k * inner + pos;
                if (padding[at]) {
                    continue;
                }
                int level = 31 - Integer.numberOfLeadingZeros(pos + 1);
                int below = depth - level;                         // levels below the node
                int first = (pos + 1 - (1 << level)) << below;     // its first leaf, left to right
                nodeFeature[q] = feature[at];
                nodeCut[q] = java.util.Arrays.binarySearch(cuts[feature[at]], threshold[at] + 0.0f);
                nodeYesLeaves[q] = ((1 << (1 << (below - 1))) - 1) << first;
                q++;
            }
        }
        nodeStart[trees] = q;
        leafValue = new double[leaf.length];
        for (int i = 0; i < leaf.length; i++) {
            leafValue[i] = leaf[i];
        }
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
        boolean[] m = new boolean[roots.size() * inner];
        boolean[] pad = new boolean[roots.size() * inner];
        float[] l = new float[roots.size() * leaves];
        Nodes nodes = new Nodes(f, t, m, pad, l);
        for (int k = 0; k < roots.size(); k++) {
            fill(roots.get(k), 0, 0, depth, k * inner, k * leaves, nodes, features);
        }
        return new TreeEnsemble(features, depth, roots.size(), f, t, m, pad, l, baseMargin);
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

    /** The arrays {@link #fill} writes. */
    private record Nodes(int[] feature, float[] threshold, boolean[] missingLeft, boolean[] padding, float[] leaf) {
    }

    /** Writes node {@code n} at complete-tree position {@code pos} (level {@code level}). */
    private static void fill(JsonNode n, int pos, int level, int depth, int innerBase, int leafBase, Nodes a,
                             int features) {
        if (level == depth) {
            if (!n.has("leaf")) {
                throw new ComputationException("tree deeper than " + depth);
            }
            a.leaf[leafBase + pos - ((1 << depth) - 1)] = (float) n.get("leaf").asDouble();
            return;
        }
        if (n.has("leaf")) {
            // padding: both subtrees the same leaf, so the test (always "yes" here) does not matter
            a.feature[innerBase + pos] = 0;
            a.threshold[innerBase + pos] = Float.POSITIVE_INFINITY;
            a.missingLeft[innerBase + pos] = true;
            a.padding[innerBase + pos] = true;
            fill(n, 2 * pos + 1, level + 1, depth, innerBase, leafBase, a, features);
            fill(n, 2 * pos + 2, level + 1, depth, innerBase, leafBase, a, features);
            return;
        }
        String split = n.get("split").asText();
        int fi = Integer.parseInt(split.startsWith("f") ? split.substring(1) : split);
        if (fi < 0 || fi >= features) {
            throw new InvalidInputException("the model splits on feature " + split + " but has " + features
                    + " features");
        }
        if (!n.has("split_condition") || !n.get("split_condition").isNumber()) {
            throw new ComputationException("XGBoost tree node " + n.get("nodeid") + " is not a numerical split");
        }
        a.feature[innerBase + pos] = fi;
        a.threshold[innerBase + pos] = (float) n.get("split_condition").asDouble();
        if (Float.isNaN(a.threshold[innerBase + pos])) {
            throw new ComputationException("XGBoost tree node " + n.get("nodeid") + " splits at NaN");
        }
        int yes = n.get("yes").asInt();
        a.missingLeft[innerBase + pos] = !n.has("missing") || n.get("missing").asInt() == yes;
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
        fill(left, 2 * pos + 1, level + 1, depth, innerBase, leafBase, a, features);
        fill(right, 2 * pos + 2, level + 1, depth, innerBase, leafBase, a, features);
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
        margin(x, from, to, out, BLOCK);
    }

    /** {@link #margin(float[], int, int, double[])} in blocks of {@code block} events (1 to {@link #BLOCK}). */
    void margin(float[] x, int from, int to, double[] out, int block) {
        if (nodeStart == null) {
            walk(x, from, to, out);
            return;
        }
        int size = Math.max(1, Math.min(block, to - from));
        int[][] rank = new int[features][size];
        int[] reached = new int[size];
        double[] sum = new double[size];
        for (int first = from; first < to; first += size) {
            block(x, first, Math.min(size, to - first), out, rank, reached, sum);
        }
    }

    /** The margins of the {@code n} rows from {@code first}, tree by tree over the block. */
    private void block(float[] x, int first, int n, double[] out, int[][] rank, int[] reached, double[] sum) {
        int nf = features;
        boolean missing = false;
        for (int f = 0; f < nf; f++) {
            float[] c = cuts[f];
            if (c.length == 0) {
                continue;
            }
            int[] r = rank[f];
            double low = gridLow[f];
            double scale = gridScale[f];
            int[] grid = gridRank[f];
            int cells = grid.length - 1;
            for (int i = 0, at = first * nf + f; i < n; i++, at += nf) {
                float v = x[at];
                double cell = (v - low) * scale;
                int k = grid[cell > 0 ? (cell < cells ? (int) cell : cells) : 0];
                while (k < c.length && c[k] <= v) {
                    k++;
                }
                while (k > 0 && c[k - 1] > v) {
                    k--;
                }
                r[i] = k;
                missing |= v != v;
            }
        }
        java.util.Arrays.fill(sum, 0, n, baseMargin);
        int leaves = 1 << depth;
        for (int k = 0, lb = 0; k < trees; k++, lb += leaves) {
            int q = nodeStart[k];
            int end = nodeStart[k + 1];
            if (q == end) {
                // a single leaf
                double v = leafValue[lb];
                for (int i = 0; i < n; i++) {
                    sum[i] += v;
                }
                continue;
            }
            prune(reached, rank[nodeFeature[q]], nodeCut[q], nodeYesLeaves[q], n, true);
            for (q++; q < end; q++) {
                prune(reached, rank[nodeFeature[q]], nodeCut[q], nodeYesLeaves[q], n, false);
            }
            for (int i = 0; i < n; i++) {
                sum[i] += leafValue[lb + Integer.numberOfTrailingZeros(reached[i])];
            }
        }
        System.arraycopy(sum, 0, out, first, n);
        if (missing) {
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < nf; f++) {
                    if (Float.isNaN(x[(first + i) * nf + f])) {
                        walk(x, first + i, first + i + 1, out);
                        break;
                    }
                }
            }
        }
    }

    /**
     * One split node over a block: where {@code x >= t_cut} (rank above {@code cut}) the leaves of the
     * "yes" subtree are removed (from all leaves for the tree's {@code first} node). Branch-free, one array in, one in-out: the JIT vectorises it.
     */
    private static void prune(int[] reached, int[] rank, int cut, int yesLeaves, int n, boolean first) {
        if (first) {
            // the tree's first node: from all leaves
            for (int i = 0; i < n; i++) {
                reached[i] = ~(((cut - rank[i]) >> 31) & yesLeaves);
            }
        } else {
            for (int i = 0; i < n; i++) {
                reached[i] &= ~(((cut - rank[i]) >> 31) & yesLeaves);
            }
        }
    }

    /**
     * The margins of rows {@code [from, to)} event by event, descending each complete tree in
     * {@code depth} steps: the reference of the block evaluation, and the path for missing values.
     */
    void walk(float[] x, int from, int to, double[] out) {
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
                    float v = x[row + feature[at]];
                    node = 2 * node + ((v != v ? missingLeft[at] : v < threshold[at]) ? 1 : 2);
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
        return predict(x, threads, BLOCK);
    }

    /** {@link #predict(float[], int)} in blocks of {@code block} events. */
    double[] predict(float[] x, int threads, int block) {
        int n = x.length / features;
        double[] out = new double[n];
        int blocks = (n + block - 1) / block;
        int chunks = Math.max(1, Math.min(threads, blocks));
        if (chunks == 1) {
            output(x, 0, n, out, block);
        } else {
            // chunk boundaries on block boundaries; every row's output is the same whatever the chunks
            java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> output(x,
                    (int) Math.min(n, (long) block * (blocks * (long) c / chunks)),
                    (int) Math.min(n, (long) block * (blocks * (long) (c + 1) / chunks)), out, block));
        }
        return out;
    }

    private void output(float[] x, int from, int to, double[] out, int block) {
        margin(x, from, to, out, block);
        for (int i = from; i < to; i++) {
            out[i] = 1.0 / (1.0 + Math.exp(-out[i]));
        }
    }
}
