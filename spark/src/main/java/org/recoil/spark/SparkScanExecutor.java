package org.recoil.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.calc.ExpectedBand;
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
 * <p>The executors always minimise with {@link ScanMinimizer} (the default of
 * {@link ScanOptions#defaults()}): the scan options' minimiser supplier is not shipped, and options
 * asking for another minimiser are refused. Progress is reported as the tasks finish
 * ({@link TaskProgress}). Immutable; the session is the caller's.
 */
public final class SparkScanExecutor implements ScanExecutor {

    private final SparkSession spark;

    /**
     * @param spark the Spark session (local or cluster)
     */
    public SparkScanExecutor(SparkSession spark) {
        this.spark = spark;
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

    /** @return e.g. {@code "Spark local[2] (one task per mass point)"} */
    @Override
    public String describe(int threads) {
        return "Spark " + spark.sparkContext().master() + " (one task per mass point)";
    }
}
