/**
 * Adaptive Monte Carlo integration: the VEGAS algorithm of G. P. Lepage (J. Comput. Phys. 27
 * (1978) 192; arXiv:2009.05112 for the modern formulation), used for phase-space integrals and as
 * the importance-sampling proposal of unweighted event generation.
 */
package org.recoil.core.mc;
