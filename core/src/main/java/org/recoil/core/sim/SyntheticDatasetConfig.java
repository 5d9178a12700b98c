package org.recoil.core.sim;

import java.util.List;
import org.recoil.core.InvalidInputException;

/**
 * Settings of a {@link SyntheticDataset}: luminosity, seed, Monte Carlo sizes, the signal mass grid
 * and the pseudo-data mode. Immutable; {@code with...} methods return modified copies.
 *
 * @param luminosityPb integrated luminosity in pb^-1 (weights refer to it; pseudo-data are made at it)
 * @param seed the seed every random stream of the dataset derives from
 * @param muMuGammaEvents generated e+e- -> mu+mu-(gamma) events (before acceptance)
 * @param tauPairEvents generated e+e- -> tau+tau-(gamma) -> mu+mu- 4 nu events
 * @param twoPhotonEvents generated e+e- -> e+e- mu+mu- events
 * @param signalEvents generated signal events per mass point
 * @param signalMasses distinct Z' masses (GeV) of the signal samples, each in (0, sqrt(s) - 2 m_mu);
 *     may be empty
 * @param pseudoData how the pseudo-data are made
 */
public record SyntheticDatasetConfig(double luminosityPb, long seed, int muMuGammaEvents,
        int tauPairEvents, int twoPhotonEvents, int signalEvents, List<Double> signalMasses,
        PseudoDataMode pseudoData) {
    /** Luminosity of the Belle II 2018 data set (PRL 124 (2020) 141801), pb^-1. */
    public static final double BELLE2_2018_LUMINOSITY_PB = 276.0;
    /** Default seed. */
    public static final long DEFAULT_SEED = 20200410L;

    /**
     * Validates the settings.
     *
     * @throws InvalidInputException for a non-positive luminosity or sample size, a null list or
     *     mode, or a non-positive or non-finite mass
     */
    public SyntheticDatasetConfig {
        if (!(luminosityPb > 0.0) || Double.isInfinite(luminosityPb)) {
            throw new InvalidInputException("synthetic dataset: luminosity must be positive and finite, got "
                    + luminosityPb + " /pb");
        }
        if (muMuGammaEvents < 1 || tauPairEvents < 1 || twoPhotonEvents < 1 || signalEvents < 1) {
            throw new InvalidInputException("synthetic dataset: Monte Carlo sizes must be at least 1, got mumu_gamma="
                    + muMuGammaEvents + ", tautau_gamma=" + tauPairEvents + ", eemumu=" + twoPhotonEvents
                    + ", signal=" + signalEvents);
        }
        if (signalMasses == null || pseudoData == null) {
            throw new InvalidInputException("synthetic dataset: signal mass list and pseudo-data mode must be given");
        }
        signalMasses = List.copyOf(signalMasses);
        for (int i = 0; i < signalMasses.size(); i++) {
            double m = signalMasses.get(i);
            if (!(m > 0.0) || Double.isInfinite(m)) {
                throw new InvalidInputException("synthetic dataset: signal mass " + i + " is " + m
                        + " GeV, expected a positive finite value");
            }
            if (signalMasses.indexOf(m) != i) {
                throw new InvalidInputException("synthetic dataset: signal mass " + m + " GeV is given twice");
            }
        }
    }

    /**
     * Defaults: 276 pb^-1, seed {@value #DEFAULT_SEED}, 1 000 000 mu mu (gamma), 200 000 tau tau,
     * 2 000 000 two-photon and 20 000 signal events per mass, signal masses 0.5, 1, 2, ..., 8 GeV,
     * pseudo-data {@link PseudoDataMode#FROM_TEMPLATES}.
     *
     * @return the default settings
     */
    public static SyntheticDatasetConfig defaults() {
        return new SyntheticDatasetConfig(BELLE2_2018_LUMINOSITY_PB, DEFAULT_SEED, 1_000_000, 200_000,
                2_000_000, 20_000, List.of(0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0),
                PseudoDataMode.FROM_TEMPLATES);
    }

    /**
     * @param lumi integrated luminosity, pb^-1
     * @return a copy with that luminosity
     */
    public SyntheticDatasetConfig withLuminosityPb(double lumi) {
        return new SyntheticDatasetConfig(lumi, seed, muMuGammaEvents, tauPairEvents, twoPhotonEvents,
                signalEvents, signalMasses, pseudoData);
    }

    /**
     * @param newSeed the seed
     * @return a copy with that seed
     */
    public SyntheticDatasetConfig withSeed(long newSeed) {
        return new SyntheticDatasetConfig(luminosityPb, newSeed, muMuGammaEvents, tauPairEvents,
                twoPhotonEvents, signalEvents, signalMasses, pseudoData);
    }

    /**
     * @param muMuGamma generated e+e- -> mu+mu-(gamma) events
     * @param tauPair generated tau-pair events
     * @param twoPhoton generated two-photon events
     * @return a copy with these background Monte Carlo sizes
     */
    public SyntheticDatasetConfig withBackgroundEvents(int muMuGamma, int tauPair, int twoPhoton) {
        return new SyntheticDatasetConfig(luminosityPb, seed, muMuGamma, tauPair, twoPhoton, signalEvents,
                signalMasses, pseudoData);
    }

    /**
     * @param events generated signal events per mass
     * @param masses distinct Z' masses, GeV (may be empty)
     * @return a copy with that signal sample size and mass grid
     */
    public SyntheticDatasetConfig withSignal(int events, List<Double> masses) {
        return new SyntheticDatasetConfig(luminosityPb, seed, muMuGammaEvents, tauPairEvents,
                twoPhotonEvents, events, masses, pseudoData);
    }

    /**
     * @param mode how the pseudo-data are made
     * @return a copy with that mode
     */
    public SyntheticDatasetConfig withPseudoData(PseudoDataMode mode) {
        return new SyntheticDatasetConfig(luminosityPb, seed, muMuGammaEvents, tauPairEvents,
                twoPhotonEvents, signalEvents, signalMasses, mode);
    }
}
