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
 *       that feature ({@code x < t_j} exactly when {@code rank(x) <= j}, so no comparison changes). The
 *       rank is looked up without data-dependent branches: a uniform grid over the split values gives the
 *       number of split values in the cells below the value's cell, and a fixed number of conditional
 *       increments (the most split values any cell holds, usually one) counts those in its own cell;</li>
 *   <li>each tree starts from the set of all its leaves (a bit mask) and every split node whose test
 *       fails ({@code x >= t}) removes the leaves of its "yes" subtree; the leftmost leaf left is the
 *       one the event reaches (the exit-leaf rule of QuickScorer: C. Lucchese et al., SIGIR 2015,
 *       doi:10.1145/2766462.2767733). The loops over the block are branch-free integer code that the JIT
 *       compiles to SIMD instructions. For trees of up to 16 leaves (depth 4) and up to 32767 split
 *       values per feature, two events share an int (16 bits each: rank, or leaf mask) and one loop
 *       applies two split nodes of a tree (the packed path); otherwise each event has an int and each
 *       node its own loop (the wide path);</li>
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
    /** Leaves per tree up to which the packed path applies (one bit each in 16 bits). */
    static final int PACKED_LEAVES = 16;
    /** Split values per feature up to which the packed path applies (a rank in 15 bits). */
    static final int PACKED_CUTS = 0x7FFF;
    /** Grid cells per distinct split value in the rank look-up, at first. */
    private static final int CELLS_PER_CUT = 8;
    /** Grid cells per feature up to which the grid is refined while a cell holds several split values. */
    private static final int MAX_CELLS = 1 << 13;
    /** Bit 15 of both halves of a packed int. */
    private static final int HIGH_BITS = 0x80008000;

    private final int features;
    private final int depth;
    private final int trees;
    private final int[] feature;          // trees x (2^depth - 1), breadth-first
    private final float[] threshold;
    private final boolean[] missingLeft;  // a missing value goes to the "yes" (left) child
    private final float[] leaf;           // trees x 2^depth
    private final double baseMargin;
    // the block evaluation (nodeStart == null: trees too deep for it)
    private final float[][] cuts;         // per feature, the distinct split values, ascending, then `steps` NaN
    private final int[] cutCount;         // per feature, the distinct split values
    private final float[] gridLow;        // per feature, rank look-up grid: first split value
    private final float[] gridScale;      //   cells per unit (0: one cell)
    private final int[][] gridRank;       //   split values in the cells below each cell
    private final int[] steps;            //   most split values in one cell
    private final int[] nodeStart;        // per tree, its first split node in the node arrays (trees + 1)
    private final int[] nodeFeature;
    private final int[] nodeCut;          // index of the split value in cuts[feature]
    private final int[] nodeYesLeaves;    // bit mask of the leaves of the "yes" subtree
    private final double[] leafValue;     // leaf as double
    // the packed path (pairStart == null: the wide path): per tree an even number of node slots
    private final int[] pairStart;        // per tree, its first slot (trees + 1)
    private final int[] slotFeature;
    private final int[] slotOffset;       // (0x7FFF - cut) in both halves: bit 15 of rank + offset is rank > cut
    private final int[] slotYesLeaves;    // 0 for a padding slot

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
            cutCount = null;
            gridLow = null;
            gridScale = null;
            gridRank = null;
            steps = null;
            nodeStart = null;
            nodeFeature = null;
            nodeCut = null;
            nodeYesLeaves = null;
            leafValue = null;
            pairStart = null;
            slotFeature = null;
            slotOffset = null;
            slotYesLeaves = null;
            return;
        }
        // distinct split values per feature (-0 and +0 are one value: x < -0 exactly when x < +0)
        List<java.util.TreeSet<Float>> values = new ArrayList<>();
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
        cutCount = new int[features];
        gridLow = new float[features];
        gridScale = new float[features];
        gridRank = new int[features][];
        steps = new int[features];
        int mostCuts = 0;
        for (int f = 0; f < features; f++) {
            float[] c = new float[values.get(f).size()];
            int k = 0;
            for (float v : values.get(f)) {
                c[k++] = v;
            }
            cutCount[f] = c.length;
            mostCuts = Math.max(mostCuts, c.length);
            grid(f, c);
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
                nodeCut[q] = java.util.Arrays.binarySearch(cuts[feature[at]], 0, cutCount[feature[at]],
                        threshold[at] + 0.0f);
                nodeYesLeaves[q] = ((1 << (1 << (below - 1))) - 1) << first;
                q++;
            }
        }
        nodeStart[trees] = q;
        leafValue = new double[leaf.length];
        for (int i = 0; i < leaf.length; i++) {
            leafValue[i] = leaf[i];
        }
        if (leaves > PACKED_LEAVES || mostCuts > PACKED_CUTS) {
            pairStart = null;
            slotFeature = null;
            slotOffset = null;
            slotYesLeaves = null;
            return;
        }
        pairStart = new int[trees + 1];
        for (int k = 0; k < trees; k++) {
            // at least one pair (of padding slots, for a tree that is one leaf), padded to pairs
            pairStart[k + 1] = pairStart[k] + Math.max(2, (nodeStart[k + 1] - nodeStart[k] + 1) / 2 * 2);
        }
        slotFeature = new int[pairStart[trees]];
        slotOffset = new int[pairStart[trees]];
        slotYesLeaves = new int[pairStart[trees]];
        for (int k = 0; k < trees; k++) {
            for (int j = nodeStart[k], slot = pairStart[k]; j < nodeStart[k + 1]; j++, slot++) {
                slotFeature[slot] = nodeFeature[j];
                slotOffset[slot] = (PACKED_CUTS - nodeCut[j]) * 0x10001;
                slotYesLeaves[slot] = nodeYesLeaves[j];
            }
        }
    }

    /**
     * The rank look-up grid of feature {@code f} with split values {@code c}: {@value #CELLS_PER_CUT} cells
     * per split value, refined while one holds more than one split value (up to {@value #MAX_CELLS} cells). Since {@link #cell} does
     * not decrease with the value, a split value in a lower cell is below every value of a cell and one in
     * a higher cell above it: the rank is the count below the cell plus the split values of the cell
     * that are {@code <=} the value, and there are at most {@code steps[f]} of those.
     */
    private void grid(int f, float[] c) {
        if (c.length == 0) {
            cuts[f] = c;
            return;
        }
        float low = c[0];
        float span = c[c.length - 1] - low;
        int cells = Math.min(CELLS_PER_CUT * c.length, MAX_CELLS);
        while (true) {
            float scale = span > 0 && Float.isFinite(cells / span) ? cells / span : 0f;
            if (scale == 0) {
                cells = 1;
            }
            int[] below = new int[cells];
            for (float v : c) {
                below[cell(v, low, scale, cells)]++;
            }
            int most = 0;
            for (int cell = 0, sum = 0; cell < cells; cell++) {
                int here = below[cell];
                below[cell] = sum;
                sum += here;
                most = Math.max(most, here);
            }
            if (most <= 1 || cells >= MAX_CELLS || scale == 0) {
                gridLow[f] = low;
                gridScale[f] = scale;
                gridRank[f] = below;
                steps[f] = most;
                // `most` NaN after the split values: a comparison with NaN is false, so the look-up never
                // counts them and never reads past the array
                float[] padded = java.util.Arrays.copyOf(c, c.length + most);
                java.util.Arrays.fill(padded, c.length, padded.length, Float.NaN);
                cuts[f] = padded;
                return;
            }
            cells *= 2;
        }
    }

    /** The grid cell of {@code v}: does not decrease with {@code v}, in [0, cells). */
    private static int cell(float v, float low, float scale, int cells) {
        return Math.max(0, Math.min(cells - 1, (int) ((v - low) * scale)));
    }

    /** The rank of {@code v} among the split values of feature {@code f}: how many are {@code <= v}. */
    private int rank(int f, float v) {
        float[] c = cuts[f];
        int[] grid = gridRank[f];
        int k = grid[cell(v, gridLow[f], gridScale[f], grid.length)];
        for (int s = steps[f]; s > 0; s--) {
            k += c[k] <= v ? 1 : 0;
        }
        return k;
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

    /** @return whether blocks are evaluated on the packed path (else the wide path, or the walk) */
    boolean packed() {
        return pairStart != null;
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
        if (pairStart != null) {
            int pairs = (size + 1) / 2;
            int[][] rank = new int[features][pairs];
            int[][] removed = new int[4][pairs];
            double[] sum = new double[2 * pairs];
            for (int first = from; first < to; first += size) {
                packedBlock(x, first, Math.min(size, to - first), out, rank, removed, sum);
            }
        } else {
            int[][] rank = new int[features][size];
            int[] reached = new int[size];
            double[] sum = new double[size];
            for (int first = from; first < to; first += size) {
                wideBlock(x, first, Math.min(size, to - first), out, rank, reached, sum);
            }
        }
    }

    /**
     * The margins of the {@code n} rows from {@code first} on the packed path: events {@code 2i} and
     * {@code 2i + 1} share int {@code i} (low and high 16 bits) of the ranks and of the leaf masks.
     */
    private void packedBlock(float[] x, int first, int n, double[] out, int[][] rank, int[][] removed,
                             double[] sum) {
        int nf = features;
        int pairs = (n + 1) / 2;
        boolean missing = false;
        for (int f = 0; f < nf; f++) {
            if (cutCount[f] == 0) {
                continue;
            }
            int[] r = rank[f];
            int at = first * nf + f;
            int i = 0;
            if (steps[f] == 1) {
                // the usual case, written out: one conditional increment per value
                float[] c = cuts[f];
                int[] grid = gridRank[f];
                float low = gridLow[f];
                float scale = gridScale[f];
                int cells = grid.length;
                for (; i < n / 2; i++, at += 2 * nf) {
                    float v = x[at];
                    float w = x[at + nf];
                    int kv = grid[cell(v, low, scale, cells)];
                    kv += c[kv] <= v ? 1 : 0;
                    int kw = grid[cell(w, low, scale, cells)];
                    kw += c[kw] <= w ? 1 : 0;
                    r[i] = kv | kw << 16;
                    missing |= v != v | w != w;
                }
            } else {
                for (; i < n / 2; i++, at += 2 * nf) {
                    float v = x[at];
                    float w = x[at + nf];
                    r[i] = rank(f, v) | rank(f, w) << 16;
                    missing |= v != v | w != w;
                }
            }
            if (i < pairs) {
                // an odd block: the high half of the last pair is rank 0, its result unused
                float v = x[at];
                r[i] = rank(f, v);
                missing |= v != v;
            }
        }
        java.util.Arrays.fill(sum, 0, 2 * pairs, baseMargin);
        int leaves = 1 << depth;
        int k = 0;
        for (; k + 4 <= trees; k += 4) {
            // four trees' leaf masks, then their leaves added in tree order with the sums in registers
            for (int t = 0; t < 4; t++) {
                for (int s = pairStart[k + t]; s < pairStart[k + t + 1]; s += 2) {
                    removePair(rank, s, removed[t], pairs, s == pairStart[k + t]);
                }
            }
            addLeaves4(removed, k * leaves, leaves, sum, pairs);
        }
        for (; k < trees; k++) {
            for (int s = pairStart[k]; s < pairStart[k + 1]; s += 2) {
                removePair(rank, s, removed[0], pairs, s == pairStart[k]);
            }
            int lb = k * leaves;
            int[] r = removed[0];
            for (int i = 0; i < pairs; i++) {
                int left = ~r[i];
                sum[2 * i] += leafValue[lb + Integer.numberOfTrailingZeros(left)];
                sum[2 * i + 1] += leafValue[lb + Integer.numberOfTrailingZeros(left >>> 16)];
            }
        }
        System.arraycopy(sum, 0, out, first, n);
        if (missing) {
            walkMissing(x, first, n, out);
        }
    }

    /**
     * Two node slots {@code s, s + 1} of a tree over a block of packed pairs: in each half, bit 15 of
     * {@code rank + offset} is set exactly when the rank is above the node's split value ({@code x >= t}),
     * and then the leaves of the node's "yes" subtree join the removed ones ({@code first}: the tree's
     * first pair, from none). Branch-free; small enough for the JIT to unroll and vectorise.
     */
    private void removePair(int[][] rank, int s, int[] removed, int pairs, boolean first) {
        int[] r0 = rank[slotFeature[s]];
        int[] r1 = rank[slotFeature[s + 1]];
        int o0 = slotOffset[s];
        int o1 = slotOffset[s + 1];
        int y0 = slotYesLeaves[s];
        int y1 = slotYesLeaves[s + 1];
        if (first) {
            for (int i = 0; i < pairs; i++) {
                removed[i] = ((r0[i] + o0 & HIGH_BITS) >>> 15) * y0 | ((r1[i] + o1 & HIGH_BITS) >>> 15) * y1;
            }
        } else {
            for (int i = 0; i < pairs; i++) {
                removed[i] |= ((r0[i] + o0 & HIGH_BITS) >>> 15) * y0 | ((r1[i] + o1 & HIGH_BITS) >>> 15) * y1;
            }
        }
    }

    /**
     * Adds the leaves of four consecutive trees (from leaf {@code lb}, masks of removed leaves {@code removed})
     * to the packed pairs' margins, tree after tree for each event: the same sum in the same order as tree by
     * tree over the block, with a quarter of the loads and stores of the margins.
     */
    private void addLeaves4(int[][] removed, int lb, int leaves, double[] sum, int pairs) {
        int[] r0 = removed[0];
        int[] r1 = removed[1];
        int[] r2 = removed[2];
        int[] r3 = removed[3];
        int lb1 = lb + leaves;
        int lb2 = lb1 + leaves;
        int lb3 = lb2 + leaves;
        double[] v = leafValue;
        for (int i = 0; i < pairs; i++) {
            int a = ~r0[i];
            int b = ~r1[i];
            int c = ~r2[i];
            int d = ~r3[i];
            sum[2 * i] = sum[2 * i] + v[lb + Integer.numberOfTrailingZeros(a)]
                    + v[lb1 + Integer.numberOfTrailingZeros(b)] + v[lb2 + Integer.numberOfTrailingZeros(c)]
                    + v[lb3 + Integer.numberOfTrailingZeros(d)];
            sum[2 * i + 1] = sum[2 * i + 1] + v[lb + Integer.numberOfTrailingZeros(a >>> 16)]
                    + v[lb1 + Integer.numberOfTrailingZeros(b >>> 16)] + v[lb2 + Integer.numberOfTrailingZeros(c >>> 16)]
                    + v[lb3 + Integer.numberOfTrailingZeros(d >>> 16)];
        }
    }

    /** The margins of the {@code n} rows from {@code first} on the wide path: an int per event. */
    private void wideBlock(float[] x, int first, int n, double[] out, int[][] rank, int[] reached, double[] sum) {
        int nf = features;
        boolean missing = false;
        for (int f = 0; f < nf; f++) {
            if (cutCount[f] == 0) {
                continue;
            }
            int[] r = rank[f];
            for (int i = 0, at = first * nf + f; i < n; i++, at += nf) {
                float v = x[at];
                r[i] = rank(f, v);
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
            walkMissing(x, first, n, out);
        }
    }

    /** Rows with a missing value among the {@code n} from {@code first}: walked. */
    private void walkMissing(float[] x, int first, int n, double[] out) {
        int nf = features;
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < nf; f++) {
                if (Float.isNaN(x[(first + i) * nf + f])) {
                    walk(x, first + i, first + i + 1, out);
                    break;
                }
            }
        }
    }

    /**
     * One split node over a block (wide path): where {@code x >= t_cut} (rank above {@code cut}) the
     * leaves of the "yes" subtree are removed (from all leaves for the tree's {@code first} node).
     * Branch-free, one array in, one in-out: the JIT vectorises it.
     */
    private static void prune(int[] reached, int[] rank, int cut, int yesLeaves, int n, boolean first) {
        if (first) {
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
