package org.recoil.spark;

import org.apache.spark.sql.SparkSession;

/** Test helper: a loopback local[2] Spark session. */
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
}
