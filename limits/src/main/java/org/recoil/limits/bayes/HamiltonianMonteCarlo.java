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
 * Hamiltonian Monte Carlo sampling of the posterior p(μ, θ | data) ∝ π(μ) L(μ, θ) over the free
 * parameters, with several independent chains (Duane, Kennedy, Pendleton, Roweth, Phys. Lett. B 195
 * (1987) 216; Neal, "MCMC using Hamiltonian dynamics", Handbook of MCMC, 2011). The likelihood's
 * analytic gradient drives leapfrog trajectories of length about 1.6 in coordinates whitened by the
 * posterior covariance (z with θ = θ₀ + L z, L L<sup>T</sup> = covariance; a random-walk proposal would need
 * O(d) times more steps for the same effective sample size in d dimensions). Warm-up (the burn-in) adapts the
 * step size by dual averaging towards 80% acceptance (Hoffman and Gelman, JMLR 15 (2014) 1593, Alg. 5) and
 * replaces the fit's covariance by the covariance of the warm-up samples (Stan's windowed adaptation);
 * afterwards the kernel is frozen, so the kept samples come from an exact Markov chain. Trajectories reflect
 * off the bounds of the parameters and of the prior's range (Neal 2011, Sec. 5.1), so that a posterior piled
 * up at μ = 0 costs no rejections; one entering a region where the likelihood vanishes is rejected. Chains start overdispersed around the mode
 * (twice the fit's standard deviations) and run in parallel with their own streams (seed, chain); results
 * do not depend on the thread count.
 *
 * <p>Convergence: the split potential scale reduction factor R̂ (Gelman et al., "Bayesian Data
 * Analysis", 3rd ed., Sec. 11.4: each chain cut in halves, R̂ = √(var⁺/W)) of every sampled
 * parameter. While the largest exceeds {@link McmcOptions#targetRHat()}, every chain is extended by
 * as many iterations as it has kept so far (so the halves of the split are the old and the new samples)
 * until the budget {@link McmcOptions#maxSamples()} would be exceeded.
 */
public final class HamiltonianMonteCarlo {

    /** Hypothesis key of the chain streams in {@link ToySeeds}. */
    private static final long CHAIN_KEY = 0x4d434d43L; // "MCMC"
    private static final double TARGET_ACCEPTANCE = 0.8;
    private static final double TRAJECTORY_LENGTH = 1.6;
    private static final int MAX_LEAPFROG_STEPS = 200;

    private HamiltonianMonteCarlo() {
    }

    /**
     * The kept samples of the POI and the diagnostics.
     *
     * @param poiSamples per chain, the POI value at each kept step
     * @param acceptanceRate accepted fraction of trajectories after warm-up
     * @param maxRHat largest split Gelman–Rubin R̂ over the free parameters
     * @param effectiveSampleSize effective sample size of the POI (batch means, all chains)
     * @param samplesPerChain kept iterations per chain after the automatic extension
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
        return sample(model, data, prior, mode, covariance, free, options, true);
    }

    /**
     * As {@link #sample(StatModel, Data, Prior, double[], double[][], int[], McmcOptions)}; with
     * {@code adaptCovariance} false the warm-up tunes the step size only and the metric stays the given
     * covariance (for short chains, whose few warm-up samples would estimate a covariance in many
     * dimensions worse than the fit's).
     */
    static Output sample(StatModel model, Data data, Prior prior, double[] mode, double[][] covariance,
                         int[] free, McmcOptions options, boolean adaptCovariance) {
        int chains = options.chains();
        AtomicLong done = new AtomicLong();
        long[] total = {(long) chains * (options.burnIn() + options.samples())};
        Chain[] chain = new Chain[chains];
        for (int c = 0; c < chains; c++) {
            chain[c] = new Chain(model, data, prior, mode, covariance, free, options, c, done, total);
            chain[c].adaptCovariance = adaptCovariance;
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

    /**
     * Dual averaging of the log step size towards the target acceptance (Hoffman and Gelman, JMLR 15
     * (2014) 1593, Sec. 3.2: γ = 0.05, t₀ = 10, κ = 0.75, shrinking towards ln(10 ε₀)).
     */
    static final class DualAveraging {
        private final double mu;
        private double hBar;
        private double logEps;
        private double logEpsBar;
        private int m;

        DualAveraging(double epsilon0) {
            mu = Math.log(10 * epsilon0);
            logEps = Math.log(epsilon0);
        }

        double epsilon() {
            return Math.exp(logEps);
        }

        double update(double acceptProb) {
            m++;
            double eta = 1.0 / (m + 10);
            hBar = (1 - eta) * hBar + eta * (TARGET_ACCEPTANCE - acceptProb);
            logEps = mu - Math.sqrt(m) / 0.05 * hBar;
            double w = Math.pow(m, -0.75);
            logEpsBar = w * logEps + (1 - w) * logEpsBar;
            return Math.exp(logEps);
        }

        double finalEpsilon() {
            return m == 0 ? Math.exp(logEps) : Math.exp(logEpsBar);
        }
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
        /** whether the warm-up replaces the covariance by that of its samples */
        private boolean adaptCovariance = true;
        // scratch
        private final double[] fullGrad;
        private final double[] p;
        // state
        private double[] x;
        private double[] y;
        private double lp;
        private final double[] grad;
        private final double[] gradY;
        /** L<sup>T</sup> ∇ ln π at x and at y (the kick in whitened coordinates; each computed once per gradient). */
        private double[] kickX;
        private double[] kickY;
        private double[][] chol;
        /** the transpose of {@link #chol}, row b holding column b of L (contiguous for L<sup>T</sup> g) */
        private double[][] cholT;
        /** whether L is diagonal (products in O(d)) */
        private boolean diagonal;
        private double epsilon;
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
            Parameters pars = model.parameters();
            int slot = -1;
            lower = new double[d];
            upper = new double[d];
            for (int j = 0; j < d; j++) {
                lower[j] = pars.lower(free[j]);
                upper[j] = pars.upper(free[j]);
                if (free[j] == pars.poiIndex()) {
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
            this.fullGrad = new double[mode.length];
            this.p = new double[d];
            this.grad = new double[d];
            this.gradY = new double[d];
            this.kickX = new double[d];
            this.kickY = new double[d];
        }

        private void setCholesky(double[][] l) {
            chol = l;
            diagonal = true;
            for (int a = 0; a < d && diagonal; a++) {
                for (int b = 0; b < a; b++) {
                    if (l[a][b] != 0) {
                        diagonal = false;
                        break;
                    }
                }
            }
            cholT = new double[d][d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cholT[b][a] = l[a][b];
                }
            }
        }

        /** ln posterior at {@code full} and its gradient over the free parameters; −∞ outside the support. */
        double logTarget(double[] full, double[] gradient) {
            for (int j = 0; j < d; j++) {
                double v = full[free[j]];
                if (!(v >= lower[j] && v <= upper[j])) {
                    return Double.NEGATIVE_INFINITY;
                }
            }
            double mu = full[free[poiSlot]];
            double l = -0.5 * f.valueAndGradient(full, fullGrad) + prior.logDensity(mu);
            if (!(l > Double.NEGATIVE_INFINITY) || Double.isNaN(l)) {
                return Double.NEGATIVE_INFINITY;
            }
            for (int j = 0; j < d; j++) {
                gradient[j] = -0.5 * fullGrad[free[j]];
                if (!Double.isFinite(gradient[j])) {
                    return Double.NEGATIVE_INFINITY;
                }
            }
            gradient[poiSlot] += prior.logDensityDerivative(mu);
            return l;
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

        /** Warm-up (step size and covariance adaptation), then the first round of kept samples. */
        void start() {
            setCholesky(cholesky(covariance, 1.0));
            x = mode.clone();
            lp = Double.NEGATIVE_INFINITY;
            double spread = 2.0;
            for (int attempt = 0; attempt < 200 && lp == Double.NEGATIVE_INFINITY; attempt++) {
                x = mode.clone();
                for (int j = 0; j < d; j++) {
                    p[j] = spread * gauss.sample();
                }
                whitenedStep(x, p, 1.0);
                lp = logTarget(x, grad);
                if (attempt % 10 == 9) {
                    spread *= 0.5;
                }
            }
            if (lp == Double.NEGATIVE_INFINITY) {
                x = mode.clone();
                lp = logTarget(x, grad);
                if (lp == Double.NEGATIVE_INFINITY) {
                    throw new ComputationException("MCMC: the posterior vanishes at the start point (the free fit)");
                }
            }
            y = new double[x.length];
            kick(grad, kickX);
            int burn = options.burnIn();
            int fastEnd = (int) (0.15 * burn);
            int slowEnd = (int) (0.75 * burn);
            DualAveraging da = new DualAveraging(0.5 / Math.pow(d, 0.25));
            epsilon = da.epsilon();
            Moments warm = new Moments(d);
            double[][] m2 = new double[d][d];
            double[] mean = new double[d];
            double[] delta = new double[d];
            for (int s = 0; s < burn; s++) {
                double acceptProb = transition(epsilon);
                epsilon = da.update(acceptProb);
                if (adaptCovariance && s >= fastEnd && s < slowEnd) {
                    warm.count++;
                    for (int j = 0; j < d; j++) {
                        delta[j] = x[free[j]] - mean[j];
                        mean[j] += delta[j] / warm.count;
                    }
                    for (int a = 0; a < d; a++) {
                        double da2 = x[free[a]] - mean[a];
                        for (int b = 0; b <= a; b++) {
                            m2[a][b] += delta[b] * da2;
                        }
                    }
                }
                if (adaptCovariance && s == slowEnd - 1 && warm.count > 2L * d + 10) {
                    // covariance of the warm-up samples, shrunk towards its diagonal (Stan's regularisation)
                    long n = warm.count;
                    double w = n / (n + 5.0);
                    double[][] c = new double[d][d];
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b <= a; b++) {
                            c[a][b] = w * m2[a][b] / (n - 1);
                            c[b][a] = c[a][b];
                        }
                        c[a][a] += (1 - w) * 1e-3 * Math.max(m2[a][a] / (n - 1), 1e-300) + 1e-12;
                    }
                    setCholesky(cholesky(c, 1.0));
                    lp = logTarget(x, grad);
                    kick(grad, kickX);
                    da = new DualAveraging(epsilon);
                    epsilon = da.epsilon();
                }
                tick(s);
            }
            epsilon = da.finalEpsilon();
            int n = options.samples();
            keep(n / 2);
            keep(n - n / 2);
        }

        /** Continues the frozen chain by {@code n} kept iterations (one new segment). */
        void extend(int n) {
            keep(n);
        }

        private void keep(int n) {
            if (poi.length < kept + n) {
                poi = Arrays.copyOf(poi, Math.max(kept + n, 2 * poi.length));
            }
            Moments m = new Moments(d);
            for (int s = 0; s < n; s++) {
                double[] before = x;
                transition(epsilon);
                if (x != before) {
                    accepted++;
                }
                poi[kept++] = x[free[poiSlot]];
                m.add(x, free);
                tick(s);
            }
            segments.add(m);
        }

        /**
         * One HMC transition: momentum p ~ N(0, 1) in whitened coordinates, leapfrog steps of size eps
         * over a jittered length, Metropolis acceptance on the Hamiltonian. Returns the acceptance
         * probability (0 when the trajectory left the support).
         */
        private double transition(double eps) {
            double length = TRAJECTORY_LENGTH * (0.8 + 0.4 * rng.nextDouble());
            int steps = (int) Math.min(MAX_LEAPFROG_STEPS, Math.max(1, Math.ceil(length / eps)));
            double kinetic0 = 0;
            for (int j = 0; j < d; j++) {
                p[j] = gauss.sample();
                kinetic0 += 0.5 * p[j] * p[j];
            }
            System.arraycopy(x, 0, y, 0, x.length);
            System.arraycopy(grad, 0, gradY, 0, d);
            System.arraycopy(kickX, 0, kickY, 0, d);
            double ly = lp;
            for (int k = 0; k < steps && ly > Double.NEGATIVE_INFINITY; k++) {
                halfKick(kickY, eps);
                whitenedStep(y, p, eps);
                ly = logTarget(y, gradY);
                if (ly > Double.NEGATIVE_INFINITY) {
                    kick(gradY, kickY);
                    halfKick(kickY, eps);
                }
            }
            if (ly == Double.NEGATIVE_INFINITY) {
                return 0.0;
            }
            double kinetic = 0;
            for (int j = 0; j < d; j++) {
                kinetic += 0.5 * p[j] * p[j];
            }
            double logRatio = ly - kinetic - (lp - kinetic0);
            double prob = Double.isNaN(logRatio) ? 0.0 : Math.min(1.0, Math.exp(logRatio));
            if (rng.nextDouble() < prob) {
                double[] t = x;
                x = y;
                y = t;
                lp = ly;
                System.arraycopy(gradY, 0, grad, 0, d);
                double[] k = kickX;
                kickX = kickY;
                kickY = k;
            }
            return prob;
        }

        /** out = L<sup>T</sup> g (once per gradient: both half kicks around a leapfrog step use it). */
        private void kick(double[] g, double[] out) {
            if (diagonal) {
                for (int b = 0; b < d; b++) {
                    out[b] = cholT[b][b] * g[b];
                }
                return;
            }
            // out[b] = Σ_{a ≥ b} L[a][b] g[a], each sum in ascending a; four rows at a time as independent
            // accumulation chains (the floating-point additions, and so the result, are those of one row at
            // a time)
            int b = 0;
            for (; b + 3 < d; b += 4) {
                double[] c0 = cholT[b];
                double[] c1 = cholT[b + 1];
                double[] c2 = cholT[b + 2];
                double[] c3 = cholT[b + 3];
                double s0 = c0[b] * g[b];
                s0 += c0[b + 1] * g[b + 1];
                double s1 = c1[b + 1] * g[b + 1];
                s0 += c0[b + 2] * g[b + 2];
                s1 += c1[b + 2] * g[b + 2];
                double s2 = c2[b + 2] * g[b + 2];
                s0 += c0[b + 3] * g[b + 3];
                s1 += c1[b + 3] * g[b + 3];
                s2 += c2[b + 3] * g[b + 3];
                double s3 = c3[b + 3] * g[b + 3];
                for (int a = b + 4; a < d; a++) {
                    double ga = g[a];
                    s0 += c0[a] * ga;
                    s1 += c1[a] * ga;
                    s2 += c2[a] * ga;
                    s3 += c3[a] * ga;
                }
                out[b] = s0;
                out[b + 1] = s1;
                out[b + 2] = s2;
                out[b + 3] = s3;
            }
            for (; b < d; b++) {
                double[] col = cholT[b];
                double s = 0;
                for (int a = b; a < d; a++) {
                    s += col[a] * g[a];
                }
                out[b] = s;
            }
        }

        /** p += (eps/2) L<sup>T</sup> ∇ ln π, with the kick L<sup>T</sup> ∇ ln π from {@link #kick}. */
        private void halfKick(double[] kickValue, double eps) {
            for (int b = 0; b < d; b++) {
                p[b] += 0.5 * eps * kickValue[b];
            }
        }

        /**
         * target[free] += eps L p, reflecting off the bounds of the box (Neal 2011, Sec. 5.1): a step that
         * ends beyond bound j by o is mirrored in the hyperplane x_j = bound, whose normal in whitened
         * coordinates is row j of L; the position moves by −2 o C[:, j]/C[j][j] (C = L L<sup>T</sup>) and the
         * momentum loses twice its component along the normal. Volume-preserving and reversible.
         */
        private void whitenedStep(double[] target, double[] mom, double eps) {
            if (diagonal) {
                for (int a = 0; a < d; a++) {
                    target[free[a]] += eps * (chol[a][a] * mom[a]);
                }
            } else {
                // row a: Σ_{b ≤ a} L[a][b] p[b] in ascending b; four rows at a time as independent chains
                // over their common prefix, then each row's remaining terms in order (same additions, same
                // result as one row at a time)
                int a = 0;
                for (; a + 3 < d; a += 4) {
                    double[] r0 = chol[a];
                    double[] r1 = chol[a + 1];
                    double[] r2 = chol[a + 2];
                    double[] r3 = chol[a + 3];
                    double s0 = 0;
                    double s1 = 0;
                    double s2 = 0;
                    double s3 = 0;
                    for (int b = 0; b <= a; b++) {
                        double pb = mom[b];
                        s0 += r0[b] * pb;
                        s1 += r1[b] * pb;
                        s2 += r2[b] * pb;
                        s3 += r3[b] * pb;
                    }
                    s1 += r1[a + 1] * mom[a + 1];
                    s2 += r2[a + 1] * mom[a + 1];
                    s2 += r2[a + 2] * mom[a + 2];
                    s3 += r3[a + 1] * mom[a + 1];
                    s3 += r3[a + 2] * mom[a + 2];
                    s3 += r3[a + 3] * mom[a + 3];
                    target[free[a]] += eps * s0;
                    target[free[a + 1]] += eps * s1;
                    target[free[a + 2]] += eps * s2;
                    target[free[a + 3]] += eps * s3;
                }
                for (; a < d; a++) {
                    double s = 0;
                    for (int b = 0; b <= a; b++) {
                        s += chol[a][b] * mom[b];
                    }
                    target[free[a]] += eps * s;
                }
            }
            for (int pass = 0; pass < 10 * d; pass++) {
                int j = -1;
                double over = 0;
                for (int a = 0; a < d && j < 0; a++) {
                    double v = target[free[a]];
                    if (v < lower[a]) {
                        j = a;
                        over = v - lower[a];
                    } else if (v > upper[a]) {
                        j = a;
                        over = v - upper[a];
                    }
                }
                if (j < 0) {
                    return;
                }
                double cjj = 0;
                double pn = 0;
                for (int b = 0; b <= j; b++) {
                    cjj += chol[j][b] * chol[j][b];
                    pn += mom[b] * chol[j][b];
                }
                for (int a = 0; a < d; a++) {
                    double caj = 0;
                    for (int b = 0; b <= Math.min(a, j); b++) {
                        caj += chol[a][b] * chol[j][b];
                    }
                    target[free[a]] -= 2 * over * caj / cjj;
                }
                double k = 2 * pn / cjj;
                for (int b = 0; b <= j; b++) {
                    mom[b] -= k * chol[j][b];
                }
            }
        }

        private void tick(int s) {
            if ((s + 1) % 1000 == 0) {
                options.progress().update(done.addAndGet(1000), total[0]);
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
