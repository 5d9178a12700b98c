package org.recoil.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.calc.ExpectedBand;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.scan.GlobalSignificance;
import org.recoil.limits.scan.LimitMethod;
import org.recoil.limits.scan.MassScan;
import org.recoil.limits.scan.LocalSignificance;
import org.recoil.limits.scan.MuLimit;
import org.recoil.limits.scan.PointGoodnessOfFit;
import org.recoil.limits.scan.PointJob;
import org.recoil.limits.scan.PointOutcome;
import org.recoil.limits.scan.ScanExecutor;
import org.recoil.limits.scan.ScanMinimizer;
import org.recoil.limits.scan.ScanOptions;
import org.recoil.limits.scan.ScanPseudoData;

/**
 * The mass points of a {@link MassScan} as Spark tasks, one task per mass hypothesis, whatever
 * the limit method (asymptotic CLs, toy CLs or Bayesian). The driver prepares every point
 * (window, signal normalisation, HistFactory workspace) exactly as a local scan does; each task
 * receives its point's workspace as pyhf JSON, the method, the CL and the point's seed, rebuilds the
 * model and runs {@link MassScan#solve} with one thread and a {@link ScanMinimizer}; the driver
 * assembles the outcomes into the same {@link org.recoil.limits.scan.ScanResult} (and so the same
 * {@code limits.json}/{@code limits.csv}) as the local scan with the same seed, point for point.
 * A point whose fit fails is reported as failed, as locally; a deterministic error (bad input) ends the
 * job at its first attempt ({@link TaskAttempt}); only a lost task or executor is retried by Spark.
 *
 * <p>The background-only pseudo-experiments of the whole scan behind the look-elsewhere effect
 * ({@link GlobalSignificance}; Gross and Vitells, arXiv:1005.1891) run here too
 * ({@link #pseudoExperiments}): their batches of {@value GlobalSignificance#BATCH} are cut into
 * contiguous ranges, one Spark task per range; the points' workspaces (pyhf JSON), seeds and the
 * pseudo-data generator travel once per executor (a broadcast), each task rebuilds the models and
 * runs {@link GlobalSignificance#batches} on its range, and the driver joins the ranges in order:
 * the same maxima, upcrossings and failed-fit count as the local run, bit for bit, whatever the
 * number of tasks.
 *
 * <p>The executors always minimise with {@link ScanMinimizer} (the default of
 * {@link ScanOptions#defaults()}): the scan options' minimiser supplier is not shipped, and options
 * asking for another minimiser are refused. Progress is reported as the tasks finish
 * ({@link TaskProgress}). Immutable; the session is the caller's.
 */
public final class SparkScanExecutor implements ScanExecutor {

    private final SparkSession spark;
    private final int pseudoExperimentTasks;

    /**
     * Executor with four ranges of pseudo-experiments per default-parallelism slot of the session
     * (load balancing; at most one per batch).
     *
     * @param spark the Spark session (local or cluster)
     */
    public SparkScanExecutor(SparkSession spark) {
        this(spark, 4 * Math.max(1, spark.sparkContext().defaultParallelism()));
    }

    /**
     * @param spark the Spark session (local or cluster)
     * @param pseudoExperimentTasks Spark tasks (ranges of batches) of the look-elsewhere pseudo-experiments,
     *                              &ge; 1; capped at the number of batches
     * @throws InvalidInputException if {@code pseudoExperimentTasks < 1}
     */
    public SparkScanExecutor(SparkSession spark, int pseudoExperimentTasks) {
        if (pseudoExperimentTasks < 1) {
            throw new InvalidInputException("the number of pseudo-experiment tasks must be at least 1, got "
                    + pseudoExperimentTasks);
        }
        this.spark = spark;
        this.pseudoExperimentTasks = pseudoExperimentTasks;
    }

