package org.recoil.limits.calc;

import java.util.Optional;
import org.recoil.fitting.model.StatModel;

/**
 * Flags models where the asymptotic formulae are unreliable because few events carry the
 * information on the signal. The asymptotic distributions of Cowan et al. (arXiv:1007.1727) hold up
 * to O(1/√N) corrections; with a background of a few events the discreteness of the Poisson counts
 * makes asymptotic CLs and limits visibly wrong (in our tests, one bin with b = 1, n = 0 and s = 1:
 * at the asymptotic 90% limit μ = 1.75, toys give CLs = 0.18 ± 0.01 instead of 0.10).
 *
 * <p>Criterion (our choice): the <em>signal bins</em> are the bins whose expected signal
 * ν(μ=1) − ν(μ=0), at the background-only nuisance values, is at least 1% of the largest bin's; if
 * their summed background-only expectation is below {@value #MIN_BACKGROUND} events, a warning
 * suggests toys.
 */
public final class LowCountCheck {

    /** Minimum background-only expectation summed over the signal bins. */
    public static final double MIN_BACKGROUND = 5.0;

    /** Fraction of the largest bin's signal above which a bin counts as a signal bin. */
    public static final double SIGNAL_FRACTION = 0.01;

    private LowCountCheck() {
    }

    /**
     * @param model the model
     * @param backgroundPars parameters of the background-only fit (POI = 0, nuisance parameters profiled)
     * @return a warning if the asymptotic formulae are likely unreliable, else empty
     */
    public static Optional<String> check(StatModel model, double[] backgroundPars) {
        int poi = model.parameters().poiIndex();
        double[] b0 = backgroundPars.clone();
        b0[poi] = 0.0;
        double[] s1 = backgroundPars.clone();
        s1[poi] = 1.0;
        double[] b = model.expectedMain(b0);
        double[] sb = model.expectedMain(s1);
        double maxSignal = 0;
        for (int i = 0; i < b.length; i++) {
            maxSignal = Math.max(maxSignal, Math.abs(sb[i] - b[i]));
        }
        if (maxSignal == 0) {
            return Optional.of("the signal is zero in every bin: the parameter of interest has no effect");
        }
        double bkg = 0;
        int bins = 0;
        for (int i = 0; i < b.length; i++) {
            if (Math.abs(sb[i] - b[i]) >= SIGNAL_FRACTION * maxSignal) {
                bkg += b[i];
                bins++;
            }
        }
        if (bkg < MIN_BACKGROUND) {
            return Optional.of(String.format(java.util.Locale.ROOT,
                    "few expected events: the background-only expectation in the %d signal bin(s) is %.3g"
                            + " (< %.0f); the asymptotic formulae may be inaccurate, use toys"
                            + " (--calc toys / --method toys)", bins, bkg, MIN_BACKGROUND));
        }
        return Optional.empty();
    }
}
