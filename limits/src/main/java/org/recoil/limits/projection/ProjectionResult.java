package org.recoil.limits.projection;

import java.util.List;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;

/**
 * Expected limits at several luminosities and systematics scenarios.
 *
 * @param reference the luminosity L0 of the input yields
 * @param curves one curve per (improvement, scenario, luminosity): the analysis as configured
 *               ({@link Improvement#NONE}) first, then each improvement; within one, scenarios outer,
 *               luminosities in the given order
 */
public record ProjectionResult(Luminosity reference, List<ProjectionCurve> curves) {

    /** Copies the list. */
    public ProjectionResult {
        curves = List.copyOf(curves);
    }

    /**
     * @param scenario a scenario name
     * @return its curves of the analysis as configured (no improvement), in luminosity order
     */
    public List<ProjectionCurve> curves(String scenario) {
        return curves(scenario, Improvement.NONE_NAME);
    }

    /**
     * @param scenario a scenario name
     * @param improvement an improvement name ({@value Improvement#NONE_NAME}: the analysis as configured)
     * @return its curves with that improvement, in luminosity order
     */
    public List<ProjectionCurve> curves(String scenario, String improvement) {
        return curves.stream().filter(c -> c.scenario().name().equals(scenario)
                && c.improvement().name().equals(improvement)).toList();
    }

    /** @return the improvements of the curves, {@link Improvement#NONE} first if present, without repeats */
    public List<Improvement> improvements() {
        java.util.LinkedHashMap<String, Improvement> m = new java.util.LinkedHashMap<>();
        curves.forEach(c -> m.putIfAbsent(c.improvement().name(), c.improvement()));
        return List.copyOf(m.values());
    }

    /**
     * @param scenario a scenario name
     * @param luminosity a luminosity of the projection
     * @return that curve of the analysis as configured (no improvement)
     * @throws InvalidInputException if there is none
     */
    public ProjectionCurve curve(String scenario, Luminosity luminosity) {
        return curve(scenario, luminosity, Improvement.NONE_NAME);
    }

    /**
     * @param scenario a scenario name
     * @param luminosity a luminosity of the projection
     * @param improvement an improvement name ({@value Improvement#NONE_NAME}: the analysis as configured)
     * @return that curve
     * @throws InvalidInputException if there is none
     */
    public ProjectionCurve curve(String scenario, Luminosity luminosity, String improvement) {
        return curves.stream().filter(c -> c.scenario().name().equals(scenario)
                        && c.luminosity().equals(luminosity) && c.improvement().name().equals(improvement)).findFirst()
                .orElseThrow(() -> new InvalidInputException("projection has no curve for scenario '" + scenario
                        + "' at " + luminosity.format()
                        + (improvement.equals(Improvement.NONE_NAME) ? "" : " with improvement '" + improvement + "'")));
    }
}
