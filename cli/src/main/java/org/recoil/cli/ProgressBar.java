package org.recoil.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.recoil.fitting.fit.MinimizerListener;
import org.recoil.limits.calc.ProgressListener;

/**
 * A progress line on stderr for long work: a bar for toys and MCMC (also of {@code spark-toys}), and the
 * iterations and −2 ln L of a fit ({@link #iteration}, as the minimiser's listener) for fits, hypothesis
 * tests and limits on large models. Shown only once the work has run for more than a second (short runs
 * print nothing) and redrawn in place at most ten times a second. Thread-safe: workers call
 * {@link #update} concurrently. Never writes to stdout, so {@code --json} output stays one document.
 *
 * <p>The system property {@value #SHOW_AFTER_PROPERTY} (milliseconds, default 1000) changes the delay
 * before the first drawing, e.g. to 0 so that tests see the progress of short runs.
 */
public final class ProgressBar implements ProgressListener, MinimizerListener, AutoCloseable {

    /** System property: milliseconds before the first drawing (default 1000). */
    public static final String SHOW_AFTER_PROPERTY = "recoil.progress.afterMillis";

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long start = System.nanoTime();
    private final long showAfterNanos;
    private String label;
    private long lastDraw;
    private boolean shown;
    private int lastLength;
    private boolean relabelled;

    /**
     * @param err where to draw (the command's stderr)
     * @param label what is being counted, e.g. "toys"
     */
    public ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
        this.showAfterNanos = 1_000_000L * Long.getLong(SHOW_AFTER_PROPERTY, 1000L);
    }

    /**
     * @param newLabel label of the next stage (e.g. the μ of the next hypothesis test); drawn at the next update
     *                 once the delay has passed, whatever the redraw rate
     */
    synchronized void label(String newLabel) {
        this.label = newLabel;
        this.relabelled = true;
    }

    @Override
    public synchronized void update(long done, long total) {
        if (!due(done >= total)) {
            return;
        }
        double f = total > 0 ? Math.min(1.0, (double) done / total) : 0.0;
        int filled = (int) Math.round(f * WIDTH);
        draw(String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %d/%d", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), 100 * f, done, total));
    }

    /** Draws "label: iteration k, -2 ln L = v" (the progress of a minimiser, whose total is not known). */
    @Override
    public synchronized void iteration(int iteration, double twiceNll) {
        if (due(false)) {
            draw(String.format(Locale.ROOT, "%s: iteration %d, -2 ln L = %.6f", label, iteration, twiceNll));
        }
    }

    /** Whether to draw now: after the delay, and at most ten times a second unless {@code last}. */
    private boolean due(boolean last) {
        long now = System.nanoTime();
        if (now - start < showAfterNanos || (shown && now - lastDraw < REDRAW_NANOS && !last && !relabelled)) {
            return false;
        }
        lastDraw = now;
        shown = true;
        relabelled = false;
        return true;
    }

    /** Redraws the line in place, blanking what is left of a longer earlier line. */
    private void draw(String line) {
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        lastLength = line.length();
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (shown) {
            err.println();
            err.flush();
        }
    }
}
