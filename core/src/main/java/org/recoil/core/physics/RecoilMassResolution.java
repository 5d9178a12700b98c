package org.recoil.core.physics;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;

/**
 * Resolution σ(M<sub>rec</sub>²) of the squared recoil mass versus the Z′ mass, and the search window
 * M<sub>Z′</sub>² ± nσ built from it.
 *
 * <p>The Belle II table ({@link #belle2()}) is the public benchmark of the 2023 invisible-Z′ analysis
 * (Belle II, Phys. Rev. Lett. 130 (2023) 231801, resolution of M<sub>rec</sub>² in simulation versus
 * M<sub>Z′</sub>), as copied into {@code reference/physics.json}
 * ({@code recoil_mass_squared_resolution_gev2}): 0.234 GeV² at 0.1 GeV rising to 0.311 GeV² at 2 GeV and
 * falling to 0.046 GeV² at 10 GeV, where the dimuon carries little momentum. Between table points
 * σ is interpolated linearly in the mass; outside the table it is not defined (an
 * {@link InvalidInputException}). Immutable.
 */
public final class RecoilMassResolution {

    /** Half-width of the default search window in units of σ (physics.json: M<sub>Z′</sub>² ± 2σ). */
    public static final double DEFAULT_WINDOW_SIGMAS = 2.0;

    private static final double[] BELLE2_MASS = {0.1, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0};
    private static final double[] BELLE2_SIGMA = {0.234, 0.262, 0.287, 0.311, 0.271, 0.262, 0.243, 0.196, 0.158,
        0.096, 0.05, 0.046};

    private static final RecoilMassResolution BELLE2 = new RecoilMassResolution(BELLE2_MASS, BELLE2_SIGMA);

    private final double[] mass;
    private final double[] sigma;

    private RecoilMassResolution(double[] mass, double[] sigma) {
        this.mass = mass;
        this.sigma = sigma;
    }

    /** @return the Belle II resolution table described in the class documentation */
    public static RecoilMassResolution belle2() {
        return BELLE2;
    }

    /**
     * A resolution table of one's own.
     *
     * @param masses Z′ masses in GeV, finite, &gt; 0 and strictly increasing, at least two
     * @param sigmasGeV2 σ(M<sub>rec</sub>²) in GeV² at each mass, finite and &gt; 0
     * @return the table
     * @throws InvalidInputException naming the offending entry
     */
    public static RecoilMassResolution of(double[] masses, double[] sigmasGeV2) {
        if (masses == null || sigmasGeV2 == null || masses.length < 2 || masses.length != sigmasGeV2.length) {
            throw new InvalidInputException("recoil-mass resolution table: need at least two (mass, sigma) pairs of"
                    + " equal length");
        }
        for (int i = 0; i < masses.length; i++) {
            if (!(masses[i] > 0) || !Double.isFinite(masses[i]) || (i > 0 && !(masses[i] > masses[i - 1]))) {
                throw new InvalidInputException("recoil-mass resolution table: mass " + i + " is " + masses[i]
                        + " GeV, expected finite, > 0 and increasing");
            }
            if (!(sigmasGeV2[i] > 0) || !Double.isFinite(sigmasGeV2[i])) {
                throw new InvalidInputException("recoil-mass resolution table: sigma at " + masses[i] + " GeV is "
                        + sigmasGeV2[i] + " GeV^2, expected finite and > 0");
            }
        }
        return new RecoilMassResolution(masses.clone(), sigmasGeV2.clone());
    }

    /** @return the smallest mass of the table in GeV */
    public double minMass() {
        return mass[0];
    }

    /** @return the largest mass of the table in GeV */
    public double maxMass() {
        return mass[mass.length - 1];
    }

    /** @return the table masses in GeV (a copy) */
    public double[] masses() {
        return mass.clone();
    }

    /** @return the table σ(M<sub>rec</sub>²) values in GeV² (a copy) */
    public double[] sigmas() {
        return sigma.clone();
    }

    /**
     * σ(M<sub>rec</sub>²) at a Z′ mass, linearly interpolated in the mass between table points.
     *
     * @param zPrimeMass Z′ mass in GeV, within [{@link #minMass()}, {@link #maxMass()}]
     * @return the resolution in GeV²
     * @throws InvalidInputException if the mass is outside the table
     */
    public double sigmaM2(double zPrimeMass) {
        if (!(zPrimeMass >= mass[0] && zPrimeMass <= mass[mass.length - 1])) {
            throw new InvalidInputException("Z' mass " + zPrimeMass + " GeV is outside the recoil-mass resolution"
                    + " table [" + mass[0] + ", " + mass[mass.length - 1] + "] GeV");
        }
        int i = Arrays.binarySearch(mass, zPrimeMass);
        if (i >= 0) {
            return sigma[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (zPrimeMass - mass[lo]) / (mass[hi] - mass[lo]);
        return sigma[lo] + t * (sigma[hi] - sigma[lo]);
    }
}
