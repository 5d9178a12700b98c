package org.recoil.limits.analysis;

import java.util.Locale;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.PhysicsConstants;
import org.recoil.core.physics.ZPrimeModel;

/**
 * A Z′ signal injected into the synthetic pseudo-data: events of e⁺e⁻ → μ⁺μ⁻Z′, Z′ → invisible
 * at {@code mass}, generated unweighted with a Poisson number of mean
 * σ(g′ = 1) g′² BR(Z′ → inv) L (σ ∝ g′², Belle II, Phys. Rev. Lett. 124 (2020) 141801) and added
 * to the pseudo-data before the selection, so the whole analysis sees them as it would see a
 * real signal. Used to show that the pipeline finds a signal that is there, and for bias and
 * coverage studies.
 *
 * @param mass Z′ mass, GeV, inside the kinematic range (0, √s − 2m<sub>μ</sub>)
 * @param gPrime the coupling g′, &ge; 0 (0: nothing is added)
 * @param model the Z′ model whose BR(Z′ → invisible) applies
 */
public record SignalInjection(double mass, double gPrime, ZPrimeModel model) {

    /** Validates. */
    public SignalInjection {
        double max = PhysicsConstants.SQRT_S_BELLE2 - 2 * PhysicsConstants.MUON_MASS;
        if (!(mass > 0 && mass < max)) {
            throw new InvalidInputException(String.format(Locale.ROOT, "injected Z' mass %s GeV lies outside the"
                    + " kinematic range (0, %.4f) GeV of e+e- -> mu+mu- Z' at sqrt(s) = %.2f GeV", mass, max,
                    PhysicsConstants.SQRT_S_BELLE2));
        }
        if (!(gPrime >= 0) || !Double.isFinite(gPrime)) {
            throw new InvalidInputException("injected coupling g' must be finite and >= 0, got " + gPrime);
        }
        java.util.Objects.requireNonNull(model, "model");
    }

    /**
     * @param c the config entry
     * @param where the config file, for messages
     * @return the injection
     * @throws InvalidInputException for a mass outside the kinematic range (naming the file)
     */
    static SignalInjection of(AnalysisConfig.Inject c, String where) {
        ZPrimeModel m = "dark".equals(c.model()) ? ZPrimeModel.darkDominated() : ZPrimeModel.lmuLtau();
        try {
            return new SignalInjection(c.mass(), c.gprime(), m);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": inputs.synthetic.inject: " + e.getMessage());
        }
    }
}
