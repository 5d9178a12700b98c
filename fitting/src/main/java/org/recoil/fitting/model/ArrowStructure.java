package org.recoil.fitting.model;

import java.util.Arrays;

/**
 * The sparsity of the Hessian and Fisher information of a HistFactory likelihood: an <em>arrow</em>. Per-bin
 * parameters (staterror, shapesys, shapefactor γ) that act on a single main bin only are <em>local</em>: two
 * of them couple only if they act on the same bin, so they fall into small diagonal blocks, one per main bin.
 * All other parameters (μ, normsys, histosys, lumi, and per-bin parameters shared by several bins) are
 * <em>global</em>: a dense block that couples to everything. Solves with such a matrix go through the Schur
 * complement of the block-diagonal part ({@link ArrowMatrix}): O(n k²) time and O(n k) memory for n
 * parameters of which k are global, instead of O(n³) and O(n²).
 *
 * @param size number of parameters n
 * @param global indices of the global parameters, ascending (k of them)
 * @param blockStart block b holds {@code blockParam[blockStart[b] .. blockStart[b+1])}
 * @param blockParam indices of the local parameters, block by block
 * @param blockBin the main bin each block acts on
 */
public record ArrowStructure(int size, int[] global, int[] blockStart, int[] blockParam, int[] blockBin) {

    /** Copies and checks that every parameter is global or in exactly one block. */
    public ArrowStructure {
        global = global.clone();
        blockStart = blockStart.clone();
        blockParam = blockParam.clone();
        blockBin = blockBin.clone();
        if (global.length + blockParam.length != size || blockStart.length != blockBin.length + 1
                || blockStart[0] != 0 || blockStart[blockBin.length] != blockParam.length) {
            throw new IllegalArgumentException("inconsistent arrow structure: " + global.length + " global and "
                    + blockParam.length + " local parameters for " + size);
        }
        boolean[] seen = new boolean[size];
        for (int[] list : new int[][] {global, blockParam}) {
            for (int p : list) {
                if (p < 0 || p >= size || seen[p]) {
                    throw new IllegalArgumentException("parameter " + p + " is out of range or listed twice");
                }
                seen[p] = true;
            }
        }
    }

    /** @return number of global parameters k */
    public int globalCount() {
        return global.length;
    }

    /** @return number of diagonal blocks */
    public int blockCount() {
        return blockBin.length;
    }

    /** @return number of local parameters */
    public int localCount() {
        return blockParam.length;
    }

    /** @return the largest block */
    public int maxBlockSize() {
        int m = 0;
        for (int b = 0; b < blockBin.length; b++) {
            m = Math.max(m, blockStart[b + 1] - blockStart[b]);
        }
        return m;
    }

    /** @return copy of the global parameter indices */
    @Override
    public int[] global() {
        return global.clone();
    }

    /** @return copy of the block offsets */
    @Override
    public int[] blockStart() {
        return blockStart.clone();
    }

    /** @return copy of the local parameter indices */
    @Override
    public int[] blockParam() {
        return blockParam.clone();
    }

    /** @return copy of the main bin of each block */
    @Override
    public int[] blockBin() {
        return blockBin.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrowStructure s && size == s.size && Arrays.equals(global, s.global)
                && Arrays.equals(blockStart, s.blockStart) && Arrays.equals(blockParam, s.blockParam)
                && Arrays.equals(blockBin, s.blockBin);
    }

    @Override
    public int hashCode() {
        return size * 31 + Arrays.hashCode(blockParam);
    }

    @Override
    public String toString() {
        return "ArrowStructure[" + size + " parameters: " + global.length + " global, " + blockParam.length
                + " local in " + blockBin.length + " blocks of at most " + maxBlockSize() + "]";
    }
}
