package org.recoil.limits.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.limits.calc.ToySeeds;

/**
 * Post-fit yield errors against a brute-force propagation: parameters drawn from the fit's multivariate normal,
 * the standard deviation of each yield over the draws; equal within its statistical error.
 */
class YieldsTest {

    @Test
    void postfitErrorsEqualSampledPropagation() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("twochannel_staterror_lumi");
        FitResult fit = Minimizer.standard().fit(m, m.observed());
        YieldTable table = Yields.postfit(m, m.observed(), fit);
        double[] best = fit.values();
        double[][] cov = fit.covariance();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < best.length; i++) {
            if (cov[i][i] > 0) {
                free.add(i);
            }
        }
        int f = free.size();
        double[][] c = new double[f][f];
        for (int a = 0; a < f; a++) {
            for (int b = 0; b < f; b++) {
                c[a][b] = cov[free.get(a)][free.get(b)];
            }
        }
        double[][] l = new CholeskyDecomposition(MatrixUtils.createRealMatrix(c), 1e-12, 1e-14).getL().getData();
        UniformRandomProvider rng = ToySeeds.rng(17, 0, 0);
        var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int draws = 8000;
        List<YieldTable.Row> rows = table.rows();
        double[] sum = new double[rows.size()];
        double[] sum2 = new double[rows.size()];
        double[] z = new double[f];
        for (int k = 0; k < draws; k++) {
            for (int a = 0; a < f; a++) {
                z[a] = gauss.sample();
            }
            double[] x = best.clone();
            for (int a = 0; a < f; a++) {
                double s = 0;
                for (int b = 0; b <= a; b++) {
                    s += l[a][b] * z[b];
                }
                x[free.get(a)] += s;
            }
            YieldTable t = Yields.table("draw", m, m.observed(), x, new double[best.length][best.length]);
            for (int r = 0; r < rows.size(); r++) {
                double y = t.rows().get(r).yield();
                sum[r] += y;
                sum2[r] += y * y;
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            double mean = sum[r] / draws;
            double sd = Math.sqrt(sum2[r] / draws - mean * mean);
            double err = rows.get(r).error();
            // standard error of a sample standard deviation of normal draws: sd / sqrt(2 N); 4 of them
            assertEquals(sd, err, 4 * sd / Math.sqrt(2.0 * draws), rows.get(r).toString());
            assertTrue(err > 0);
        }
        // totals are sums of the samples
        var ch = table.channels().get(0).channel();
        var samples = table.channels().get(0).samples();
        double total = 0;
        for (String s : samples) {
            total += table.rows(ch, s).get(0).yield();
        }
        assertEquals(total, table.rows(ch, YieldTable.TOTAL).get(0).yield(), 1e-9 * total);
    }

    @Test
    void prefitUsesConstraintWidthsOnly() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("counting_shapesys");
        YieldTable t = Yields.prefit(m, m.observed());
        // one bin: signal (mu, free: no pre-fit error) and background with a shapesys gamma of width 1/sqrt(tau)
        var p = m.parameters();
        int g = p.indexOf("bkg_unc");
        for (YieldTable.Row r : t.rows()) {
            if (r.sample().equals("signal")) {
                assertEquals(0, r.error(), 0);
            } else if (r.sample().equals(YieldTable.TOTAL)) {
                assertEquals(t.rows("sr", "background").get(0).error(), r.error(), 1e-9);
            } else {
                assertEquals(r.yield() * m.constraintWidth(g), r.error(), 1e-6 * r.error(), r.toString());
            }
        }
    }
}
