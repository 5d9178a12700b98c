/**
 * Fit diagnostics a review asks for, for any HistFactory workspace: the correlation matrix of a fit
 * ({@link org.recoil.limits.diagnostics.CorrelationMatrix}), pulls and constraints of the nuisance parameters
 * ({@link org.recoil.limits.diagnostics.Pulls}), impacts on the parameter of interest and their ranking
 * ({@link org.recoil.limits.diagnostics.Impacts}), MINOS-style profile-likelihood intervals and one- and
 * two-dimensional profile-likelihood scans ({@link org.recoil.limits.diagnostics.ProfileScans}), the
 * saturated-model goodness of fit ({@link org.recoil.limits.diagnostics.GoodnessOfFit}) and pre-/post-fit
 * yields with propagated uncertainties ({@link org.recoil.limits.diagnostics.Yields}).
 *
 * <p>Definitions follow cabinetry (Held et al.) and CMS Combine (CMS-CAT-23-001, arXiv:2404.06614): impacts
 * are refits with one parameter held fixed; MINOS errors are crossings of the profile of −2 ln L.
 */
package org.recoil.limits.diagnostics;
