package org.recoil.limits.calc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.teststat.ProfileLikelihood;
import org.recoil.limits.teststat.ProfileLikelihoodStatistic;

/**
 * Discovery p<sub>0</sub> from the asymptotic distribution of q<sub>0</sub> (Cowan, Cranmer, Gross,
 * Vitells, arXiv:1007.1727), as pyhf 0.7's {@code AsymptoticCalculator} with {@code test_stat="q0"}:
 * <ul>
 *   <li>observed: q<sub>0</sub> = −2 ln λ(0) for μ̂ ≥ 0, else 0 (Eq. (12)); under μ = 0 its
 *       distribution is ½δ(q<sub>0</sub>) + ½χ²<sub>1</sub> (Eq. (49)), so
 *       p<sub>0</sub> = 1 − Φ(√q<sub>0</sub>) (Eq. (52)) and Z = √q<sub>0</sub> (Eq. (53));</li>
 *   <li>expected: the Asimov dataset for μ = 1 is the model's expectation at (1, θ̂̂(1)) of the
 *       observed data; √q<sub>0,A</sub> on it is the median significance for μ = 1 (Sec. 3.2,
 *       Eq. (29)), and the band puts √q<sub>0</sub> at √q<sub>0,A</sub> + N for N = 2, 1, 0, −1, −2:
 *       p<sub>0</sub>(N) = Φ(−(N + √q<sub>0,A</sub>)), ascending.</li>
 * </ul>
 * All fits run in the constructor; immutable and thread-safe.
 */
public final class AsymptoticDiscoveryCalculator implements DiscoveryCalculator {

    private final StatModel model;
    private final DiscoveryResult result;

    /**
     * Calculator for the model's observed data.
     *
     * @param model the model; its POI range must contain 0
     * @param minimizer the minimiser
     * @throws org.recoil.core.InvalidInputException if the POI cannot be 0
     * @throws org.recoil.fitting.fit.FitFailedException if a fit fails
     */
    public AsymptoticDiscoveryCalculator(StatModel model, Minimizer minimizer) {
        this(model, model.observed(), minimizer);
    }

    /**
     * @param model the model; its POI range must contain 0
     * @param data the dataset tested
     * @param minimizer the minimiser
     * @throws org.recoil.core.InvalidInputException if the POI cannot be 0
     * @throws org.recoil.fitting.fit.FitFailedException if a fit fails
     */
    public AsymptoticDiscoveryCalculator(StatModel model, Data data, Minimizer minimizer) {
        this(DiscoveryFits.of(new ProfileLikelihood(model, minimizer), data));
    }

    AsymptoticDiscoveryCalculator(DiscoveryFits fits) {
        this.model = fits.likelihood().model();
        double sqrtQ0A = asimovSignificance(fits);
        double[] band = new double[ExpectedBand.SIZE];
        for (int k = 0; k < band.length; k++) {
            band[k] = AsymptoticFormulae.phi(-(-ExpectedBand.sigma(k) + sqrtQ0A));
        }
        double z = Math.sqrt(fits.q0());
        List<String> w = new ArrayList<>();
        LowCountCheck.check(fits.likelihood().model(), fits.backgroundFit().values()).ifPresent(w::add);
        this.result = new DiscoveryResult(AsymptoticFormulae.phi(-z), z, fits.q0(), fits.muHat(), ExpectedBand.of(band), sqrtQ0A,
                name(), fits.freeFit(), fits.backgroundFit(), Optional.empty(), w);
    }

    /**
     * √q<sub>0,A</sub> on the μ = 1 Asimov dataset built at the signal fit of the data.
     *
     * @param fits the fits of the data
     * @return the median expected significance
     */
    static double asimovSignificance(DiscoveryFits fits) {
        ProfileLikelihood lh = fits.likelihood();
        double[] gen = fits.signalFit().values();
        Data asimov = lh.model().asimov(gen);
        // the Asimov data are the expectation at the generating point: their free minimum by construction
        FitResult free = DiscoveryFits.fit(() -> lh.freeFit(asimov, gen), "free fit of the mu = 1 Asimov dataset");
        FitResult bkg = DiscoveryFits.fit(() -> lh.conditionalFit(asimov, 0.0, gen),
                "background-only fit of the mu = 1 Asimov dataset");
        return Math.sqrt(ProfileLikelihoodStatistic.Q0.value(0.0, bkg, free, lh.poiIndex()));
    }

    @Override
    public DiscoveryResult discovery() {
        return result;
    }

    @Override
    public StatModel model() {
        return model;
    }

    @Override
    public String name() {
        return "asymptotic";
    }
}
