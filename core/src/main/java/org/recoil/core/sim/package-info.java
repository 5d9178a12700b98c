/**
 * Seeded event generators. Everything produced here is synthetic and labelled so: signal events
 * from the exact tree-level matrix element ({@link org.recoil.core.sim.SignalGenerator}) and a
 * simplified Belle II-like detector response ({@link org.recoil.core.sim.DetectorSmearing}).
 */
package org.recoil.core.sim;
