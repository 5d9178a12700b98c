package org.recoil.core.hist;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;

/**
 * The bin edges of a one-dimensional histogram axis: {@link Uniform} (equal-width bins, bin lookup
 * in O(1)) or {@link Variable} (arbitrary increasing edges, bin lookup in O(log n) by binary search).
 *
 * <p>Bins are half-open, {@code [lowEdge(i), highEdge(i))}, numbered {@code 0 .. nBins()-1}.
 * {@link #findBin(double)} returns {@code -1} (underflow) for {@code x < lo()} and {@link #nBins()}
 * (overflow) for {@code x >= hi()}, including infinities. NaN has no bin: {@code findBin(NaN)} throws
 * {@link InvalidInputException}.
 *
 * <p>Both implementations are immutable values; {@link #sameEdges(Binning)} compares two binnings
 * edge by edge regardless of their representation.
 */
public sealed interface Binning permits Binning.Uniform, Binning.Variable {

    /** @return the number of bins (at least 1) */
    int nBins();

    /** @return the low edge of the first bin */
    double lo();

    /** @return the high edge of the last bin */
    double hi();

    /**
     * @param edge an edge index in {@code 0 .. nBins()}
     * @return the edge value; {@code edge(0) == lo()}, {@code edge(nBins()) == hi()}
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    double edge(int edge);

    /**
     * Finds the bin containing {@code x}.
     *
     * @param x a value (±infinity allowed)
     * @return the bin index, {@code -1} for underflow or {@code nBins()} for overflow
     * @throws InvalidInputException if {@code x} is NaN
     */
    int findBin(double x);

    /** @return a fresh copy of the {@code nBins()+1} edges */
    default double[] edges() {
        double[] e = new double[nBins() + 1];
        for (int i = 0; i < e.length; i++) {
            e[i] = edge(i);
        }
        return e;
    }

    /**
     * @param bin a bin index
     * @return the low edge of the bin
     */
    default double lowEdge(int bin) {
        checkBin(bin);
        return edge(bin);
    }

    /**
     * @param bin a bin index
     * @return the high edge of the bin
     */
    default double highEdge(int bin) {
        checkBin(bin);
        return edge(bin + 1);
    }

    /**
     * @param bin a bin index
     * @return the bin centre
     */
    default double center(int bin) {
        return 0.5 * (lowEdge(bin) + highEdge(bin));
    }

    /**
     * @param bin a bin index
     * @return the bin width
     */
    default double width(int bin) {
        return highEdge(bin) - lowEdge(bin);
    }

    /**
     * @param other another binning
     * @return true if both have the same number of bins and numerically identical edges
     */
    default boolean sameEdges(Binning other) {
        if (other.nBins() != nBins()) {
            return false;
        }
        for (int i = 0; i <= nBins(); i++) {
            if (edge(i) != other.edge(i)) {
                return false;
            }
        }
        return true;
    }

    private void checkBin(int bin) {
        if (bin < 0 || bin >= nBins()) {
            throw new IndexOutOfBoundsException("bin " + bin + " outside 0.." + (nBins() - 1));
        }
    }

    /**
     * Equal-width bins.
     *
     * @param nBins number of bins, at least 1
     * @param lo low edge, finite
     * @param hi high edge, finite and greater than {@code lo}
     * @return the binning
     * @throws InvalidInputException if the arguments do not describe a valid axis
     */
    static Uniform uniform(int nBins, double lo, double hi) {
        return new Uniform(nBins, lo, hi);
    }

    /**
     * Bins with the given edges.
     *
     * @param edges at least two finite, strictly increasing edges (copied)
     * @return the binning
     * @throws InvalidInputException if the edges are not finite and strictly increasing
     */
    static Variable variable(double... edges) {
        return new Variable(edges);
    }

    /**
     * {@code nBins} equal-width bins on {@code [lo, hi)}. Edge {@code i} is {@code lo + i*(hi-lo)/nBins}
     * (and exactly {@code hi} for {@code i = nBins}); {@link #findBin(double)} is exactly consistent
     * with these edges.
     *
     * @param nBins number of bins, at least 1
     * @param lo low edge
     * @param hi high edge
     */
    record Uniform(int nBins, double lo, double hi) implements Binning {

