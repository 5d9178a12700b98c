package org.recoil.spark;

import java.io.Serializable;
import java.util.Objects;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.calc.ToyCalculator;
import org.recoil.limits.calc.ToyOptions;
import org.recoil.limits.teststat.PointEstimateMinimizer;
import org.recoil.limits.teststat.TestStatistics;

/**
 * What an executor needs to rebuild a toy calculator: the pyhf JSON workspace as text, the
 * measurement, the test statistic id and the toy settings. Only this small value object travels
 * to the executors; the compiled model is rebuilt there from the JSON (never Java-serialised), so
 * a task computes exactly what the single-machine {@link ToyCalculator} computes.
 *
 * @param workspaceJson the workspace (pyhf JSON 1.0.0) as text
 * @param sourceName name of the workspace used in error messages (e.g. its file)
 * @param measurement measurement to compile, or {@code null} for the workspace's only/first one
 * @param testStatistic test statistic id ({@code qtilde}, {@code q}, {@code ttilde}, {@code t}, {@code event_count})
 * @param toys toys per hypothesis
 * @param seed master seed of the toys
 * @param maxFailedFraction fraction of failed toys above which the test throws
 * @param minimizer creates the minimiser of every calculator built from this spec, on the driver and
 *                  in each task (default {@link PointEstimateMinimizer})
 */
public record ToyModelSpec(String workspaceJson, String sourceName, String measurement, String testStatistic,
                           int toys, long seed, double maxFailedFraction, MinimizerFactory minimizer)
        implements Serializable {

    private static final long serialVersionUID = 2L;

    /**
     * Creates a minimiser; serialisable so that it travels to the executors with the spec (a
     * lambda or method reference typed as this interface is serialisable).
     */
    @FunctionalInterface
    public interface MinimizerFactory extends Serializable {
        /** @return a new minimiser */
        Minimizer create();
    }

    /** Validates. */
    public ToyModelSpec {
        Objects.requireNonNull(workspaceJson, "workspaceJson");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(testStatistic, "testStatistic");
        Objects.requireNonNull(minimizer, "minimizer");
        if (toys < 1) {
            throw new org.recoil.core.InvalidInputException("the number of toys must be at least 1, got " + toys);
        }
    }

    /**
     * Specification with the default minimiser ({@link PointEstimateMinimizer}).
     *
     * @param workspaceJson workspace text
     * @param sourceName name for messages
     * @param measurement measurement, or {@code null} for the workspace's only/first one
     * @param testStatistic test statistic id
     * @param toys toys per hypothesis
     * @param seed master seed
     * @param maxFailedFraction fraction of failed toys above which the test throws
     */
    public ToyModelSpec(String workspaceJson, String sourceName, String measurement, String testStatistic, int toys,
                        long seed, double maxFailedFraction) {
        this(workspaceJson, sourceName, measurement, testStatistic, toys, seed, maxFailedFraction,
                PointEstimateMinimizer::new);
    }

    /**
     * @param m the minimiser factory
     * @return a copy that builds its calculators with {@code m}
     */
    public ToyModelSpec withMinimizer(MinimizerFactory m) {
        return new ToyModelSpec(workspaceJson, sourceName, measurement, testStatistic, toys, seed, maxFailedFraction, m);
    }

    /**
     * @param fraction fraction of failed toys above which the test throws
     * @return a copy with that tolerance
     */
    public ToyModelSpec withMaxFailedFraction(double fraction) {
        return new ToyModelSpec(workspaceJson, sourceName, measurement, testStatistic, toys, seed, fraction, minimizer);
    }

    /**
     * Toy specification with q̃<sub>μ</sub> and the default failure tolerance of {@link ToyOptions}.
     *
     * @param workspaceJson workspace text
     * @param sourceName name for messages
     * @param toys toys per hypothesis
     * @param seed master seed
     * @return the specification
     */
    public static ToyModelSpec of(String workspaceJson, String sourceName, int toys, long seed) {
        return new ToyModelSpec(workspaceJson, sourceName, null, "qtilde", toys, seed,
                ToyOptions.of(toys, seed).maxFailedFraction());
    }

    /** @return the compiled HistFactory model of the chosen measurement */
    public HistFactoryModel model() {
        return HistFactoryModel.of(WorkspaceIO.read(workspaceJson, sourceName), measurement, ModelOptions.defaults());
    }

    /**
     * The single-machine toy calculator these settings describe.
     *
     * @param threads worker threads of the calculator (1 inside a Spark task: Spark provides the parallelism)
     * @return the calculator on the model's observed data
     */
    public ToyCalculator calculator(int threads) {
        HistFactoryModel model = model();
        ToyOptions options = ToyOptions.of(toys, seed).withThreads(threads).withMaxFailedFraction(maxFailedFraction);
        return new ToyCalculator(model, model.observed(), minimizer.create(),
                TestStatistics.fromId(testStatistic), options);
    }
}
