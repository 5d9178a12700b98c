package org.recoil.limits.model;

import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.model.StatModel;

/**
 * A view of a {@link StatModel} with other bounds on the parameter of interest; everything else is
 * delegated. Used to fit at a signal strength outside the workspace's POI range (an upper-limit
 * bracket widened beyond the upper bound) and to free the POI below zero for the unbounded test
 * statistics q<sub>μ</sub> and t<sub>μ</sub> (Cowan et al., arXiv:1007.1727, Eqs. (8) and (14)).
 */
public final class PoiBoundedModel extends ForwardingStatModel {

    private final Parameters parameters;

    private PoiBoundedModel(StatModel delegate, double lower, double upper) {
        super(delegate);
        Parameters p = delegate.parameters();
        int poi = p.poiIndex();
        if (poi < 0) {
            throw new InvalidInputException("the model has no parameter of interest");
        }
        double[] lo = p.lower();
        double[] hi = p.upper();
        lo[poi] = lower;
        hi[poi] = upper;
        double[] inits = p.inits();
        inits[poi] = Math.min(Math.max(inits[poi], lower), upper);
        this.parameters = new Parameters(p.names(), inits, lo, hi, p.fixed(), poi);
    }

    /**
     * @param model the model
     * @param lower new lower bound of the POI
     * @param upper new upper bound of the POI
     * @return a view of {@code model} with these POI bounds (the model itself if they are unchanged)
     */
    public static StatModel withPoiBounds(StatModel model, double lower, double upper) {
        StatModel base = model instanceof PoiBoundedModel v ? v.delegate : model;
        Parameters p = base.parameters();
        int poi = p.poiIndex();
        if (poi >= 0 && p.lower(poi) == lower && p.upper(poi) == upper) {
            return base;
        }
        return new PoiBoundedModel(base, lower, upper);
    }

    /**
     * @param model the model
     * @param mu a POI value
     * @return {@code model} if {@code mu} lies within its POI bounds, else a view whose POI range is
     *         extended just enough to contain {@code mu}
     */
    public static StatModel including(StatModel model, double mu) {
        Parameters p = model.parameters();
        int poi = p.poiIndex();
        if (poi < 0) {
            throw new InvalidInputException("the model has no parameter of interest");
        }
        if (mu >= p.lower(poi) && mu <= p.upper(poi)) {
            return model;
        }
        return withPoiBounds(model, Math.min(mu, p.lower(poi)), Math.max(mu, p.upper(poi)));
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        int poi = parameters.poiIndex();
        return delegate + " with POI bounds [" + parameters.lower(poi) + ", " + parameters.upper(poi) + "]";
    }
}
