package org.recoil.limits.scan;

import org.recoil.core.InvalidInputException;

/**
 * The expected yield of one background sample in a search window, from weighted Monte Carlo.
 *
 * @param name sample name (e.g. {@code mumu_gamma}), used for the workspace sample and its
 *             normalisation systematic
 * @param yield expected events Σw at the analysis luminosity, finite and &ge; 0
 * @param sumw2 Σw², finite and &ge; 0 (√Σw² is the MC statistical error of the yield)
 * @param entries number of MC events in the window, &ge; 0
 */
public record SampleYield(String name, double yield, double sumw2, int entries) {

    /** Validates the fields; the message names the sample. */
    public SampleYield {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("background yield: a sample name is required");
        }
        if (!(yield >= 0) || !Double.isFinite(yield) || !(sumw2 >= 0) || !Double.isFinite(sumw2) || entries < 0) {
            throw new InvalidInputException("background sample '" + name + "': yield " + yield + ", sumw2 " + sumw2
                    + " and entries " + entries + " must be finite and >= 0");
        }
    }

    /** @return the relative MC statistical error √Σw²/Σw, or 0 for an empty sample */
    public double relativeMcError() {
        return yield > 0 ? Math.sqrt(sumw2) / yield : 0.0;
    }
}
