package org.recoil.spark;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.recoil.core.InvalidInputException;
import org.recoil.cli.HypotestJson;
import org.recoil.cli.Json;
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

    @Option(names = "--toys", paramLabel = "N", defaultValue = "1000",
            description = "toys per hypothesis (default ${DEFAULT-VALUE})")
    int toys;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of the toys (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*], spark://HOST:7077, yarn, k8s://... (default: spark-submit's, else local[*])")
    String master;

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
        if (toys < 1) {
            throw new InvalidInputException("--toys must be at least 1, got " + toys);
        }
        if (partitions != null && partitions < 1) {
            throw new InvalidInputException("--partitions must be at least 1, got " + partitions);
        }
        String ws = WorkspaceIO.toJson(input.read());
        ToyModelSpec toySpec = new ToyModelSpec(ws, input.name(), input.measurement(), testStat, toys, seed,
                ToyOptions.of(toys, seed).maxFailedFraction());
        HypoTestResult r;
        // the calculator checks the workspace and statistic on the driver before any task runs
        try (SparkSessions s = SparkSessions.open(master, "recoil spark-toys")) {
            SparkToyCalculator calc = partitions != null ? new SparkToyCalculator(s.session(), toySpec, partitions)
                    : new SparkToyCalculator(s.session(), toySpec);
            r = calc.hypotest(mu);
        }
        PrintWriter err = spec.commandLine().getErr();
        for (String w : r.warnings()) {
            err.println("recoil: warning: " + w);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, HypotestJson.of(r));
        } else {
            out.printf(Locale.ROOT, "CLs hypothesis test of mu = %s (toys on Spark, %s): %s%n", r.mu(),
                    r.testStatistic(), input.name());
            out.printf(Locale.ROOT, "  CLs   = %.6f%s%n", r.cls(),
                    r.toys().map(t -> String.format(Locale.ROOT, " +- %.6f", t.clsError())).orElse(""));
            out.printf(Locale.ROOT, "  CLs+b = %.6f%n", r.clsb());
            out.printf(Locale.ROOT, "  CLb   = %.6f%n", r.clb());
            double[] e = r.clsExpected().toArray();
            out.printf(Locale.ROOT, "  expected CLs: -2 sigma %.6f, -1 sigma %.6f, median %.6f, +1 sigma %.6f,"
                    + " +2 sigma %.6f%n", e[0], e[1], e[2], e[3], e[4]);
            r.toys().ifPresent(t -> out.printf(Locale.ROOT, "  toys: %d signal+background, %d background-only,"
                    + " %d failed%n", t.signalToys(), t.backgroundToys(), t.signalFailed() + t.backgroundFailed()));
            out.flush();
        }
        return 0;
    }
}
