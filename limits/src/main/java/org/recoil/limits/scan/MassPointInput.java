package org.recoil.limits.scan;

import java.util.List;
import org.recoil.core.InvalidInputException;

/**
 * Everything one mass hypothesis of the scan needs: the window, the observed count in it, the
 * expected background per sample, and the signal ingredients at unit coupling.
 *
 * @param mass Z′ mass hypothesis in GeV
 * @param window the recoil-mass window
 * @param observed observed events in the window, finite and &ge; 0 (non-integer for Asimov data)
 * @param backgrounds expected background per sample (at the analysis luminosity)
 * @param efficiency signal efficiency of the selection and window, in [0, 1] (0: no signal, the
 *                   point gets {@link PointStatus#NO_SIGNAL})
 * @param efficiencyRelError relative statistical error of the efficiency from the signal MC, &ge; 0
 * @param sigmaAtUnitCouplingPb σ(e⁺e⁻ → μ⁺μ⁻Z′) at g′ = 1 in pb, finite and &gt; 0
 * @param brInvisible BR(Z′ → invisible) in (0, 1]
 */
public record MassPointInput(double mass, MassWindow window, double observed, List<SampleYield> backgrounds,
                             double efficiency, double efficiencyRelError, double sigmaAtUnitCouplingPb,
                             double brInvisible) {

    /** Validates and copies; messages name the mass point. */
    public MassPointInput {
        String at = "mass point M = " + mass + " GeV: ";
        if (window == null || window.mass() != mass) {
            throw new InvalidInputException(at + "the window must belong to this mass");
        }
        if (!(observed >= 0) || !Double.isFinite(observed)) {
            throw new InvalidInputException(at + "observed count must be finite and >= 0, got " + observed);
        }
        backgrounds = List.copyOf(backgrounds);
        if (!(efficiency >= 0 && efficiency <= 1)) {
            throw new InvalidInputException(at + "signal efficiency must lie in [0, 1], got " + efficiency);
        }
        if (!(efficiencyRelError >= 0) || !Double.isFinite(efficiencyRelError)) {
            throw new InvalidInputException(at + "relative efficiency error must be finite and >= 0, got "
                    + efficiencyRelError);
        }
        if (!(sigmaAtUnitCouplingPb > 0) || !Double.isFinite(sigmaAtUnitCouplingPb)) {
            throw new InvalidInputException(at + "cross section at g' = 1 must be finite and > 0 pb, got "
                    + sigmaAtUnitCouplingPb);
        }
        if (!(brInvisible > 0 && brInvisible <= 1)) {
            throw new InvalidInputException(at + "BR(Z' -> invisible) must lie in (0, 1], got " + brInvisible);
        }
    }

    /** @return the total expected background Σ over samples */
    public double totalBackground() {
        double b = 0;
        for (SampleYield y : backgrounds) {
            b += y.yield();
        }
        return b;
    }

    /** @return the MC statistical variance of the total background, Σ over samples of Σw² */
    public double totalBackgroundSumw2() {
        double v = 0;
        for (SampleYield y : backgrounds) {
            v += y.sumw2();
        }
        return v;
    }

    /**
     * @param factor luminosity ratio L/L0 (&gt; 0)
     * @param observedAtScale the observed count to use at the new luminosity
     * @return this point with every background yield scaled by {@code factor}
     */
    public MassPointInput scaled(double factor, double observedAtScale) {
        return new MassPointInput(mass, window, observedAtScale,
                backgrounds.stream().map(b -> b.scaled(factor)).toList(), efficiency, efficiencyRelError,
                sigmaAtUnitCouplingPb, brInvisible);
    }

    /** @return this point with the observed count replaced by the total expected background (Asimov) */
    public MassPointInput withAsimovObservation() {
        return new MassPointInput(mass, window, totalBackground(), backgrounds, efficiency, efficiencyRelError,
                sigmaAtUnitCouplingPb, brInvisible);
    }
}
