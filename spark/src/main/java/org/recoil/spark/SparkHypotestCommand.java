package org.recoil.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.recoil.cli.HypotestOutput;
import org.recoil.cli.PointBatch;
import org.recoil.cli.WorkspaceInput;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.RecoilException;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.teststat.PointEstimateMinimizer;
import org.recoil.limits.teststat.ProfileLikelihoodStatistic;
import org.recoil.limits.teststat.TestStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recoil-spark spark-hypotest BkgOnly.json (--patch A --patch B ... | --patchset PS --all-points) --mu X
 * [--json] [--out TABLE]}: the batch of {@code recoil hypotest} (asymptotic CLs at one μ for every signal
 * point) with one Spark task per point. The driver applies each point's patch and sends the workspace as pyhf
 * JSON; the task compiles it and runs the same calculator as the local command, so every point's document is
 * the local one to the last bit. Output, failed points and exit codes as the local batch ({@link PointBatch}).
 */
@Command(name = "spark-hypotest", mixinStandardHelpOptions = true,
        description = "Asymptotic CLs test of every signal point of a patch batch, one Spark task per point.")
public final class SparkHypotestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceInput input;

    @Option(names = "--mu", required = true, paramLabel = "X", description = "signal strength to test")
    double mu;

    @Option(names = "--test-stat", paramLabel = "T", defaultValue = "qtilde", description = "qtilde (default) or q")
    String testStat;

    @Option(names = "--json", description = "one JSON object per point and line (JSON Lines)")
    boolean json;

    @Mixin
    PointBatch.Options batch;

    @Mixin
    SparkMasterOption master;

    /** One point's work, shipped to an executor: the patched workspace as pyhf JSON. */
    record Task(int index, String name, String workspace, String measurement, double mu, String testStat)
            implements Serializable {

        /** @return the single-point document, or the error message */
        Result run() {
            try {
                HistFactoryModel model = HistFactoryModel.of(WorkspaceIO.read(workspace, name), measurement,
                        ModelOptions.defaults());
                ProfileLikelihoodStatistic stat = (ProfileLikelihoodStatistic) TestStatistics.fromId(testStat);
                Map<String, Object> doc = HypotestOutput.of(new AsymptoticCalculator(model, model.observed(),
                        new PointEstimateMinimizer(), stat).hypotest(mu));
                return new Result(index, new LinkedHashMap<>(doc), null);
            } catch (RecoilException | ArithmeticException | IllegalArgumentException | IllegalStateException e) {
                return new Result(index, null, e instanceof RecoilException ? e.getMessage() : e.toString());
            }
        }
    }

    /** What a task sends back. */
    record Result(int index, LinkedHashMap<String, Object> doc, String error) implements Serializable {
    }

    @Override
    public Integer call() {
        if (!Double.isFinite(mu)) {
            throw new InvalidInputException("--mu must be a finite number, got " + mu);
        }
        if (!(TestStatistics.fromId(testStat) instanceof ProfileLikelihoodStatistic)) {
            throw new InvalidInputException("spark-hypotest is asymptotic: --test-stat must be qtilde or q");
        }
        if (!input.isBatch(batch.allPoints())) {
            throw new InvalidInputException("spark-hypotest runs a batch: give --patch several times or --patchset FILE"
                    + " --all-points");
        }
        input.requireMeasurementSettings("spark-hypotest");
        PointBatch runner = new PointBatch(spec, 1, json, batch.out());
        List<WorkspaceInput.Point> points = input.points(batch.allPoints());
        List<Task> tasks = new ArrayList<>();
        Map<String, String> driverErrors = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            WorkspaceInput.Point p = points.get(i);
            try {
                tasks.add(new Task(i, p.sourceName(), WorkspaceIO.toJson(p.workspace()), input.measurement(), mu,
                        testStat));
            } catch (RecoilException e) {
                driverErrors.put(p.name(), e.getMessage()); // the patch does not apply: that point fails
            }
        }
        Map<Integer, Result> results = new HashMap<>();
        if (!tasks.isEmpty()) {
            try (SparkSessions s = master.open("recoil spark-hypotest")) {
                JavaSparkContext jsc = JavaSparkContext.fromSparkContext(s.session().sparkContext());
                for (Result r : jsc.parallelize(tasks, tasks.size()).map(Task::run).collect()) {
                    results.put(r.index(), r);
                }
            } catch (RuntimeException e) {
                throw SparkErrors.unwrap(e);
            }
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            index.put(points.get(i).name(), i);
        }
        return runner.run(points, p -> {
            if (driverErrors.containsKey(p.name())) {
                throw new InvalidInputException(driverErrors.get(p.name()));
            }
            Result r = results.get(index.get(p.name()));
            if (r.error() != null) {
                throw new ComputationException(r.error());
            }
            return r.doc();
        });
    }
}
