package org.recoil.limits.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;

/**
 * Impacts against hand computations with pyhf 0.7 fixed-parameter fits (test resource) within 1e-4 absolute,
 * ranking, thread-count independence and bad input.
 */
class ImpactsTest {

    @ParameterizedTest
    @ValueSource(strings = {"twochannel_staterror_lumi", "recoil_20bin_shape"})
    void impactsMatchPyhfFixedParameterFits(String key) {
        JsonNode ref = PyhfDiagnosticsReference.entry(key).get("impacts");
        HistFactoryModel m = PyhfDiagnosticsReference.model(key);
        FitResult fit = Minimizer.standard().fit(m, m.observed());
        List<Impact> impacts = new Impacts(2).all(m, m.observed(), fit);
        assertEquals(ref.size(), impacts.size());
        for (Impact im : impacts) {
            JsonNode r = ref.get(im.name());
            assertEquals(r.get("postfit_up").asDouble(), im.postfitUp(), 1e-4, im.name() + " post-fit up");
            assertEquals(r.get("postfit_down").asDouble(), im.postfitDown(), 1e-4, im.name() + " post-fit down");
            if (r.has("prefit_up")) {
                assertEquals(r.get("prefit_up").asDouble(), im.prefitUp(), 1e-4, im.name() + " pre-fit up");
                assertEquals(r.get("prefit_down").asDouble(), im.prefitDown(), 1e-4, im.name() + " pre-fit down");
            } else {
                assertTrue(Double.isNaN(im.prefitUp()), im.name() + " is free: no pre-fit impact");
            }
        }
        for (int k = 1; k < impacts.size(); k++) {
            assertTrue(impacts.get(k - 1).size() >= impacts.get(k).size(), "ranked");
        }
    }

    @Test
    void resultsDoNotDependOnThreads() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("twochannel_staterror_lumi");
        FitResult fit = Minimizer.standard().fit(m, m.observed());
        assertEquals(new Impacts(1).all(m, m.observed(), fit), new Impacts(3).all(m, m.observed(), fit));
    }

    @Test
    void badInputNamesTheParameter() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("twochannel_staterror_lumi");
        var p = m.parameters();
        double[] init = p.inits();
        boolean[] fixed = p.fixed();
        fixed[p.indexOf("lumi")] = true;
        FitResult fit = Minimizer.standard().minimize(m, m.observed(), init, fixed);
        var e = assertThrows(InvalidInputException.class,
                () -> new Impacts(1).of(m, m.observed(), fit, List.of("lumi")));
        assertTrue(e.getMessage().contains("'lumi' is fixed"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new Impacts(1).of(m, m.observed(), fit, List.of("nope")));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new Impacts(1).of(m, m.observed(), fit, List.of("mu")));
        assertTrue(e.getMessage().contains("parameter of interest"), e.getMessage());
    }
}
