package org.recoil.limits.diagnostics;

/**
 * A MINOS-style interval of one parameter: where the profile of −2 ln L (every other free parameter refitted)
 * rises by {@code level} above its minimum, on each side of the best fit (F. James, MINUIT reference manual,
 * CERN D506, "MINOS"; the profile-likelihood interval of Cowan, Cranmer, Gross, Vitells, arXiv:1007.1727).
 *
 * @param name parameter name
 * @param value best-fit value
 * @param level the rise of −2 ln L that defines the interval (1 for a 68.3% interval of one parameter)
 * @param lower signed offset of the lower crossing from the value (negative), NaN unless {@code lowerStatus} is VALID
 * @param upper offset of the upper crossing (positive), NaN unless {@code upperStatus} is VALID
 * @param lowerStatus how the lower side ended
 * @param upperStatus how the upper side ended
 * @param fits number of conditional fits used
 */
public record MinosError(String name, double value, double level, double lower, double upper, Status lowerStatus,
                         Status upperStatus, int fits) {

    /** How one side of the interval ended. */
    public enum Status {
        /** the profile crosses the level inside the bounds */
        VALID,
        /** the profile stays below the level up to the parameter's bound (the crossing is beyond it) */
        AT_BOUND,
        /** a conditional fit did not converge */
        FIT_FAILED
    }
}
