package org.recoil.limits.diagnostics;

/**
 * The impact of one nuisance parameter on the parameter of interest: the shift of μ̂ when the parameter is held
 * fixed at a shifted value and everything else is refitted (cabinetry's ranking, CMS Combine's
 * {@code -M Impacts}).
 *
 * @param name parameter name
 * @param modifierType the pyhf modifier type it belongs to
 * @param value best-fit value θ̂
 * @param error post-fit error Δθ̂
 * @param centre constraint centre θ₀ (NaN for a free parameter)
 * @param prefitWidth pre-fit width Δθ (NaN for a free parameter)
 * @param postfitUp μ̂(θ fixed at θ̂ + Δθ̂) − μ̂
 * @param postfitDown μ̂(θ fixed at θ̂ − Δθ̂) − μ̂
 * @param prefitUp μ̂(θ fixed at θ₀ + Δθ) − μ̂ (NaN for a free parameter)
 * @param prefitDown μ̂(θ fixed at θ₀ − Δθ) − μ̂ (NaN for a free parameter)
 */
public record Impact(String name, String modifierType, double value, double error, double centre, double prefitWidth,
                     double postfitUp, double postfitDown, double prefitUp, double prefitDown) {

    /** @return the ranking key: the larger of |post-fit up| and |post-fit down| */
    public double size() {
        return Math.max(Math.abs(postfitUp), Math.abs(postfitDown));
    }

    /** @return the pull (θ̂ − θ₀)/Δθ, NaN for a free parameter */
    public double pull() {
        return (value - centre) / prefitWidth;
    }
}
