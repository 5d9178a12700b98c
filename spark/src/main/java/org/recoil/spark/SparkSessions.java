package org.recoil.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.recoil.core.InvalidInputException;

/**
 * The Spark session of a CLI command: the session already running in this JVM (tests, notebooks),
 * else a new one with the master given on the command line, else the master set by
 * {@code spark-submit}, else {@code local[*]}. {@link #close()} stops only a session it created.
 */
final class SparkSessions implements AutoCloseable {

    private final SparkSession session;
    private final boolean owned;

    private SparkSessions(SparkSession session, boolean owned) {
        this.session = session;
        this.owned = owned;
    }

    /**
     * @param master master URL from the command line ({@code local[*]}, {@code spark://host:7077},
     *     {@code yarn}, {@code k8s://...}) or {@code null}
     * @param appName application name shown by the cluster manager
     * @return the session holder
     */
    static SparkSessions open(String master, String appName) {
        scala.Option<SparkSession> active = SparkSession.getActiveSession();
        if (active.isEmpty()) {
            active = SparkSession.getDefaultSession();
        }
        if (active.isDefined()) {
            return new SparkSessions(active.get(), false);
        }
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (master != null) {
            b = b.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            b = b.master("local[*]");
        }
        SparkSession s;
        try {
            s = b.getOrCreate();
        } catch (Exception e) { // Scala throws the checked SparkException undeclared
            if (master != null) {
                throw new InvalidInputException("--master " + master + ": cannot start Spark: " + e.getMessage(), e);
            }
            throw SparkErrors.unwrap(e);
        }
        return new SparkSessions(s, true);
    }

    /** @return the session */
    SparkSession session() {
        return session;
    }

    @Override
    public void close() {
        if (owned) {
            session.stop();
        }
    }
}
