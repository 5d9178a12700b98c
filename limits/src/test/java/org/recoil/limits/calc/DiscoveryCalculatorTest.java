package org.recoil.limits.calc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recoil.core.InvalidInputException;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.TestSupport;
import org.recoil.limits.model.CountingModel;

/**
 * The discovery test q0 (Cowan et al., arXiv:1007.1727, Eq. (12), (52)-(53)) against pyhf 0.7.6
 * (numbers in pyhf-q0.json, made with pyhf-q0.py), pyhf's own q0 validation case, the closed forms
 * of single-bin counting, and the toy calculator's seeding and merging.
 */
class DiscoveryCalculatorTest {

    private static JsonNode pyhf() {
        try (InputStream in = DiscoveryCalculatorTest.class.getResourceAsStream("pyhf-q0.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> workspaces() {
        return Stream.of("counting_shapesys", "twobin_normsys_histosys", "twochannel_staterror_lumi",
                "recoil_20bin_shape");
    }

    private static HistFactoryModel validationModel() {
        try {
            Path ws = Path.of(DiscoveryCalculatorTest.class.getResource("pyhf_validation_1bin_shapesys_q0.json").toURI());
            return HistFactoryModel.fromFile(ws, null, ModelOptions.defaults());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("workspaces")
    void asymptoticP0MatchesPyhfOnEveryReferenceWorkspace(String name) {
        JsonNode ref = pyhf().get("cases").get(name);
        assertTrue(pyhf().get("pyhf_version").asText().startsWith("0.7"));
        StatModel m = HistFactoryModel.fromFile(SharedReference.resolve("pyhf/" + name + ".json"), null,
                ModelOptions.defaults());
        DiscoveryResult r = new AsymptoticDiscoveryCalculator(m, TestSupport.minimizer()).discovery();
        assertEquals(ref.get("p0").asDouble(), r.p0(), 1e-4, name + " p0");
        assertEquals(ref.get("z").asDouble(), r.z(), 1e-3, name + " z");
        assertEquals(ref.get("z_expected_asimov").asDouble(), r.zExpectedAsimov(), 1e-3, name + " Z_A");
        double[] band = r.p0Expected().toArray();
        for (int k = 0; k < 5; k++) {
            assertEquals(ref.get("p0_expected").get(k).asDouble(), band[k], 1e-4, name + " p0 expected " + k);
        }
        assertEquals("asymptotic", r.calculator());
    }

    /**
     * pyhf's own q0 validation (tests/test_validation.py, '1bin_shapesys_q0_mu1', relative tolerance 3e-4):
     * n = 80, s = 25, b = 50 with a shapesys of 7. The observed p0 and four of the five expected values
     * match pyhf's stored numbers at pyhf's tolerance. The stored −2σ value, 1.22047e-5, is 3.3e-4
     * (relative) below what pyhf 0.7.6 itself gives with a converged minimiser (SLSQP tolerance 1e-12:
     * 1.220877e-5; its default tolerance gives 1.22078e-5) and what the closed-form profile below gives,
     * so that entry is checked against the closed form at the same 3e-4.
     */
    @Test
    void pyhfValidationCaseOneBinShapesysQ0() {
        DiscoveryResult r = new AsymptoticDiscoveryCalculator(validationModel(), TestSupport.minimizer()).discovery();
        double obs = 0.003936883191585841;
        double[] exp = {1.2204714710520103e-05, 0.0006405237426269669, 0.013202867164405075, 0.11119604157594337,
            0.41286079728391695};
        assertEquals(obs, r.p0(), 3e-4 * obs);
        double[] band = r.p0Expected().toArray();
        for (int k = 1; k < 5; k++) {
            assertEquals(exp[k], band[k], 3e-4 * exp[k], "expected " + k);
        }
        // closed form: one bin, nu = mu s + gamma b, Poisson constraint Pois(m | tau gamma), tau = m = (b/sigma)^2
        double s = 25;
        double b = 50;
        double tau = (b / 7) * (b / 7);
        double n = 80;
        double gHat = gammaHatHat(-1, n, tau, s, b, tau);
        double q0 = 2 * (shapesysNll(0, gammaHatHat(0, n, tau, s, b, tau), n, tau, s, b, tau)
                - shapesysNll((n - b * gHat) / s, gHat, n, tau, s, b, tau));
        assertEquals(Math.sqrt(q0), r.z(), 1e-6);
        double g1 = gammaHatHat(1, n, tau, s, b, tau);
        double nA = s + b * g1;
        double mA = tau * g1;
        double q0A = 2 * (shapesysNll(0, gammaHatHat(0, nA, mA, s, b, tau), nA, mA, s, b, tau)
                - shapesysNll(1, g1, nA, mA, s, b, tau));
        double zA = Math.sqrt(q0A);
        assertEquals(zA, r.zExpectedAsimov(), 1e-6);
        double minus2 = AsymptoticFormulae.phi(-(2 + zA));
        assertEquals(minus2, band[0], 3e-4 * minus2);
        // and our pyhf 0.7.6 run of the same case, to 1e-4 absolute
        JsonNode ref = pyhf().get("cases").get("pyhf_validation_1bin_shapesys_q0");
        assertEquals(ref.get("p0").asDouble(), r.p0(), 1e-4);
    }

    /** −ln L of the one-bin shapesys model without constants. */
    private static double shapesysNll(double mu, double g, double n, double m, double s, double b, double tau) {
        double nu = mu * s + b * g;
        return -(n * Math.log(nu) - nu + m * Math.log(tau * g) - tau * g);
    }

    /**
     * γ̂̂(μ) of the one-bin shapesys model: the positive root of
     * (b+τ)b γ² + [(b+τ)μs − nb − mb] γ − mμs = 0; μ = −1 asks for the free fit, where
     * γ̂ = m/τ (the auxiliary measurement alone fixes γ and μ̂ absorbs the main count).
     */
    private static double gammaHatHat(double mu, double n, double m, double s, double b, double tau) {
        if (mu < 0) {
            return m / tau;
        }
        double a2 = (b + tau) * b;
        double a1 = (b + tau) * mu * s - n * b - m * b;
        double a0 = -m * mu * s;
        return (-a1 + Math.sqrt(a1 * a1 - 4 * a2 * a0)) / (2 * a2);
    }

    /** Single bin, known background: q0 = 2(n ln(n/b) − (n − b)) and Z_A = √(2((s+b) ln(1+s/b) − s)). */
    @Test
    void singleBinClosedForms() {
        double s = 7;
        double b = 4.5;
        double n = 11;
        DiscoveryResult r = new AsymptoticDiscoveryCalculator(CountingModel.of(s, b, n), TestSupport.minimizer())
                .discovery();
        double za = Math.sqrt(2 * ((s + b) * Math.log(1 + s / b) - s));
        assertEquals(za, r.zExpectedAsimov(), 1e-6 * za);
        double q0 = 2 * (n * Math.log(n / b) - (n - b));
        assertEquals(q0, r.q0(), 1e-6 * q0);
        assertEquals(Math.sqrt(q0), r.z(), 1e-6);
        assertEquals(AsymptoticFormulae.phi(-Math.sqrt(q0)), r.p0(), 1e-9);
        assertEquals(AsymptoticFormulae.phi(-za), r.p0Expected().median(), 1e-7);
        // a deficit is no evidence: q0 = 0, p0 = 1/2
        DiscoveryResult deficit = new AsymptoticDiscoveryCalculator(CountingModel.of(s, b, 2),
                TestSupport.minimizer()).discovery();
        assertEquals(0.0, deficit.q0(), 0);
        assertEquals(0.5, deficit.p0(), 1e-12);
    }

    /** With many toys p0 tends to the exact Poisson tail P(N ≥ n | b). */
    @Test
    void toyP0IsThePoissonTail() {
        double b = 5;
        int n = 10;
        CountingModel m = CountingModel.of(4, b, n);
        int toys = 4000;
        DiscoveryResult r = new ToyDiscoveryCalculator(m, TestSupport.minimizer(), ToyOptions.of(toys, 5).withThreads(2))
                .discovery();
        double exact = PoissonDistribution.of(b).survivalProbability(n - 1);
        double err = Math.sqrt(exact * (1 - exact) / toys);
        assertEquals(exact, r.p0(), 3 * err, "p0 = P(N >= " + n + " | " + b + ") = " + exact);
        assertEquals(err, r.toys().orElseThrow().p0Error(), 0.2 * err);
        assertEquals(toys, r.toys().orElseThrow().backgroundToys());
        // the expected median: P(N >= median of Poisson(s+b) | b), up to the discreteness of N
        double median = r.p0Expected().median();
        assertTrue(median > 0.0 && median < 0.2, "expected p0 median " + median);
        assertTrue(r.p0Expected().minus2() <= r.p0Expected().plus2());
    }

    @Test
    void toysDoNotDependOnThreadsAndSplitRunsMerge() {
        CountingModel m = CountingModel.builder().bin(5, 20, 27, 0.1).bin(3, 10, 12, 0.1).build();
        ToyDiscoveryCalculator one = new ToyDiscoveryCalculator(m, TestSupport.minimizer(),
                ToyOptions.of(120, 9).withThreads(1));
        ToyDiscoveryCalculator two = new ToyDiscoveryCalculator(m, TestSupport.minimizer(),
                ToyOptions.of(120, 9).withThreads(2));
        ToySet a = one.generate(0, 120);
        ToySet b = two.generate(0, 120);
        assertEquals(a, b);
        assertTrue(java.util.Arrays.stream(a.background()).distinct().count() > 30);
        ToySet merged = ToySet.merge(List.of(two.generate(70, 50), two.generate(0, 70)));
        assertEquals(a, merged);
        DiscoveryResult ra = one.evaluate(a);
        DiscoveryResult rm = two.evaluate(merged);
        assertEquals(ra.p0(), rm.p0(), 0);
        assertArrayEquals(ra.p0Expected().toArray(), rm.p0Expected().toArray(), 0);
        assertEquals(ra, one.discovery());
        // another seed: other toys
        ToySet other = new ToyDiscoveryCalculator(m, TestSupport.minimizer(), ToyOptions.of(120, 10)).generate(0, 120);
        assertTrue(!java.util.Arrays.equals(a.background(), other.background()));
    }

    @Test
    void poiThatCannotBeZeroIsBadInput() {
        CountingModel m = CountingModel.builder().bin(5, 20, 27).poiBounds(0.5, 10).build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new AsymptoticDiscoveryCalculator(m, TestSupport.minimizer()));
        assertTrue(e.getMessage().contains("'mu'") && e.getMessage().contains("[0.5, 10.0]"), e.getMessage());
        assertThrows(InvalidInputException.class,
                () -> new ToyDiscoveryCalculator(m, TestSupport.minimizer(), ToyOptions.of(10, 1)));
    }
}
