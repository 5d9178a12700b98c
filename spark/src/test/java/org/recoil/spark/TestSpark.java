package org.recoil.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** Test helpers: a loopback local[2] Spark session and the shared reference folder. */
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

    /** @return {@code <root>/../shared/reference} */
    static Path reference() {
        String root = System.getProperty("recoil.root");
        if (root != null) {
            Path p = Path.of(root).resolve("../shared/reference").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("../shared/reference").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find ../shared/reference from " + System.getProperty("user.dir"));
    }
}
