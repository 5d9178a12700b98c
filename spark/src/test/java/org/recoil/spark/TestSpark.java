package org.recoil.spark;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/** Test helpers: a loopback local[2] Spark session, and running the Spark edition of the CLI. */
final class TestSpark {

    private TestSpark() {
    }

    /** @return a local[2] session bound to 127.0.0.1 with the UI off (one per test class; stop it after) */
    static SparkSession session() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("recoil-spark-test")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    /** What a command printed, and its exit code. */
    record Run(int exit, String out, String err) {
    }

    /**
     * @param args a command of {@link SparkCli} (the local commands and the Spark commands) and its arguments
     * @return the exit code, stdout and stderr
     */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SparkCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
