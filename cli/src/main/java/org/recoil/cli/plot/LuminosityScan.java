package org.recoil.cli.plot;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.recoil.core.InvalidInputException;

/**
 * Expected limits versus integrated luminosity: one curve per mass hypothesis or per systematics
 * scenario (x: luminosity, y: expected limit), with optional milestone luminosities.
 *
 * @param curves the curves, at least one, with distinct labels
 * @param milestones marked luminosities; may be empty
 */
public record LuminosityScan(List<Curve> curves, List<Milestone> milestones) {

    /**
     * Copies the lists and checks the labels.
     *
     * @param curves the curves, at least one, with distinct labels
     * @param milestones marked luminosities; may be empty
     * @throws InvalidInputException if there is no curve or two curves have the same label
     */
    public LuminosityScan {
        curves = List.copyOf(curves);
        milestones = List.copyOf(milestones);
        if (curves.isEmpty()) {
            throw new InvalidInputException("luminosity plot: no curve; expected at least one expected-limit curve");
        }
        Set<String> labels = new HashSet<>();
        for (Curve c : curves) {
            if (!labels.add(c.label())) {
                throw new InvalidInputException("luminosity plot: the label '" + c.label()
                        + "' is used twice; expected distinct legend labels");
            }
        }
    }
}
