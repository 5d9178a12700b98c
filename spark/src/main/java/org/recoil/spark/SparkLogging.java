package org.recoil.spark;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.spark.SparkContext;

/**
 * Quiet logging for the Spark commands: Spark at WARN, Recoil at INFO, from the configuration bundled in
 * {@code recoil-spark.jar} ({@value #RESOURCE}), unless the user asked for Spark's own logs
 * ({@code --verbose}) or passed their own file ({@code -Dlog4j2.configurationFile}).
 *
 * <p>Under {@code spark-submit} Log4j is already initialised with Spark's defaults (INFO) when {@link SparkCli#main}
 * runs, in the logging context of Spark's class loader, while the job jar's classes have a context of their own: both
 * are reconfigured from the bundled file. Run otherwise (the {@code recoil-spark} launcher, {@code java -cp}), there
 * is one context, and the bundled file is also named before Log4j starts, so that Spark does not replace it by its
 * defaults.
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
        if (bundled == null) {
            return;
        }
        System.setProperty(CONFIG_PROPERTY, bundled.toString());
        URI uri;
        try {
            uri = bundled.toURI();
        } catch (URISyntaxException e) {
            return; // a class-path URL is a valid URI; Log4j reads the property when it starts
        }
        // Spark sets up its logging when it first logs, and spark-submit (which found no file either) has it do so
        // again with its INFO defaults after this method; done now (silently), it is not redone afterwards
        org.apache.spark.SparkContext$.MODULE$.initializeLogIfNecessary(false, true);
        // Log4j keeps one logging context per class loader: under spark-submit this class (the job jar's loader)
        // and Spark (the JVM's class path) log through different ones; both are given the bundled file
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        loaders.add(SparkLogging.class.getClassLoader());
        loaders.add(SparkContext.class.getClassLoader());
        for (ClassLoader loader : loaders) {
            if (LogManager.getContext(loader, false) instanceof LoggerContext ctx) {
                ctx.setConfigLocation(uri);
            }
        }
    }
}
