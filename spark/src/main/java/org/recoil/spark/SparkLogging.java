package org.recoil.spark;

import java.net.URL;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Quiet logging for the Spark commands: Spark at WARN, Recoil at INFO, from the configuration bundled in
 * {@code recoil-spark.jar} ({@value #RESOURCE}), unless the user asked for Spark's own logs
 * ({@code --verbose}) or passed their own file ({@code -Dlog4j2.configurationFile}).
 *
 * <p>Under {@code spark-submit} Log4j is already initialised (with Spark's defaults, INFO) when
 * {@link SparkCli#main} runs, so the levels are also set directly; run otherwise (the {@code recoil-spark}
 * launcher, {@code java -cp}), the bundled file is named before Log4j starts, so that Spark does not replace it
 * by its defaults.
 */
final class SparkLogging {

    /** The bundled Log4j 2 configuration, a class-path resource. */
    static final String RESOURCE = "org/recoil/spark/log4j2.properties";

    /** The system property of Log4j 2 that names a configuration file. */
    private static final String CONFIG_PROPERTY = "log4j2.configurationFile";

    private SparkLogging() {
    }

    /**
     * @param args the command line: {@code --verbose} anywhere keeps Spark's own logging
     */
    static void configure(String[] args) {
        for (String a : args) {
            if (a.equals("--verbose")) {
                return;
            }
        }
        if (System.getProperty(CONFIG_PROPERTY) != null) {
            return; // the user's own file
        }
        URL bundled = SparkLogging.class.getClassLoader().getResource(RESOURCE);
        if (bundled != null) {
            System.setProperty(CONFIG_PROPERTY, bundled.toString());
        }
        Configurator.setRootLevel(Level.WARN);
        Configurator.setLevel("org.recoil", Level.INFO);
        Configurator.setLevel("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR);
        // a failed task's stack trace: the command prints the error as one line (--verbose shows it)
        Configurator.setLevel("org.apache.spark.executor.Executor", Level.OFF);
        Configurator.setLevel("org.apache.spark.scheduler.TaskSetManager", Level.OFF);
    }
}
