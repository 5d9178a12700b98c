package org.recoil.limits.calc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.teststat.ProfileLikelihood;
import org.recoil.limits.teststat.ProfileLikelihoodStatistic;

/**
 * Discovery p<sub>0</sub> from pseudo-experiments: background-only toys generated at (0, θ̂̂(0)) and
 * signal toys at (1, θ̂̂(1)), the nuisance parameters profiled on the observed data and the global
 * observables randomised by {@link StatModel#sample} (Cowan et al., arXiv:1007.1727, Sec. 2; the
 * frequentist calculator of RooStats / CMS Combine). Each toy's q<sub>0</sub> (Eq. (12)) comes from
 * its own free and μ = 0 fits; p<sub>0</sub> = P(q<sub>0</sub> ≥ q<sub>0,obs</sub> | 0) with its
 * binomial error, and the expected band is formed as pyhf 0.7's toy calculator does with
 * {@code test_stat="q0"}: p<sub>0</sub> of every signal toy's own q<sub>0</sub>, then its Φ(−2), Φ(−1),
 * 0.5, Φ(1), Φ(2) quantiles (ascending). The median expected significance for μ = 1 is the Asimov
 * √q<sub>0,A</sub> of {@link AsymptoticDiscoveryCalculator}.
 *
 * <p>Toys are stored as a {@link ToySet} with μ = 0 (the tested value), {@code background} the
 * μ = 0 toys and {@code signal} the μ = 1 toys; toy {@code i} of the hypothesis generated at μ uses
 * the stream {@link ToySeeds#rng}(seed, {@link ToySeeds#hypothesisKey}(μ), i), so results do not
 * depend on the number of threads, and sets of consecutive ranges {@link ToySet#merge merge} into
 * the single run's set. A toy whose fit fails is NaN and excluded; above
 * {@link ToyOptions#maxFailedFraction()} failed the calculation throws.
 *
 * <p>Immutable and thread-safe.
 */
public final class ToyDiscoveryCalculator implements DiscoveryCalculator {

    /** The generating value of the signal toys. */
    private static final double SIGNAL_MU = 1.0;

    /** Relative tolerance within which a toy's q<sub>0</sub> counts as equal to the observed one. */
    static final double TIE_TOLERANCE = 1e-8;

    private final DiscoveryFits fits;
    private final Data data;
    private final ToyOptions options;
    private final double zExpectedAsimov;

    /**
     * Calculator for the model's observed data.
     *
     * @param model the model; its POI range must contain 0
     * @param minimizer the minimiser
     * @param options toys (per hypothesis), seed, threads
     * @throws InvalidInputException if the POI cannot be 0
     * @throws FitFailedException if a fit of the data fails
     */
    public ToyDiscoveryCalculator(StatModel model, Minimizer minimizer, ToyOptions options) {
        this(model, model.observed(), minimizer, options);
    }

    /**
     * @param model the model; its POI range must contain 0
     * @param data the dataset tested
     * @param minimizer the minimiser
     * @param options toys (per hypothesis), seed, threads
     * @throws InvalidInputException if the POI cannot be 0
     * @throws FitFailedException if a fit of the data fails
     */
    public ToyDiscoveryCalculator(StatModel model, Data data, Minimizer minimizer, ToyOptions options) {
        this.fits = DiscoveryFits.of(new ProfileLikelihood(model, minimizer), data);
        this.data = data;
        this.options = options;
        this.zExpectedAsimov = AsymptoticDiscoveryCalculator.asimovSignificance(fits);
    }

    @Override
    public StatModel model() {
        return fits.likelihood().model();
    }

    @Override
    public String name() {
        return "toys";
    }

    /** @return the settings */
    public ToyOptions options() {
        return options;
    }

    /** @return the dataset tested */
    public Data data() {
        return data;
    }

    /**
     * Generates toys {@code firstToy ... firstToy + count − 1} of both hypotheses.
     *
     * @param firstToy index of the first toy
     * @param count toys per hypothesis
     * @return the toy set (μ = 0; failed toys as NaN)
     */
    public ToySet generate(int firstToy, int count) {
        if (firstToy < 0 || count < 1) {
            throw new InvalidInputException("toys: first index must be >= 0 and count >= 1, got " + firstToy
                    + " and " + count);
        }
        long total = 2L * count;
        AtomicLong done = new AtomicLong();
        ProgressListener progress = (d, n) -> options.progress().update(done.incrementAndGet(), total);
        double[] sig = run(fits.signalFit().values(), ToySeeds.hypothesisKey(SIGNAL_MU), firstToy, count, progress);
        double[] bkg = run(fits.backgroundFit().values(), ToySeeds.hypothesisKey(0.0), firstToy, count, progress);
        return new ToySet(ProfileLikelihoodStatistic.Q0.id(), 0.0, options.seed(), fits.q0(), firstToy, sig, bkg);
    }

