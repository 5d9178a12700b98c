package org.recoil.core.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.mc.Integrand;
import org.recoil.core.mc.RandomStreams;
import org.recoil.core.mc.VegasResult;
import org.recoil.core.physics.CrossSectionResult;
import org.recoil.core.physics.ProductionCrossSection;
import org.recoil.core.physics.ThreeBodyPhaseSpace;

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

    private static final long KEY_FIDUCIAL = 2L;

    /**
     * Computes the fiducial cross section, both muons inside {@code acceptance} in the laboratory
     * frame of {@code beams}: the full matrix element ({@link ProductionCrossSection#eventDensity})
     * is integrated over the five phase-space variables by VEGAS on a grid adapted to the fiducial
     * integrand. The total cross section is {@link ProductionCrossSection#sigma(double, double, long)}
     * (an independent sample), so the errors of the two add in quadrature in the efficiency.
     *
     * @param xs the cross-section calculator (√s, muon mass, VEGAS settings)
     * @param zPrimeMass Z′ mass in GeV
     * @param beams the beams (boost and beam direction of the laboratory frame; σ is computed at the
     *     √s of {@code xs})
     * @param acceptance the laboratory-frame muon acceptance
     * @param relativePrecision target relative error of both cross sections, in (0, 0.5]
     * @param seed random seed
     * @return total and fiducial σ and the efficiency
     * @throws InvalidInputException for a mass or precision out of range
     * @throws ComputationException if the precision cannot be reached
     */
    public static FiducialCrossSection compute(ProductionCrossSection xs, double zPrimeMass, BeamConfiguration beams,
                                               LabAcceptance acceptance, double relativePrecision, long seed) {
        CrossSectionResult total = xs.sigma(zPrimeMass, relativePrecision, seed);
        ProductionCrossSection.EventDensity density = xs.eventDensity(zPrimeMass);
        CollisionFrame frame = new CollisionFrame(beams);
        double[] l1 = new double[4];
        double[] l2 = new double[4];
        Integrand f = u -> {
            double w = density.value(u);
            if (w == 0.0) {
                return 0.0;
            }
            System.arraycopy(density.muMinus(), 0, l1, 0, 4);
            System.arraycopy(density.muPlus(), 0, l2, 0, 4);
            frame.toLab(l1, 0);
            frame.toLab(l2, 0);
            return acceptance.accepts(l1) && acceptance.accepts(l2) ? w : 0.0;
        };
        UniformRandomProvider rng = RandomStreams.stream(seed, KEY_FIDUCIAL, Double.doubleToLongBits(zPrimeMass));
        VegasResult fid;
        try {
            fid = xs.integrator().integrate(f, ThreeBodyPhaseSpace.DIMENSION, relativePrecision, rng);
        } catch (ComputationException e) {
            throw new ComputationException("fiducial cross section at Z' mass " + zPrimeMass + " GeV: "
                    + e.getMessage(), e);
        }
        double eff = fid.value() / total.sigmaPb();
        double effErr = fid.value() == 0.0 ? 0.0 : eff * Math.hypot(fid.relativeError(), total.relativeError());
        return new FiducialCrossSection(zPrimeMass, xs.sqrtS(), total.sigmaPb(), total.errorPb(), fid.value(),
                fid.error(), eff, effErr);
    }
}
