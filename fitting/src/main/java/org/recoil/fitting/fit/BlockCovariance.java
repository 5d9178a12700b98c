package org.recoil.fitting.fit;

import java.util.Arrays;

/**
 * The covariance of a subset of the parameters (e.g. the global ones of an arrow-structured model: μ,
 * normsys, histosys, lumi), a dense k × k block of the full covariance matrix.
 *
 * @param indices parameter indices of the rows/columns, ascending
 * @param matrix row-major k × k covariance
 */
public record BlockCovariance(int[] indices, double[] matrix) {

    /** Copies and checks the shape. */
    public BlockCovariance {
        indices = indices.clone();
        matrix = matrix.clone();
        if (matrix.length != indices.length * indices.length) {
            throw new IllegalArgumentException("a covariance block of " + indices.length + " parameters needs "
                    + indices.length * indices.length + " entries, got " + matrix.length);
        }
    }

    /** @return copy of the parameter indices */
    @Override
    public int[] indices() {
        return indices.clone();
    }

    /** @return copy of the row-major matrix */
    @Override
    public double[] matrix() {
        return matrix.clone();
    }

    /** @return covariance of the a-th and b-th parameters of {@link #indices()} */
    public double get(int a, int b) {
        return matrix[a * indices.length + b];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockCovariance c && Arrays.equals(indices, c.indices) && Arrays.equals(matrix, c.matrix);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(indices) * 31 + Arrays.hashCode(matrix);
    }
}