        /**
         * Validates the axis.
         *
         * @throws InvalidInputException if {@code nBins < 1}, an edge is not finite, or {@code lo >= hi}
         */
        public Uniform {
            if (nBins < 1) {
                throw new InvalidInputException("binning: number of bins must be at least 1, got " + nBins);
            }
            if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
                throw new InvalidInputException("binning: range must be finite, got [" + lo + ", " + hi + "]");
            }
            if (!(lo < hi)) {
                throw new InvalidInputException("binning: low edge must be below high edge, got lo=" + lo + " hi=" + hi);
            }
            if (!(hi - lo < Double.POSITIVE_INFINITY)) {
                throw new InvalidInputException("binning: range [" + lo + ", " + hi + "] is too wide to represent");
            }
        }

        /** @return the common bin width {@code (hi-lo)/nBins} */
        public double binWidth() {
            return (hi - lo) / nBins;
        }

        @Override
        public double edge(int edge) {
            if (edge < 0 || edge > nBins) {
                throw new IndexOutOfBoundsException("edge " + edge + " outside 0.." + nBins);
            }
            return edge == nBins ? hi : lo + edge * binWidth();
        }

        @Override
        public int findBin(double x) {
            if (x != x) {
                throw new InvalidInputException("binning: cannot find the bin of NaN");
            }
            return BinIndex.uniform(x, lo, hi, binWidth(), nBins);
        }
    }

    /**
     * Bins with arbitrary strictly increasing edges; {@link #findBin(double)} is a binary search.
     *
     * @param edges the {@code nBins+1} edges (copied on construction and on access)
     */
    record Variable(double[] edges) implements Binning {

        /**
         * Validates and copies the edges.
         *
         * @throws InvalidInputException if there are fewer than 2 edges, an edge is NaN or infinite,
         *     or the edges are not strictly increasing (unsorted or duplicate)
         */
        public Variable {
            if (edges == null || edges.length < 2) {
                throw new InvalidInputException("binning: need at least 2 edges (1 bin), got "
                        + (edges == null ? 0 : edges.length));
            }
            edges = edges.clone();
            for (int i = 0; i < edges.length; i++) {
                if (!Double.isFinite(edges[i])) {
                    throw new InvalidInputException("binning: edge " + i + " is " + edges[i] + ", edges must be finite");
                }
                if (i > 0 && !(edges[i] > edges[i - 1])) {
                    throw new InvalidInputException("binning: edges must be strictly increasing, but edge " + i
                            + " (" + edges[i] + ") " + (edges[i] == edges[i - 1] ? "duplicates" : "is below")
                            + " edge " + (i - 1) + " (" + edges[i - 1] + ")");
                }
            }
        }

        @Override
        public double[] edges() {
            return edges.clone();
        }

        @Override
        public int nBins() {
            return edges.length - 1;
        }

        @Override
        public double lo() {
            return edges[0];
        }

        @Override
        public double hi() {
            return edges[edges.length - 1];
        }

        @Override
        public double edge(int edge) {
            if (edge < 0 || edge >= edges.length) {
                throw new IndexOutOfBoundsException("edge " + edge + " outside 0.." + (edges.length - 1));
            }
            return edges[edge];
        }

        @Override
        public int findBin(double x) {
            final double[] e = edges;
            int n = e.length - 1;
            if (x >= e[0]) {
                if (x >= e[n]) {
                    return n;
                }
                // invariant: e[low] <= x < e[high]
                int low = 0;
                int high = n;
                while (high - low > 1) {
                    int mid = (low + high) >>> 1;
                    if (x >= e[mid]) {
                        low = mid;
                    } else {
                        high = mid;
                    }
                }
                return low;
            }
            if (x < e[0]) {
                return -1;
            }
            throw new InvalidInputException("binning: cannot find the bin of NaN");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Variable v && Arrays.equals(edges, v.edges);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(edges);
        }

        @Override
        public String toString() {
            return "Variable[edges=" + Arrays.toString(edges) + "]";
        }
    }
}
