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

    /** Checks that the range is finite and not empty. */
    public AxisRange {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new InvalidInputException("axis range [" + min + ", " + max
                    + "] is not valid; expected finite values with min < max");
        }
    }
}
