package org.recoil.cli.plot;

import org.recoil.core.InvalidInputException;

/**
 * Checks of plot input arrays. Every message names the plot element ({@code where}), the array and
 * the index, and says what was expected.
 */
final class Inputs {

    private Inputs() {
    }

    /**
     * @return a copy of {@code values}, which must be non-null, non-empty and finite
     * @throws InvalidInputException otherwise
     */
    static double[] finiteCopy(String where, String name, double[] values) {
        if (values == null) {
            throw new InvalidInputException(where + ": array '" + name + "' is missing");
        }
        if (values.length == 0) {
            throw new InvalidInputException(where + ": array '" + name + "' is empty; expected at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidInputException(where + ": " + name + "[" + i + "] = " + values[i]
                        + "; expected a finite number");
            }
        }
        return values.clone();
    }

    /** @return a copy, or null when {@code values} is null (an optional array) */
    static double[] optionalFiniteCopy(String where, String name, double[] values) {
        return values == null ? null : finiteCopy(where, name, values);
    }

    /**
     * Requires {@code values.length == expected} (a null {@code values} passes: an absent optional
     * array); {@code why} says where the expected length comes from, e.g. "as many as 'x'".
     */
    static void sameLength(String where, String name, double[] values, int expected, String why) {
        if (values != null && values.length != expected) {
            throw new InvalidInputException(where + ": array '" + name + "' has " + values.length
                    + " values; expected " + expected + " (" + why + ")");
        }
    }

    /** Requires strictly increasing values (bin edges, scan points). */
    static void strictlyIncreasing(String where, String name, double[] values) {
        for (int i = 1; i < values.length; i++) {
            if (!(values[i] > values[i - 1])) {
                throw new InvalidInputException(where + ": " + name + "[" + i + "] = " + values[i]
                        + " is not greater than " + name + "[" + (i - 1) + "] = " + values[i - 1]
                        + "; expected strictly increasing values");
            }
        }
    }

    /** Requires every value to be {@code >= 0} (event counts, stacked contents). */
    static void nonNegative(String where, String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw new InvalidInputException(where + ": " + name + "[" + i + "] = " + values[i]
                        + " is negative; expected a value >= 0");
            }
        }
    }

    /** Requires every value to be {@code > 0} because it is drawn on the named logarithmic axis. */
    static void positiveOnLogAxis(String where, String name, double[] values, String axis) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0)) {
                throw new InvalidInputException(where + ": " + name + "[" + i + "] = " + values[i]
                        + " cannot be drawn on the logarithmic " + axis + " axis; expected a value > 0"
                        + " (or use a linear " + axis + " axis)");
            }
        }
    }

    /** Requires a non-blank label. */
    static String label(String where, String label) {
        if (label == null || label.isBlank()) {
            throw new InvalidInputException(where + ": the label is blank; expected a legend text");
        }
        return label;
    }
}
