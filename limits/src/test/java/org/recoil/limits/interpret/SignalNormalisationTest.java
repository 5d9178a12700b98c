package org.recoil.limits.interpret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.LmuLtauZPrime;
import org.recoil.core.physics.Luminosity;
import org.recoil.limits.calc.ExpectedBand;
import org.recoil.core.physics.ZPrimeModel;

class SignalNormalisationTest {

    /** σ_ref = 10 pb at g'_ref = 0.01 (so σ(g'=1) = 1e5 pb), BR 0.5, ε 0.2, 276/pb: N_sig = 276. */
    private static final SignalNormalisation NORM =
            new SignalNormalisation(2.0, 10.0, 0.01, 0.5, 0.2, Luminosity.parse("276/pb"));

    @Test
    void handComputedChain() {
        assertEquals(276.0, NORM.expectedSignalEvents(), 1e-12);
        assertEquals(1e5, NORM.sigmaAtUnitCouplingPb(), 1e-9);
        double mu = 0.25;
        assertEquals(69.0, NORM.signalEventsUpperLimit(mu), 1e-12);
        assertEquals(1.25, NORM.sigmaTimesBrUpperLimitPb(mu), 1e-15);
        assertEquals(0.25, NORM.visibleSigmaUpperLimitPb(mu), 1e-15);
        assertEquals(0.005, NORM.gPrimeUpperLimit(mu), 1e-15);
        // the relation g'_UL = sqrt(sigma_UL / (sigma(g'=1) BR eps)), sigma_UL = N_UL / L
        assertEquals(0.005, NORM.gPrimeFromVisibleSigma(0.25), 1e-15);
    }

    @Test
    void muAndSigmaRoutesToTheCouplingAgree() {
        for (double mu : new double[] {0.0, 1e-3, 0.37, 1.0, 12.5, 4e3}) {
            double viaSigma = NORM.gPrimeFromVisibleSigma(NORM.signalEventsUpperLimit(mu) / NORM.luminosity().inversePicobarn());
            assertEquals(NORM.gPrimeUpperLimit(mu), viaSigma, 1e-14 * Math.max(1e-3, viaSigma), "mu = " + mu);
            // mu = 1 means the reference coupling; sigma scales as g'^2
            double g = NORM.gPrimeUpperLimit(mu);
            assertEquals(mu * NORM.sigmaRefPb(), NORM.sigmaAtUnitCouplingPb() * g * g, 1e-12 * NORM.sigmaRefPb() * Math.max(mu, 1e-3));
        }
        assertEquals(0.01, NORM.gPrimeUpperLimit(1.0), 1e-16);
    }

    @Test
    void fromAModel() {
        double mass = 3.0;
        SignalNormalisation n = SignalNormalisation.of(mass, 40.0, 0.02, ZPrimeModel.lmuLtau(), 0.3, Luminosity.MILESTONE_50_FB);
        assertEquals(40.0 * 4e-4, n.sigmaRefPb(), 1e-15);
        assertEquals(LmuLtauZPrime.INSTANCE.brInvisible(mass), n.brInvisible(), 0.0);
        assertEquals(40.0 * 4e-4 * n.brInvisible() * 0.3 * 5e4, n.expectedSignalEvents(), 1e-9);
        SignalNormalisation dark = SignalNormalisation.of(mass, 40.0, 0.02, ZPrimeModel.darkDominated(), 0.3, Luminosity.MILESTONE_50_FB);
        assertEquals(1.0, dark.brInvisible());
        // the same mu limit means the same g' limit (same g'_ref), but the same visible cross-section
        // limit means a smaller g' when more Z' decay invisibly: g'_UL scales as 1/sqrt(BR_inv)
        assertEquals(n.gPrimeUpperLimit(0.3), dark.gPrimeUpperLimit(0.3), 0.0);
        assertTrue(dark.gPrimeFromVisibleSigma(1e-3) < n.gPrimeFromVisibleSigma(1e-3));
        assertEquals(Math.sqrt(n.brInvisible()), dark.gPrimeFromVisibleSigma(1e-3) / n.gPrimeFromVisibleSigma(1e-3), 1e-14);
    }

    @Test
    void interpretsObservedAndEveryExpectedQuantile() {
        ExpectedBand mu = new ExpectedBand(0.04, 0.09, 0.16, 0.25, 0.36);
        InterpretedLimit r = NORM.interpret(0.49, mu);
        assertEquals(2.0, r.mass());
        assertEquals(0.49, r.muObserved());
        assertEquals(mu, r.muExpected());
        assertEquals(0.007, r.gPrimeObserved(), 1e-15);
        assertArrayEquals(new double[] {0.002, 0.003, 0.004, 0.005, 0.006}, r.gPrimeExpected().toArray(), 1e-15);
        assertEquals(0.49 * 5.0, r.sigmaTimesBrObservedPb(), 1e-14);
        assertArrayEquals(new double[] {0.2, 0.45, 0.8, 1.25, 1.8}, r.sigmaTimesBrExpectedPb().toArray(), 1e-14);
    }

    @Test
    void rejectsBadInput() {
        Luminosity l = Luminosity.PHASE2_2018;
        assertThrows(InvalidInputException.class, () -> new SignalNormalisation(2.0, 0.0, 0.01, 0.5, 0.2, l));
        assertThrows(InvalidInputException.class, () -> new SignalNormalisation(2.0, 1.0, -0.01, 0.5, 0.2, l));
        assertThrows(InvalidInputException.class, () -> new SignalNormalisation(2.0, 1.0, 0.01, 1.5, 0.2, l));
        assertThrows(InvalidInputException.class, () -> new SignalNormalisation(2.0, 1.0, 0.01, 0.5, 0.0, l));
        assertThrows(InvalidInputException.class, () -> new SignalNormalisation(2.0, 1.0, 0.01, 0.5, Double.NaN, l));
        assertThrows(InvalidInputException.class, () -> new SignalNormalisation(2.0, 1.0, 0.01, 0.5, 0.2, null));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NORM.gPrimeUpperLimit(-1.0));
        assertTrue(e.getMessage().contains("M = 2.0"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> NORM.gPrimeUpperLimit(Double.NaN));
        assertThrows(InvalidInputException.class, () -> NORM.gPrimeFromVisibleSigma(Double.POSITIVE_INFINITY));
    }

    @Test
    void expectedBandMapping() {
        ExpectedBand b = ExpectedBand.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(3.0, b.median());
        assertArrayEquals(new double[] {1, 4, 9, 16, 25}, b.map(v -> v * v).toArray());
        assertThrows(InvalidInputException.class, () -> ExpectedBand.of(new double[] {1, 2, 3, 4}));
    }
}