    private double[] run(double[] genPars, long key, int first, int count, ProgressListener progress) {
        List<Double> v = IndexedTasks.run(count, options.threads(), "q0-toys", progress,
                j -> toy(genPars, key, first + j));
        double[] out = new double[count];
        for (int j = 0; j < count; j++) {
            out[j] = v.get(j);
        }
        return out;
    }

    private double toy(double[] genPars, long key, int index) {
        ProfileLikelihood lh = fits.likelihood();
        Data toy = lh.model().sample(genPars, ToySeeds.rng(options.seed(), key, index));
        try {
            double q = ProfileLikelihoodStatistic.Q0.evaluate(lh, toy, 0.0, genPars);
            return Double.isFinite(q) ? q : Double.NaN;
        } catch (FitFailedException e) {
            return Double.NaN;
        }
    }

    @Override
    public DiscoveryResult discovery() {
        return evaluate(generate(0, options.toys()));
    }

    /**
     * p<sub>0</sub>, its error and the expected band from a (possibly merged) toy set.
     *
     * @param set q<sub>0</sub> toys of this model and data
     * @return the result
     * @throws InvalidInputException if the set is not a q<sub>0</sub> set of this data
     * @throws ComputationException if too many toys failed
     */
    public DiscoveryResult evaluate(ToySet set) {
        if (!set.testStatistic().equals(ProfileLikelihoodStatistic.Q0.id()) || set.mu() != 0.0) {
            throw new InvalidInputException("toy set " + set + " is not a discovery (q0, mu = 0) toy set");
        }
        if (Double.compare(set.observedTestStatistic(), fits.q0()) != 0) {
            throw new InvalidInputException("toy set has observed q0 = " + set.observedTestStatistic()
                    + " but these data give " + fits.q0() + " (another model or dataset?)");
        }
        double[] b = ToyCalculator.finiteSorted(set.background());
        double[] s = ToyCalculator.finiteSorted(set.signal());
        int failedB = set.size() - b.length;
        int failedS = set.size() - s.length;
        int failed = failedB + failedS;
        if (failed / (2.0 * set.size()) > options.maxFailedFraction() || b.length == 0 || s.length == 0) {
            throw new ComputationException(String.format(Locale.ROOT,
                    "%d of %d discovery toys failed their fits (%d background-only, %d signal), more than the"
                            + " tolerated %.1f%%", failed, 2 * set.size(), failedB, failedS,
                    100 * options.maxFailedFraction()));
        }
        double p0 = tail(b, set.observedTestStatistic());
        double p0Error = Math.sqrt(p0 * (1 - p0) / b.length);
        List<String> w = new ArrayList<>();
        double z;
        if (p0 == 0) {
            z = Double.POSITIVE_INFINITY;
            w.add(String.format(Locale.ROOT, "no background-only toy of %d reaches the observed q0 = %.4g: p0 < %.3g"
                    + " (Z > %.3g); generate more toys", b.length, set.observedTestStatistic(), 1.0 / b.length,
                    NormalDistribution.of(0, 1).inverseSurvivalProbability(1.0 / b.length)));
        } else {
            z = NormalDistribution.of(0, 1).inverseSurvivalProbability(p0);
        }
        double[] p0OfSignal = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            p0OfSignal[i] = tail(b, s[i]);
        }
        Percentile pct = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        pct.setData(p0OfSignal);
        double[] band = new double[ExpectedBand.SIZE];
        for (int k = 0; k < band.length; k++) {
            band[k] = pct.evaluate(100 * ExpectedBand.probability(k));
        }
        Arrays.sort(band);
        if (failed > 0) {
            w.add(String.format(Locale.ROOT, "%d of %d discovery toys failed their fits and were excluded",
                    failed, 2 * set.size()));
        }
        return new DiscoveryResult(p0, z, set.observedTestStatistic(), fits.muHat(), ExpectedBand.of(band), zExpectedAsimov, name(),
                fits.freeFit(), fits.backgroundFit(),
                Optional.of(new DiscoveryResult.ToyDetails(b.length, s.length, failedB, failedS, p0Error)), w);
    }

    /**
     * Fraction of the sorted q<sub>0</sub> values that reach {@code q}: ties within the fits'
     * precision ({@value #TIE_TOLERANCE} relative) count, so that a toy with the observed counts
     * reaches the observed value and discrete data give p<sub>0</sub> = P(N ≥ n | b) exactly.
     */
    private static double tail(double[] sorted, double q) {
        return ToyCalculator.tail(sorted, q - TIE_TOLERANCE * Math.max(1.0, q));
    }
}
