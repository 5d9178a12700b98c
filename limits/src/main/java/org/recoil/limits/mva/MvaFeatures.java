package org.recoil.limits.mva;

import java.util.List;
import org.recoil.core.events.EventTable;

/**
 * The classifier's inputs: reconstructed kinematics of the muon pair and the recoil only (no truth
 * information), and the Z′ mass hypothesis (a mass-parametrised classifier, Baldi et al.,
 * arXiv:1601.07913). Per event, row-major, in this order:
 * <ol start="0">
 *   <li>{@code m_hyp}: the Z′ mass hypothesis M, GeV (the generated mass for signal in training);</li>
 *   <li>{@code pull}: (M<sub>rec</sub>² − M²) / σ(M<sub>rec</sub>²; M);</li>
 *   <li>{@code m_rec2}: the recoil mass squared, GeV²;</li>
 *   <li>{@code p_max}, {@code p_min}: the larger and smaller lab muon momentum, GeV;</li>
 *   <li>{@code cos_theta_pmax}, {@code cos_theta_pmin}: their lab polar-angle cosines;</li>
 *   <li>{@code pt_star}: the dimuon transverse momentum in the CM frame, GeV;</li>
 *   <li>{@code m_mumu}: the dimuon invariant mass, GeV;</li>
 *   <li>{@code acoplanarity}: π − |Δφ| of the two muons in the lab, rad;</li>
 *   <li>{@code e_extra}: the extra neutral energy, GeV.</li>
 * </ol>
 */
public final class MvaFeatures {

    /** Feature names in row order. */
    public static final List<String> NAMES = List.of("m_hyp", "pull", "m_rec2", "p_max", "p_min", "cos_theta_pmax",
            "cos_theta_pmin", "pt_star", "m_mumu", "acoplanarity", "e_extra");
    /** Features per row. */
    public static final int COUNT = NAMES.size();

    private static final double MUON_MASS = org.recoil.core.physics.PhysicsConstants.MUON_MASS;

    private MvaFeatures() {
    }

    /**
     * The hypothesis-independent features of some events; columns 0 and 1 are left 0 (see
     * {@link #setHypothesis}).
     *
     * @param t the events
     * @param events indices of the events in {@code t}
     * @param recoilMass2 M<sub>rec</sub>² of every event of {@code t}
     * @param ptStar p<sub>T</sub>*(μμ) of every event of {@code t}
     * @return {@code events.length} rows of {@link #COUNT} features
     */
    public static float[] compute(EventTable t, int[] events, double[] recoilMass2, double[] ptStar) {
        double[] px1 = t.mu1Px();
        double[] py1 = t.mu1Py();
        double[] pz1 = t.mu1Pz();
        double[] px2 = t.mu2Px();
        double[] py2 = t.mu2Py();
        double[] pz2 = t.mu2Pz();
        double[] extra = t.extraEnergy();
        float[] x = new float[events.length * COUNT];
        for (int k = 0; k < events.length; k++) {
            int i = events[k];
            double p1 = Math.sqrt(px1[i] * px1[i] + py1[i] * py1[i] + pz1[i] * pz1[i]);
            double p2 = Math.sqrt(px2[i] * px2[i] + py2[i] * py2[i] + pz2[i] * pz2[i]);
            double c1 = p1 > 0 ? pz1[i] / p1 : 1.0;
            double c2 = p2 > 0 ? pz2[i] / p2 : 1.0;
            double e1 = Math.sqrt(p1 * p1 + MUON_MASS * MUON_MASS);
            double e2 = Math.sqrt(p2 * p2 + MUON_MASS * MUON_MASS);
            double sx = px1[i] + px2[i];
            double sy = py1[i] + py2[i];
            double sz = pz1[i] + pz2[i];
            double se = e1 + e2;
            double mm = Math.sqrt(Math.max(0.0, se * se - sx * sx - sy * sy - sz * sz));
            double dphi = Math.abs(Math.atan2(py1[i], px1[i]) - Math.atan2(py2[i], px2[i]));
            if (dphi > Math.PI) {
                dphi = 2 * Math.PI - dphi;
            }
            int r = k * COUNT;
            x[r + 2] = (float) recoilMass2[i];
            x[r + 3] = (float) Math.max(p1, p2);
            x[r + 4] = (float) Math.min(p1, p2);
            x[r + 5] = (float) (p1 >= p2 ? c1 : c2);
            x[r + 6] = (float) (p1 >= p2 ? c2 : c1);
            x[r + 7] = (float) ptStar[i];
            x[r + 8] = (float) mm;
            x[r + 9] = (float) (Math.PI - dphi);
            x[r + 10] = (float) (Double.isFinite(extra[i]) ? extra[i] : 0.0);
        }
        return x;
    }

    /**
     * Sets the hypothesis columns of rows {@code [from, to)}.
     *
     * @param x rows
     * @param from first row
     * @param to end row (exclusive)
     * @param mass the Z′ mass hypothesis, GeV
     * @param sigmaM2 the recoil-mass resolution σ(M<sub>rec</sub>²) at that mass, GeV²
     */
    public static void setHypothesis(float[] x, int from, int to, double mass, double sigmaM2) {
        for (int k = from; k < to; k++) {
            int r = k * COUNT;
            x[r] = (float) mass;
            x[r + 1] = (float) ((x[r + 2] - mass * mass) / sigmaM2);
        }
    }
}
