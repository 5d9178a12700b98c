package org.recoil.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.recoil.limits.calc.ProgressListener;

/**
 * A progress bar on stderr for toys and MCMC (also of {@code spark-toys}), shown only once the work has run for more than a
 * second (short runs print nothing) and redrawn at most ten times a second. Thread-safe: workers
 * call {@link #update} concurrently. Never writes to stdout, so {@code --json} output stays one
 * document.
 */
public final class ProgressBar implements ProgressListener, AutoCloseable {

    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long start = System.nanoTime();
    private String label;
    private long lastDraw;
    private boolean shown;

    /**
     * @param err where to draw (the command's stderr)
     * @param label what is being counted, e.g. "toys"
     */
    public ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /** @param newLabel label of the next stage (e.g. the μ of the next hypothesis test) */
    synchronized void label(String newLabel) {
        this.label = newLabel;
    }

    @Override
    public synchronized void update(long done, long total) {
        long now = System.nanoTime();
        if (now - start < SHOW_AFTER_NANOS || (now - lastDraw < REDRAW_NANOS && done < total)) {
            return;
        }
        lastDraw = now;
        shown = true;
        double f = total > 0 ? Math.min(1.0, (double) done / total) : 0.0;
        int filled = (int) Math.round(f * WIDTH);
        err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3.0f%% %d/%d", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), 100 * f, done, total));
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
