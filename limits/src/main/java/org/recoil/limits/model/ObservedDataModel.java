package org.recoil.limits.model;

import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.StatModel;

/**
 * A view of a {@link StatModel} whose observed dataset is another one (a pseudo-experiment);
 * everything else is delegated. Lets any calculator or limit method that works on "the observed
 * data" of a model run on toys, e.g. in bias and coverage studies.
 */
public final class ObservedDataModel extends ForwardingStatModel {

    private final Data observed;

    /**
     * @param delegate the model
     * @param observed the dataset to present as observed (main and auxiliary sizes of the model)
     * @throws InvalidInputException if the sizes differ
     */
    public ObservedDataModel(StatModel delegate, Data observed) {
        super(delegate);
        if (observed.mainSize() != delegate.mainSize() || observed.auxSize() != delegate.auxSize()) {
            throw new InvalidInputException("dataset has " + observed.mainSize() + " main and " + observed.auxSize()
                    + " auxiliary entries, the model " + delegate.mainSize() + " and " + delegate.auxSize());
        }
        this.observed = observed;
    }

    @Override
    public Data observed() {
        return observed;
    }

    @Override
    public String toString() {
        return delegate + " with a pseudo-experiment as observed data";
    }
}
