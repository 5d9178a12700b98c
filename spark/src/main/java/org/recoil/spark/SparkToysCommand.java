package org.recoil.spark;

import java.util.concurrent.Callable;
import org.recoil.core.InvalidInputException;
import org.recoil.cli.HypotestOutput;
import org.recoil.cli.ProgressBar;
import org.recoil.cli.ToyCountOptions;
import org.recoil.cli.WorkspaceInput;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.calc.ToyOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recoil spark-toys WS.json --mu X --toys N --seed S [--master URL] [--json]}: the toy-based
 * CLs hypothesis test of {@code recoil hypotest --calc toys} with the toys run as Spark tasks
 * ({@link SparkToyCalculator}); same numbers and the same JSON document as the local command.
 */
@Command(name = "spark-toys", mixinStandardHelpOptions = true,
        description = "Toy-based CLs hypothesis test of a signal strength with the toys distributed on Spark.")
public final class SparkToysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceInput input;

    @Option(names = "--mu", required = true, paramLabel = "X", description = "signal strength to test")
    double mu;

    @Option(names = "--test-stat", paramLabel = "T", defaultValue = "qtilde",
            description = "test statistic: qtilde (default), q, ttilde, t or event_count")
    String testStat;

    @Mixin
    ToyCountOptions toyCount;

    @Mixin
    SparkMasterOption master;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Spark tasks per hypothesis (default: 4 x the default parallelism)")
    Integer partitions;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() {
        if (!Double.isFinite(mu)) {
            throw new InvalidInputException("--mu must be a finite number, got " + mu);
        }
        int toys = toyCount.toys();
        long seed = toyCount.seed();
        if (partitions != null && partitions < 1) {
            throw new InvalidInputException("--partitions must be at least 1, got " + partitions);
        }
        input.requireMeasurementSettings("spark-toys");
        String ws = WorkspaceIO.toJson(input.read());
        ToyModelSpec toySpec = new ToyModelSpec(ws, input.name(), input.measurement(), testStat, toys, seed,
                ToyOptions.of(toys, seed).maxFailedFraction());
        HypoTestResult r;
        // the calculator checks the workspace and statistic on the driver before any task runs
        try (SparkSessions s = master.open("recoil spark-toys")) {
            SparkToyCalculator calc = partitions != null ? new SparkToyCalculator(s.session(), toySpec, partitions)
                    : new SparkToyCalculator(s.session(), toySpec);
            try (ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "toy ranges at mu=" + mu)) {
                r = calc.withProgress(bar).hypotest(mu);
            }
        }
        HypotestOutput.print(spec, r, input.name(), "toys on Spark", json);
        return 0;
    }
}
