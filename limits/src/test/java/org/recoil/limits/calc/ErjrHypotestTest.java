package org.recoil.limits.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.model.PoissonDeviance;
import org.recoil.fitting.patch.WorkspaceSource;
import org.recoil.limits.interval.UpperLimit;
import org.recoil.limits.interval.UpperLimitResult;

/**
 * The ATLAS 3L eRJR likelihood (reference/realworld/erjr-3l) fits, hypotests and limits at all five points.
 * No pyhf reference exists (pyhf's default optimiser stops at the start point there), so each point is checked
 * against the same model written in a well-conditioned way: the shapesys modifier with τ ≈ 1.9·10¹¹
 * (relative uncertainty 2.3·10⁻⁶ on diboson3LISR in CRISR) removed, i.e. its γ held at 1. Its width moves the
 * expected rate by ~10⁻³ events, so every answer must agree closely, and −2 ln L must differ by the removed
 * constraint term's constant S(τ) ≈ ln(2πτ).
 */
class ErjrHypotestTest {
    private static final Path DIR = SharedReference.resolve("realworld/erjr-3l");
    private static final String TINY = "shape_mcstat_diboson3LISR_CRISR_obs_cuts";

    @TempDir
    static Path tmp;

    static Stream<String> points() {
        return Stream.of("ERJR_100p0_20p0", "ERJR_150p0_1p0", "ERJR_250p0_100p0", "ERJR_350p0_0p0", "ERJR_500p0_0p0");
    }

    /** BkgOnly.json without the shapesys modifier of relative width 2.3e-6; returns that modifier's τ. */
    private static double writeWellConditioned(Path out) throws IOException {
        ObjectMapper om = new ObjectMapper();
        JsonNode root = om.readTree(DIR.resolve("BkgOnly.json").toFile());
        double tau = Double.NaN;
        for (JsonNode c : root.get("channels")) {
            for (JsonNode s : c.get("samples")) {
                ArrayNode mods = (ArrayNode) s.get("modifiers");
                for (int i = mods.size() - 1; i >= 0; i--) {
                    if (mods.get(i).get("name").asText().equals(TINY)) {
                        double nominal = s.get("data").get(0).asDouble();
                        double sigma = mods.get(i).get("data").get(0).asDouble();
                        tau = (nominal / sigma) * (nominal / sigma);
                        mods.remove(i);
                    }
                }
            }
        }
        om.writeValue(out.toFile(), root);
        return tau;
    }

    @ParameterizedTest
    @MethodSource("points")
    void hypotestAndLimitAgreeWithTheWellConditionedModel(String point) throws IOException {
        Path wellConditioned = tmp.resolve("BkgOnly-" + point + ".json");
        double tau = writeWellConditioned(wellConditioned);
        assertTrue(tau > 1e11, "tau " + tau);
        Path patch = DIR.resolve("patch." + point + ".json");
        HistFactoryModel model = WorkspaceSource.of(DIR.resolve("BkgOnly.json")).withPatch(patch)
                .model(null, ModelOptions.defaults());
        HistFactoryModel reference = WorkspaceSource.of(wellConditioned).withPatch(patch)
                .model(null, ModelOptions.defaults());
        assertEquals(model.parameters().size() - 1, reference.parameters().size());

        AsymptoticCalculator calc = new AsymptoticCalculator(model, Minimizer.standard());
        AsymptoticCalculator ref = new AsymptoticCalculator(reference, Minimizer.standard());
        assertTrue(calc.freeFit().converged(), calc.freeFit().message());
        assertTrue(ref.freeFit().converged(), ref.freeFit().message());
        // the removed term at γ = 1 is its saturated constant (deviance 0); profiling γ can only lower −2 ln L,
        // by (∂/∂γ)² σ² ≲ 10⁻⁶
        double constant = PoissonDeviance.saturatedTwiceNll(tau);
        assertEquals(Math.log(2 * Math.PI * tau), constant, 1e-9);
        double diff = calc.freeFit().twiceNll() - ref.freeFit().twiceNll();
        assertEquals(constant, diff, 1e-5, point + ": -2 ln L difference");
        int poi = model.parameters().poiIndex();
        assertEquals(ref.freeFit().value(reference.parameters().poiIndex()), calc.freeFit().value(poi), 1e-4,
                point + " mu-hat");

        HypoTestResult r = calc.hypotest(1.0);
        HypoTestResult e = ref.hypotest(1.0);
        assertTrue(r.conditionalFit().orElseThrow().converged());
        assertEquals(e.cls(), r.cls(), 1e-5 + 1e-4 * e.cls(), point + " observed CLs");
        double[] band = r.clsExpected().toArray();
        double[] refBand = e.clsExpected().toArray();
        for (int k = 0; k < 5; k++) {
            assertEquals(refBand[k], band[k], 1e-5 + 1e-4 * refBand[k], point + " expected CLs " + k);
        }

        UpperLimitResult ul = UpperLimit.atCl(0.95).compute(calc);
        UpperLimitResult ulRef = UpperLimit.atCl(0.95).compute(ref);
        assertTrue(Double.isFinite(ul.observed()) && ul.observed() > 0, point + " limit " + ul.observed());
        assertEquals(ulRef.observed(), ul.observed(), 1e-3 * ulRef.observed(), point + " observed limit");
        double[] exp = ul.expected().toArray();
        double[] expRef = ulRef.expected().toArray();
        for (int k = 0; k < 5; k++) {
            assertEquals(expRef[k], exp[k], 1e-3 * expRef[k], point + " expected limit " + k);
        }
    }
}
