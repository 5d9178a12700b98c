package org.recoil.fitting.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.ReferenceFiles;
import org.recoil.fitting.model.ConstraintType;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.patch.WorkspaceSource;

/**
 * The published ATLAS sbottom likelihoods (HEPData, INSPIRE 1748602): 60-66 parameters, several channels,
 * the POI at its lower bound. Free fits of the background-only workspaces, and of every patched signal
 * workspace of {@code realworld/sbottom-ins1748602/expected.json} against pyhf (−2 ln L within 1e-6
 * relative, μ̂ within 1e-3 absolute), with the minimiser's first stage converging.
 */
class SbottomFitTest {

    private static final Path DIR = SharedReference.resolve("realworld/sbottom-ins1748602");

    @ParameterizedTest
    @ValueSource(strings = {"RegionA", "RegionB", "RegionC"})
    void backgroundOnlyWorkspacesFit(String region) {
        HistFactoryModel m = HistFactoryModel.fromFile(ReferenceFiles.sbottom(region), null,
                ModelOptions.defaults().withoutPoi());
        FitResult r = Minimizer.standard().fit(m, m.observed());
        assertTrue(r.converged(), r.toString());
        double[] g = new double[m.parameters().size()];
        m.twiceNllGradient(r.values(), m.observed(), g);
        for (int i = 0; i < g.length; i++) {
            boolean atBound = r.value(i) <= m.parameters().lower(i) || r.value(i) >= m.parameters().upper(i);
            if (!m.parameters().isFixed(i) && !atBound) {
                assertEquals(0, g[i], 1e-3, region + " gradient of " + m.parameters().names().get(i));
            }
        }
        // the fit is a minimum: it is below the start point's −2 ln L
        assertTrue(r.twiceNll() < m.twiceNll(m.parameters().inits(), m.observed()));
    }

    static Stream<Arguments> cases() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : expected.get("cases")) {
            out.add(Arguments.of(c.get("region").asText(), c.get("point").asText(), c));
        }
        assertEquals(4, out.size(), "expected.json lists four cases");
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void patchedSignalWorkspacesMatchPyhf(String region, String point, JsonNode expected) {
        HistFactoryModel m = WorkspaceSource.of(DIR.resolve(region).resolve("BkgOnly.json"))
                .withPatch(DIR.resolve(region).resolve("patch." + point + ".json")).model(null, ModelOptions.defaults());
        var p = m.parameters();
        assertEquals(expected.get("npars").asInt(), p.size());
        assertEquals(expected.get("nbins").asInt(), m.mainSize());
        // what makes these fits hard: several channels, most parameters constrained, the POI at its bound
        assertTrue(m.channelNames().size() >= 2, "several channels");
        long constrained = java.util.stream.IntStream.range(0, p.size())
                .filter(i -> m.constraintType(i) != ConstraintType.NONE).count();
        assertTrue(constrained >= p.size() - 3, constrained + " constrained parameters of " + p.size());

        CascadeMinimizer.Outcome outcome = CascadeMinimizer.standard().run(m, m.observed(), p.inits(), p.fixed());
        FitResult r = outcome.result();
        assertEquals(FitStatus.CONVERGED, r.status(), r.message());
        assertEquals(Optional.of("BFGS"), outcome.convergedStage(), "the first stage converges: " + outcome.reports());
        double twiceNll = expected.get("twice_nll").asDouble();
        assertEquals(twiceNll, r.twiceNll(), 1e-6 * twiceNll, point + " twice_nll");
        double muHat = r.value(p.poiIndex());
        assertEquals(expected.get("mu_hat").asDouble(), muHat, 1e-3, point + " mu_hat");
        if (expected.get("mu_hat").asDouble() < 1e-6) {
            // pyhf's μ̂ ~ 1e-13 is the POI held at its lower bound 0
            assertEquals(p.lower(p.poiIndex()), muHat, 1e-9, point + " mu_hat at its bound");
        }
        for (int i = 0; i < p.size(); i++) {
            assertTrue(r.error(i) > 0 && Double.isFinite(r.error(i)) || p.isFixed(i)
                    || r.value(i) == p.lower(i), point + " error of " + p.names().get(i) + " = " + r.error(i));
        }
    }

    /**
     * The fallback cascade on these models: with the first stage starved of iterations, the cascade must go on
     * to its derivative-free stage (BOBYQA in 60+ dimensions, then BFGS) and still reach pyhf's minimum.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void fallbackCascadeConvergesToTheSameMinimum(String region, String point, JsonNode expected) {
        HistFactoryModel m = WorkspaceSource.of(DIR.resolve(region).resolve("BkgOnly.json"))
                .withPatch(DIR.resolve(region).resolve("patch." + point + ".json")).model(null, ModelOptions.defaults());
        var p = m.parameters();
        ConvergenceCriteria starved = new ConvergenceCriteria(1e-6, 1e-3, 2, 10);
        CascadeMinimizer cascade = new CascadeMinimizer(List.of(
                new CascadeMinimizer.Stage("starved BFGS", CascadeMinimizer.Start.INIT,
                        new ProjectedBfgsMinimizer(starved, false), false),
                new CascadeMinimizer.Stage("BOBYQA + BFGS", CascadeMinimizer.Start.BEST,
                        new ProjectedBfgsMinimizer(ConvergenceCriteria.defaults(), false), true)));
        CascadeMinimizer.Outcome o = cascade.run(m, m.observed(), p.inits(), p.fixed());
        assertEquals(2, o.reports().stream().filter(s -> !s.startsWith("BOBYQA:")).count(), o.reports().toString());
        assertTrue(o.reports().get(0).startsWith("starved BFGS: MAX_ITERATIONS"), o.reports().toString());
        assertEquals(Optional.of("BOBYQA + BFGS"), o.convergedStage(), o.reports().toString());
        FitResult r = o.result();
        assertEquals(FitStatus.CONVERGED, r.status());
        double twiceNll = expected.get("twice_nll").asDouble();
        assertEquals(twiceNll, r.twiceNll(), 1e-6 * twiceNll, point + " twice_nll");
        assertEquals(expected.get("mu_hat").asDouble(), r.value(p.poiIndex()), 1e-3, point + " mu_hat");
    }
}
