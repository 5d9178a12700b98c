package org.recoil.fitting.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recoil.fitting.model.ArrowStructure;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.StaterrorBenchmarkWorkspace;

/**
 * The 10-channel staterror model of {@link StaterrorBenchmarkWorkspace}: at 10 × 20 bins (212 parameters)
 * against pyhf 0.7.6 (large/staterror_10x20_pyhf.json); at 10 × 2000 bins (20,012 parameters) the fit runs
 * through the arrow structure without any n × n matrix.
 */
class LargeStaterrorModelTest {

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = LargeStaterrorModelTest.class.getResourceAsStream("/org/recoil/fitting/large/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void tenByTwentyMatchesPyhf() throws IOException {
        String json = StaterrorBenchmarkWorkspace.json(10, 20);
        try (InputStream in = getClass().getResourceAsStream("/org/recoil/fitting/large/staterror_10x20.json")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), json,
                    "the generator still writes the workspace the pyhf numbers were computed for");
        }
        HistFactoryModel m = HistFactoryModel.of(StaterrorBenchmarkWorkspace.workspace(10, 20));
        JsonNode ref = resource("staterror_10x20_pyhf.json");
        assertEquals(ref.get("npars").asInt(), m.parameters().size());
        ArrowStructure s = m.arrowStructure();
        assertEquals(12, s.globalCount());
        assertEquals(200, s.blockCount());

        // the likelihood itself: −2 ln L at pyhf's (MINUIT) best-fit point
        JsonNode minuit = ref.get("fit_minuit");
        double[] x = new double[m.parameters().size()];
        int seen = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = minuit.get("parameters").fields(); it.hasNext(); seen++) {
            var e = it.next();
            x[m.parameters().indexOf(e.getKey())] = e.getValue().asDouble();
        }
        assertEquals(x.length, seen);
        double pyhfNll = minuit.get("twice_nll").asDouble();
        assertEquals(pyhfNll, m.twiceNll(x, m.observed()), 1e-9 * pyhfNll, "-2 ln L at pyhf's best fit");

        // the fit, on the structured path (212 free parameters) and on the dense one
        for (Minimizer minimizer : new Minimizer[] {Minimizer.standard(),
            new ProjectedBfgsMinimizer(ConvergenceCriteria.defaults(), true, Integer.MAX_VALUE)}) {
            FitResult r = minimizer.fit(m, m.observed());
            assertTrue(r.converged(), r.message());
            assertEquals(pyhfNll, r.twiceNll(), 1e-6 * pyhfNll, "twice_nll");
            assertTrue(r.twiceNll() <= pyhfNll + 1e-9, "at least as low as MINUIT's minimum");
            int mu = m.parameters().poiIndex();
            assertEquals(minuit.get("mu_hat").asDouble(), r.value(mu), 1e-3, "mu_hat");
            assertEquals(ref.get("fit_scipy").get("mu_hat").asDouble(), r.value(mu), 1e-3, "mu_hat (scipy)");
            assertTrue(r.error(mu) > 0 && Double.isFinite(r.error(mu)));
        }
    }

    @Test
    void twentyThousandParametersFitWithoutADenseMatrix() {
        HistFactoryModel m = HistFactoryModel.of(StaterrorBenchmarkWorkspace.workspace(10, 2000));
        assertEquals(20_012, m.parameters().size());
        FitResult r = Minimizer.standard().fit(m, m.observed());
        assertTrue(r.converged(), r.message());
        assertTrue(r.message().contains("arrow Newton"), r.message());
        assertTrue(!r.hasCovariance());
        CovarianceTooLargeException e = assertThrows(CovarianceTooLargeException.class, r::covariance);
        assertTrue(e.getMessage().contains("20012 parameters") && e.getMessage().contains("globalCovariance"),
                e.getMessage());
        BlockCovariance g = r.globalCovariance();
        assertEquals(12, g.indices().length);
        int mu = m.parameters().poiIndex();
        int a = java.util.Arrays.binarySearch(g.indices(), mu);
        assertEquals(r.error(mu) * r.error(mu), g.get(a, a), 1e-9 * g.get(a, a), "error² = covariance diagonal");
        for (double err : r.errors()) {
            assertTrue(err > 0 && Double.isFinite(err));
        }
        // the same answer as the 10-fold coarser model gives roughly √10 times the error of mu
        HistFactoryModel coarse = HistFactoryModel.of(StaterrorBenchmarkWorkspace.workspace(10, 200));
        FitResult rc = Minimizer.standard().fit(coarse, coarse.observed());
        double ratio = rc.error(coarse.parameters().poiIndex()) / r.error(mu);
        assertTrue(ratio > 1.5 && ratio < 4, "error ratio 10x200 / 10x2000: " + ratio);
    }
}
