package org.recoil.limits.teststat;

import org.recoil.fitting.model.Data;

/**
 * The total observed event count as test statistic for an upper limit, T = −Σ<sub>i</sub> n<sub>i</sub>
 * (negated so that, as for every {@link TestStatistic}, larger values are less compatible with a
 * signal): the p-value P(T ≥ t<sub>obs</sub> | μ) = P(n ≤ n<sub>obs</sub> | μ s + b). With toys this gives the
 * classical CLs of Read (J. Phys. G 28 (2002) 2693), which for one bin with known background equals
 * the Bayesian flat-prior limit (Helene, NIM 212 (1983) 319). Needs no fit.
 */
public final class EventCount implements TestStatistic {

    /** The single instance. */
    public static final EventCount INSTANCE = new EventCount();

    private EventCount() {
    }

    @Override
    public String id() {
        return "event_count";
    }

    @Override
    public double evaluate(ProfileLikelihood likelihood, Data data, double mu, double[] start) {
        double n = 0;
        for (int i = 0; i < data.mainSize(); i++) {
            n += data.main(i);
        }
        return -n;
    }

    @Override
    public boolean needsFits() {
        return false;
    }

    @Override
    public String toString() {
        return id();
    }
}
