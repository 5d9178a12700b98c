package org.recoil.fitting.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recoil.fitting.PyhfExpected;
import org.recoil.fitting.ReferenceFiles;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;

/** Free fits reproduce pyhf 0.7's "fit" blocks of reference/pyhf/expected.json. */
class PyhfFitTest {

    @ParameterizedTest
    @ValueSource(strings = {"counting_shapesys", "twobin_normsys_histosys", "twochannel_staterror_lumi",
        "recoil_20bin_shape"})
    void freeFitMatchesPyhf(String name) {
        HistFactoryModel m = HistFactoryModel.fromFile(ReferenceFiles.pyhf(name + ".json"), null, ModelOptions.defaults());
        PyhfExpected.Fit expected = PyhfExpected.fit(name);
        for (Minimizer minimizer : new Minimizer[] {Minimizer.standard(), new ProjectedBfgsMinimizer()}) {
            FitResult r = minimizer.fit(m, m.observed());
            assertTrue(r.converged(), r.toString());
            assertEquals(expected.twiceNll(), r.twiceNll(), 1e-6 * expected.twiceNll(), name + " twice_nll");
            for (Map.Entry<String, Double> e : expected.parameters().entrySet()) {
                int i = m.parameters().indexOf(e.getKey());
                assertEquals(e.getValue(), r.value(i), 1e-3, name + " " + e.getKey());
                assertTrue(r.error(i) > 0 && Double.isFinite(r.error(i)), name + " error of " + e.getKey());
            }
        }
    }
}
