package org.recoil.limits.interpret;

import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;
import org.recoil.limits.calc.ExpectedBand;
import org.recoil.core.physics.ZPrimeModel;

/**
 * How the signal sample of a statistical model was normalised, and therefore what its signal
 * strength μ means physically.
 *
 * <p>The signal template at μ = 1 holds N<sub>sig</sub> = σ<sub>ref</sub> × BR(Z′ → inv) × ε × L
 * events, where σ<sub>ref</sub> = σ(e⁺e⁻ → μ⁺μ⁻Z′) at the coupling g′<sub>ref</sub> the model was
 * built with, ε the selection efficiency (including the recoil-mass window) and L the integrated
 * luminosity. Because σ ∝ g′² (tree level, Z′ radiated off a muon), a signal strength μ means a
 * coupling g′ = g′<sub>ref</sub>√μ, and an upper limit μ<sub>UL</sub> translates into
 * <pre>
 *   N<sub>UL</sub>            = μ<sub>UL</sub> N<sub>sig</sub>
 *   (σ × BR<sub>inv</sub>)<sub>UL</sub> = N<sub>UL</sub>/(ε L)   = μ<sub>UL</sub> σ<sub>ref</sub> BR<sub>inv</sub>     (the quantity Belle II quotes)
 *   σ<sub>vis,UL</sub>         = N<sub>UL</sub>/L       = μ<sub>UL</sub> σ<sub>ref</sub> BR<sub>inv</sub> ε
 *   g′<sub>UL</sub>            = √(σ<sub>vis,UL</sub> / (σ(g′=1) BR<sub>inv</sub> ε)) = g′<sub>ref</sub> √μ<sub>UL</sub>
 * </pre>
 * (Belle II, Phys. Rev. Lett. 124 (2020) 141801). BR<sub>inv</sub> is evaluated at the model's
 * g′<sub>ref</sub>; it does not depend on g′ for the minimal L<sub>μ</sub>−L<sub>τ</sub> model or in the
 * dark-dominated limit.
 *
 * @param mass Z′ mass hypothesis in GeV (for messages and results)
 * @param sigmaRefPb σ(e⁺e⁻ → μ⁺μ⁻Z′) at g′<sub>ref</sub>, in pb, finite and &gt; 0
 * @param gPrimeRef the coupling the signal template was made with, finite and &gt; 0
 * @param brInvisible BR(Z′ → invisible) in (0, 1]
 * @param efficiency signal efficiency in (0, 1]
 * @param luminosity integrated luminosity
 */
