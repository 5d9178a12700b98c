package org.recoil.limits.teststat;

import java.util.Optional;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.Parameters;

/**
 * The profile-likelihood-ratio test statistics of Cowan, Cranmer, Gross and Vitells, "Asymptotic
 * formulae for likelihood-based tests of new physics", Eur. Phys. J. C 71 (2011) 1554,
 * arXiv:1007.1727. With λ(μ) = L(μ, θ̂̂(μ)) / L(μ̂, θ̂) (Eq. (7)), every statistic is
 * −2 ln λ(μ) = twiceNll(conditional fit) − twiceNll(free fit), clipped at 0 as pyhf does (a
 * conditional fit can end a rounding error below the free one), and set to 0 on the side the
 * statistic ignores.
 *
 * <p>Bounded parameter of interest, as pyhf: the free fit respects the model's POI bounds. With a
 * POI lower bound of 0 the bounded μ̂ realises λ̃(μ) of Eq. (10) (the denominator becomes
 * L(0, θ̂̂(0)) when the unbounded μ̂ would be negative), so {@link #Q_MU_TILDE} and
 * {@link #T_MU_TILDE} need that bound; {@link #Q_MU} and {@link #T_MU} need a POI range that lets
 * μ̂ go negative (see {@link org.recoil.limits.model.PoiBoundedModel#withPoiBounds}). With the
 * "wrong" bounds the value is still computed, and {@link #boundsWarning} says so (pyhf logs the same).
 */
public enum ProfileLikelihoodStatistic implements TestStatistic {

    /**
     * q̃<sub>μ</sub> of Eq. (16): −2 ln λ̃(μ) if μ̂ ≤ μ, else 0 (upper limits with μ ≥ 0). pyhf's
     * {@code qtilde}, the default for limits.
     */
    Q_MU_TILDE("qtilde"),
    /** q<sub>μ</sub> of Eq. (14): −2 ln λ(μ) if μ̂ ≤ μ, else 0 (upper limits, μ̂ unbounded below). */
    Q_MU("q"),
    /** t̃<sub>μ</sub> of Eq. (11): −2 ln λ̃(μ), two-sided, μ ≥ 0. */
    T_MU_TILDE("ttilde"),
    /** t<sub>μ</sub> of Eq. (8): −2 ln λ(μ), two-sided. */
    T_MU("t"),
    /**
     * q<sub>0</sub> of Eq. (12): −2 ln λ(0) if μ̂ ≥ 0, else 0 (discovery). The hypothesised value
     * passed to {@link #evaluate} is the null value, conventionally 0.
     */
    Q0("q0");

    private final String shortName;

    ProfileLikelihoodStatistic(String shortName) {
        this.shortName = shortName;
    }

    @Override
    public String id() {
        return shortName;
    }

    /**
     * @param name a pyhf name: {@code qtilde}, {@code q}, {@code ttilde}, {@code t} or {@code q0}
     * @return the statistic
     * @throws InvalidInputException for an unknown name
     */
    public static ProfileLikelihoodStatistic fromName(String name) {
        for (ProfileLikelihoodStatistic s : values()) {
            if (s.shortName.equals(name)) {
                return s;
            }
        }
        throw new InvalidInputException("unknown test statistic '" + name + "'; expected qtilde, q, ttilde, t or q0");
    }

    /**
     * The statistic from the two fits' results.
     *
     * @param mu hypothesised POI value
     * @param muHat POI value of the free fit (bounded as the model's POI)
     * @param twiceNllConditional −2 ln L of the conditional fit at {@code mu}
     * @param twiceNllFree −2 ln L of the free fit
     * @return the value, ≥ 0
     */
    public double value(double mu, double muHat, double twiceNllConditional, double twiceNllFree) {
        if (this == Q_MU_TILDE || this == Q_MU) {
            if (muHat > mu) {
                return 0.0;
            }
        } else if (this == Q0 && muHat < mu) {
            return 0.0;
        }
        return Math.max(twiceNllConditional - twiceNllFree, 0.0);
    }

    /**
     * The statistic from fit results.
     *
     * @param mu hypothesised POI value
     * @param conditional conditional fit at {@code mu}
     * @param free free fit
     * @param poiIndex index of the POI in the parameter vector
     * @return the value, ≥ 0
     */
    public double value(double mu, FitResult conditional, FitResult free, int poiIndex) {
        return value(mu, free.value(poiIndex), conditional.twiceNll(), free.twiceNll());
    }

    /** @return whether the statistic is 0 for μ̂ above the tested value (q̃<sub>μ</sub>, q<sub>μ</sub>) */
    public boolean isOneSidedUpper() {
        return this == Q_MU_TILDE || this == Q_MU;
    }

    /** @return whether the statistic assumes a POI bounded below at 0 (the "tilde" ones) */
    public boolean isTilde() {
        return this == Q_MU_TILDE || this == T_MU_TILDE;
    }

    /**
     * Whether the model's POI bounds suit this statistic, as pyhf's checks.
     *
     * @param parameters the model parameters
     * @return a warning when the tilde statistics meet a POI lower bound other than 0 or the plain
     *         ones a lower bound of 0; empty otherwise
     */
    public Optional<String> boundsWarning(Parameters parameters) {
        int poi = parameters.poiIndex();
        double lower = parameters.lower(poi);
        String name = parameters.names().get(poi);
        if (isTilde() && lower != 0.0) {
            return Optional.of("test statistic " + shortName + " assumes the POI '" + name
                    + "' is bounded below at 0, but its lower bound is " + lower);
        }
        if ((this == Q_MU || this == T_MU) && lower == 0.0) {
            return Optional.of("test statistic " + shortName + " used with the POI '" + name
                    + "' bounded below at 0: it equals " + (this == Q_MU ? "qtilde" : "ttilde")
                    + " there; widen the POI range below 0 or use the tilde statistic");
        }
        return Optional.empty();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Runs the free fit first; for the one-sided statistics the conditional fit is skipped when
     * μ̂ is on the ignored side (the value is then 0 whatever the conditional fit gives).
     */
    @Override
    public double evaluate(ProfileLikelihood likelihood, Data data, double mu, double[] start) {
        int poi = likelihood.poiIndex();
        FitResult free = likelihood.freeFit(data, start);
        double muHat = free.value(poi);
        if ((isOneSidedUpper() && muHat > mu) || (this == Q0 && muHat < mu)) {
            return 0.0;
        }
        FitResult conditional = likelihood.conditionalFit(data, mu, free.values());
        return value(mu, conditional, free, poi);
    }

    @Override
    public boolean needsFits() {
        return true;
    }

    @Override
    public String toString() {
        return shortName;
    }
}
