package org.recoil.spark;

import org.recoil.cli.RecoilCli;
import picocli.CommandLine;

/**
 * Entry point of the Spark edition of the {@code recoil} CLI: every command of {@link RecoilCli}
 * plus the Spark commands ({@code spark-toys}, {@code spark-histogram}, {@code spark-scan},
 * {@code spark-hypotest}), with the same exit codes (0 ok, 1 internal error,
 * 2 bad input, 3 could not compute). Run it with {@code spark-submit --class org.recoil.spark.SparkCli
 * recoil-spark.jar spark-toys ...} on a cluster, or on one machine with Spark's jars on the class path.
 * Spark logs warnings only ({@link SparkLogging}); {@code --verbose} keeps Spark's own INFO logs (and prints
 * stack traces of errors).
 */
public final class SparkCli {

    private SparkCli() {
    }

    /** @return the command line: {@code recoil}'s commands and the Spark commands */
    public static CommandLine commandLine() {
        CommandLine cl = RecoilCli.commandLine();
        cl.addSubcommand("spark-toys", new SparkToysCommand());
        cl.addSubcommand("spark-histogram", new SparkHistogramCommand());
        cl.addSubcommand(SparkScanCommand.NAME, new SparkScanCommand());
        cl.addSubcommand("spark-hypotest", new SparkHypotestCommand());
        return cl;
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        SparkLogging.configure(args);
        System.exit(commandLine().execute(args));
    }
}