public record SignalNormalisation(double mass, double sigmaRefPb, double gPrimeRef, double brInvisible,
                                  double efficiency, Luminosity luminosity) {

    /** Validates every field; the message names the mass point. */
    public SignalNormalisation {
        positive(mass, "Z' mass (GeV)", mass);
        positive(mass, "reference cross section (pb)", sigmaRefPb);
        positive(mass, "reference coupling g'", gPrimeRef);
        fraction(mass, "BR(Z' -> invisible)", brInvisible);
        fraction(mass, "signal efficiency", efficiency);
        if (luminosity == null) {
            throw new InvalidInputException("signal normalisation at M = " + mass + " GeV: no luminosity given");
        }
    }

    /**
     * Normalisation from a cross section at g′ = 1 and a Z′ model.
     *
     * @param mass Z′ mass in GeV
     * @param sigmaAtUnitCouplingPb σ(e⁺e⁻ → μ⁺μ⁻Z′) at g′ = 1, in pb
     * @param gPrimeRef the coupling the signal template is made with
     * @param model gives BR(Z′ → invisible) at this mass and g′<sub>ref</sub>
     * @param efficiency signal efficiency in (0, 1]
     * @param luminosity integrated luminosity
     * @return the normalisation, with σ<sub>ref</sub> = σ(g′=1) g′<sub>ref</sub>²
     */
    public static SignalNormalisation of(double mass, double sigmaAtUnitCouplingPb, double gPrimeRef, ZPrimeModel model,
                                         double efficiency, Luminosity luminosity) {
        positive(mass, "cross section at g' = 1 (pb)", sigmaAtUnitCouplingPb);
        positive(mass, "reference coupling g'", gPrimeRef);
        return new SignalNormalisation(mass, sigmaAtUnitCouplingPb * gPrimeRef * gPrimeRef, gPrimeRef,
                model.brInvisible(mass, gPrimeRef), efficiency, luminosity);
    }

    /** @return σ(e⁺e⁻ → μ⁺μ⁻Z′) at g′ = 1 in pb: σ<sub>ref</sub>/g′<sub>ref</sub>² */
    public double sigmaAtUnitCouplingPb() {
        return sigmaRefPb / (gPrimeRef * gPrimeRef);
    }

    /** @return the signal events of the template at μ = 1: σ<sub>ref</sub> BR<sub>inv</sub> ε L */
    public double expectedSignalEvents() {
        return luminosity.events(sigmaRefPb * brInvisible * efficiency);
    }

    /**
     * @param muUpperLimit μ<sub>UL</sub>, finite and &ge; 0
     * @return N<sub>UL</sub> = μ<sub>UL</sub> N<sub>sig</sub>
     */
    public double signalEventsUpperLimit(double muUpperLimit) {
        return mu(muUpperLimit) * expectedSignalEvents();
    }

    /**
     * @param muUpperLimit μ<sub>UL</sub>
     * @return (σ × BR<sub>inv</sub>)<sub>UL</sub> = N<sub>UL</sub>/(εL) in pb
     */
    public double sigmaTimesBrUpperLimitPb(double muUpperLimit) {
        return mu(muUpperLimit) * sigmaRefPb * brInvisible;
    }

    /**
     * @param muUpperLimit μ<sub>UL</sub>
     * @return the visible cross-section limit σ<sub>vis,UL</sub> = N<sub>UL</sub>/L = σ × BR<sub>inv</sub> × ε, in pb
     */
    public double visibleSigmaUpperLimitPb(double muUpperLimit) {
        return mu(muUpperLimit) * sigmaRefPb * brInvisible * efficiency;
    }

    /**
     * @param muUpperLimit μ<sub>UL</sub>
     * @return g′<sub>UL</sub> = g′<sub>ref</sub> √μ<sub>UL</sub>
     */
    public double gPrimeUpperLimit(double muUpperLimit) {
        return gPrimeRef * Math.sqrt(mu(muUpperLimit));
    }

    /**
     * The coupling limit from a visible cross-section limit obtained elsewhere (e.g. a counting
     * experiment): g′<sub>UL</sub> = √(σ<sub>vis,UL</sub> / (σ(g′=1) BR<sub>inv</sub> ε)).
     *
     * @param visibleSigmaUpperLimitPb σ<sub>vis,UL</sub> = N<sub>UL</sub>/L in pb, finite and &ge; 0
     * @return g′<sub>UL</sub>
     */
    public double gPrimeFromVisibleSigma(double visibleSigmaUpperLimitPb) {
        if (!(visibleSigmaUpperLimitPb >= 0.0) || Double.isInfinite(visibleSigmaUpperLimitPb)) {
            throw new InvalidInputException("visible cross-section upper limit at M = " + mass
                    + " GeV must be finite and >= 0 pb, got " + visibleSigmaUpperLimitPb);
        }
        return Math.sqrt(visibleSigmaUpperLimitPb / (sigmaAtUnitCouplingPb() * brInvisible * efficiency));
    }

    /**
     * Interprets the observed and expected μ limits of this mass point.
     *
     * @param muObserved observed μ<sub>UL</sub>
     * @param muExpected expected μ<sub>UL</sub> quantiles
     * @return the limits on N, σ × BR<sub>inv</sub> and g′
     */
    public InterpretedLimit interpret(double muObserved, ExpectedBand muExpected) {
        for (double q : muExpected.toArray()) {
            mu(q);
        }
        return new InterpretedLimit(mass, muObserved, muExpected,
                sigmaTimesBrUpperLimitPb(muObserved), muExpected.map(this::sigmaTimesBrUpperLimitPb),
                gPrimeUpperLimit(muObserved), muExpected.map(this::gPrimeUpperLimit));
    }

    private double mu(double muUpperLimit) {
        if (!(muUpperLimit >= 0.0) || Double.isInfinite(muUpperLimit)) {
            throw new InvalidInputException("signal-strength upper limit at M = " + mass
                    + " GeV must be finite and >= 0, got " + muUpperLimit);
        }
        return muUpperLimit;
    }

    private static void positive(double mass, String what, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new InvalidInputException("signal normalisation at M = " + mass + " GeV: " + what
                    + " must be finite and > 0, got " + value);
        }
    }

    private static void fraction(double mass, String what, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new InvalidInputException("signal normalisation at M = " + mass + " GeV: " + what
                    + " must be in (0, 1], got " + value);
        }
    }
}
