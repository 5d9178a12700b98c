/**
 * Seeded generators of synthetic Belle II-like events. Everything produced here is synthetic and
 * labelled so: the Z′ signal from the exact tree-level matrix element
 * ({@link org.recoil.core.sim.SignalGenerator}), simplified physically motivated backgrounds
 * (e⁺e⁻ → μ⁺μ⁻(γ) with ISR structure functions and FSR, {@link org.recoil.core.sim.MuMuGammaGenerator};
 * e⁺e⁻ → τ⁺τ⁻(γ) with both τ → μνν̄, {@link org.recoil.core.sim.TauPairGenerator}; untagged
 * two-photon e⁺e⁻ → e⁺e⁻μ⁺μ⁻ in the equivalent-photon approximation,
 * {@link org.recoil.core.sim.TwoPhotonMuMuGenerator}), a parametrised detector response
 * ({@link org.recoil.core.sim.DetectorSmearing}), the assembled dataset with pseudo-data and its
 * default selection ({@link org.recoil.core.sim.SyntheticDataset}), and fiducial cross sections
 * under laboratory-frame acceptance cuts ({@link org.recoil.core.sim.FiducialCrossSection}).
 *
 * <p>All generators implement {@link org.recoil.core.sim.EventGenerator}: events are produced in the
 * e⁺e⁻ centre-of-mass frame, moved to the laboratory frame of a
 * {@link org.recoil.core.kinematics.BeamConfiguration}, smeared, and returned as
 * {@link org.recoil.core.sim.SimulatedEvents} with weights σL/N; the same seed gives bit-identical
 * output whatever the number of threads.
 */
package org.recoil.core.sim;
