package org.recoil.limits.scan;

import java.util.ArrayList;
import java.util.List;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.bayes.BayesianCalculator;
import org.recoil.limits.bayes.BayesianExpected;
import org.recoil.limits.bayes.BayesianResult;
import org.recoil.limits.bayes.McmcOptions;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.calc.HypoTestCalculator;
import org.recoil.limits.calc.ToyCalculator;
import org.recoil.limits.calc.ToyOptions;
import org.recoil.limits.calc.ExpectedBand;
import org.recoil.limits.interval.UpperLimit;
import org.recoil.limits.interval.UpperLimitResult;

/**
 * How the upper limit on μ of one mass point is computed. Implementations are immutable and
 * thread-safe; randomness comes only from the seed passed in. They are small serialisable records,
 * so that a distributed {@link ScanExecutor} can ship them to its workers.
 */
public sealed interface LimitMethod extends java.io.Serializable permits LimitMethod.Asymptotic, LimitMethod.Toys, LimitMethod.Bayesian {

    /** @return the method's name in configs and reports: {@code asymptotic}, {@code toys}, {@code bayesian} */
    String name();

    /**
     * @param model the model of one mass point
     * @param minimizer the minimiser
     * @param cl confidence (credibility) level
     * @param seed seed for this mass point (ignored by deterministic methods)
     * @return observed and expected limits on the model's POI
     * @throws org.recoil.core.ComputationException if a fit or the limit search fails
     */
    MuLimit compute(StatModel model, Minimizer minimizer, double cl, long seed);

    /**
     * @param name {@code asymptotic}, {@code toys} or {@code bayesian}
     * @param toys toys per hypothesis (used by {@code toys}), or pseudo-experiments of the expected
     *             band (used by {@code bayesian})
     * @return the method
     * @throws InvalidInputException for another name
     */
    static LimitMethod byName(String name, int toys) {
        return switch (name) {
            case "asymptotic" -> new Asymptotic();
            case "toys" -> new Toys(toys);
            case "bayesian" -> new Bayesian(toys);
            default -> throw new InvalidInputException("unknown limit method '" + name
                    + "', expected asymptotic, toys or bayesian");
        };
    }

    /**
     * Asymptotic CLs with q̃<sub>μ</sub> (Cowan, Cranmer, Gross, Vitells, arXiv:1007.1727; Read,
     * J. Phys. G 28 (2002) 2693): {@link AsymptoticCalculator} and the {@link UpperLimit} search; the
     * expected band from the Asimov dataset.
     */
    record Asymptotic() implements LimitMethod {
        @Override
        public String name() {
            return "asymptotic";
        }

        @Override
        public MuLimit compute(StatModel model, Minimizer minimizer, double cl, long seed) {
            return search(new AsymptoticCalculator(model, minimizer), cl);
        }
    }

    /**
     * CLs from toys ({@link ToyCalculator}, q̃<sub>μ</sub>), one thread per mass point (the scan runs
     * points in parallel), toy streams derived from the point's seed.
     *
     * @param toys toys per hypothesis, &ge; 1
     */
    record Toys(int toys) implements LimitMethod {
        /** Validates the number of toys. */
        public Toys {
            if (toys < 1) {
                throw new InvalidInputException("the number of toys must be at least 1, got " + toys);
            }
        }

        @Override
        public String name() {
            return "toys";
        }

        @Override
        public MuLimit compute(StatModel model, Minimizer minimizer, double cl, long seed) {
            return search(new ToyCalculator(model, minimizer, ToyOptions.of(toys, seed).withThreads(1)), cl);
        }
    }

    /**
     * Bayesian credible upper limits with a flat prior on μ over its declared bounds and the constraint terms as priors of
     * the nuisance parameters ({@link BayesianCalculator}; Belle II's 2020 convention, Phys. Rev. Lett.
     * 124 (2020) 141801): the observed limit from the posterior of the data, the expected band from
     * {@code toys} background-only pseudo-experiments. Nuisance parameters are integrated numerically
     * for up to two of them, else by MCMC (seeded from the point's seed, one thread per point).
     *
     * @param toys background-only pseudo-experiments of the expected band, &ge; 2
     */
    record Bayesian(int toys) implements LimitMethod {
        /** Validates the number of pseudo-experiments. */
        public Bayesian {
            if (toys < 2) {
                throw new InvalidInputException("the Bayesian expected band needs at least 2 pseudo-experiments, got "
                        + toys);
            }
        }

        @Override
        public String name() {
            return "bayesian";
        }

        @Override
        public MuLimit compute(StatModel model, Minimizer minimizer, double cl, long seed) {
            BayesianCalculator c = new BayesianCalculator(model, minimizer)
                    .withMcmc(McmcOptions.defaults(seed).withThreads(1));
            BayesianResult observed = c.upperLimit(cl);
            BayesianExpected expected = c.expectedUpperLimits(cl, ToyOptions.of(toys, seed).withThreads(1));
            List<String> w = new ArrayList<>(observed.warnings());
            w.addAll(expected.warnings());
            return new MuLimit(observed.upperLimit(), expected.expected(), w);
        }
    }

    private static MuLimit search(HypoTestCalculator calculator, double cl) {
        UpperLimitResult r = UpperLimit.atCl(cl).withAccuracy(1e-4, 1e-9).compute(calculator);
        List<String> w = new ArrayList<>(r.warnings());
        return new MuLimit(r.observed(), r.expected(), w);
    }
}
