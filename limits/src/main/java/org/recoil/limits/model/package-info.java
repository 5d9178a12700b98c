/**
 * Small statistical models for limits: {@link org.recoil.limits.model.CountingModel} (counting
 * experiments with known or Gaussian-constrained backgrounds) and
 * {@link org.recoil.limits.model.PoiBoundedModel} (a view with other bounds on the parameter of interest).
 */
package org.recoil.limits.model;
