package org.recoil.limits.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.fit.CascadeMinimizer;
import org.recoil.fitting.fit.ConvergenceCriteria;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.FitStatus;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.fit.ProjectedBfgsMinimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.model.StatModel;
import org.recoil.fitting.patch.WorkspaceSource;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/**
 * The published ATLAS sbottom likelihoods (reference/realworld/sbottom-ins1748602, HEPData
 * INSPIRE 1748602): every case of expected.json, the signal workspace built by applying the published
 * RFC 6902 patch to the background-only workspace. Against pyhf 0.7: the free fit (−2 ln L within 1e-6
 * relative, μ̂ within 1e-3 absolute) and the asymptotic q̃ hypotest at μ = 1 (observed CLs and the
 * expected band within 1e-4 absolute). Every fit of the hypotest is recorded: all must converge, and the
 * test reports whether the fallback cascade was needed and which of its stages converged.
 */
class SbottomHypotestTest {

    private static final Path DIR = SharedReference.resolve("realworld/sbottom-ins1748602");

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : new ObjectMapper().readTree(DIR.resolve("expected.json").toFile()).get("cases")) {
            out.add(Arguments.of(c.get("region").asText(), c.get("point").asText(), c));
        }
        assertEquals(4, out.size());
        return out.stream();
    }

    /** Records what every fit of a hypotest did: the fast stage's status and, if used, the cascade's stage. */
    static final class Recorder {
        final List<FitStatus> fast = Collections.synchronizedList(new ArrayList<>());
        final List<CascadeMinimizer.Outcome> fallback = Collections.synchronizedList(new ArrayList<>());

        Minimizer minimizer() {
            Minimizer bfgs = new ProjectedBfgsMinimizer(ConvergenceCriteria.defaults(), false);
            Minimizer fastStage = (StatModel m, Data d, double[] init, boolean[] fixed) -> {
                FitResult r = bfgs.minimize(m, d, init, fixed);
                fast.add(r.status());
                return r;
            };
            CascadeMinimizer cascade = CascadeMinimizer.standard();
            Minimizer fallbackStage = (StatModel m, Data d, double[] init, boolean[] fixed) -> {
                CascadeMinimizer.Outcome o = cascade.run(m, d, init, fixed);
                fallback.add(o);
                return o.result();
            };
            return new PointEstimateMinimizer(fastStage, fallbackStage);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void freeFitAndHypotestAtMuOneMatchPyhf(String region, String point, JsonNode ref) {
        HistFactoryModel model = WorkspaceSource.of(DIR.resolve(region).resolve("BkgOnly.json"))
                .withPatch(DIR.resolve(region).resolve("patch." + point + ".json")).model(null, ModelOptions.defaults());
        assertEquals(ref.get("npars").asInt(), model.parameters().size());
        Recorder rec = new Recorder();
        AsymptoticCalculator calc = new AsymptoticCalculator(model, rec.minimizer());
        HypoTestResult r = calc.hypotest(1.0);

        FitResult free = calc.freeFit();
        double twiceNll = ref.get("twice_nll").asDouble();
        assertEquals(twiceNll, free.twiceNll(), 1e-6 * twiceNll, point + " twice_nll");
        int poi = model.parameters().poiIndex();
        assertEquals(ref.get("mu_hat").asDouble(), free.value(poi), 1e-3, point + " mu_hat");

        assertEquals(ref.get("cls_obs").asDouble(), r.cls(), 1e-4, point + " observed CLs");
        double[] band = r.clsExpected().toArray();
        for (int k = 0; k < 5; k++) {
            assertEquals(ref.get("cls_exp").get(k).asDouble(), band[k], 1e-4, point + " expected CLs " + k);
        }

        // five fits: free, background-only, Asimov free (constructor); conditional on data and Asimov (hypotest)
        assertEquals(5, rec.fast.size(), "fits run");
        for (CascadeMinimizer.Outcome o : rec.fallback) {
            assertEquals(FitStatus.CONVERGED, o.result().status(), "fallback cascade: " + o.reports());
            assertTrue(o.convergedStage().isPresent(), "fallback cascade: " + o.reports());
        }
        long fastFailures = rec.fast.stream().filter(s -> !s.isConverged()).count();
        assertEquals(fastFailures, rec.fallback.size(), "every fast-stage failure went to the cascade");
        assertEquals(0, fastFailures, "projected BFGS (started from the Fisher information) converges on every fit");
        assertTrue(r.conditionalFit().orElseThrow().converged());
        assertTrue(r.asymptotic().orElseThrow().conditionalFitAsimov().converged());
    }
}
