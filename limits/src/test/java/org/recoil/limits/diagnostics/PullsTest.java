package org.recoil.limits.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;

/** Pulls and constraints: definitions and modifier types on the two-channel staterror + lumi workspace. */
class PullsTest {

    @Test
    void pullsOfConstrainedParameters() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("twochannel_staterror_lumi");
        FitResult fit = Minimizer.standard().fit(m, m.observed());
        List<Pull> pulls = Pulls.of(m, fit);
        // mu and bkg_norm are free normfactors: no pulls; lumi + 5 staterror gammas
        assertEquals(6, pulls.size(), pulls.toString());
        Pull lumi = pulls.get(0);
        assertEquals("lumi", lumi.name());
        assertEquals("lumi", lumi.modifierType());
        for (Pull p : pulls) {
            int i = m.parameters().indexOf(p.name());
            assertEquals((fit.value(i) - m.constraintCentre(i)) / m.constraintWidth(i), p.pull(), 1e-12);
            assertEquals(fit.error(i) / m.constraintWidth(i), p.constraint(), 1e-12);
            assertTrue(p.constraint() > 0 && p.constraint() <= 1 + 1e-9, p.name() + " is not wider after the fit");
            if (p.name().startsWith("staterror")) {
                assertEquals("staterror", p.modifierType());
            }
        }
        // the reference fit pulls staterror_sr[2] by -0.31 sigma (pyhf: gamma = 0.9793)
        Pull sr2 = pulls.stream().filter(p -> p.name().equals("staterror_sr[2]")).findFirst().orElseThrow();
        assertEquals(-0.310, sr2.pull(), 5e-4);
    }
}
