package org.recoil.limits.bayes;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.recoil.core.ComputationException;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.model.StatModel;
import org.recoil.fitting.model.TwiceNllFunction;
import org.recoil.limits.calc.ToySeeds;

/**
 * Adaptive Metropolis sampling of the posterior p(μ, θ | data) ∝ π(μ) L(μ, θ) over the free
 * parameters, with several independent chains (Haario, Saksman, Tamminen, "An adaptive Metropolis
 * algorithm", Bernoulli 7 (2001) 223): Gaussian random-walk proposals whose covariance is
 * (2.38²/d) times the running covariance of the chain, and a global scale tuned towards 23.4%
 * acceptance by Robbins–Monro steps (Andrieu and Thoms, Stat. Comput. 18 (2008) 343, Alg. 4).
 * Adaptation happens during burn-in only; afterwards the proposal is frozen, so the kept samples
 * come from a Metropolis chain with the exact target. Chains start overdispersed around the mode
 * (twice the fit's standard deviations) and run in parallel with their own streams
 * (seed, chain); results do not depend on the thread count.
 */
public final class AdaptiveMetropolis {

    /** Hypothesis key of the chain streams in {@link ToySeeds}. */
    private static final long CHAIN_KEY = 0x4d434d43L; // "MCMC"
    private static final double TARGET_ACCEPTANCE = 0.234;

    private AdaptiveMetropolis() {
    }

    /**
     * The kept samples of the POI and the diagnostics.
     *
     * @param poiSamples per chain, the POI value at each kept step
     * @param acceptanceRate accepted fraction of proposals after burn-in
     * @param maxRHat largest Gelman–Rubin R̂ over the free parameters
     * @param effectiveSampleSize effective sample size of the POI (batch means, all chains)
     */
    public record Output(double[][] poiSamples, double acceptanceRate, double maxRHat, double effectiveSampleSize) {
    }

