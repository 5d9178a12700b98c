package org.recoil.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the test classes that share one local[2] session ({@link TestSpark#session()}) per class. */
abstract class SparkSessionTest {

    /** The class's session, started before its first test and stopped after its last. */
    static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = TestSpark.session();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }
}
