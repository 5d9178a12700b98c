package org.recoil.fitting.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recoil.fitting.PyhfExpected;
import org.recoil.fitting.model.ArrowMatrix;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.TwiceNllFunction;

/**
 * The structured path (projected Newton through the Schur complement, errors from the arrow Hessian) forced
 * on the small reference workspaces: the same fit as pyhf at the reference tolerances, and the same errors
 * and covariance as the dense path.
 */
class ArrowFitTest {

    @ParameterizedTest
    @ValueSource(strings = {"counting_shapesys", "twobin_normsys_histosys", "twochannel_staterror_lumi",
        "recoil_20bin_shape"})
    void structuredFitMatchesPyhfAndTheDenseErrors(String name) {
        HistFactoryModel m = PyhfModels.model(name);
        PyhfExpected.Fit expected = PyhfExpected.fit(name);
        FitResult r = new ProjectedBfgsMinimizer(ConvergenceCriteria.defaults(), false, 1, true).fit(m, m.observed());
        assertTrue(r.converged(), r.toString());
        assertTrue(r.message().contains("arrow Newton"), r.message());
        assertEquals(expected.twiceNll(), r.twiceNll(), 1e-6 * expected.twiceNll(), name + " twice_nll");
        for (Map.Entry<String, Double> e : expected.parameters().entrySet()) {
            int i = m.parameters().indexOf(e.getKey());
            assertEquals(e.getValue(), r.value(i), 1e-3, name + " " + e.getKey());
        }
        boolean[] fixed = m.parameters().fixed();
        FitResult dense = HessianErrors.withErrors(m, m.observed(), r.values(), fixed, r.twiceNll(), r.status(), 0, "");
        FitResult arrow = HessianErrors.withArrowErrors(m, m.twiceNllFunction(m.observed()), r.values(), fixed,
                r.twiceNll(), r.status(), 0, "");
        double[][] cd = dense.covariance();
        double[][] ca = arrow.covariance();
        for (int i = 0; i < cd.length; i++) {
            assertEquals(dense.error(i), arrow.error(i), 1e-9 * Math.max(1, dense.error(i)), name + " error " + i);
            for (int j = 0; j < cd.length; j++) {
                assertEquals(cd[i][j], ca[i][j], 1e-9 * Math.sqrt(Math.abs(cd[i][i] * cd[j][j])) + 1e-300,
                        name + " covariance " + i + "," + j);
            }
        }
        BlockCovariance g = arrow.globalCovariance();
        int[] idx = g.indices();
        for (int a = 0; a < idx.length; a++) {
            for (int b = 0; b < idx.length; b++) {
                assertEquals(cd[idx[a]][idx[b]], g.get(a, b), 1e-9 * Math.sqrt(Math.abs(cd[idx[a]][idx[a]]
                        * cd[idx[b]][idx[b]])) + 1e-300, name + " global covariance");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"counting_shapesys", "twobin_normsys_histosys", "twochannel_staterror_lumi",
        "recoil_20bin_shape"})
    void arrowHessianAndFisherEqualTheDenseOnes(String name) {
        HistFactoryModel m = PyhfModels.model(name);
        TwiceNllFunction f = m.twiceNllFunction(m.observed());
        double[] x = m.parameters().inits();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(m.parameters().upper(i), x[i] * (1 + 0.03 * ((i % 5) - 2)) + 0.01 * (i % 3));
        }
        int n = x.length;
        ArrowMatrix arrow = new ArrowMatrix(f.arrowStructure());
        double[] dense = new double[n * n];
        assertTrue(f.hessian(x, dense));
        assertTrue(f.hessian(x, arrow));
        assertMatrixEquals(dense, arrow.toDense(), name + " Hessian");
        assertTrue(f.fisherInformation(x, dense));
        assertTrue(f.fisherInformation(x, arrow));
        assertMatrixEquals(dense, arrow.toDense(), name + " Fisher information");
        double[] diag = new double[n];
        assertTrue(f.fisherDiagonal(x, diag));
        for (int i = 0; i < n; i++) {
            assertEquals(dense[i * n + i], diag[i], 1e-12 * Math.abs(dense[i * n + i]), name + " Fisher diagonal");
        }
    }

    private static void assertMatrixEquals(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])), what + " entry " + i);
        }
    }
}
