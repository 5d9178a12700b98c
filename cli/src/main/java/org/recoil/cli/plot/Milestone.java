package org.recoil.cli.plot;

import org.recoil.core.InvalidInputException;

/**
 * A marked integrated luminosity, drawn as a vertical dotted line with its label (for example the
 * 276 pb⁻¹ of the 2020 Belle II result, or the 50 ab⁻¹ design goal).
 *
 * @param label the text next to the line, e.g. "276 pb⁻¹"
 * @param luminosity where the line goes, in the unit of the x axis, &gt; 0
 */
public record Milestone(String label, double luminosity) {

    /**
     * Checks the values.
     *
     * @param label the text next to the line
     * @param luminosity where the line goes, &gt; 0
     * @throws InvalidInputException for a blank label or a luminosity that is not finite and positive
     */
    public Milestone {
        label = Inputs.label("luminosity milestone", label);
        if (!(luminosity > 0) || !Double.isFinite(luminosity)) {
            throw new InvalidInputException("luminosity milestone '" + label + "': luminosity " + luminosity
                    + " is not valid; expected a finite value > 0");
        }
    }
}
