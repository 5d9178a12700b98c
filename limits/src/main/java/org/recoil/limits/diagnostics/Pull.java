package org.recoil.limits.diagnostics;

/**
 * The pull and constraint of one constrained nuisance parameter after a fit.
 *
 * @param name parameter name (pyhf's, {@code name[i]} for vector parameters)
 * @param modifierType the pyhf modifier type it belongs to (normsys, histosys, staterror, shapesys, lumi)
 * @param value best-fit value θ̂
 * @param error post-fit error Δθ̂ (parabolic, from the covariance)
 * @param centre the value the constraint is centred on with the nominal auxiliary data θ₀
 * @param prefitWidth the constraint's width Δθ (σ; 1/√τ for shapesys)
 * @param pull (θ̂ − θ₀)/Δθ
 * @param constraint post-fit over pre-fit error, Δθ̂/Δθ (below 1: the data constrain the parameter)
 */
public record Pull(String name, String modifierType, double value, double error, double centre, double prefitWidth,
                   double pull, double constraint) {
}
