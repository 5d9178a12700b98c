package org.recoil.limits.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.limits.calc.IndexedTasks;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.calc.ToySeeds;
import org.recoil.limits.teststat.ProfileLikelihood;
import org.recoil.limits.teststat.ProfileLikelihoodStatistic;

/**
 * The global significance of the largest local excess of a mass scan (the look-elsewhere effect),
 * two ways:
 * <ol>
 *   <li><b>pseudo-experiments of the whole scan</b>: each is a background-only pseudo-dataset of
 *       the analysis ({@link ScanPseudoData}: one Poisson draw per recoil-mass segment, shared by
 *       every window that covers it, auxiliary data at their nominal values); every mass point's
 *       prepared model is refitted to it (free fit and μ = 0 fit, q<sub>0</sub> of Cowan et al.,
 *       arXiv:1007.1727, Eq. (12)) and the largest local Z = √q<sub>0</sub> is recorded. The global
 *       p-value is the fraction of pseudo-experiments whose largest local Z reaches the observed
 *       one, with its binomial error;</li>
 *   <li><b>Gross–Vitells</b> (Eur. Phys. J. C 70 (2010) 525, arXiv:1005.1891, Eq. (2) and (5) for
 *       one degree of freedom): p<sub>global</sub> ≈ p<sub>local</sub> + ⟨N(c<sub>0</sub>)⟩
 *       e<sup>−(c − c<sub>0</sub>)/2</sup>, with c = Z<sub>local</sub>² and ⟨N(c<sub>0</sub>)⟩ the mean
 *       number of upcrossings of the q<sub>0</sub>(M) curve over a low reference level c<sub>0</sub>
 *       in the same pseudo-experiments (few are needed at a low level: the fast estimate, and a
 *       check of the first).</li>
 * </ol>
 * Both report the trials factor p<sub>global</sub>/p<sub>local</sub>. Pseudo-experiment {@code t}
 * draws from {@link ToySeeds#rng}(seed, {@value #SEED_PURPOSE}, t): results do not depend on the
 * number of threads. A point whose fit fails in a pseudo-experiment counts as q<sub>0</sub> = 0 there
 * and is counted in {@link GlobalSignificanceResult#failedFits()}. Stateless.
 */
public final class GlobalSignificance {

    /** Hypothesis key of the pseudo-experiment streams. */
    static final long SEED_PURPOSE = 0x1EEL;

    /** Default reference level c<sub>0</sub> = Z<sub>0</sub>² of the upcrossings (Z<sub>0</sub> = 1). */
    public static final double DEFAULT_REFERENCE_LEVEL = 1.0;

    /**
     * Pseudo-experiments per batch: batch {@code b} runs pseudo-experiments [25b, 25b + 25) with a
     * minimiser of its own; executors distribute whole batches.
     */
    public static final int BATCH = 25;

    private GlobalSignificance() {
    }

