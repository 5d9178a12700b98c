/**
 * Upper limits from any {@link org.recoil.limits.calc.HypoTestCalculator}: bracketing and root finding
 * of CLs(μ) = 1 − CL for the observed and the five expected curves ({@link org.recoil.limits.interval.UpperLimit}).
 */
package org.recoil.limits.interval;
