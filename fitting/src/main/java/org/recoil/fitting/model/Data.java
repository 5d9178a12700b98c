package org.recoil.fitting.model;

import java.util.Arrays;

/**
 * A dataset for a {@link StatModel}: the main measurement (event counts of every bin of every
 * channel, channels in model order) and the auxiliary data of the constraint terms (global
 * observables), in the order the model defines. Counts may be non-integer (Asimov data).
 *
 * @param main counts per bin, length {@link StatModel#mainSize()}
 * @param aux auxiliary data, length {@link StatModel#auxSize()}
 */
public record Data(double[] main, double[] aux) {
    /** Copies the arrays so that the record stays immutable. */
    public Data {
        main = main.clone();
        aux = aux.clone();
    }

    /** @return a copy of the main counts */
    @Override
    public double[] main() {
        return main.clone();
    }

    /** @return a copy of the auxiliary data */
    @Override
    public double[] aux() {
        return aux.clone();
    }

    /** @return the main count of bin {@code i} without copying */
    public double main(int i) {
        return main[i];
    }

    /** @return the auxiliary datum {@code i} without copying */
    public double aux(int i) {
        return aux[i];
    }

    /** @return number of main bins */
    public int mainSize() {
        return main.length;
    }

    /** @return number of auxiliary data */
    public int auxSize() {
        return aux.length;
    }

    /** @return a copy with other main counts and the same auxiliary data */
    public Data withMain(double[] newMain) {
        return new Data(newMain, aux);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Data d && Arrays.equals(main, d.main) && Arrays.equals(aux, d.aux);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(main) + Arrays.hashCode(aux);
    }

    @Override
    public String toString() {
        return "Data[main=" + Arrays.toString(main) + ", aux=" + Arrays.toString(aux) + "]";
    }
}
