/**
 * Test statistics for hypothesis tests of a signal strength: the profile-likelihood ratios q̃<sub>μ</sub>,
 * q<sub>μ</sub>, t̃<sub>μ</sub>, t<sub>μ</sub>, q<sub>0</sub> of Cowan, Cranmer, Gross and Vitells
 * (arXiv:1007.1727) and the event count, with the fits they need
 * ({@link org.recoil.limits.teststat.ProfileLikelihood}, {@link org.recoil.limits.teststat.PointEstimateMinimizer}).
 */
package org.recoil.limits.teststat;
