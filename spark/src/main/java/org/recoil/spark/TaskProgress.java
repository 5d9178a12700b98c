package org.recoil.spark;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.recoil.limits.calc.ProgressListener;

/**
 * Reports the finished tasks of the Spark jobs that the calling thread starts while it is open to a
 * {@link ProgressListener}, as (tasks done, tasks total): the jobs run in a job group of their own,
 * and a listener on the Spark context counts the successful tasks of that group's stages. Spark
 * delivers listener events asynchronously, so {@link #close()} reports the total once the action
 * has returned. Open it just before the action, in the thread that runs it.
 */
final class TaskProgress extends SparkListener implements AutoCloseable {

    private final SparkContext sc;
    private final String group;
    private final long total;
    private final ProgressListener progress;
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final AtomicLong done = new AtomicLong();
    private boolean finished;

    private TaskProgress(SparkContext sc, String group, long total, ProgressListener progress) {
        this.sc = sc;
        this.group = group;
        this.total = total;
        this.progress = progress;
    }

    /**
     * @param sc the Spark context
     * @param description the job group's description (shown in the Spark UI)
     * @param total the number of tasks of the action
     * @param progress receives (tasks done, total)
     * @return the open reporter
     */
    static TaskProgress open(SparkContext sc, String description, long total, ProgressListener progress) {
        TaskProgress t = new TaskProgress(sc, "recoil-" + Thread.currentThread().getId() + "-" + System.nanoTime(), total,
                progress);
        sc.setJobGroup(t.group, description, false);
        sc.addSparkListener(t);
        return t;
    }

    /** Marks the action as completed: {@link #close()} then reports all tasks done. */
    void finished() {
        finished = true;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        if (group.equals(jobStart.properties().getProperty("spark.jobGroup.id"))) {
            for (Object id : scala.jdk.javaapi.CollectionConverters.asJava(jobStart.stageIds())) {
                stages.add((Integer) id);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (stages.contains(taskEnd.stageId()) && taskEnd.taskInfo().successful()) {
            long d = done.incrementAndGet();
            if (d < total) {
                progress.update(d, total);
            }
        }
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
        sc.clearJobGroup();
        if (finished) {
            progress.update(total, total);
        }
    }
}
