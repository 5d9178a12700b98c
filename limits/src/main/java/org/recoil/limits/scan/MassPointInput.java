package org.recoil.limits.scan;

import java.util.List;
import java.util.Optional;
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
 * @param shape the window split into bins for a shape fit, or empty for a single count; its totals
 *              must agree with {@code observed} and {@code backgrounds}
 * @param eventSystematics systematics from event-level variations (normsys, and histosys for a shape
 *                         fit), per variation and sample; empty unless {@code variations:} is configured
 */
public record MassPointInput(double mass, MassWindow window, double observed, List<SampleYield> backgrounds,
                             double efficiency, double efficiencyRelError, double sigmaAtUnitCouplingPb,
                             double brInvisible, Optional<WindowShape> shape, List<EventSystematic> eventSystematics) {

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
        eventSystematics = List.copyOf(eventSystematics);
        int bins = shape.map(WindowShape::bins).orElse(1);
        for (EventSystematic e : eventSystematics) {
            if (e.hasShape() && e.hiShape().length != bins) {
                throw new InvalidInputException(at + "event systematic '" + e.name() + "' of '" + e.sample()
                        + "' has " + e.hiShape().length + " shape bins, the window " + bins);
            }
        }
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
        if (shape.isPresent()) {
            WindowShape w = shape.get();
            if (w.backgrounds().size() != backgrounds.size()) {
                throw new InvalidInputException(at + "the window shape has " + w.backgrounds().size()
                        + " background samples, the point " + backgrounds.size());
            }
            double obs = java.util.Arrays.stream(w.observed()).sum();
            if (Math.abs(obs - observed) > 1e-9 * Math.max(1, observed)) {
                throw new InvalidInputException(at + "the window shape holds " + obs + " observed events, the window "
                        + observed);
            }
            for (int k = 0; k < backgrounds.size(); k++) {
                double b = java.util.Arrays.stream(w.backgrounds().get(k)).sum();
                double y = backgrounds.get(k).yield();
                if (Math.abs(b - y) > 1e-9 * Math.max(1, y)) {
                    throw new InvalidInputException(at + "the window shape of '" + backgrounds.get(k).name()
                            + "' holds " + b + " events, the window " + y);
                }
            }
        }
    }

    /**
     * A point without event-level systematics.
     *
     * @param mass Z′ mass hypothesis in GeV
     * @param window the recoil-mass window
     * @param observed observed events in the window
     * @param backgrounds expected background per sample
     * @param efficiency signal efficiency in [0, 1]
     * @param efficiencyRelError relative statistical error of the efficiency
     * @param sigmaAtUnitCouplingPb σ at g′ = 1 in pb
     * @param brInvisible BR(Z′ → invisible)
     * @param shape the window's bins, or empty for a single count
     */
    public MassPointInput(double mass, MassWindow window, double observed, List<SampleYield> backgrounds,
                          double efficiency, double efficiencyRelError, double sigmaAtUnitCouplingPb,
                          double brInvisible, Optional<WindowShape> shape) {
        this(mass, window, observed, backgrounds, efficiency, efficiencyRelError, sigmaAtUnitCouplingPb, brInvisible,
                shape, List.of());
    }

    /**
     * @param systematics the event-level systematics of this point
     * @return a copy carrying them (replacing any it had)
     */
    public MassPointInput withEventSystematics(List<EventSystematic> systematics) {
        return new MassPointInput(mass, window, observed, backgrounds, efficiency, efficiencyRelError,
                sigmaAtUnitCouplingPb, brInvisible, shape, systematics);
    }

    /**
     * A single-count point (no shape).
     *
     * @param mass Z′ mass hypothesis in GeV
     * @param window the recoil-mass window
     * @param observed observed events in the window
     * @param backgrounds expected background per sample
     * @param efficiency signal efficiency in [0, 1]
     * @param efficiencyRelError relative statistical error of the efficiency
     * @param sigmaAtUnitCouplingPb σ at g′ = 1 in pb
     * @param brInvisible BR(Z′ → invisible)
     */
    public MassPointInput(double mass, MassWindow window, double observed, List<SampleYield> backgrounds,
                          double efficiency, double efficiencyRelError, double sigmaAtUnitCouplingPb,
                          double brInvisible) {
        this(mass, window, observed, backgrounds, efficiency, efficiencyRelError, sigmaAtUnitCouplingPb, brInvisible,
                Optional.empty());
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
}
