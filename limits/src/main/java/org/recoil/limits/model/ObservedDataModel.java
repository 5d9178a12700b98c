package org.recoil.limits.model;

import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.model.StatModel;
import org.recoil.fitting.model.TwiceNllFunction;

/**
 * A view of a {@link StatModel} whose observed dataset is another one (a pseudo-experiment);
 * everything else is delegated. Lets any calculator or limit method that works on "the observed
 * data" of a model run on toys, e.g. in bias and coverage studies.
 */
public final class ObservedDataModel implements StatModel {

    private final StatModel delegate;
    private final Data observed;

    /**
     * @param delegate the model
     * @param observed the dataset to present as observed (main and auxiliary sizes of the model)
     * @throws InvalidInputException if the sizes differ
     */
    public ObservedDataModel(StatModel delegate, Data observed) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (observed.mainSize() != delegate.mainSize() || observed.auxSize() != delegate.auxSize()) {
            throw new InvalidInputException("dataset has " + observed.mainSize() + " main and " + observed.auxSize()
                    + " auxiliary entries, the model " + delegate.mainSize() + " and " + delegate.auxSize());
        }
        this.observed = observed;
    }

    @Override
    public Parameters parameters() {
        return delegate.parameters();
    }

    @Override
    public int mainSize() {
        return delegate.mainSize();
    }

    @Override
    public int auxSize() {
        return delegate.auxSize();
    }

    @Override
    public Data observed() {
        return observed;
    }

    @Override
    public double twiceNll(double[] pars, Data data) {
        return delegate.twiceNll(pars, data);
    }

    @Override
    public double twiceNllGradient(double[] pars, Data data, double[] gradient) {
        return delegate.twiceNllGradient(pars, data, gradient);
    }

    @Override
    public TwiceNllFunction twiceNllFunction(Data data) {
        return delegate.twiceNllFunction(data);
    }

    @Override
    public double[] expectedMain(double[] pars) {
        return delegate.expectedMain(pars);
    }

    @Override
    public Data asimov(double[] pars) {
        return delegate.asimov(pars);
    }

    @Override
    public Data sample(double[] pars, UniformRandomProvider rng) {
        return delegate.sample(pars, rng);
    }

    @Override
    public String toString() {
        return delegate + " with a pseudo-experiment as observed data";
    }
}
