package org.recoil.limits.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;

/**
 * MINOS-style intervals against iminuit's {@code minos} on pyhf 0.7's objective (test resource) within 1e-3
 * relative and against an independent brute-force profile crossing (scipy root finding over pyhf fixed-POI fits);
 * profile scans against the intervals and bad input.
 */
class ProfileScansTest {

    static List<String> workspaces() {
        return PyhfDiagnosticsReference.workspaces();
    }

    @ParameterizedTest
    @MethodSource("workspaces")
    void minosOfThePoiMatchesIminuitAndTheBruteForceProfile(String key) {
        JsonNode ref = PyhfDiagnosticsReference.entry(key);
        HistFactoryModel m = PyhfDiagnosticsReference.model(key);
        FitResult fit = Minimizer.standard().fit(m, m.observed());
        String poi = m.parameters().names().get(m.parameters().poiIndex());
        MinosError e = new ProfileScans(1).minos(m, m.observed(), fit, poi, 1.0);
        JsonNode im = ref.get("minos_iminuit");
        JsonNode brute = ref.get("minos_profile_scan");
        ProfileScans scans = new ProfileScans(1);
        assertEquals(MinosError.Status.VALID, e.upperStatus());
        double up = im.get("upper").asDouble();
        assertEquals(brute.get("upper").asDouble(), e.upper(), 1e-4 * up, key + " upper vs brute-force profile");
        checkAgainstIminuit(scans, m, fit, poi, im.get("profile_at_upper").asDouble(), up, e.upper(), key + " upper");
        if (im.get("at_lower_limit").asBoolean()) {
            // iminuit stops at the bound: the crossing is beyond it
            assertEquals(MinosError.Status.AT_BOUND, e.lowerStatus());
            assertTrue(brute.get("lower").isNull());
        } else {
            double lo = im.get("lower").asDouble();
            assertEquals(MinosError.Status.VALID, e.lowerStatus());
            assertEquals(brute.get("lower").asDouble(), e.lower(), 1e-4 * Math.abs(lo), key + " lower vs brute force");
            checkAgainstIminuit(scans, m, fit, poi, im.get("profile_at_lower").asDouble(), lo, e.lower(), key + " lower");
        }
    }

    /**
     * Minuit2's MINOS accepts a crossing where the profile is within a tolerance of the level (MnFunctionCross, about
     * 1% of it). Where pyhf's profile at iminuit's crossing equals the level within 1e-3, the crossings agree within
     * 1e-3 relative; otherwise iminuit's crossing is not a crossing, and Recoil's profile there must equal pyhf's.
     */
    private static void checkAgainstIminuit(ProfileScans scans, HistFactoryModel m, FitResult fit, String poi,
                                            double pyhfProfileAtIminuit, double iminuit, double recoil, String what) {
        if (Math.abs(pyhfProfileAtIminuit - 1) <= 1e-3) {
            assertEquals(iminuit, recoil, 1e-3 * Math.abs(iminuit), what + " vs iminuit");
        } else {
            double t = fit.value(m.parameters().indexOf(poi)) + iminuit;
            double ours = scans.scan(m, m.observed(), fit, poi, t, t + 1e-9, 2).deltaTwiceNll()[0];
            assertEquals(pyhfProfileAtIminuit, ours, 1e-5, what + ": profile at iminuit's crossing");
        }
    }

    @Test
    void scanAgreesWithMinosAndHasItsMinimumAtTheFit() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("twochannel_staterror_lumi");
        FitResult fit = Minimizer.standard().fit(m, m.observed());
        ProfileScans scans = new ProfileScans(2);
        MinosError e = scans.minos(m, m.observed(), fit, "mu", 1.0);
        Scan1D s = scans.scan(m, m.observed(), fit, "mu", 0, 3, 121);
        double min = Double.POSITIVE_INFINITY;
        for (double d : s.deltaTwiceNll()) {
            assertTrue(d > -1e-6, "no point below the global minimum");
            min = Math.min(min, d);
        }
        assertTrue(min < 1e-3, "the grid passes near the minimum");
        List<Double> c = s.crossings(1.0);
        assertEquals(2, c.size(), c.toString());
        assertEquals(fit.value(2) + e.lower(), c.get(0), 2e-3);
        assertEquals(fit.value(2) + e.upper(), c.get(1), 2e-3);

        Scan2D s2 = scans.scan2d(m, m.observed(), fit, "mu", 0.5, 1.5, 5, "bkg_norm", 0.9, 1.1, 4);
        Scan2D s2serial = new ProfileScans(1).scan2d(m, m.observed(), fit, "mu", 0.5, 1.5, 5, "bkg_norm", 0.9, 1.1, 4);
        assertEquals(s2serial, s2, "independent of the thread count");
        // profiling over one more parameter can only lower the curve: the 2D grid lies above the 1D profile
        for (int i = 0; i < 5; i++) {
            double mu = s2.x()[i];
            double oneD = scans.scan(m, m.observed(), fit, "mu", mu, mu + 1e-9, 2).deltaTwiceNll()[0];
            for (int j = 0; j < 4; j++) {
                assertTrue(s2.at(i, j) >= oneD - 1e-6);
            }
        }
    }

    @Test
    void minosOfANuisanceParameterAgreesWithItsScan() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("twochannel_staterror_lumi");
        FitResult fit = Minimizer.standard().fit(m, m.observed());
        ProfileScans scans = new ProfileScans(1);
        int i = m.parameters().indexOf("bkg_norm");
        MinosError e = scans.minos(m, m.observed(), fit, "bkg_norm", 1.0);
        assertEquals(MinosError.Status.VALID, e.lowerStatus());
        assertEquals(MinosError.Status.VALID, e.upperStatus());
        // the profile at the crossings is the level, to the solver's accuracy
        for (double off : new double[] {e.lower(), e.upper()}) {
            double t = fit.value(i) + off;
            assertEquals(1.0, scans.scan(m, m.observed(), fit, "bkg_norm", t, t + 1e-9, 2).deltaTwiceNll()[0], 1e-6);
        }
        // close to the parabolic error for this well-measured parameter
        assertEquals(fit.error(i), 0.5 * (e.upper() - e.lower()), 0.05 * fit.error(i));
        // level 3.84: wider
        MinosError wide = scans.minos(m, m.observed(), fit, "bkg_norm", 3.84);
        assertTrue(wide.upper() > 1.8 * e.upper() && wide.lower() < 1.8 * e.lower());
    }

    @Test
    void badInputNamesParameterAndOption() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("twochannel_staterror_lumi");
        FitResult fit = Minimizer.standard().fit(m, m.observed());
        ProfileScans scans = new ProfileScans(1);
        var e = assertThrows(InvalidInputException.class, () -> scans.scan(m, m.observed(), fit, "muu", 0, 1, 5));
        assertTrue(e.getMessage().contains("'muu'"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> scans.scan(m, m.observed(), fit, "mu", -1, 1, 5));
        assertTrue(e.getMessage().startsWith("--range -1.0,1.0 of 'mu' is outside its bounds"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> scans.scan(m, m.observed(), fit, "mu", 0, 1, 1));
        assertTrue(e.getMessage().startsWith("--points"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> scans.minos(m, m.observed(), fit, "mu", 0));
        assertTrue(e.getMessage().startsWith("--level"), e.getMessage());
    }
}
