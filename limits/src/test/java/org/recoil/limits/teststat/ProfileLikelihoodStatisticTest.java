package org.recoil.limits.teststat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.TestSupport;
import org.recoil.limits.model.CountingModel;
import org.recoil.limits.model.PoiBoundedModel;

/** Every statistic against the closed form of one Poisson bin with known background. */
class ProfileLikelihoodStatisticTest {

    private static final double S = 5;
    private static final double B = 50;

    private static double nll2(double nu, double n) {
        return 2 * (nu - n * Math.log(nu));
    }

    private static double eval(ProfileLikelihoodStatistic t, double n, double lower, double mu) {
        StatModel m = PoiBoundedModel.withPoiBounds(CountingModel.builder().bin(S, B, n).build(), lower, 10);
        ProfileLikelihood pl = new ProfileLikelihood(m, TestSupport.minimizer());
        return t.evaluate(pl, m.observed(), mu, m.parameters().inits());
    }

    @Test
    void excessAboveMu() {
        double n = 70; // muhat = 4
        double muHat = (n - B) / S;
        assertEquals(0.0, eval(ProfileLikelihoodStatistic.Q_MU_TILDE, n, 0, 1.0), 0);
        assertEquals(0.0, eval(ProfileLikelihoodStatistic.Q_MU, n, -5, 1.0), 0);
        double t = nll2(S + B, n) - nll2(muHat * S + B, n);
        assertEquals(t, eval(ProfileLikelihoodStatistic.T_MU, n, -5, 1.0), 1e-9);
        assertEquals(t, eval(ProfileLikelihoodStatistic.T_MU_TILDE, n, 0, 1.0), 1e-9);
        double q0 = nll2(B, n) - nll2(muHat * S + B, n);
        assertEquals(q0, eval(ProfileLikelihoodStatistic.Q0, n, 0, 0.0), 1e-9);
    }

    @Test
    void deficitBelowZeroDistinguishesTildeFromPlain() {
        double n = 42; // unbounded muhat = -1.6
        double muHat = (n - B) / S;
        double mu = 1.0;
        double plain = nll2(mu * S + B, n) - nll2(muHat * S + B, n);
        double tilde = nll2(mu * S + B, n) - nll2(B, n); // lambda~: denominator at mu = 0
        assertEquals(plain, eval(ProfileLikelihoodStatistic.Q_MU, n, -5, mu), 1e-9);
        assertEquals(tilde, eval(ProfileLikelihoodStatistic.Q_MU_TILDE, n, 0, mu), 1e-9);
        assertEquals(plain, eval(ProfileLikelihoodStatistic.T_MU, n, -5, mu), 1e-9);
        assertEquals(tilde, eval(ProfileLikelihoodStatistic.T_MU_TILDE, n, 0, mu), 1e-9);
        assertTrue(plain > tilde);
        // q0 = 0 for a deficit (Eq. 12)
        assertEquals(0.0, eval(ProfileLikelihoodStatistic.Q0, n, -5, 0.0), 0);
    }

    @Test
    void valueFromFitsClipsNegativeDifferences() {
        assertEquals(0.0, ProfileLikelihoodStatistic.T_MU.value(1.0, 0.5, 10.0, 10.0 + 1e-12), 0);
        assertEquals(0.0, ProfileLikelihoodStatistic.Q_MU_TILDE.value(1.0, 1.5, 20.0, 10.0), 0);
        assertEquals(10.0, ProfileLikelihoodStatistic.T_MU_TILDE.value(1.0, 1.5, 20.0, 10.0), 0);
    }

    @Test
    void boundsWarningsAsPyhf() {
        var bounded = CountingModel.of(1, 10, 10).parameters();
        var free = CountingModel.builder().bin(1, 10, 10).poiBounds(-3, 10).build().parameters();
        assertFalse(ProfileLikelihoodStatistic.Q_MU_TILDE.boundsWarning(bounded).isPresent());
        assertTrue(ProfileLikelihoodStatistic.Q_MU_TILDE.boundsWarning(free).isPresent());
        assertTrue(ProfileLikelihoodStatistic.Q_MU.boundsWarning(bounded).isPresent());
        assertFalse(ProfileLikelihoodStatistic.Q_MU.boundsWarning(free).isPresent());
        assertEquals(ProfileLikelihoodStatistic.Q0, ProfileLikelihoodStatistic.fromName("q0"));
    }
}
