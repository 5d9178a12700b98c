package org.recoil.core.hist;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.recoil.core.InvalidInputException;

/**
 * A {@link Binning} as written in JSON or YAML: either uniform, {@code {"bins": 50, "lo": 0.0, "hi": 10.0}},
 * or variable, {@code {"edges": [0.0, 1.0, 2.5, 10.0]}}. Exactly one of the two forms must be given.
 *
 * @param bins number of uniform bins (uniform form)
 * @param lo low edge (uniform form)
 * @param hi high edge (uniform form)
 * @param edges all edges, strictly increasing (variable form)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record BinningSpec(
        @JsonProperty("bins") Integer bins,
        @JsonProperty("lo") Double lo,
        @JsonProperty("hi") Double hi,
        @JsonProperty("edges") double[] edges) {

    /**
     * @param binning a binning
     * @return its JSON form (uniform binnings keep the compact form)
     */
    public static BinningSpec of(Binning binning) {
        if (binning instanceof Binning.Uniform u) {
            return new BinningSpec(u.nBins(), u.lo(), u.hi(), null);
        }
        return new BinningSpec(null, null, null, binning.edges());
    }

    /**
     * Validates and converts.
     *
     * @param where what is being read, for error messages (e.g. {@code "config.yaml: histogram.binning"})
     * @return the binning
     * @throws InvalidInputException if neither or both forms are given, a uniform key is missing, or
     *     the binning itself is invalid (message prefixed with {@code where})
     */
    public Binning toBinning(String where) {
        boolean uniform = bins != null || lo != null || hi != null;
        if (uniform && edges != null) {
            throw new InvalidInputException(where + ": give either 'bins', 'lo', 'hi' (uniform) or 'edges', not both");
        }
        try {
            if (edges != null) {
                return Binning.variable(edges);
            }
            if (bins == null || lo == null || hi == null) {
                throw new InvalidInputException("a uniform binning needs 'bins', 'lo' and 'hi'"
                        + (uniform ? "" : " (or give 'edges')"));
            }
            return Binning.uniform(bins, lo, hi);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinningSpec b && java.util.Objects.equals(bins, b.bins) && java.util.Objects.equals(lo, b.lo)
                && java.util.Objects.equals(hi, b.hi) && java.util.Arrays.equals(edges, b.edges);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(bins, lo, hi) * 31 + java.util.Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        return edges != null ? "BinningSpec[edges=" + java.util.Arrays.toString(edges) + "]"
                : "BinningSpec[bins=" + bins + ", lo=" + lo + ", hi=" + hi + "]";
    }
}
