package org.recoil.fitting.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.spec.WorkspaceIO;

/**
 * Fits whose Hessian is singular at the minimum are not reported as plainly converged with undefined
 * errors: the status says so and the undetermined parameters are named.
 */
class UndeterminedParametersTest {

    /** One channel, two bins: signal (normfactor mu) and background (normsys bkg_norm, staterror). */
    private static HistFactoryModel model(String signal, String observed, String normsysHi) {
        String json = """
                {"channels": [{"name": "sr", "samples": [
                  {"name": "signal", "data": %s,
                   "modifiers": [{"name": "mu", "type": "normfactor", "data": null}]},
                  {"name": "bkg", "data": [50.0, 40.0],
                   "modifiers": [{"name": "bkg_norm", "type": "normsys", "data": {"hi": %s, "lo": 0.9}},
                                 {"name": "staterror_sr", "type": "staterror", "data": [2.0, 2.0]}]}]}],
                 "observations": [{"name": "sr", "data": %s}],
                 "measurements": [{"name": "m", "config": {"poi": "mu", "parameters": []}}],
                 "version": "1.0.0"}
                """.formatted(signal, normsysHi, observed);
        return HistFactoryModel.of(WorkspaceIO.read(json, "test"));
    }

    @Test
    void aSignalThatIsZeroEverywhereLeavesMuUndetermined() {
        HistFactoryModel m = model("[0.0, 0.0]", "[52.0, 41.0]", "1.1");
        FitResult r = Minimizer.standard().fit(m, m.observed());
        assertEquals(FitStatus.CONVERGED_UNDETERMINED, r.status(), r.message());
        assertTrue(r.converged());
        int mu = m.parameters().indexOf("mu");
        assertArrayEquals(new int[] {mu}, r.undetermined());
        assertTrue(Double.isNaN(r.error(mu)));
        assertTrue(r.message().contains("not determined") && r.message().contains("mu"), r.message());
        for (int i = 0; i < m.parameters().size(); i++) {
            if (i != mu) {
                assertTrue(r.error(i) > 0 && Double.isFinite(r.error(i)), m.parameters().names().get(i));
            }
        }
    }

    @Test
    void aDeterminedFitStaysPlainlyConverged() {
        HistFactoryModel m = model("[5.0, 10.0]", "[52.0, 51.0]", "1.1");
        FitResult r = Minimizer.standard().fit(m, m.observed());
        assertEquals(FitStatus.CONVERGED, r.status(), r.message());
        assertEquals(0, r.undetermined().length);
        for (double e : r.errors()) {
            assertTrue(e > 0 && Double.isFinite(e));
        }
    }

    @Test
    void allObservationsZeroIsNotSilentlyConverged() {
        HistFactoryModel m = model("[5.0, 10.0]", "[0.0, 0.0]", "1.1");
        FitResult r = Minimizer.standard().fit(m, m.observed());
        assertSaysWhatIsUndetermined(m, r);
    }

    @Test
    void aModifierAt1e300IsNotSilentlyConverged() {
        HistFactoryModel m = model("[5.0, 10.0]", "[52.0, 51.0]", "1e300");
        FitResult r = Minimizer.standard().fit(m, m.observed());
        assertSaysWhatIsUndetermined(m, r);
    }

    /** Converged with finite errors everywhere, or the status and message say what is undetermined. */
    private static void assertSaysWhatIsUndetermined(HistFactoryModel m, FitResult r) {
        boolean allFinite = true;
        for (double e : r.errors()) {
            allFinite &= Double.isFinite(e);
        }
        if (r.status() == FitStatus.CONVERGED) {
            assertTrue(allFinite, "converged with undefined errors: " + r.message());
            return;
        }
        assertNotEquals(FitStatus.CONVERGED, r.status());
        if (r.status() == FitStatus.CONVERGED_UNDETERMINED) {
            assertTrue(r.undetermined().length > 0);
            for (int i : r.undetermined()) {
                assertTrue(Double.isNaN(r.error(i)));
                assertTrue(r.message().contains(m.parameters().names().get(i)), r.message());
            }
        }
    }
}
