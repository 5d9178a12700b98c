package org.recoil.cli.report;

import java.io.PrintWriter;
import java.util.Locale;
import org.recoil.limits.calc.ProgressListener;

/**
 * A text progress bar on stderr for one step: {@code [scan      ] ####......  40/100}. Redrawn in place
 * (carriage return) on a console; otherwise printed at every quarter so that logs stay short.
 * Thread-safe (updates come from worker threads) and throttled.
 */
public final class ConsoleProgress implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final boolean interactive;
    private int lastQuarter = -1;
    private long lastDraw;
    private boolean finished;

    /**
     * @param err where to draw (the command's stderr)
     * @param label the step name
     * @param interactive redraw in place (a console) or print quarters
     */
    public ConsoleProgress(PrintWriter err, String label, boolean interactive) {
        this.err = err;
        this.label = label;
        this.interactive = interactive;
    }

    @Override
    public synchronized void update(long done, long total) {
        if (finished || total <= 0) {
            return;
        }
        long now = System.nanoTime();
        boolean last = done >= total;
        if (interactive) {
            if (!last && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            err.print("\r" + bar(done, total));
            if (last) {
                err.println();
                finished = true;
            }
            err.flush();
            return;
        }
        int quarter = (int) (4 * done / total);
        if (quarter > lastQuarter) {
            lastQuarter = quarter;
            err.println(bar(done, total));
            err.flush();
            finished = last;
        }
    }

    private String bar(long done, long total) {
        int filled = (int) (WIDTH * done / total);
        return String.format(Locale.ROOT, "[%-22s] %s%s %d/%d", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total);
    }
}