    /** One task: a mass point's workspace and seed, with the method and the CL. */
    record PointTask(int index, double mass, String workspaceJson, long seed, LimitMethod method, double cl)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Runs on an executor. */
        TaskResult solve() {
            String where = "mass point M = " + mass + " GeV";
            PointJob job = new PointJob(index, mass, WorkspaceIO.read(workspaceJson, where), seed);
            PointOutcome o = MassScan.solve(job, method, new ScanMinimizer(), cl);
            if (o instanceof PointOutcome.Failure f) {
                return new TaskResult(index, Double.NaN, null, null, f.reason(), null, null);
            }
            PointOutcome.Limit lim = (PointOutcome.Limit) o;
            MuLimit mu = lim.mu();
            return new TaskResult(index, mu.observed(), mu.expected().toArray(),
                    mu.warnings().toArray(String[]::new), null, lim.local().orElse(null), lim.gof().orElse(null));
        }
    }

    /** What a task sends back: an {@link PointOutcome} in serialisable form ({@code failure} set for a failure). */
    record TaskResult(int index, double observed, double[] expected, String[] warnings, String failure,
                      LocalSignificance local, PointGoodnessOfFit gof) implements Serializable {
        private static final long serialVersionUID = 1L;

        PointOutcome toOutcome() {
            if (failure != null) {
                return new PointOutcome.Failure(failure);
            }
            return new PointOutcome.Limit(new MuLimit(observed, ExpectedBand.of(expected), List.of(warnings)),
                    java.util.Optional.ofNullable(local), java.util.Optional.ofNullable(gof));
        }
    }

    /**
     * @param jobs the prepared mass points
     * @param options the scan options (method, CL; progress reported at the end)
     * @return the outcomes in job order
     * @throws InvalidInputException if the options ask for a minimiser other than {@link ScanMinimizer}
     */
    @Override
    public List<PointOutcome> solve(List<PointJob> jobs, ScanOptions options) {
        Minimizer asked = options.minimizer().get();
        if (!(asked instanceof ScanMinimizer)) {
            throw new InvalidInputException("a Spark mass scan minimises with ScanMinimizer on the executors;"
                    + " the scan options ask for " + asked.getClass().getName() + ": run this scan locally");
        }
        List<PointTask> tasks = new ArrayList<>(jobs.size());
        for (PointJob j : jobs) {
            tasks.add(new PointTask(j.index(), j.mass(), WorkspaceIO.toJson(j.workspace()), j.seed(), options.method(),
                    options.cl()));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<TaskResult> results;
        try (TaskProgress progress = TaskProgress.open(spark.sparkContext(), "recoil mass scan (" + tasks.size()
                + " points)", tasks.size(), options.progress())) {
            results = TaskAttempt.values(jsc.parallelize(tasks, tasks.size())
                    .map(t -> TaskAttempt.of(t::solve)).collect());
            progress.finished();
        } catch (Exception e) {
            throw SparkErrors.unwrap(e);
        }
        List<PointOutcome> out = new ArrayList<>(results.size());
        for (int k = 0; k < results.size(); k++) {
            TaskResult r = results.get(k);
            if (r.index() != tasks.get(k).index()) {
                throw new IllegalStateException("Spark returned mass point " + r.index() + " in place of "
                        + tasks.get(k).index());
            }
            out.add(r.toOutcome());
        }
        return out;
    }

    /**
     * What every task of the pseudo-experiments needs (broadcast once): the prepared points as pyhf
     * JSON with their indices, masses and seeds, the pseudo-data generator and the request.
     */
    record LeeSpec(int[] index, double[] mass, String[] workspaceJson, long[] seed, ScanPseudoData pseudo,
                   GlobalSignificance.Request request) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Runs batches [first, first + count) on an executor, with models rebuilt from the JSON. */
        GlobalSignificance.Toys run(int first, int count) {
            List<PointJob> jobs = new ArrayList<>(index.length);
            for (int p = 0; p < index.length; p++) {
                jobs.add(new PointJob(index[p], mass[p], WorkspaceIO.read(workspaceJson[p], "mass point M = " + mass[p]
                        + " GeV"), seed[p]));
            }
            return GlobalSignificance.batches(jobs, pseudo, request, first, count, ScanMinimizer::new);
        }
    }

    /** One task of the pseudo-experiments: a contiguous range of batches. */
    record BatchRange(int first, int count) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Contiguous ranges of batches covering {@code [0, batches)} in {@code parts} nearly equal pieces.
     *
     * @param batches number of batches
     * @param parts number of ranges, {@code 1 <= parts <= batches}
     * @return the ranges, in order
     */
    static List<BatchRange> ranges(int batches, int parts) {
        List<BatchRange> out = new ArrayList<>(parts);
        int first = 0;
        for (int p = 0; p < parts; p++) {
            int count = batches / parts + (p < batches % parts ? 1 : 0);
            out.add(new BatchRange(first, count));
            first += count;
        }
        return out;
    }

    /**
     * The look-elsewhere pseudo-experiments as Spark tasks, one per contiguous range of batches.
     *
     * @param jobs the scan's prepared points
     * @param pseudo the pseudo-data generator of the same points
     * @param request the pseudo-experiments
     * @param options the scan options (progress as (pseudo-experiments done, total), estimated from the finished
     *                tasks)
     * @return the local executor's result, bit for bit
     * @throws InvalidInputException if the options ask for a minimiser other than {@link ScanMinimizer}, or the jobs
     *     and the generator do not match (from the first task, at its first attempt)
     */
    @Override
    public GlobalSignificance.Toys pseudoExperiments(List<PointJob> jobs, ScanPseudoData pseudo,
                                                     GlobalSignificance.Request request, ScanOptions options) {
        requireScanMinimizer(options, "the look-elsewhere pseudo-experiments");
        int n = jobs.size();
        int[] index = new int[n];
        double[] mass = new double[n];
        String[] json = new String[n];
        long[] seed = new long[n];
        for (int p = 0; p < n; p++) {
            PointJob j = jobs.get(p);
            index[p] = j.index();
            mass[p] = j.mass();
            json[p] = WorkspaceIO.toJson(j.workspace());
            seed[p] = j.seed();
        }
        List<BatchRange> ranges = ranges(request.batches(), Math.min(pseudoExperimentTasks, request.batches()));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<LeeSpec> spec = jsc.broadcast(new LeeSpec(index, mass, json, seed, pseudo, request));
        long toys = request.toys();
        ProgressListener toyProgress = (done, total) -> options.progress().update(done * toys / total, toys);
        List<GlobalSignificance.Toys> parts;
        String description = "recoil look-elsewhere pseudo-experiments (" + toys + " in " + ranges.size() + " tasks)";
        try (TaskProgress progress = TaskProgress.open(spark.sparkContext(), description, ranges.size(), toyProgress)) {
            parts = TaskAttempt.values(jsc.parallelize(ranges, ranges.size())
                    .map(r -> TaskAttempt.of(() -> spec.value().run(r.first(), r.count()))).collect());
            progress.finished();
        } catch (Exception e) {
            throw SparkErrors.unwrap(e);
        } finally {
            spec.destroy();
        }
        return GlobalSignificance.Toys.concat(parts);
    }

    private static void requireScanMinimizer(ScanOptions options, String what) {
        Minimizer asked = options.minimizer().get();
        if (!(asked instanceof ScanMinimizer)) {
            throw new InvalidInputException("a Spark mass scan minimises with ScanMinimizer on the executors;"
                    + " the scan options ask for " + asked.getClass().getName() + " for " + what
                    + ": run this scan locally");
        }
    }

    /** @return e.g. {@code "Spark local[2] (one task per mass point)"} */
    @Override
    public String describe(int threads) {
        return "Spark " + spark.sparkContext().master() + " (one task per mass point)";
    }
}
