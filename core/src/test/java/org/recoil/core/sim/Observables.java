package org.recoil.core.sim;

import java.util.Arrays;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.kinematics.LorentzBoost;
import org.recoil.core.kinematics.RecoilMass;
import org.recoil.core.physics.PhysicsConstants;

/** Event observables computed with the core kinematics, for the generator tests. */
final class Observables {
    private static final BeamConfiguration BEAMS = BeamConfiguration.belle2();

    private Observables() {
    }

    /** @return reconstructed M_rec^2 per event from the (smeared) lab momenta, GeV^2 */
    static double[] recoilMass2(SimulatedEvents ev) {
        return new RecoilMass(BEAMS).recoilMass2(ev.column("mu1_px"), ev.column("mu1_py"),
                ev.column("mu1_pz"), ev.column("mu2_px"), ev.column("mu2_py"), ev.column("mu2_pz"));
    }

    /** @return the dimuon transverse momentum in the CM frame (to the lab z axis boosted), GeV */
    static double[] dimuonPtCm(SimulatedEvents ev) {
        LorentzBoost toCm = BEAMS.labToCm();
        double[] px1 = ev.column("mu1_px");
        double[] py1 = ev.column("mu1_py");
        double[] pz1 = ev.column("mu1_pz");
        double[] px2 = ev.column("mu2_px");
        double[] py2 = ev.column("mu2_py");
        double[] pz2 = ev.column("mu2_pz");
        double m = PhysicsConstants.MUON_MASS;
        double[] out = new double[4];
        double[] pt = new double[ev.size()];
        for (int i = 0; i < pt.length; i++) {
            double e1 = Math.sqrt(px1[i] * px1[i] + py1[i] * py1[i] + pz1[i] * pz1[i] + m * m);
            double e2 = Math.sqrt(px2[i] * px2[i] + py2[i] * py2[i] + pz2[i] * pz2[i] + m * m);
            toCm.apply(e1 + e2, px1[i] + px2[i], py1[i] + py2[i], pz1[i] + pz2[i], out);
            pt[i] = Math.hypot(out[1], out[2]);
        }
        return pt;
    }

    /** @return lab polar angle of muon 1 or 2, degrees */
    static double[] polarAngleDeg(SimulatedEvents ev, int muon) {
        double[] px = ev.column("mu" + muon + "_px");
        double[] py = ev.column("mu" + muon + "_py");
        double[] pz = ev.column("mu" + muon + "_pz");
        double[] theta = new double[px.length];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = Math.toDegrees(Math.atan2(Math.hypot(px[i], py[i]), pz[i]));
        }
        return theta;
    }

    /** @return the q-quantile of the values (unweighted) */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    /** @return the fraction of values in [lo, hi) */
    static double fraction(double[] values, double lo, double hi) {
        int n = 0;
        for (double v : values) {
            if (v >= lo && v < hi) {
                n++;
            }
        }
        return n / (double) values.length;
    }
}
