package org.recoil.limits.projection;

import java.util.List;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;

/**
 * Expected limits at several luminosities and systematics scenarios.
 *
 * @param reference the luminosity L0 of the input yields
 * @param curves one curve per (scenario, luminosity), scenarios outer, luminosities in the given order
 */
public record ProjectionResult(Luminosity reference, List<ProjectionCurve> curves) {

    /** Copies the list. */
    public ProjectionResult {
        curves = List.copyOf(curves);
    }

    /**
     * @param scenario a scenario name
     * @return its curves, in luminosity order
     */
    public List<ProjectionCurve> curves(String scenario) {
        return curves.stream().filter(c -> c.scenario().name().equals(scenario)).toList();
    }

    /**
     * @param scenario a scenario name
     * @param luminosity a luminosity of the projection
     * @return that curve
     * @throws InvalidInputException if there is none
     */
    public ProjectionCurve curve(String scenario, Luminosity luminosity) {
        return curves.stream().filter(c -> c.scenario().name().equals(scenario)
                        && c.luminosity().equals(luminosity)).findFirst()
                .orElseThrow(() -> new InvalidInputException("projection has no curve for scenario '" + scenario
                        + "' at " + luminosity.format()));
    }
}
