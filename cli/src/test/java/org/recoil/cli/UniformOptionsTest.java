package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.testing.SharedReference;

/**
 * The options every workspace command takes: --poi, --fix, --init, --bounds, interpolation codes,
 * --expected-only, and --cl on hypotest.
 */
class UniformOptionsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WS = SharedReference.resolve("pyhf/twochannel_staterror_lumi.json").toString();

    private static JsonNode json(String... args) throws IOException {
        FitCommandTest.Run r = FitCommandTest.run(args);
        assertEquals(0, r.exit(), r.err());
        return MAPPER.readTree(r.out());
    }

    @Test
    void fixInitAndBoundsSetTheMeasurementsParameters() throws IOException {
        JsonNode free = json("fit", WS, "--json");
        double muHat = free.at("/parameters/mu/value").asDouble();
        assertTrue(muHat > 0.3, "the free fit prefers a signal: " + muHat);

        JsonNode fixed = json("fit", WS, "--fix", "bkg_norm=1.2", "--json");
        assertEquals(1.2, fixed.at("/parameters/bkg_norm/value").asDouble());
        assertTrue(fixed.at("/parameters/bkg_norm/fixed").asBoolean());
        assertTrue(fixed.get("twice_nll").asDouble() > free.get("twice_nll").asDouble());

        JsonNode bounded = json("fit", WS, "--bounds", "mu=0,0.25", "--init", "mu=0.1", "--json");
        assertEquals(0.25, bounded.at("/parameters/mu/value").asDouble(), 1e-6, "the upper bound is active");

        // a different start reaches the same minimum
        JsonNode started = json("fit", WS, "--init", "mu=3", "--init", "staterror_sr=1.05", "--json");
        assertEquals(free.get("twice_nll").asDouble(), started.get("twice_nll").asDouble(), 1e-6);
        assertEquals(muHat, started.at("/parameters/mu/value").asDouble(), 1e-3);

        // hypotest and limit take the same options: fixing the background normalisation changes CLs
        JsonNode h = json("hypotest", WS, "--mu", "1", "--json");
        JsonNode hf = json("hypotest", WS, "--mu", "1", "--fix", "bkg_norm=1.2", "--json");
        assertNotEquals(h.get("cls").asDouble(), hf.get("cls").asDouble());
        JsonNode lim = json("limit", WS, "--fix", "lumi=1", "--json");
        assertTrue(lim.get("observed").asDouble() > 0);
    }

    @Test
    void poiAndInterpolationCodesOnEveryCommand(@TempDir Path tmp) throws IOException {
        JsonNode fit = json("fit", WS, "--poi", "bkg_norm", "--json");
        assertEquals("bkg_norm", fit.get("poi").asText());
        // a second normfactor on the signal, mu_alt: with mu fixed at 1, testing mu_alt is testing mu
        Path alt = tmp.resolve("alt.json");
        Files.writeString(alt, "[{\"op\": \"add\", \"path\": \"/channels/1/samples/0/modifiers/-\", \"value\":"
                + " {\"name\": \"mu_alt\", \"type\": \"normfactor\", \"data\": null}}]");
        JsonNode h = json("hypotest", WS, "--mu", "1.5", "--json");
        JsonNode hAlt = json("hypotest", WS, "--patch", alt.toString(), "--poi", "mu_alt", "--fix", "mu=1", "--mu", "1.5",
                "--json");
        assertEquals(h.get("cls").asDouble(), hAlt.get("cls").asDouble(), 1e-6);
        for (int k = 0; k < 5; k++) {
            assertEquals(h.get("cls_expected").get(k).asDouble(), hAlt.get("cls_expected").get(k).asDouble(), 1e-6);
        }
        String shapes = SharedReference.resolve("pyhf/twobin_normsys_histosys.json").toString();
        JsonNode code4 = json("hypotest", shapes, "--mu", "1", "--json");
        JsonNode code0 = json("hypotest", shapes, "--mu", "1", "--normsys-code", "0", "--histosys-code", "0", "--json");
        assertNotEquals(code4.get("cls").asDouble(), code0.get("cls").asDouble());
        JsonNode lim0 = json("limit", shapes, "--normsys-code", "0", "--histosys-code", "0", "--json");
        assertNotEquals(json("limit", shapes, "--json").get("observed").asDouble(), lim0.get("observed").asDouble());
    }

    /** Blind: the observed data do not enter; the "observed" CLs is then the median expected one. */
    @Test
    void expectedOnlyUsesNoObservedData(@TempDir Path tmp) throws IOException {
        JsonNode blind = json("hypotest", WS, "--mu", "1", "--expected-only", "--json");
        assertEquals(blind.get("cls_expected").get(2).asDouble(), blind.get("cls").asDouble(), 1e-6);
        Path other = tmp.resolve("other-data.json");
        Files.writeString(other, "[{\"op\": \"replace\", \"path\": \"/observations/1/data\", \"value\": [90.0, 20.0, 31.0]}]");
        JsonNode withOther = json("hypotest", WS, "--patch", other.toString(), "--mu", "1", "--expected-only", "--json");
        assertEquals(blind.toString(), withOther.toString(), "other observed data, same blind result");
        JsonNode seen = json("hypotest", WS, "--patch", other.toString(), "--mu", "1", "--json");
        assertNotEquals(blind.get("cls").asDouble(), seen.get("cls").asDouble());
        JsonNode lim = json("limit", WS, "--expected-only", "--json");
        assertEquals(lim.get("expected").get(2).asDouble(), lim.get("observed").asDouble(), 1e-4);
        JsonNode fit = json("fit", WS, "--expected-only", "--json");
        assertEquals(0.0, fit.at("/parameters/mu/value").asDouble(), 1e-3);
    }

    @Test
    void hypotestReportsExclusionAtTheChosenCl() {
        FitCommandTest.Run r90 = FitCommandTest.run("hypotest", WS, "--mu", "3");
        assertEquals(0, r90.exit(), r90.err());
        FitCommandTest.Run r99 = FitCommandTest.run("hypotest", WS, "--mu", "3", "--cl", "0.9999");
        assertTrue(r90.out().contains("  excluded at 90% CL (CLs < 0.10)"), r90.out());
        assertTrue(r99.out().contains("  not excluded at 99.99% CL"), r99.out());
        FitCommandTest.Run r95 = FitCommandTest.run("hypotest", WS, "--mu", "3", "--cl", "0.95");
        assertTrue(r95.out().contains("  excluded at 95% CL (CLs < 0.05)"), r95.out());
        FitCommandTest.assertBadInput(FitCommandTest.run("hypotest", WS, "--mu", "1", "--cl", "90"),
                "recoil: error: --cl must lie in (0, 1), got 90.0");
    }

    @Test
    void badSettingsAreOneLineErrors() {
        FitCommandTest.assertBadInput(FitCommandTest.run("hypotest", WS, "--mu", "1", "--bounds", "mu=1"),
                "recoil: error: --bounds expects NAME=LO,HI, got 'mu=1'");
        FitCommandTest.assertBadInput(FitCommandTest.run("limit", WS, "--init", "nope=1"),
                "recoil: error: no parameter named 'nope'; parameters are [lumi, bkg_norm, mu, staterror_cr[0], staterror_cr[1],"
                        + " staterror_sr[0], staterror_sr[1], staterror_sr[2]]");
        FitCommandTest.assertBadInput(FitCommandTest.run("fit", WS, "--fix", "mu=20"),
                "recoil: error: parameter mu: the value 20.0000 lies outside its bounds [0.00000, 10.0000]; widen them"
                        + " with --bounds");
        FitCommandTest.assertBadInput(FitCommandTest.run("fit", WS, "--fix", "staterror_sr[1]=1.1"),
                "recoil: error: --fix staterror_sr[1]=1.1: a measurement fixes whole parameters; fix staterror_sr (all 3"
                        + " components) or set one with --init / --bounds");
        FitCommandTest.assertBadInput(FitCommandTest.run("limit", WS, "--expected-only", "--method", "bayesian"),
                "recoil: error: --expected-only works with --method asymptotic or toys, not bayesian");
    }

    @Test
    void expectedOnlyReachesTheDiagnosticsAndIsRefusedBySignificance() throws IOException {
        // blind: the background-only Asimov data put the minimum of the profile of mu at 0
        JsonNode blind = json("nll-scan", WS, "--param", "mu", "--range", "0,2", "--points", "5", "--expected-only",
                "--json");
        assertEquals(0.0, blind.get("delta_twice_nll").get(0).asDouble(), 1e-6);
        JsonNode observed = json("nll-scan", WS, "--param", "mu", "--range", "0,2", "--points", "5", "--json");
        assertTrue(observed.get("delta_twice_nll").get(0).asDouble() > 0.5, "the observed data prefer mu near 1");
        FitCommandTest.assertBadInput(FitCommandTest.run("significance", WS, "--expected-only"),
                "recoil: error: significance always reports the expected significance (Asimov, mu = 1) beside the"
                        + " observed one; --expected-only does not apply");
    }
}
