package org.recoil.fitting.model;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A binned likelihood: Poisson terms for the main measurement times constraint terms for the
 * nuisance parameters, as in HistFactory (Cranmer et al., CERN-OPEN-2012-016) and pyhf.
 *
 * <p>Implementations are immutable and thread-safe: the same model is evaluated concurrently by
 * toy and mass-scan workers. Parameter vectors are flat {@code double[]} arrays indexed as in
 * {@link #parameters()}.
 */
public interface StatModel {

    /** @return the parameters: names, inits, bounds, fixed flags, parameter of interest */
    Parameters parameters();

    /** @return number of main-measurement bins over all channels */
    int mainSize();

    /** @return number of auxiliary data (global observables of the constraint terms) */
    int auxSize();

    /** @return the observed data: observed counts and the nominal auxiliary data */
    Data observed();

    /**
     * −2 ln L(pars | data) including every normalisation constant (ln Γ(n+1) of the Poisson terms,
     * ln(√(2π)σ) of Gaussian constraints, the Poisson constraint terms), as pyhf's {@code logpdf}.
     *
     * @param pars parameter vector, length {@code parameters().size()}
     * @param data main and auxiliary data
     * @return −2 ln L; {@code +Infinity} where the likelihood vanishes
     */
    double twiceNll(double[] pars, Data data);

    /**
     * −2 ln L and its analytic gradient with respect to every parameter (fixed ones included).
     *
     * @param pars parameter vector
     * @param data main and auxiliary data
     * @param gradient output, length {@code parameters().size()}
     * @return −2 ln L, as {@link #twiceNll(double[], Data)}
     */
    double twiceNllGradient(double[] pars, Data data, double[] gradient);

    /** @return expected counts per main bin at {@code pars} */
    double[] expectedMain(double[] pars);

    /**
     * The Asimov dataset at {@code pars}: main counts equal to their expectation and auxiliary data
     * equal to the values the constraint terms are centred on for these parameters (pyhf's
     * {@code expected_data}).
     */
    Data asimov(double[] pars);

    /**
     * A pseudo-experiment drawn from the model at {@code pars}: Poisson main counts and randomised
     * auxiliary data (Gaussian or Poisson, as each constraint term).
     *
     * @param pars parameters to generate at
     * @param rng the random source (the caller owns the seed)
     */
    Data sample(double[] pars, UniformRandomProvider rng);

    /**
     * −2 ln L for a fixed dataset as a reusable function for minimisers. The default delegates to
     * {@link #twiceNll(double[], Data)} and {@link #twiceNllGradient(double[], Data, double[])};
     * implementations override it to precompute data-dependent constants and reuse scratch arrays.
     *
     * @param data the dataset
     * @return a function to be used by one thread at a time
     */
    default TwiceNllFunction twiceNllFunction(Data data) {
        StatModel model = this;
        return new TwiceNllFunction() {
            @Override
            public int dimension() {
                return model.parameters().size();
            }

            @Override
            public double value(double[] pars) {
                return model.twiceNll(pars, data);
            }

            @Override
            public double valueAndGradient(double[] pars, double[] gradient) {
                return model.twiceNllGradient(pars, data, gradient);
            }
        };
    }
}