    /**
     * The maximum local significance and the upcrossings of each pseudo-experiment (of all of them,
     * or of a contiguous range of batches, see {@link #batches}). Serialisable, so that remote
     * executors can send their ranges back.
     *
     * @param max largest local Z of each pseudo-experiment
     * @param upcrossings upcrossings of the reference level by q<sub>0</sub>(M) in each
     * @param failedFits point fits that failed over all pseudo-experiments
     */
    public record Toys(double[] max, int[] upcrossings, int failedFits) implements Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * Joins contiguous ranges of pseudo-experiments.
         *
         * @param parts the ranges, in pseudo-experiment order
         * @return their values in that order, their failed fits summed
         */
        public static Toys concat(List<Toys> parts) {
            int n = 0;
            for (Toys t : parts) {
                n += t.max().length;
            }
            double[] max = new double[n];
            int[] up = new int[n];
            int at = 0;
            int fails = 0;
            for (Toys t : parts) {
                System.arraycopy(t.max(), 0, max, at, t.max().length);
                System.arraycopy(t.upcrossings(), 0, up, at, t.upcrossings().length);
                at += t.max().length;
                fails += t.failedFits();
            }
            return new Toys(max, up, fails);
        }
    }

    /**
     * What to run: how many pseudo-experiments, their master seed, the upcrossing level.
     * Serialisable, so that it travels to remote executors.
     *
     * @param toys number of pseudo-experiments, &ge; 1
     * @param seed master seed (pseudo-experiment t draws from {@link ToySeeds#rng}(seed, {@value #SEED_PURPOSE}, t))
     * @param referenceLevel c<sub>0</sub> of the upcrossings, &gt; 0
     */
    public record Request(int toys, long seed, double referenceLevel) implements Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * Validates.
         *
         * @throws InvalidInputException for fewer than one pseudo-experiment or a level that is not &gt; 0
         */
        public Request {
            if (toys < 1) {
                throw new InvalidInputException("--lee-toys must be at least 1, got " + toys);
            }
            if (!(referenceLevel > 0)) {
                throw new InvalidInputException("the upcrossing reference level must be > 0, got " + referenceLevel);
            }
        }

        /**
         * @return the number of batches of {@value GlobalSignificance#BATCH} pseudo-experiments (the last may be
         *     short)
         */
        public int batches() {
            return (toys + BATCH - 1) / BATCH;
        }
    }

    /**
     * The global significance of a scan's largest local excess: pseudo-experiments of the scan's
     * prepared points ({@link MassScan#jobs}) refitted to background-only pseudo-data, and the
     * Gross–Vitells estimate from their upcrossings. The pseudo-experiments run on the options'
     * executor ({@link ScanExecutor#pseudoExperiments}); the result does not depend on it.
     *
     * @param scan the observed scan (its largest local excess is tested)
     * @param points the scan's mass points
     * @param backgroundIn expected total background in [lo, hi) of M<sub>rec</sub>² (additive)
     * @param options the scan's options (seed, threads, minimiser, progress, executor)
     * @param toys number of pseudo-experiments, &ge; 1
     * @param referenceLevel c<sub>0</sub> of the upcrossings
     * @return the result
     * @throws InvalidInputException if no point carries a local significance or toys &lt; 1
     */
    public static GlobalSignificanceResult compute(ScanResult scan, List<MassPointInput> points,
                                                   java.util.function.DoubleBinaryOperator backgroundIn,
                                                   ScanOptions options, int toys, double referenceLevel) {
        Request request = new Request(toys, options.seed(), referenceLevel);
        MassPointResult best = scan.largestLocalExcess().orElseThrow(() -> new InvalidInputException(
                "global significance: no mass point of the scan has a local significance"));
        List<PointJob> jobs = MassScan.jobs(points, scan.luminosity(), scan.systematics(), options.seed());
        ScanPseudoData pseudo = ScanPseudoData.of(jobs.stream().map(j -> points.get(j.index())).toList(),
                backgroundIn);
        Toys t = options.executor().pseudoExperiments(jobs, pseudo, request, options);
        return evaluate(best.local().orElseThrow().z(), best.mass(), t, referenceLevel);
    }

    /**
     * Runs the pseudo-experiments on threads of this JVM, one batch of {@value #BATCH} per task.
     *
     * @param jobs the scan's prepared points ({@link MassScan#jobs}), ascending in mass
     * @param pseudo the pseudo-data generator built from the same points, in the same order
     * @param toys number of pseudo-experiments, &ge; 1
     * @param seed master seed
     * @param referenceLevel c<sub>0</sub> of the upcrossings, &gt; 0
     * @param threads worker threads
     * @param minimizer supplies one minimiser per task
     * @param progress receives (pseudo-experiments done, total) per batch
     * @return the per-pseudo-experiment maxima and upcrossings
     * @throws InvalidInputException for fewer than one pseudo-experiment or a mismatch of jobs and generator
     */
    public static Toys toys(List<PointJob> jobs, ScanPseudoData pseudo, int toys, long seed, double referenceLevel,
                            int threads, Supplier<Minimizer> minimizer, ProgressListener progress) {
        Request r = new Request(toys, seed, referenceLevel);
        Models models = new Models(jobs, pseudo);
        List<Toys> parts = IndexedTasks.run(r.batches(), threads, "recoil-lee-toys", (d, t) -> progress.update(
                Math.min((long) d * BATCH, toys), toys), b -> models.batch(r, b, minimizer.get()));
        return Toys.concat(parts);
    }

    /**
     * Runs a contiguous range of batches on the caller's thread, each with a minimiser of its own
     * from {@code minimizer}, exactly as {@link #toys} runs them: the ranges of any partition of
     * [0, {@link Request#batches()}), {@linkplain Toys#concat joined} in order, equal {@link #toys}
     * bit for bit. For remote executors, which rebuild the jobs from their workspaces.
     *
     * @param jobs the scan's prepared points ({@link MassScan#jobs}), ascending in mass
     * @param pseudo the pseudo-data generator built from the same points, in the same order
     * @param request the pseudo-experiments
     * @param firstBatch the first batch, &ge; 0
     * @param count the number of batches, &ge; 1, ending at most at {@link Request#batches()}
     * @param minimizer supplies one minimiser per batch
     * @return the values of pseudo-experiments [{@value #BATCH}·firstBatch,
     *     min(toys, {@value #BATCH}·(firstBatch + count)))
     * @throws InvalidInputException for a range outside the batches or a mismatch of jobs and generator
     */
    public static Toys batches(List<PointJob> jobs, ScanPseudoData pseudo, Request request, int firstBatch, int count,
                               Supplier<Minimizer> minimizer) {
        if (firstBatch < 0 || count < 1 || firstBatch + count > request.batches()) {
            throw new InvalidInputException(String.format(Locale.ROOT, "pseudo-experiment batches [%d, %d) outside"
                    + " [0, %d)", firstBatch, firstBatch + count, request.batches()));
        }
        Models models = new Models(jobs, pseudo);
        List<Toys> parts = new ArrayList<>(count);
        for (int b = firstBatch; b < firstBatch + count; b++) {
            parts.add(models.batch(request, b, minimizer.get()));
        }
        return Toys.concat(parts);
    }

    /** The points' compiled models, auxiliary data and starting values, checked against the generator. */
    private static final class Models {
        private final ScanPseudoData pseudo;
        private final HistFactoryModel[] models;
        private final double[][] aux;
        private final double[][] start;

        Models(List<PointJob> jobs, ScanPseudoData pseudo) {
            this.pseudo = pseudo;
            int n = jobs.size();
            if (n != pseudo.points()) {
                throw new InvalidInputException("pseudo-data of " + pseudo.points() + " mass points for " + n
                        + " prepared points");
            }
            models = new HistFactoryModel[n];
            aux = new double[n][];
            start = new double[n][];
            for (int p = 0; p < n; p++) {
                models[p] = HistFactoryModel.of(jobs.get(p).workspace());
                aux[p] = models[p].observed().aux();
                start[p] = models[p].parameters().inits();
                if (models[p].mainSize() != pseudo.bins(p)) {
                    throw new InvalidInputException(String.format(Locale.ROOT, "pseudo-data of M = %.4g GeV have %d"
                            + " bins, its model %d", jobs.get(p).mass(), pseudo.bins(p), models[p].mainSize()));
                }
            }
        }

        /** Batch {@code b}: every point refitted to each of its pseudo-experiments. */
        Toys batch(Request r, int b, Minimizer m) {
            int n = models.length;
            ProfileLikelihood[] lh = new ProfileLikelihood[n];
            for (int p = 0; p < n; p++) {
                lh[p] = new ProfileLikelihood(models[p], m);
            }
            int first = b * BATCH;
            int end = Math.min(r.toys(), first + BATCH);
            double[] max = new double[end - first];
            int[] up = new int[end - first];
            int fails = 0;
            double[] q = new double[n];
            for (int t = first; t < end; t++) {
                UniformRandomProvider rng = ToySeeds.rng(r.seed(), SEED_PURPOSE, t);
                double[] seg = pseudo.sample(rng);
                double best = 0;
                for (int p = 0; p < n; p++) {
                    double[] main = new double[pseudo.bins(p)];
                    pseudo.pointCounts(seg, p, main);
                    try {
                        q[p] = ProfileLikelihoodStatistic.Q0.evaluate(lh[p], new Data(main, aux[p]), 0.0, start[p]);
                    } catch (FitFailedException e) {
                        q[p] = 0;
                        fails++;
                    }
                    if (!(q[p] >= 0)) {
                        q[p] = 0;
                        fails++;
                    }
                    best = Math.max(best, q[p]);
                }
                max[t - first] = Math.sqrt(best);
                up[t - first] = upcrossings(q, r.referenceLevel());
            }
            return new Toys(max, up, fails);
        }
    }

    /**
     * @param q the q<sub>0</sub> values in mass order
     * @param level the level c<sub>0</sub>
     * @return the number of i with q[i−1] ≤ c<sub>0</sub> &lt; q[i]
     */
    static int upcrossings(double[] q, double level) {
        int n = 0;
        for (int i = 1; i < q.length; i++) {
            if (q[i - 1] <= level && q[i] > level) {
                n++;
            }
        }
        return n;
    }

    /**
     * Global significance of an observed largest local excess.
     *
     * @param zLocal the largest observed local significance (√q<sub>0</sub>)
     * @param mass the mass where it lies, GeV
     * @param toys the pseudo-experiments of {@link #toys}
     * @param referenceLevel the level their upcrossings were counted at
     * @return both estimates with their trials factors
     */
    public static GlobalSignificanceResult evaluate(double zLocal, double mass, Toys toys, double referenceLevel) {
        NormalDistribution n01 = NormalDistribution.of(0, 1);
        double pLocal = n01.survivalProbability(zLocal);
        int total = toys.max().length;
        int reach = 0;
        long upSum = 0;
        for (int t = 0; t < total; t++) {
            if (toys.max()[t] >= zLocal * (1 - 1e-9)) {
                reach++;
            }
            upSum += toys.upcrossings()[t];
        }
        double pGlobal = reach / (double) total;
        double pGlobalError = Math.sqrt(Math.max(pGlobal * (1 - pGlobal), 1.0 / total) / total);
        double meanUp = upSum / (double) total;
        double c = zLocal * zLocal;
        double pGv = Math.min(1.0, pLocal + meanUp * Math.exp(-(c - referenceLevel) / 2));
        List<String> w = new ArrayList<>();
        if (reach == 0) {
            w.add(String.format(Locale.ROOT, "no pseudo-experiment of %d reaches Z_local = %.3f: p_global < %.2g;"
                    + " run more", total, zLocal, 1.0 / total));
        }
        if (toys.failedFits() > 0) {
            w.add(toys.failedFits() + " point fits failed in the pseudo-experiments (counted as q0 = 0)");
        }
        if (c <= referenceLevel) {
            w.add(String.format(Locale.ROOT, "Z_local = %.3f is not above the upcrossing reference level"
                    + " Z0 = %.3f: the Gross-Vitells estimate does not apply", zLocal, Math.sqrt(referenceLevel)));
        }
        return new GlobalSignificanceResult(mass, zLocal, pLocal, total, pGlobal, pGlobalError,
                z(n01, pGlobal), pGlobal / pLocal, referenceLevel, meanUp, pGv, z(n01, pGv), pGv / pLocal,
                toys.failedFits(), w);
    }

    private static double z(NormalDistribution n01, double p) {
        return p <= 0 ? Double.POSITIVE_INFINITY : p >= 1 ? Double.NEGATIVE_INFINITY : n01.inverseSurvivalProbability(p);
    }
}
