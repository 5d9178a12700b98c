package org.recoil.limits.scan;

import java.util.List;
import java.util.Optional;
import org.recoil.limits.interpret.InterpretedLimit;
import org.recoil.limits.interpret.SignalNormalisation;

/**
 * The outcome at one Z′ mass of a scan.
 *
 * @param index position of the point in the scan's mass grid (0-based)
 * @param input the window, observed count, background yields and signal ingredients
 * @param status what happened; limits are present exactly when {@link PointStatus#hasLimit()}
 * @param message a one-line explanation (empty for {@link PointStatus#OK})
 * @param normalisation how μ = 1 was normalised (σ(g′=1) g′<sub>ref</sub>², BR<sub>inv</sub>, ε, L); empty
 *                      when the efficiency is zero
 * @param limit observed and expected limits on μ, σ × BR<sub>inv</sub> and g′; empty for a point
 *              without limits
 * @param warnings the individual warnings behind {@link PointStatus#WARNING}
 * @param local the local discovery significance (asymptotic q<sub>0</sub>); empty for a point without
 *              limits or whose discovery fits failed
 * @param gof the saturated-model goodness of fit of the point's free fit ({@link PointGoodnessOfFit}); empty
 *            for a point without limits or whose free fit failed
 */
public record MassPointResult(int index, MassPointInput input, PointStatus status, String message,
                              Optional<SignalNormalisation> normalisation, Optional<InterpretedLimit> limit,
                              List<String> warnings, Optional<LocalSignificance> local,
                              Optional<PointGoodnessOfFit> gof) {

    /** Checks that limits are present exactly for statuses that carry them, and copies the warnings. */
    public MassPointResult {
        warnings = List.copyOf(warnings);
        java.util.Objects.requireNonNull(local, "local");
        java.util.Objects.requireNonNull(gof, "gof");
        if (status.hasLimit() != limit.isPresent()) {
            throw new IllegalArgumentException("mass point " + input.mass() + " GeV: status " + status
                    + (limit.isPresent() ? " must not carry limits" : " needs limits"));
        }
    }

    /**
     * A point without a goodness of fit.
     *
     * @param index position in the grid
     * @param input the inputs
     * @param status what happened
     * @param message one-line explanation
     * @param normalisation the normalisation of μ = 1
     * @param limit the limits
     * @param warnings the warnings
     * @param local the local significance
     */
    public MassPointResult(int index, MassPointInput input, PointStatus status, String message,
                           Optional<SignalNormalisation> normalisation, Optional<InterpretedLimit> limit,
                           List<String> warnings, Optional<LocalSignificance> local) {
        this(index, input, status, message, normalisation, limit, warnings, local, Optional.empty());
    }

    /**
     * A point without a local significance.
     *
     * @param index position in the grid
     * @param input the inputs
     * @param status what happened
     * @param message one-line explanation
     * @param normalisation the normalisation of μ = 1
     * @param limit the limits
     * @param warnings the warnings
     */
    public MassPointResult(int index, MassPointInput input, PointStatus status, String message,
                           Optional<SignalNormalisation> normalisation, Optional<InterpretedLimit> limit,
                           List<String> warnings) {
        this(index, input, status, message, normalisation, limit, warnings, Optional.empty(), Optional.empty());
    }

    /** @return the Z′ mass in GeV */
    public double mass() {
        return input.mass();
    }

    /** @return the recoil-mass window */
    public MassWindow window() {
        return input.window();
    }

    /** @return the reference coupling g′<sub>ref</sub> of μ = 1, or NaN without normalisation */
    public double gPrimeRef() {
        return normalisation.map(SignalNormalisation::gPrimeRef).orElse(Double.NaN);
    }

    /** @return whether the point has limits */
    public boolean hasLimit() {
        return limit.isPresent();
    }
}
