package org.recoil.cli.plot;

import org.recoil.core.InvalidInputException;

/**
 * A fixed axis range, to override the automatic one (for example to show several plots on the same
 * scale).
 *
 * @param min the lower end of the axis, finite
 * @param max the upper end of the axis, finite and greater than {@code min}
 */
public record AxisRange(double min, double max) {

    /**
     * Checks the values.
     *
     * @param min the lower end of the axis, finite
     * @param max the upper end of the axis, finite and greater than {@code min}
     * @throws InvalidInputException unless both are finite and min &lt; max
     */
    public AxisRange {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new InvalidInputException("axis range [" + min + ", " + max
                    + "] is not valid; expected finite values with min < max");
        }
    }
}
