package org.recoil.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Wall-clock times of the steps of a run, for the timing report printed at the end of
 * {@code recoil demo}, {@code scan} and {@code project}. One instance per run; not thread-safe.
 */
public final class StepTimer implements org.recoil.limits.analysis.Steps {

    /**
     * One timed step.
     *
     * @param name step name
     * @param seconds wall time in seconds
     */
    public record Step(String name, double seconds) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final long start = System.nanoTime();

    /**
     * Runs and times a step.
     *
     * @param <T> its result type
     * @param name step name
     * @param body the step
     * @return its result
     */
    public <T> T time(String name, Supplier<T> body) {
        return run(name, body);
    }

    @Override
    public <T> T run(String name, Supplier<T> body) {
        long t0 = System.nanoTime();
        try {
            return body.get();
        } finally {
            steps.add(new Step(name, (System.nanoTime() - t0) / 1e9));
        }
    }

    /** @return the steps so far, in order */
    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** @return seconds since this timer was created */
    public double total() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** @return one line per step and a total line */
    public String format() {
        StringBuilder b = new StringBuilder();
        for (Step s : steps) {
            b.append(String.format(Locale.ROOT, "  %-34s %8.2f s%n", s.name(), s.seconds()));
        }
        b.append(String.format(Locale.ROOT, "  %-34s %8.2f s%n", "total (wall)", total()));
        return b.toString();
    }
}
