package org.recoil.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.recoil.core.InvalidInputException;
import org.recoil.limits.calc.HypoTestCalculator;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.calc.ToyCalculator;
import org.recoil.limits.calc.ToySet;

/**
 * The toy-based CLs calculator of {@link ToyCalculator} (frequentist CLs, Read, J. Phys. G 28
 * (2002) 2693; toys at the profiled nuisance parameters, Cowan et al., arXiv:1007.1727, Sec. 2)
 * with the pseudo-experiments of each hypothesis partitioned across Spark executors.
 *
 * <p>Toys {@code [0, N)} are cut into contiguous ranges, one Spark task per range. Each task
 * rebuilds the model from the workspace JSON ({@link ToyModelSpec}) and runs
 * {@link ToyCalculator#generate(double, int, int)} on its range with one thread; toy {@code i}
 * therefore draws from {@code ToySeeds.rng(seed, hypothesisKey(μ), i)} exactly as in the
 * single-machine run, and the ranges {@link ToySet#merge merge} into the toy set a local run over
 * {@code [0, N)} gives, bit for bit, whatever the number of partitions or executors. Failed toys are
 * NaN in the set and handled by {@link ToyCalculator#evaluate(ToySet)} on the driver exactly as locally.
 *
 * <p>As a {@link HypoTestCalculator} it answers any question the local calculators answer, e.g.
 * the upper limit of {@link org.recoil.limits.interval.UpperLimit#compute}, with every hypothesis
 * test's toys on the cluster.
 *
 * <p>Immutable; the Spark session is the caller's.
 */
public final class SparkToyCalculator implements HypoTestCalculator {

    private final SparkSession spark;
    private final ToyModelSpec spec;
    private final int partitions;
    private final ToyCalculator driver;
    private final ProgressListener progress;

    /**
     * @param spark the Spark session (local or cluster)
     * @param spec workspace and toy settings
     * @param partitions number of toy ranges (Spark tasks) per hypothesis, {@code >= 1}; capped at the number of toys
     * @throws org.recoil.core.InvalidInputException if the workspace or statistic is invalid (checked on the driver)
     * @throws org.recoil.fitting.fit.FitFailedException if the fits of the observed data fail
     */
    public SparkToyCalculator(SparkSession spark, ToyModelSpec spec, int partitions) {
        if (partitions < 1) {
            throw new InvalidInputException("the number of toy partitions must be at least 1, got " + partitions);
        }
        this.spark = spark;
        this.spec = spec;
        this.partitions = Math.min(partitions, spec.toys());
        this.driver = spec.calculator(1);
        this.progress = ProgressListener.NONE;
    }

    private SparkToyCalculator(SparkToyCalculator c, ProgressListener progress) {
        this.spark = c.spark;
        this.spec = c.spec;
        this.partitions = c.partitions;
        this.driver = c.driver;
        this.progress = progress;
    }

    /**
     * @param p receives (toy ranges done, toy ranges) of each hypothesis test as the Spark tasks finish
     * @return a copy reporting to {@code p}
     */
    public SparkToyCalculator withProgress(ProgressListener p) {
        return new SparkToyCalculator(this, java.util.Objects.requireNonNull(p, "progress"));
    }

    /**
     * Calculator with four toy ranges per default-parallelism slot of the session (load balancing).
     *
     * @param spark the Spark session
     * @param spec workspace and toy settings
     */
    public SparkToyCalculator(SparkSession spark, ToyModelSpec spec) {
        this(spark, spec, 4 * Math.max(1, spark.sparkContext().defaultParallelism()));
    }

    /** @return the toy settings */
    public ToyModelSpec spec() {
        return spec;
    }

    /** @return the number of toy ranges (tasks) per hypothesis */
    public int partitions() {
        return partitions;
    }

    /**
     * Contiguous toy ranges covering {@code [0, toys)} in {@code parts} nearly equal pieces.
     *
     * @param toys number of toys
     * @param parts number of ranges, {@code 1 <= parts <= toys}
     * @return the ranges, in order
     */
    static List<ToyRange> ranges(int toys, int parts) {
        List<ToyRange> out = new ArrayList<>(parts);
        int base = toys / parts;
        int extra = toys % parts;
        int first = 0;
        for (int p = 0; p < parts; p++) {
            int count = base + (p < extra ? 1 : 0);
            out.add(new ToyRange(first, count));
            first += count;
        }
        return out;
    }

    /** A contiguous range of toy indices: one Spark task. */
    record ToyRange(int first, int count) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The values computed by one task (a {@link ToySet} in serialisable form). */
    record ToyChunk(String testStatistic, double mu, long seed, double observed, int first, double[] signal,
                    double[] background) implements Serializable {
        private static final long serialVersionUID = 1L;

        ToySet toSet() {
            return new ToySet(testStatistic, mu, seed, observed, first, signal, background);
        }
    }

    /**
     * Generates toys {@code [0, N)} of both hypotheses at {@code mu} on the cluster.
     *
     * @param mu hypothesised POI value
     * @return the merged toy set, identical to {@code ToyCalculator.generate(mu, 0, N)} with the same seed
     * @throws org.recoil.fitting.fit.FitFailedException if a fit of the observed data fails (in a task)
     */
    public ToySet generate(double mu) {
        if (!Double.isFinite(mu)) {
            throw new InvalidInputException("mu must be a finite number, got " + mu);
        }
        ToyModelSpec s = spec;
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<ToyRange> ranges = ranges(s.toys(), partitions);
        List<ToyChunk> chunks;
        try (TaskProgress p = TaskProgress.open(spark.sparkContext(), "recoil toys at mu = " + mu, ranges.size(),
                progress)) {
            chunks = TaskAttempt.values(jsc.parallelize(ranges, ranges.size()).map(r -> TaskAttempt.of(() -> {
                ToySet set = s.calculator(1).generate(mu, r.first(), r.count());
                return new ToyChunk(set.testStatistic(), set.mu(), set.seed(), set.observedTestStatistic(),
                        set.firstToy(), set.signal(), set.background());
            })).collect());
            p.finished();
        } catch (Exception e) {
            throw SparkErrors.unwrap(e);
        }
        return ToySet.merge(chunks.stream().map(ToyChunk::toSet).toList());
    }

    /**
     * CLs hypothesis test of {@code mu}: toys on the cluster, CLs and its expected band on the driver.
     *
     * @param mu hypothesised POI value
     * @return the result, equal to the local {@link ToyCalculator#hypotest(double)} with the same settings
     * @throws org.recoil.core.ComputationException if too many toys failed
     */
    @Override
    public HypoTestResult hypotest(double mu) {
        return driver.evaluate(generate(mu));
    }

    /** @return the model compiled on the driver (executors compile their own from the same JSON) */
    @Override
    public StatModel model() {
        return driver.model();
    }

    /** @return {@code "toys"}, as the local toy calculator: the results are the same */
    @Override
    public String name() {
        return driver.name();
    }
}
