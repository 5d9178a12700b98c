package org.recoil.limits.calc;

import java.util.function.Supplier;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.teststat.ProfileLikelihood;
import org.recoil.limits.teststat.ProfileLikelihoodStatistic;

/**
 * The fits of the data every discovery calculation needs (Cowan et al., arXiv:1007.1727, Eq. (12)):
 * the free fit (μ̂, θ̂), the background-only fit θ̂̂(0) giving q<sub>0</sub>, and the signal fit
 * θ̂̂(1) at which the μ = 1 Asimov dataset and the signal toys are generated (pyhf 0.7's choice).
 *
 * @param likelihood the profile likelihood
 * @param freeFit free fit of the data
 * @param backgroundFit conditional fit of the data at μ = 0
 * @param signalFit conditional fit of the data at μ = 1
 * @param q0 observed q<sub>0</sub>
 */
record DiscoveryFits(ProfileLikelihood likelihood, FitResult freeFit, FitResult backgroundFit, FitResult signalFit,
                     double q0) {

    /**
     * @param likelihood the profile likelihood
     * @param data the dataset tested
     * @return the fits
     * @throws InvalidInputException if the POI bounds exclude 0 (the background-only hypothesis)
     * @throws FitFailedException if a fit fails
     */
    static DiscoveryFits of(ProfileLikelihood likelihood, Data data) {
        requireZeroAllowed(likelihood.model());
        FitResult free = fit(() -> likelihood.freeFit(data), "free fit of the data");
        FitResult bkg = fit(() -> likelihood.conditionalFit(data, 0.0, free.values()),
                "background-only fit of the data (POI = 0)");
        FitResult sig = fit(() -> likelihood.conditionalFit(data, 1.0, free.values()),
                "signal fit of the data (POI = 1) for the expected significance");
        double q0 = ProfileLikelihoodStatistic.Q0.value(0.0, bkg, free, likelihood.poiIndex());
        return new DiscoveryFits(likelihood, free, bkg, sig, q0);
    }

    /**
     * @param model the model
     * @throws InvalidInputException unless the POI's bounds contain 0
     */
    static void requireZeroAllowed(StatModel model) {
        Parameters p = model.parameters();
        int poi = p.poiIndex();
        if (poi < 0) {
            throw new InvalidInputException("the model has no parameter of interest; the discovery test needs one");
        }
        if (!(p.lower(poi) <= 0.0 && p.upper(poi) >= 0.0) || p.isFixed(poi)) {
            throw new InvalidInputException("the parameter of interest '" + p.names().get(poi) + "' has bounds ["
                    + p.lower(poi) + ", " + p.upper(poi) + "]" + (p.isFixed(poi) ? " and is fixed" : "")
                    + ": the discovery test q0 needs a free POI whose range contains 0 (the background-only hypothesis)");
        }
    }

    static FitResult fit(Supplier<FitResult> f, String what) {
        try {
            return f.get();
        } catch (FitFailedException e) {
            throw new FitFailedException(what + ": " + e.getMessage(), e.result());
        }
    }

    /** @return μ̂ of the free fit */
    double muHat() {
        return freeFit.value(likelihood.poiIndex());
    }
}
