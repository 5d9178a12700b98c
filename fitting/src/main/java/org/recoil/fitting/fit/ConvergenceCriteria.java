package org.recoil.fitting.fit;

/**
 * When a minimisation has converged, and its budget: an immutable value object (as Hipparchus'
 * convergence checkers), with {@code withX} copies.
 *
 * @param gradientTolerance converged when the projected gradient of −2 ln L has max-norm below this
 *                          (the projection drops components that push a parameter out of its bounds)
 * @param stallGradientTolerance when no step can lower −2 ln L any more (machine precision reached),
 *                               the fit still counts as converged if the projected gradient is below this
 * @param maxIterations iteration budget of one minimisation
 * @param maxEvaluations budget of −2 ln L (and gradient) evaluations of one minimisation
 */
public record ConvergenceCriteria(double gradientTolerance, double stallGradientTolerance, int maxIterations,
                                  int maxEvaluations) {

    /** Validates. */
    public ConvergenceCriteria {
        if (!(gradientTolerance > 0) || !(stallGradientTolerance >= gradientTolerance) || maxIterations < 1
                || maxEvaluations < 1) {
            throw new IllegalArgumentException("invalid convergence criteria: gradientTolerance=" + gradientTolerance
                    + ", stallGradientTolerance=" + stallGradientTolerance + ", maxIterations=" + maxIterations
                    + ", maxEvaluations=" + maxEvaluations);
        }
    }

    /** @return gradient max-norm 1e-6, stall tolerance 1e-3, 2000 iterations, 10000 evaluations */
    public static ConvergenceCriteria defaults() {
        return new ConvergenceCriteria(1e-6, 1e-3, 2000, 10000);
    }

    /** @return a copy with another gradient tolerance */
    public ConvergenceCriteria withGradientTolerance(double tol) {
        return new ConvergenceCriteria(tol, Math.max(tol, stallGradientTolerance), maxIterations, maxEvaluations);
    }

    /** @return a copy with other budgets */
    public ConvergenceCriteria withBudget(int iterations, int evaluations) {
        return new ConvergenceCriteria(gradientTolerance, stallGradientTolerance, iterations, evaluations);
    }
}
