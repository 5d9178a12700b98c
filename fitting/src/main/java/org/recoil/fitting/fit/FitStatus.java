package org.recoil.fitting.fit;

/** Outcome of a minimisation. Only {@link #CONVERGED} results may be used for limits. */
public enum FitStatus {
    /** The minimum was found within tolerance (possibly with parameters at their bounds). */
    CONVERGED,
    /** The iteration or evaluation budget ran out before convergence. */
    MAX_ITERATIONS,
    /** The minimiser failed (non-finite likelihood, line search failure) after every fallback. */
    FAILED;

    /** @return true for {@link #CONVERGED} */
    public boolean isConverged() {
        return this == CONVERGED;
    }
}
