/**
 * Seeded generators of synthetic Belle II-like events. Everything produced here is synthetic and
 * labelled so: the Z′ signal from the exact tree-level matrix element
 * ({@link org.recoil.core.sim.SignalGenerator}), simplified backgrounds, a parametrised detector
 * response ({@link org.recoil.core.sim.DetectorSmearing}), and fiducial cross sections under
 * laboratory-frame acceptance cuts ({@link org.recoil.core.sim.FiducialCrossSection}).
 */
package org.recoil.core.sim;
