package org.recoil.core.physics;

/**
 * Total and fiducial cross sections of e⁺e⁻ → μ⁺μ⁻Z′ (g′ = 1) and the acceptance efficiency.
 *
 * @param zPrimeMass Z′ mass in GeV
 * @param sqrtS centre-of-mass energy in GeV
 * @param totalPb total cross section in pb
 * @param totalErrorPb its statistical error in pb
 * @param fiducialPb cross section with both muons inside the laboratory acceptance, in pb
 * @param fiducialErrorPb its statistical error in pb
 * @param efficiency {@code fiducialPb / totalPb}
 * @param efficiencyError its statistical error (the two estimates are independent samples)
 */
public record FiducialCrossSection(double zPrimeMass, double sqrtS, double totalPb, double totalErrorPb,
                                   double fiducialPb, double fiducialErrorPb, double efficiency,
                                   double efficiencyError) {
}
