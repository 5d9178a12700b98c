package org.recoil.limits.mva;

import java.util.Arrays;

/**
 * A weighted ROC curve: the signal efficiency against the background efficiency as the cut on the
 * classifier output is lowered, and its area (AUC, the probability that a signal event scores above
 * a background event, ties counted one half).
 *
 * @param backgroundEfficiency background efficiencies, ascending from 0 to 1
 * @param signalEfficiency signal efficiencies at the same cuts
 * @param auc the area under the curve
 */
public record Roc(double[] backgroundEfficiency, double[] signalEfficiency, double auc) {

    /**
     * @param signalScore outputs of signal events
     * @param signalWeight their weights
     * @param backgroundScore outputs of background events
     * @param backgroundWeight their weights
     * @param points at most this many curve points (the AUC uses every event)
     * @return the curve
     */
    public static Roc of(double[] signalScore, double[] signalWeight, double[] backgroundScore,
                         double[] backgroundWeight, int points) {
        int ns = signalScore.length;
        int n = ns + backgroundScore.length;
        double[] s = new double[n];
        double[] w = new double[n];
        boolean[] sig = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            boolean isSig = i < ns;
            s[i] = isSig ? signalScore[i] : backgroundScore[i - ns];
            w[i] = isSig ? signalWeight[i] : backgroundWeight[i - ns];
            sig[i] = isSig;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        // the signal and background weight of each group of equal scores, highest score first
        double[] gs = new double[n];
        double[] gb = new double[n];
        int groups = 0;
        for (int i = 0; i < n; groups++) {
            int j = i;
            while (j < n && s[order[j]] == s[order[i]]) {
                if (sig[order[j]]) {
                    gs[groups] += w[order[j]];
                } else {
                    gb[groups] += w[order[j]];
                }
                j++;
            }
            i = j;
        }
        // the totals summed exactly as the running sums below (same order, same groups): the curve then ends
        // at (1, 1) exactly and no efficiency exceeds 1 by a rounding (sums of non-negative weights only grow)
        double ts = 0;
        double tb = 0;
        for (int g = 0; g < groups; g++) {
            ts += gs[g];
            tb += gb[g];
        }
        int step = Math.max(1, n / Math.max(2, points));
        java.util.List<double[]> curve = new java.util.ArrayList<>();
        curve.add(new double[] {0, 0});
        double cs = 0;
        double cb = 0;
        double auc = 0;
        for (int g = 0; g < groups; g++) {
            // trapezoid: background passing the group times the signal above it plus half the group's
            auc += gb[g] * (cs + gs[g] / 2);
            cs += gs[g];
            cb += gb[g];
            if ((g + 1) % step == 0 || g == groups - 1) {
                curve.add(new double[] {tb > 0 ? cb / tb : 0, ts > 0 ? cs / ts : 0});
            }
        }
        double[] be = new double[curve.size()];
        double[] se = new double[curve.size()];
        for (int k = 0; k < be.length; k++) {
            be[k] = curve.get(k)[0];
            se[k] = curve.get(k)[1];
        }
        return new Roc(be, se, ts > 0 && tb > 0 ? auc / (ts * tb) : Double.NaN);
    }
}
