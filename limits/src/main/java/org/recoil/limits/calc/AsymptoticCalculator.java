package org.recoil.limits.calc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.teststat.ProfileLikelihood;
import org.recoil.limits.teststat.ProfileLikelihoodStatistic;

/**
 * CLs from the asymptotic distributions of q̃<sub>μ</sub> or q<sub>μ</sub> (Cowan, Cranmer, Gross,
 * Vitells, arXiv:1007.1727), computed as pyhf 0.7's {@code AsymptoticCalculator}:
 * <ol>
 *   <li>the Asimov dataset is the model's expectation (main counts and auxiliary data) at the
 *       background-only conditional fit of the observed data, μ = 0 and θ = θ̂̂(0) (Sec. 3.2);</li>
 *   <li>at each μ, the statistic is evaluated on the observed data (q) and on the Asimov data
 *       (q<sub>μ,A</sub>), each with its own free and conditional fits; σ = μ/√q<sub>μ,A</sub>;</li>
 *   <li>CLs+b, CLb and the expected band follow from {@link AsymptoticFormulae}.</li>
 * </ol>
 * The Asimov dataset and the two free fits do not depend on μ and are computed once, in the
 * constructor. Fits start from the nearest known minimum rather than the model's initial values
 * (pyhf's choice), which gives the same minima faster: conditional fits of the data from the free
 * fit, the free and conditional fits of the Asimov data from the background-only fit they were
 * generated at. Immutable and thread-safe.
 */
public final class AsymptoticCalculator implements HypoTestCalculator {

    private final ProfileLikelihood likelihood;
    private final Data data;
    private final ProfileLikelihoodStatistic statistic;
    private final FitResult freeFit;
    private final FitResult backgroundFit;
    private final Data asimov;
    private final FitResult asimovFreeFit;
    private final List<String> warnings;

    /**
     * Calculator for the model's observed data with q̃<sub>μ</sub>.
     *
     * @param model the model
     * @param minimizer the minimiser
     * @throws FitFailedException if the free or background-only fit of the data fails
     */
    public AsymptoticCalculator(StatModel model, Minimizer minimizer) {
        this(model, model.observed(), minimizer, ProfileLikelihoodStatistic.Q_MU_TILDE);
    }

    /**
     * @param model the model
     * @param data the dataset to test
     * @param minimizer the minimiser
     * @param statistic {@link ProfileLikelihoodStatistic#Q_MU_TILDE} or {@link ProfileLikelihoodStatistic#Q_MU}
     * @throws InvalidInputException for another statistic
     * @throws FitFailedException if the free or background-only fit of the data fails
     */
    public AsymptoticCalculator(StatModel model, Data data, Minimizer minimizer,
                                ProfileLikelihoodStatistic statistic) {
        if (statistic != ProfileLikelihoodStatistic.Q_MU_TILDE && statistic != ProfileLikelihoodStatistic.Q_MU) {
            throw new InvalidInputException("the asymptotic calculator supports the test statistics qtilde and q,"
                    + " not " + statistic.id() + "; use the toy calculator");
        }
        this.likelihood = new ProfileLikelihood(model, minimizer);
        this.data = data;
        this.statistic = statistic;
        this.freeFit = fit(() -> likelihood.freeFit(data), "free fit of the data");
        this.backgroundFit = fit(() -> likelihood.conditionalFit(data, 0.0, freeFit.values()),
                "background-only fit of the data (POI = 0) for the Asimov dataset");
        this.asimov = model.asimov(backgroundFit.values());
        // the Asimov data are the expectation at the background-only fit: that point is their free
        // minimum by construction, so the fit starts there
        this.asimovFreeFit = fit(() -> likelihood.freeFit(asimov, backgroundFit.values()),
                "free fit of the Asimov dataset");
        List<String> w = new ArrayList<>();
        statistic.boundsWarning(model.parameters()).ifPresent(w::add);
        LowCountCheck.check(model, backgroundFit.values()).ifPresent(w::add);
        this.warnings = List.copyOf(w);
    }

    private static FitResult fit(java.util.function.Supplier<FitResult> f, String what) {
        try {
            return f.get();
        } catch (FitFailedException e) {
            throw new FitFailedException(what + ": " + e.getMessage(), e.result());
        }
    }

    @Override
    public HypoTestResult hypotest(double mu) {
        int poi = likelihood.poiIndex();
        FitResult conditional = fit(() -> likelihood.conditionalFit(data, mu, freeFit.values()),
                "conditional fit of the data at " + poiName() + " = " + mu);
        FitResult conditionalAsimov = fit(() -> likelihood.conditionalFit(asimov, mu, backgroundFit.values()),
                "conditional fit of the Asimov dataset at " + poiName() + " = " + mu);
        double q = statistic.value(mu, conditional, freeFit, poi);
        double qA = statistic.value(mu, conditionalAsimov, asimovFreeFit, poi);
        double sqrtQA = Math.sqrt(qA);
        double t = AsymptoticFormulae.standardised(statistic, q, qA);
        double[] p = AsymptoticFormulae.pValues(t, sqrtQA);
        if (!(p[0] >= 0 && p[1] >= 0 && p[2] >= 0)) {
            throw new ComputationException("asymptotic CLs at " + poiName() + " = " + mu + " is not a number (q = "
                    + q + ", q_A = " + qA + ")");
        }
        double sigma = qA > 0 ? Math.abs(mu) / sqrtQA : Double.POSITIVE_INFINITY;
        return new HypoTestResult(mu, p[2], p[0], p[1], AsymptoticFormulae.expectedCls(sqrtQA),
                statistic.id(), q, Optional.of(conditional), Optional.of(freeFit), name(),
                Optional.of(new HypoTestResult.AsymptoticDetails(qA, sigma, conditionalAsimov)),
                Optional.empty(), warnings);
    }

    private String poiName() {
        return likelihood.model().parameters().names().get(likelihood.poiIndex());
    }

    @Override
    public StatModel model() {
        return likelihood.model();
    }

    @Override
    public String name() {
        return "asymptotic";
    }

    /** @return the test statistic */
    public ProfileLikelihoodStatistic statistic() {
        return statistic;
    }

    /** @return the free fit of the data */
    public FitResult freeFit() {
        return freeFit;
    }

    /** @return the background-only (POI = 0) conditional fit of the data the Asimov dataset is built at */
    public FitResult backgroundFit() {
        return backgroundFit;
    }

    /** @return the background-only Asimov dataset */
    public Data asimovData() {
        return asimov;
    }

    /** @return warnings that apply to every result of this calculator (few events, POI bounds) */
    public List<String> warnings() {
        return warnings;
    }
}
