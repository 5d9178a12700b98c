package org.recoil.fitting.model;

/**
 * −2 ln L of a model for one fixed dataset, as a function of the parameters only. Obtained from
 * {@link StatModel#twiceNllFunction(Data)}; it may keep scratch arrays, so one instance must be used by
 * one thread at a time (create one per fit: creation is cheap).
 */
public interface TwiceNllFunction {

    /** @return number of parameters */
    int dimension();

    /**
     * @param pars parameter vector
     * @return −2 ln L, {@code +Infinity} where the likelihood vanishes or is undefined
     */
    double value(double[] pars);

    /**
     * @param pars parameter vector
     * @param gradient output: ∂(−2 ln L)/∂pars (undefined when the value is infinite)
     * @return −2 ln L
     */
    double valueAndGradient(double[] pars, double[] gradient);

    /**
     * The expected (Fisher) information of −2 ln L at {@code pars}: the Hessian of −2 ln L averaged over
     * datasets generated at {@code pars} (Cowan, Cranmer, Gross, Vitells, arXiv:1007.1727, Eq. (18), times
     * 2). For Poisson counts ν_i and constraint terms it is 2 Σ_i (∂ν_i/∂θ_a)(∂ν_i/∂θ_b)/ν_i plus the
     * constraints' curvatures; it is positive semi-definite and needs only first derivatives, which makes it
     * a good starting curvature for quasi-Newton minimisers (the Gauss-Newton / Fisher-scoring matrix).
     *
     * @param pars parameter vector
     * @param out output, row-major n × n with n = {@link #dimension()} (rows of fixed parameters included)
     * @return false if this function cannot provide it (the default), true if {@code out} was filled
     */
    default boolean fisherInformation(double[] pars, double[] out) {
        return false;
    }

    /**
     * The exact Hessian of −2 ln L at {@code pars}, e.g. for parabolic errors (James, "Statistical Methods in
     * Experimental Physics", 2nd ed., Sec. 9.3: covariance = 2 H⁻¹).
     *
     * @param pars parameter vector
     * @param out output, row-major n × n with n = {@link #dimension()}; NaN entries where −2 ln L is not finite
     * @return false if this function cannot provide it analytically (the default), true if {@code out} was filled
     */
    default boolean hessian(double[] pars, double[] out) {
        return false;
    }

    /**
     * The diagonal of {@link #fisherInformation}: cheap (no n × n matrix), e.g. for the pre-fit widths
     * √(2/F_ii) by which minimisers scale the parameters.
     *
     * @param pars parameter vector
     * @param out output, length n
     * @return false if this function cannot provide it (the default), true if {@code out} was filled
     */
    default boolean fisherDiagonal(double[] pars, double[] out) {
        return false;
    }

    /**
     * @return the sparsity of the Hessian and Fisher information ({@link ArrowStructure}), or null if this
     *         function does not provide them in arrow form (the default)
     */
    default ArrowStructure arrowStructure() {
        return null;
    }

    /**
     * {@link #fisherInformation(double[], double[])} into an arrow-structured matrix of
     * {@link #arrowStructure()}: O(n k) memory.
     *
     * @param pars parameter vector
     * @param out output (cleared first)
     * @return false if this function cannot provide it (the default)
     */
    default boolean fisherInformation(double[] pars, ArrowMatrix out) {
        return false;
    }

    /**
     * {@link #hessian(double[], double[])} into an arrow-structured matrix of {@link #arrowStructure()}.
     *
     * @param pars parameter vector
     * @param out output (cleared first); NaN on the diagonal where −2 ln L is not finite
     * @return false if this function cannot provide it (the default)
     */
    default boolean hessian(double[] pars, ArrowMatrix out) {
        return false;
    }
}
