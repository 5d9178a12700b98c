package org.recoil.fitting.fit;

/**
 * Outcome of a minimisation. Only converged results ({@link #isConverged()}) may be used for limits; a
 * {@link #CONVERGED_UNDETERMINED} result is a minimum whose Hessian is singular in some directions, so the
 * errors of the parameters named by {@link FitResult#undetermined()} are undefined.
 */
public enum FitStatus {
    /** The minimum was found within tolerance (possibly with parameters at their bounds). */
    CONVERGED("converged"),
    /**
     * The minimum was found, but the Hessian there is singular: some parameters (e.g. a signal strength whose
     * signal is zero in every bin) are not determined by the data and constraints; their errors are NaN.
     */
    CONVERGED_UNDETERMINED("converged_undetermined"),
    /** The iteration or evaluation budget ran out before convergence. */
    MAX_ITERATIONS("max_iterations"),
    /** The minimiser failed (non-finite likelihood, line search failure) after every fallback. */
    FAILED("failed");

    private final String id;

    FitStatus(String id) {
        this.id = id;
    }

    /** @return the status as the CLI's JSON {@code status} prints it */
    public String id() {
        return id;
    }

    /** @return true for {@link #CONVERGED} and {@link #CONVERGED_UNDETERMINED} */
    public boolean isConverged() {
        return this == CONVERGED || this == CONVERGED_UNDETERMINED;
    }
}
