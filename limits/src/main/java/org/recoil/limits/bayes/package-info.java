/**
 * Bayesian credible upper limits ({@link org.recoil.limits.bayes.BayesianCalculator}): pluggable prior on
 * the signal strength, nuisance parameters marginalised by adaptive Gauss–Kronrod quadrature or by
 * Hamiltonian Monte Carlo Markov chains, expected limits from background-only toys.
 */
package org.recoil.limits.bayes;
