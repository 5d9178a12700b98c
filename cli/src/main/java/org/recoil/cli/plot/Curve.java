package org.recoil.cli.plot;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;

/**
 * One labelled curve y(x): a limit versus mass, or an expected limit versus luminosity.
 *
 * @param label the legend text
 * @param x the abscissae, strictly increasing, finite
 * @param y the ordinates, finite, as many as {@code x}
 */
public record Curve(String label, double[] x, double[] y) {

    /**
     * Copies the arrays and checks them.
     *
     * @param label the legend text
     * @param x the abscissae, strictly increasing, finite
     * @param y the ordinates, finite, as many as {@code x}
     * @throws InvalidInputException if the label is blank, an array is empty or not finite, the
     *     lengths differ, or {@code x} does not increase
     */
    public Curve {
        String where = "curve '" + label + "'";
        label = Inputs.label(where, label);
        x = Inputs.finiteCopy(where, "x", x);
        y = Inputs.finiteCopy(where, "y", y);
        Inputs.sameLength(where, "y", y, x.length, "as many as 'x'");
        Inputs.strictlyIncreasing(where, "x", x);
    }

    /** @return a copy of the abscissae */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** @return a copy of the ordinates */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** @return true for a curve with the same label and the same values */
    @Override
    public boolean equals(Object o) {
        return o instanceof Curve c && label.equals(c.label) && Arrays.equals(x, c.x) && Arrays.equals(y, c.y);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * label.hashCode() + Arrays.hashCode(x)) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Curve[" + label + ", " + x.length + " points]";
    }
}
