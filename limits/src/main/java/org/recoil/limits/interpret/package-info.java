/**
 * Physics interpretation of signal-strength limits: μ upper limit → cross-section limit →
 * coupling limit g′ of the L<sub>μ</sub>−L<sub>τ</sub> Z′ ({@link org.recoil.limits.interpret.SignalNormalisation}),
 * for the observed limit and every expected quantile ({@link org.recoil.limits.calc.ExpectedBand}),
 * and the coverage of the (g−2)<sub>μ</sub>-favoured band: the Z′ mass ranges in which the coupling
 * limit excludes the whole band ({@link org.recoil.limits.interpret.BandCoverage}).
 */
package org.recoil.limits.interpret;
