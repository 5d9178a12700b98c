package org.recoil.limits.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
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
 *
 * <p>Convergence: the split potential scale reduction factor R̂ (Gelman et al., "Bayesian Data
 * Analysis", 3rd ed., Sec. 11.4: each chain cut in halves, R̂ = √(var⁺/W)) of every sampled
 * parameter. While the largest exceeds {@link McmcOptions#targetRHat()}, every chain is extended by
 * as many steps as it has kept so far (so the halves of the split are the old and the new samples)
 * until the budget {@link McmcOptions#maxSamples()} would be exceeded.
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
     * @param maxRHat largest split Gelman–Rubin R̂ over the free parameters
     * @param effectiveSampleSize effective sample size of the POI (batch means, all chains)
     * @param samplesPerChain kept steps per chain after the automatic extension
     * @param converged whether {@code maxRHat} is below the target
     */
    public record Output(double[][] poiSamples, double acceptanceRate, double maxRHat, double effectiveSampleSize,
                        int samplesPerChain, boolean converged) {
    }

    /**
     * Runs the chains, extending them until R̂ meets the target or the budget is spent.
     *
     * @param model the model
     * @param data the dataset
     * @param prior prior of the POI (its support bounds the POI; other parameters are bounded by the model)
     * @param mode start point (full parameter vector, usually the free fit)
     * @param covariance covariance of the free parameters at the mode, in the order of {@code free}
     * @param free indices of the sampled parameters (the others stay at {@code mode})
     * @param options chains, steps, budget, seed
     * @return samples and diagnostics
     */
    public static Output sample(StatModel model, Data data, Prior prior, double[] mode, double[][] covariance,
                                int[] free, McmcOptions options) {
        int chains = options.chains();
        AtomicLong done = new AtomicLong();
        long[] total = {(long) chains * (options.burnIn() + options.samples())};
        Chain[] chain = new Chain[chains];
        for (int c = 0; c < chains; c++) {
            chain[c] = new Chain(model, data, prior, mode, covariance, free, options, c, done, total);
        }
        forEachChain(options, chains, c -> chain[c].start());
        double rHat = splitRHat(chain, free.length);
        while (rHat >= options.targetRHat() && 2L * chain[0].kept <= options.maxSamples()) {
            int more = chain[0].kept;
            total[0] += (long) chains * more;
            forEachChain(options, chains, c -> chain[c].extend(more));
            rHat = splitRHat(chain, free.length);
        }
        double[][] mu = new double[chains][];
        long accepted = 0;
        double ess = 0;
        for (int c = 0; c < chains; c++) {
            mu[c] = Arrays.copyOf(chain[c].poi, chain[c].kept);
            accepted += chain[c].accepted;
            ess += batchMeansEss(mu[c]);
        }
        int n = chain[0].kept;
        return new Output(mu, accepted / ((double) chains * n), rHat, ess, n, rHat < options.targetRHat());
    }

    private static void forEachChain(McmcOptions options, int chains, IntConsumer task) {
        if (options.threads() == 1) {
            for (int c = 0; c < chains; c++) {
                task.accept(c);
            }
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(Math.min(options.threads(), chains));
        try {
            pool.submit(() -> IntStream.range(0, chains).parallel().forEach(task)).get();
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

    /**
     * Largest split R̂ over the sampled parameters: each chain's kept samples cut into their first and
     * second halves, R̂ = √(((n−1)/n W + B/n)/W) over the 2m half-chains.
     */
    static double splitRHat(Chain[] chain, int d) {
        int m = 2 * chain.length;
        double[][] means = new double[m][];
        double[][] vars = new double[m][];
        double n = 0;
        for (int c = 0; c < chain.length; c++) {
            Moments[] halves = chain[c].halves();
            for (int h = 0; h < 2; h++) {
                means[2 * c + h] = halves[h].mean;
                vars[2 * c + h] = halves[h].variance();
                n += halves[h].count / (double) m;
            }
        }
        double max = 1.0;
        for (int j = 0; j < d; j++) {
            double w = 0;
            double mm = 0;
            for (int k = 0; k < m; k++) {
                w += vars[k][j] / m;
                mm += means[k][j] / m;
            }
            double b = 0;
            for (int k = 0; k < m; k++) {
                b += (means[k][j] - mm) * (means[k][j] - mm);
            }
            b *= n / (m - 1);
            double r = w > 0 ? Math.sqrt(((n - 1) / n * w + b / n) / w) : (b == 0 ? 1.0 : Double.POSITIVE_INFINITY);
            max = Math.max(max, r);
        }
        return max;
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

    /** Running count, mean and sum of squared deviations per parameter (Welford; mergeable, Chan et al.). */
    static final class Moments {
        long count;
        final double[] mean;
        final double[] m2;

        Moments(int d) {
            mean = new double[d];
            m2 = new double[d];
        }

        void add(double[] x, int[] free) {
            count++;
            for (int j = 0; j < mean.length; j++) {
                double v = x[free[j]];
                double dm = v - mean[j];
                mean[j] += dm / count;
                m2[j] += dm * (v - mean[j]);
            }
        }

        Moments merged(Moments o) {
            Moments r = new Moments(mean.length);
            r.count = count + o.count;
            for (int j = 0; j < mean.length; j++) {
                double delta = o.mean[j] - mean[j];
                r.mean[j] = mean[j] + delta * o.count / r.count;
                r.m2[j] = m2[j] + o.m2[j] + delta * delta * count * (double) o.count / r.count;
            }
            return r;
        }

        double[] variance() {
            double[] v = new double[mean.length];
            for (int j = 0; j < v.length; j++) {
                v[j] = count > 1 ? m2[j] / (count - 1) : 0.0;
            }
            return v;
        }
    }

    /** One chain: its own stream, likelihood function, state and scratch arrays; resumable. */
    static final class Chain {
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
        private final long[] total;
        private final double[] z;
        // state after burn-in
        private double[] x;
        private double[] y;
        private double lp;
        private double[][] prop;
        private double factor;
        // kept samples: the POI, and the moments of all parameters per segment (round 0 in two halves,
        // then one segment per extension, each as long as everything before it)
        private double[] poi = new double[0];
        private int kept;
        private long accepted;
        private final List<Moments> segments = new ArrayList<>();

        Chain(StatModel model, Data data, Prior prior, double[] mode, double[][] covariance, int[] free,
              McmcOptions options, int index, AtomicLong done, long[] total) {
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
            this.z = new double[d];
        }

        double logTarget(double[] full) {
            for (int j = 0; j < d; j++) {
                double v = full[free[j]];
                if (!(v >= lower[j] && v <= upper[j])) {
                    return Double.NEGATIVE_INFINITY;
                }
            }
            double l = -0.5 * f.value(full) + prior.logDensity(full[free[poiSlot]]);
            return Double.isNaN(l) ? Double.NEGATIVE_INFINITY : l;
        }

        /** The two halves of the kept samples, as moments. */
        Moments[] halves() {
            if (segments.size() == 2) {
                return new Moments[] {segments.get(0), segments.get(1)};
            }
            Moments first = segments.get(0);
            for (int k = 1; k < segments.size() - 1; k++) {
                first = first.merged(segments.get(k));
            }
            return new Moments[] {first, segments.get(segments.size() - 1)};
        }

        /** Burn-in with adaptation, then the first round of kept samples. */
        void start() {
            double[][] l0 = cholesky(covariance, 1.0);
            x = mode.clone();
            lp = Double.NEGATIVE_INFINITY;
            double spread = 2.0;
            for (int attempt = 0; attempt < 200 && lp == Double.NEGATIVE_INFINITY; attempt++) {
                x = mode.clone();
                step(x, mode, l0, spread);
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
            prop = cholesky(covariance, scale);
            double logLambda = 0;
            // running covariance of the burn-in (Welford)
            double[] mean = new double[d];
            double[][] m2 = new double[d][d];
            double[] delta = new double[d];
            long count = 0;
            y = new double[x.length];
            int burn = options.burnIn();
            for (int s = 0; s < burn; s++) {
                boolean accept = move(Math.exp(logLambda));
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
                tick(s);
            }
            factor = Math.exp(logLambda);
            int n = options.samples();
            keep(n / 2);
            keep(n - n / 2);
        }

        /** Continues the frozen chain by {@code n} kept steps (one new segment). */
        void extend(int n) {
            keep(n);
        }

        private void keep(int n) {
            if (poi.length < kept + n) {
                poi = Arrays.copyOf(poi, Math.max(kept + n, 2 * poi.length));
            }
            Moments m = new Moments(d);
            for (int s = 0; s < n; s++) {
                if (move(factor)) {
                    accepted++;
                }
                poi[kept++] = x[free[poiSlot]];
                m.add(x, free);
                tick(s);
            }
            segments.add(m);
        }

        /** One Metropolis step; returns whether the proposal was accepted. */
        private boolean move(double scaleFactor) {
            System.arraycopy(x, 0, y, 0, x.length);
            step(y, x, prop, scaleFactor);
            double ly = logTarget(y);
            boolean accept = ly > Double.NEGATIVE_INFINITY && Math.log(rng.nextDouble()) < ly - lp;
            if (accept) {
                double[] t = x;
                x = y;
                y = t;
                lp = ly;
            }
            return accept;
        }

        private void tick(int s) {
            if ((s + 1) % 1000 == 0) {
                options.progress().update(done.addAndGet(1000), total[0]);
            }
        }

        /** target[free] = centre[free] + size · L z. */
        private void step(double[] target, double[] centre, double[][] l, double size) {
            for (int j = 0; j < d; j++) {
                z[j] = gauss.sample();
            }
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int b = 0; b <= a; b++) {
                    s += l[a][b] * z[b];
                }
                target[free[a]] = centre[free[a]] + size * s;
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
