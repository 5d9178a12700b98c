package org.recoil.spark;

import picocli.CommandLine.Option;

/** The {@code --master URL} option of the Spark commands, and the session it opens. */
final class SparkMasterOption {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*], spark://HOST:7077, yarn, k8s://... (default: spark-submit's, else local[*])")
    String master;

    /**
     * @param appName application name shown by the cluster manager
     * @return the session of {@link SparkSessions#open} for this master
     * @throws org.recoil.core.InvalidInputException if Spark cannot start with the given master
     */
    SparkSessions open(String appName) {
        return SparkSessions.open(master, appName);
    }
}
