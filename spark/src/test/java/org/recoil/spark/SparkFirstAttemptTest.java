package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventTable;
import org.recoil.core.events.EventWriter;
import org.recoil.core.selection.SelectionConfig;

/**
 * A deterministic input error found in a task ends the job at its first attempt, with the message of a local run
 * (the file named once), although the session allows 4 attempts per task as a cluster does ({@code local[2,4]}).
 */
class SparkFirstAttemptTest {

    private static SparkSession spark;
    private static final AtomicInteger TASKS = new AtomicInteger();
    private static final AtomicInteger FAILED_TASKS = new AtomicInteger();

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2,4]").appName("recoil-first-attempt-test")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                TASKS.incrementAndGet();
                if (!end.taskInfo().successful()) {
                    FAILED_TASKS.incrementAndGet();
                }
            }
        });
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void badValueInATaskEndsTheJobAtOnceWithTheLocalMessage(@TempDir Path dir) throws Exception {
        EventTable.Builder b = EventTable.builder();
        for (int i = 0; i < 20; i++) {
            b.add(1.0, 0.5, 2.0, 1, -1.0, -0.5, 1.5, -1, 2, 0.05 + 0.01 * i, 1.0, "bkg");
        }
        Path file = dir.resolve("events.parquet");
        EventWriter.write(b.build(), file);
        SelectionConfig cfg = SelectionConfig.parse("""
                beams: belle2
                columns: {charge1: extra_energy}
                histogram:
                  observable: recoil_mass
                  binning: {bins: 10, lo: -1.0, hi: 9.0}
                """, false, "cfg.yaml");
        TASKS.set(0);
        FAILED_TASKS.set(0);
        InvalidInputException e = assertThrows(InvalidInputException.class, () ->
                new SparkHistogrammer(spark, cfg, cfg.histogram().binning().toBinning("cfg")).apply(
                        List.of(file.toString())));
        assertTrue(e.getMessage().contains("'extra_energy'") && e.getMessage().contains("not an integer"),
                e.getMessage());
        assertEquals(1, e.getMessage().split("events\\.parquet", -1).length - 1, "file named once: " + e.getMessage());
        spark.sparkContext().listenerBus().waitUntilEmpty();
        assertEquals(0, FAILED_TASKS.get(), "no task failed (and so none was retried)");
    }
}
