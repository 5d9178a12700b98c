package org.recoil.limits.interpret;

import org.recoil.limits.calc.ExpectedBand;

/**
 * Upper limits at one Z′ mass, observed and expected, expressed as signal strength, as
 * σ(e⁺e⁻ → μ⁺μ⁻Z′) × BR(Z′ → invisible) and as the coupling g′ (see {@link SignalNormalisation}).
 *
 * @param mass Z′ mass in GeV
 * @param muObserved observed μ<sub>UL</sub>
 * @param muExpected expected μ<sub>UL</sub> quantiles
 * @param sigmaTimesBrObservedPb observed (σ × BR<sub>inv</sub>)<sub>UL</sub> in pb
 * @param sigmaTimesBrExpectedPb expected (σ × BR<sub>inv</sub>)<sub>UL</sub> quantiles in pb
 * @param gPrimeObserved observed g′<sub>UL</sub>
 * @param gPrimeExpected expected g′<sub>UL</sub> quantiles
 */
public record InterpretedLimit(double mass, double muObserved, ExpectedBand muExpected,
                               double sigmaTimesBrObservedPb, ExpectedBand sigmaTimesBrExpectedPb,
                               double gPrimeObserved, ExpectedBand gPrimeExpected) {
}
