package org.recoil.limits.model;

import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.model.StatModel;
import org.recoil.fitting.model.TwiceNllFunction;

/**
 * A {@link StatModel} that forwards every call to another model: the base of the views that change one
 * aspect of a model (its parameters' bounds, its observed data) and delegate the rest.
 */
abstract class ForwardingStatModel implements StatModel {

    /** The model the calls go to. */
    protected final StatModel delegate;

    /**
     * @param delegate the model the calls go to
     */
    protected ForwardingStatModel(StatModel delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
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
        return delegate.observed();
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
}
