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
}