    /**
     * Runs the chains.
     *
     * @param model the model
     * @param data the dataset
     * @param prior prior of the POI (its support bounds the POI; other parameters are bounded by the model)
     * @param mode start point (full parameter vector, usually the free fit)
     * @param covariance covariance of the free parameters at the mode, in the order of {@code free}
     * @param free indices of the sampled parameters (the others stay at {@code mode})
     * @param options chains, steps, seed
     * @return samples and diagnostics
     */
    public static Output sample(StatModel model, Data data, Prior prior, double[] mode, double[][] covariance,
                                int[] free, McmcOptions options) {
        int chains = options.chains();
        long total = (long) chains * (options.burnIn() + options.samples());
        AtomicLong done = new AtomicLong();
        ChainResult[] results = new ChainResult[chains];
        Runnable work = () -> IntStream.range(0, chains).parallel().forEach(c ->
                results[c] = new Chain(model, data, prior, mode, covariance, free, options, c, done, total).run());
        if (options.threads() == 1) {
            for (int c = 0; c < chains; c++) {
                results[c] = new Chain(model, data, prior, mode, covariance, free, options, c, done, total).run();
            }
        } else {
            ForkJoinPool pool = new ForkJoinPool(Math.min(options.threads(), chains));
            try {
                pool.submit(work).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComputationException("MCMC interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new ComputationException("MCMC failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        int d = free.length;
        int n = options.samples();
        double maxRHat = 1.0;
        for (int j = 0; j < d; j++) {
            double w = 0;
            double meanOfMeans = 0;
            for (ChainResult r : results) {
                w += r.variance[j] / chains;
                meanOfMeans += r.mean[j] / chains;
            }
            double b = 0;
            for (ChainResult r : results) {
                b += Math.pow(r.mean[j] - meanOfMeans, 2);
            }
            b *= (double) n / (chains - 1);
            double rHat = w > 0 ? Math.sqrt(((n - 1.0) / n * w + b / n) / w) : (b == 0 ? 1.0 : Double.POSITIVE_INFINITY);
            maxRHat = Math.max(maxRHat, rHat);
        }
        double[][] mu = new double[chains][];
        long accepted = 0;
        double ess = 0;
        for (int c = 0; c < chains; c++) {
            mu[c] = results[c].poi;
            accepted += results[c].accepted;
            ess += batchMeansEss(mu[c]);
        }
        return new Output(mu, accepted / ((double) chains * n), maxRHat, ess);
    }

    /** Effective sample size N s² / (b var(batch means)) with 20 batches of length b. */
    static double batchMeansEss(double[] x) {
        int batches = 20;
        int len = x.length / batches;
        double mean = Arrays.stream(x).average().orElse(0);
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= x.length - 1;
        double bm = 0;
        for (int k = 0; k < batches; k++) {
            double s = 0;
            for (int i = k * len; i < (k + 1) * len; i++) {
                s += x[i];
            }
            bm += Math.pow(s / len - mean, 2);
        }
        bm /= batches - 1;
        if (!(bm > 0)) {
            return x.length;
        }
        return Math.min(x.length, x.length * var / (len * bm));
    }

    /** Per-chain output. */
    private record ChainResult(double[] poi, double[] mean, double[] variance, long accepted) {
    }

    /** One chain: its own stream, likelihood function and scratch arrays. */
    private static final class Chain {
        private final StatModel model;
        private final Prior prior;
        private final TwiceNllFunction f;
        private final double[] mode;
        private final int[] free;
        private final int d;
        private final int poiSlot;
        private final double[] lower;
        private final double[] upper;
        private final McmcOptions options;
        private final UniformRandomProvider rng;
        private final ZigguratSampler.NormalizedGaussian gauss;
        private final double[][] covariance;
        private final AtomicLong done;
        private final long total;

        Chain(StatModel model, Data data, Prior prior, double[] mode, double[][] covariance, int[] free,
              McmcOptions options, int index, AtomicLong done, long total) {
            this.model = model;
            this.prior = prior;
            this.f = model.twiceNllFunction(data);
            this.mode = mode;
            this.free = free;
            this.d = free.length;
            Parameters p = model.parameters();
            int slot = -1;
            lower = new double[d];
            upper = new double[d];
            for (int j = 0; j < d; j++) {
                lower[j] = p.lower(free[j]);
                upper[j] = p.upper(free[j]);
                if (free[j] == p.poiIndex()) {
                    slot = j;
                    lower[j] = prior.lower();
                    upper[j] = prior.upper();
                }
            }
            this.poiSlot = slot;
            this.options = options;
            this.rng = ToySeeds.rng(options.seed(), CHAIN_KEY, index);
            this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            this.covariance = covariance;
            this.done = done;
            this.total = total;
        }

        double logTarget(double[] full) {
            for (int j = 0; j < d; j++) {
                double v = full[free[j]];
                if (!(v >= lower[j] && v <= upper[j])) {
                    return Double.NEGATIVE_INFINITY;
                }
            }
            double lp = -0.5 * f.value(full) + prior.logDensity(full[free[poiSlot]]);
            return Double.isNaN(lp) ? Double.NEGATIVE_INFINITY : lp;
        }

        ChainResult run() {
            double[][] l0 = cholesky(covariance, 1.0);
            double[] x = mode.clone();
            double[] z = new double[d];
            double lp = Double.NEGATIVE_INFINITY;
            double spread = 2.0;
            for (int attempt = 0; attempt < 200 && lp == Double.NEGATIVE_INFINITY; attempt++) {
                x = mode.clone();
                step(x, mode, l0, spread, z);
                lp = logTarget(x);
                if (attempt % 10 == 9) {
                    spread *= 0.5;
                }
            }
            if (lp == Double.NEGATIVE_INFINITY) {
                x = mode.clone();
                lp = logTarget(x);
                if (lp == Double.NEGATIVE_INFINITY) {
                    throw new ComputationException("MCMC: the posterior vanishes at the start point (the free fit)");
                }
            }
            double scale = 2.38 * 2.38 / d;
            double[][] prop = cholesky(covariance, scale);
            double logLambda = 0;
            // running covariance of the burn-in (Welford)
            double[] mean = new double[d];
            double[][] m2 = new double[d][d];
            long count = 0;
            double[] y = new double[x.length];
            int burn = options.burnIn();
            int n = options.samples();
            double[] poi = new double[n];
            double[] keptMean = new double[d];
            double[] keptM2 = new double[d];
            long accepted = 0;
            double[] delta = new double[d];
            for (int s = 0; s < burn + n; s++) {
                System.arraycopy(x, 0, y, 0, x.length);
                step(y, x, prop, Math.exp(logLambda), z);
                double ly = logTarget(y);
                boolean accept = ly > Double.NEGATIVE_INFINITY && Math.log(rng.nextDouble()) < ly - lp;
                if (accept) {
                    double[] t = x;
                    x = y;
                    y = t;
                    lp = ly;
                }
                if (s < burn) {
                    count++;
                    for (int j = 0; j < d; j++) {
                        delta[j] = x[free[j]] - mean[j];
                        mean[j] += delta[j] / count;
                    }
                    for (int a = 0; a < d; a++) {
                        double da = x[free[a]] - mean[a];
                        for (int b = 0; b <= a; b++) {
                            m2[a][b] += delta[b] * da;
                        }
                    }
                    logLambda += ((accept ? 1.0 : 0.0) - TARGET_ACCEPTANCE) / Math.sqrt(1.0 + s / 10.0);
                    if ((s + 1) % options.adaptInterval() == 0 && count > 2L * d + 10) {
                        double[][] c = new double[d][d];
                        for (int a = 0; a < d; a++) {
                            for (int b = 0; b <= a; b++) {
                                c[a][b] = m2[a][b] / (count - 1);
                                c[b][a] = c[a][b];
                            }
                            c[a][a] += 1e-12 * Math.max(1.0, mean[a] * mean[a]);
                        }
                        double[][] l = cholesky(c, scale);
                        if (l != null) {
                            prop = l;
                        }
                    }
                } else {
                    int k = s - burn;
                    if (accept) {
                        accepted++;
                    }
                    poi[k] = x[free[poiSlot]];
                    for (int j = 0; j < d; j++) {
                        double v = x[free[j]];
                        double dm = v - keptMean[j];
                        keptMean[j] += dm / (k + 1);
                        keptM2[j] += dm * (v - keptMean[j]);
                    }
                }
                if ((s + 1) % 1000 == 0) {
                    options.progress().update(done.addAndGet(1000), total);
                }
            }
            double[] var = new double[d];
            for (int j = 0; j < d; j++) {
                var[j] = keptM2[j] / (n - 1);
            }
            return new ChainResult(poi, keptMean, var, accepted);
        }

        /** target[free] = centre[free] + factor · L z. */
        private void step(double[] target, double[] centre, double[][] l, double factor, double[] z) {
            for (int j = 0; j < d; j++) {
                z[j] = gauss.sample();
            }
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b <= a; b++) {
                    s += l[a][b] * z[b];
                }
                target[free[a]] = centre[free[a]] + factor * s;
            }
        }

        /** Lower Cholesky factor of scale · c (symmetrised), with growing jitter when it is not positive definite. */
        private static double[][] cholesky(double[][] c, double scale) {
            int d = c.length;
            double jitter = 0;
            for (int attempt = 0; attempt < 12; attempt++) {
                RealMatrix m = MatrixUtils.createRealMatrix(d, d);
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        // symmetrised: a covariance from a numerically inverted Hessian is symmetric only
                        // to rounding, which Cholesky's symmetry check may reject
                        m.setEntry(a, b, scale * 0.5 * (c[a][b] + c[b][a]) + (a == b ? jitter : 0));
                    }
                }
                try {
                    return new CholeskyDecomposition(m, 1e-8, 1e-300).getL().getData();
                } catch (MathIllegalArgumentException e) {
                    double diag = 0;
                    for (int a = 0; a < d; a++) {
                        diag = Math.max(diag, Math.abs(scale * c[a][a]));
                    }
                    jitter = jitter == 0 ? 1e-10 * Math.max(diag, 1e-12) : jitter * 100;
                }
            }
            throw new ComputationException("MCMC: the proposal covariance is not positive definite");
        }
    }
}
