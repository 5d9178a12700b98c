package org.recoil.limits.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.limits.TestSupport;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.calc.HypoTestResult;

/**
 * pyhf 0.7 reference (reference/pyhf/expected.json): asymptotic q~ CLs at mu = 1 (observed
 * and expected band) within 1e-4 absolute, 90% and 95% CL upper limits (observed and the five expected)
 * within 1e-3 relative, for every workspace.
 */
class PyhfReferenceTest {

    static Stream<String> workspaces() {
        return Stream.of("counting_shapesys", "twobin_normsys_histosys", "twochannel_staterror_lumi",
                "recoil_20bin_shape");
    }

    private static JsonNode expected(String name) {
        return SharedReference.json("pyhf/expected.json").get("cases").get(name);
    }

    private static AsymptoticCalculator calculator(String name) {
        Path ws = SharedReference.resolve("pyhf/" + name + ".json");
        return new AsymptoticCalculator(HistFactoryModel.fromFile(ws, null, ModelOptions.defaults()),
                TestSupport.minimizer());
    }

    @ParameterizedTest
    @MethodSource("workspaces")
    void hypotestAtMuOneMatchesPyhf(String name) {
        JsonNode ref = expected(name).get("hypotest_mu1_qtilde");
        HypoTestResult r = calculator(name).hypotest(1.0);
        assertEquals(ref.get("cls_obs").asDouble(), r.cls(), 1e-4, name + " observed CLs");
        double[] band = r.clsExpected().toArray();
        for (int k = 0; k < 5; k++) {
            assertEquals(ref.get("cls_exp").get(k).asDouble(), band[k], 1e-4, name + " expected CLs " + k);
        }
    }

    @ParameterizedTest
    @MethodSource("workspaces")
    void upperLimitsMatchPyhf(String name) {
        AsymptoticCalculator calc = calculator(name);
        for (String key : new String[] {"upper_limit_90", "upper_limit_95"}) {
            JsonNode ref = expected(name).get(key);
            double cl = key.endsWith("90") ? 0.90 : 0.95;
            UpperLimitResult r = UpperLimit.atCl(cl).compute(calc);
            double obs = ref.get("observed").asDouble();
            assertEquals(obs, r.observed(), 1e-3 * obs, name + " " + key + " observed");
            double[] exp = r.expected().toArray();
            for (int k = 0; k < 5; k++) {
                double e = ref.get("expected").get(k).asDouble();
                assertEquals(e, exp[k], 1e-3 * e, name + " " + key + " expected " + k);
            }
        }
    }
}
