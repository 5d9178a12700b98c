package org.recoil.limits.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.model.ConstraintType;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.Parameters;

/**
 * Pre- and post-fit yields with uncertainties propagated through the model's Jacobian: for a yield ν(θ),
 * σ²(ν) = J C Jᵀ with J = ∂ν/∂θ (central finite differences of the expected rates, one-sided at a bound) and C
 * the covariance: the fit's covariance post-fit (correlations included), and pre-fit the diagonal matrix of the
 * constraints' widths² at the nominal parameters (free parameters such as normfactors carry no pre-fit
 * uncertainty, as in cabinetry). Channel totals propagate the summed Jacobian, so correlations between samples
 * are kept.
 */
public final class Yields {
    private Yields() {
    }

    /**
     * @param model the model
     * @param data the observed data
     * @return pre-fit yields at the parameters' inits
     */
    public static YieldTable prefit(HistFactoryModel model, Data data) {
        Parameters p = model.parameters();
        int n = p.size();
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (!p.isFixed(i) && model.constraintType(i) != ConstraintType.NONE) {
                double w = model.constraintWidth(i);
                cov[i][i] = w * w;
            }
        }
        return table("prefit", model, data, p.inits(), cov);
    }

    /**
     * @param model the model
     * @param data the data the fit was made to
     * @param fit the fit, with its covariance
     * @return post-fit yields at the best fit
     */
    public static YieldTable postfit(HistFactoryModel model, Data data, FitResult fit) {
        return table("postfit", model, data, fit.values(), fit.covariance());
    }

    /**
     * Yields and uncertainties at {@code pars} with covariance {@code cov}.
     *
     * @param stage label
     * @param model the model
     * @param data the observed data
     * @param pars parameters
     * @param cov their covariance (zero rows for fixed parameters)
     * @return the table
     */
    public static YieldTable table(String stage, HistFactoryModel model, Data data, double[] pars, double[][] cov) {
        Parameters p = model.parameters();
        int n = p.size();
        double[][] base = model.expectedBySample(pars);
        int blocks = base.length;
        List<String> labels = model.blockLabels();
        // Jacobian of every block bin: jac[k][b][i]
        double[][][] jac = new double[blocks][][];
        for (int k = 0; k < blocks; k++) {
            jac[k] = new double[base[k].length][n];
        }
        double[] x = pars.clone();
        for (int i = 0; i < n; i++) {
            if (cov[i][i] == 0 || !Double.isFinite(cov[i][i])) {
                continue;
            }
            double h = 1e-4 * Math.sqrt(cov[i][i]);
            double hp = Math.min(h, p.upper(i) - pars[i]);
            double hm = Math.min(h, pars[i] - p.lower(i));
            x[i] = pars[i] + hp;
            double[][] up = model.expectedBySample(x);
            x[i] = pars[i] - hm;
            double[][] dn = model.expectedBySample(x);
            x[i] = pars[i];
            for (int k = 0; k < blocks; k++) {
                for (int b = 0; b < base[k].length; b++) {
                    jac[k][b][i] = (up[k][b] - dn[k][b]) / (hp + hm);
                }
            }
        }
        List<YieldTable.Row> rows = new ArrayList<>();
        List<YieldTable.ChannelData> channels = new ArrayList<>();
        for (String ch : model.channelNames()) {
            int bins = model.channelBins(ch);
            int off = model.channelOffset(ch);
            double[][] totalJac = new double[bins][n];
            double[] total = new double[bins];
            List<String> samples = new ArrayList<>();
            for (int k = 0; k < blocks; k++) {
                String label = labels.get(k);
                if (!label.startsWith(ch + "/") || base[k].length != bins) {
                    continue;
                }
                String sample = label.substring(ch.length() + 1);
                samples.add(sample);
                for (int b = 0; b < bins; b++) {
                    rows.add(new YieldTable.Row(ch, sample, b, base[k][b], Math.sqrt(quadratic(jac[k][b], cov))));
                    total[b] += base[k][b];
                    for (int i = 0; i < n; i++) {
                        totalJac[b][i] += jac[k][b][i];
                    }
                }
            }
            for (int b = 0; b < bins; b++) {
                rows.add(new YieldTable.Row(ch, YieldTable.TOTAL, b, total[b], Math.sqrt(quadratic(totalJac[b], cov))));
            }
            double[] obs = new double[bins];
            for (int b = 0; b < bins; b++) {
                obs[b] = data.main(off + b);
            }
            channels.add(new YieldTable.ChannelData(ch, samples, obs));
        }
        return new YieldTable(stage, rows, channels);
    }

    private static double quadratic(double[] j, double[][] cov) {
        double s = 0;
        for (int a = 0; a < j.length; a++) {
            if (j[a] == 0) {
                continue;
            }
            double r = 0;
            for (int b = 0; b < j.length; b++) {
                r += cov[a][b] * j[b];
            }
            s += j[a] * r;
        }
        return Math.max(0, s);
    }
}
