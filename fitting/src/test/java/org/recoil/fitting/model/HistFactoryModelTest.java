package org.recoil.fitting.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recoil.fitting.PyhfExpected;
import org.recoil.fitting.ReferenceFiles;
import org.recoil.fitting.spec.WorkspaceIO;

class HistFactoryModelTest {

    static HistFactoryModel model(String name) {
        return HistFactoryModel.of(WorkspaceIO.read(ReferenceFiles.pyhf(name + ".json")));
    }

    /** −2 ln L at pyhf's best fit equals pyhf's value: checks every term and constant of the likelihood. */
    @ParameterizedTest
    @ValueSource(strings = {"counting_shapesys", "twobin_normsys_histosys", "twochannel_staterror_lumi",
        "recoil_20bin_shape"})
    void twiceNllAtPyhfBestFitMatchesPyhf(String name) {
        HistFactoryModel m = model(name);
        PyhfExpected.Fit fit = PyhfExpected.fit(name);
        assertEquals(new ArrayList<>(fit.parameters().keySet()), m.parameters().names(), "pyhf parameter order");
        double[] x = fit.parameters().values().stream().mapToDouble(Double::doubleValue).toArray();
        double v = m.twiceNll(x, m.observed());
        assertEquals(fit.twiceNll(), v, 1e-9 * Math.abs(fit.twiceNll()), name);
    }
}
