package org.recoil.limits.scan;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.recoil.core.InvalidInputException;
import org.recoil.core.RecoilException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.calc.IndexedTasks;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.calc.ToySeeds;
import org.recoil.limits.model.ObservedDataModel;
import org.recoil.limits.model.PoiBoundedModel;
import org.recoil.limits.teststat.ProfileLikelihood;

/**
 * Bias and coverage of one mass point: pseudo-experiments generated from the point's model at
 * μ<sub>true</sub> with the nuisance parameters at their nominal values and the auxiliary data
 * randomised ({@link StatModel#sample}), each run through the whole per-point analysis: a free fit
 * with the errors from the Hessian ({@link Minimizer#standard()}) for the pull (μ̂ − μ<sub>true</sub>)/σ(μ̂) (POI allowed below 0, down to where the smallest bin's
 * expectation would vanish, so that μ̂ is unbiased at μ<sub>true</sub> = 0) and the upper limit of
 * the scan's {@link LimitMethod}. The coverage is the fraction whose upper limit lies at or above
 * μ<sub>true</sub> (a CL-level limit should cover in at least a fraction CL; CLs is conservative by
 * construction, Read, J. Phys. G 28 (2002) 2693), with its binomial error. Pseudo-experiment
 * {@code t} draws from {@link ToySeeds#rng}(seed, key(μ<sub>true</sub>), t) and the limit method gets
 * its own seed from the same, so results do not depend on the number of threads. Stateless.
 */
public final class CoverageStudy {

    private static final long SEED_PURPOSE = 0xC0FEL;

    private CoverageStudy() {
    }

    /** One pseudo-experiment: pull and upper limit, or NaN for a failure. */
    private record Toy(double pull, double upperLimit) {
    }

    /**
     * @param job the prepared mass point ({@link MassScan#jobs})
     * @param method the limit method
     * @param cl the confidence level
     * @param muTrue the generated signal strength, &ge; 0
     * @param toys pseudo-experiments, &ge; 2
     * @param seed master seed
     * @param threads worker threads
     * @param minimizer one minimiser per pseudo-experiment, for the limit (the pull's fit uses
     *                  {@link Minimizer#standard()}, which computes the error of μ̂)
     * @param progress receives (done, total)
     * @return pulls, coverage and failures
     * @throws InvalidInputException for μ<sub>true</sub> &lt; 0 or fewer than 2 pseudo-experiments
     */
    public static CoverageResult run(PointJob job, LimitMethod method, double cl, double muTrue, int toys, long seed,
                                     int threads, Supplier<Minimizer> minimizer, ProgressListener progress) {
        if (!(muTrue >= 0) || !Double.isFinite(muTrue)) {
            throw new InvalidInputException("the true signal strength must be finite and >= 0, got " + muTrue);
        }
        if (toys < 2) {
            throw new InvalidInputException("a coverage study needs at least 2 pseudo-experiments, got " + toys);
        }
        HistFactoryModel model = HistFactoryModel.of(job.workspace());
        int poi = model.parameters().poiIndex();
        double[] gen = model.parameters().inits();
        gen[poi] = muTrue;
        StatModel pullModel = PoiBoundedModel.withPoiBounds(model, lowestMu(model),
                Math.max(model.parameters().upper(poi), 2 * muTrue + 1));
        long key = ToySeeds.hypothesisKey(muTrue) ^ SEED_PURPOSE;
        List<Toy> out = IndexedTasks.run(toys, threads, "recoil-coverage", progress, t -> {
            Minimizer m = minimizer.get();
            Data data = model.sample(gen, ToySeeds.rng(seed, key, t));
            try {
                MuLimit ul = method.compute(new ObservedDataModel(model, data), m, cl, ToySeeds.key(seed, key, t));
                if (!Double.isFinite(ul.observed())) {
                    return new Toy(Double.NaN, Double.NaN);
                }
                return new Toy(pull(pullModel, data, poi, muTrue), ul.observed());
            } catch (RecoilException | ArithmeticException | IllegalArgumentException | IllegalStateException e) {
                return new Toy(Double.NaN, Double.NaN);
            }
        });
        double[] uls = out.stream().mapToDouble(Toy::upperLimit).filter(Double::isFinite).toArray();
        double[] pulls = out.stream().filter(t -> Double.isFinite(t.upperLimit())).mapToDouble(Toy::pull)
                .filter(Double::isFinite).toArray();
        int ok = uls.length;
        if (ok < 2 || pulls.length < 2) {
            throw new org.recoil.core.ComputationException("coverage study at M = " + job.mass() + " GeV: only " + ok
                    + " of " + toys + " pseudo-experiments succeeded");
        }
        double mean = Arrays.stream(pulls).average().orElseThrow();
        double var = 0;
        for (double p : pulls) {
            var += (p - mean) * (p - mean);
        }
        double width = Math.sqrt(var / (pulls.length - 1));
        long covered = Arrays.stream(uls).filter(u -> u >= muTrue).count();
        double c = covered / (double) ok;
        Percentile pct = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        return new CoverageResult(job.mass(), muTrue, method.name(), cl, toys, toys - ok, ok - pulls.length, mean,
                width / Math.sqrt(pulls.length),
                width, c, Math.sqrt(c * (1 - c) / ok), pct.evaluate(uls, 50));
    }

    /** The pull of the free fit, NaN when μ̂ sits at its lower bound or its error is not defined. */
    private static double pull(StatModel pullModel, Data data, int poi, double muTrue) {
        try {
            FitResult free = new ProfileLikelihood(pullModel, Minimizer.standard()).freeFit(data);
            double lower = pullModel.parameters().lower(poi);
            if (free.value(poi) <= lower + 1e-6 * Math.max(1.0, Math.abs(lower))) {
                return Double.NaN;
            }
            return (free.value(poi) - muTrue) / free.error(poi);
        } catch (RecoilException | ArithmeticException e) {
            return Double.NaN;
        }
    }

    /**
     * The lowest POI value keeping every bin's nominal expectation positive: 0.9 × min over bins with
     * signal of −b<sub>i</sub>/s<sub>i</sub>.
     */
    private static double lowestMu(StatModel model) {
        double[] p = model.parameters().inits();
        int poi = model.parameters().poiIndex();
        p[poi] = 0;
        double[] b = model.expectedMain(p);
        p[poi] = 1;
        double[] sb = model.expectedMain(p);
        double lowest = 0;
        boolean any = false;
        for (int i = 0; i < b.length; i++) {
            double s = sb[i] - b[i];
            if (s > 0) {
                double m = -b[i] / s;
                lowest = any ? Math.max(lowest, m) : m;
                any = true;
            }
        }
        return any ? 0.9 * lowest : 0.0;
    }
}
