/**
 * CLs calculators: {@link org.recoil.limits.calc.AsymptoticCalculator} (Asimov dataset and the
 * asymptotic formulae, as pyhf 0.7) and {@link org.recoil.limits.calc.ToyCalculator} (parallel,
 * seeded, mergeable pseudo-experiments), both giving a {@link org.recoil.limits.calc.HypoTestResult}
 * with the expected band as an {@link org.recoil.limits.calc.ExpectedBand}.
 */
package org.recoil.limits.calc;
