package org.recoil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.recoil.core.InvalidInputException;
import org.recoil.core.RecoilException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Runs one computation per signal point (a patch of a published likelihood) in one process, in parallel,
 * for {@code recoil hypotest|limit ... --patch A --patch B} and {@code --patchset S --all-points}. Each point
 * computes exactly what the single-point command computes (same code, its own model and minimiser), so its
 * numbers are the single-point run's to the last bit whatever the thread count.
 *
 * <p>Output, in the order the points were given: with {@code --json} one JSON object per line (JSON Lines),
 * {@code "point"} first, then the single-point document's fields; otherwise one text line per point. With
 * {@code --out FILE.csv|FILE.json} also a table (CSV: scalars and the five-value arrays as columns; JSON: an
 * array of the per-point documents), written atomically at the end. A point that fails is reported on stderr
 * (after the progress bar) and the others are kept; the exit code is then 3 and the last stderr line names
 * the failed points.
 */
public final class PointBatch {

    private final CommandSpec spec;
    private final int threads;
    private final boolean json;
    private final Path out;

    /**
     * @param spec the command (stdout, stderr)
     * @param threads points computed at once
     * @param json JSON Lines on stdout
     * @param out table file (.csv or .json), or null
     * @throws InvalidInputException for threads below 1 or a table file that is neither .csv nor .json
     */
    public PointBatch(CommandSpec spec, int threads, boolean json, Path out) {
        if (threads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threads);
        }
        if (out != null) {
            tableFormat(out);
        }
        this.spec = spec;
        this.threads = threads;
        this.json = json;
        this.out = out;
    }

    /** The batch options of hypotest and limit (a picocli mixin). */
    public static final class Options {
        @Option(names = "--all-points", description = "run every patch of the --patchset, one result per point")
        boolean allPoints;

        @Option(names = "--out", paramLabel = "FILE.csv|FILE.json",
                description = "batch: also write a table of all points (CSV, or a JSON array)")
        Path out;

        /** @return whether --all-points was given */
        public boolean allPoints() {
            return allPoints;
        }

        /** @return the --out table file, or null */
        public Path out() {
            return out;
        }
    }

    private static String tableFormat(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) {
            return "csv";
        }
        if (n.endsWith(".json")) {
            return "json";
        }
        throw new InvalidInputException("--out " + file + ": expected a .csv or .json file name");
    }

    /** What happened at one point: its document, or why it failed. */
    private record Outcome(WorkspaceInput.Point point, Map<String, Object> doc, String error) {
    }

    /**
     * Computes every point and prints as it goes (in order).
     *
     * @param points the points
     * @param compute the single-point computation: the document the single-point {@code --json} prints
     * @return the exit code: 0, or 3 when any point failed
     */
    public int run(List<WorkspaceInput.Point> points, Function<WorkspaceInput.Point, Map<String, Object>> compute) {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        ObjectWriter line = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
        List<Outcome> outcomes = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, points.size()), r -> {
            Thread t = new Thread(r, "recoil-point");
            t.setDaemon(true);
            return t;
        });
        try (ProgressBar bar = new ProgressBar(err, "points")) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (WorkspaceInput.Point p : points) {
                futures.add(pool.submit(() -> {
                    Outcome o;
                    try {
                        o = new Outcome(p, compute.apply(p), null);
                    } catch (RecoilException | ArithmeticException | IllegalArgumentException | IllegalStateException e) {
                        // as the mass scan: a numerical or input problem of one point is that point's outcome
                        o = new Outcome(p, null, e instanceof RecoilException ? e.getMessage() : e.toString());
                    }
                    bar.update(done.incrementAndGet(), points.size());
                    return o;
                }));
            }
            for (Future<Outcome> f : futures) {
                Outcome o = get(f);
                outcomes.add(o);
                if (o.error() != null) {
                    continue; // reported below, once the progress bar is closed
                }
                if (json) {
                    stdout.println(toLine(line, withPoint(o)));
                    stdout.flush();
                } else {
                    stdout.println(text(o));
                    stdout.flush();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (Outcome o : outcomes) {
            if (o.error() != null) {
                err.println("recoil: point " + o.point().name() + ": " + o.error());
            }
        }
        err.flush();
        if (out != null) {
            writeTable(outcomes);
        }
        List<String> failed = outcomes.stream().filter(o -> o.error() != null).map(o -> o.point().name()).toList();
        if (!failed.isEmpty()) {
            err.println("recoil: could not compute " + failed.size() + " of " + points.size() + " points: "
                    + String.join(", ", failed));
            err.flush();
            return RecoilCli.EXIT_COMPUTATION;
        }
        return RecoilCli.EXIT_OK;
    }

    private static Outcome get(Future<Outcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the points", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Map<String, Object> withPoint(Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("point", o.point().name());
        m.putAll(o.doc());
        return m;
    }

    private static String toLine(ObjectWriter w, Object value) {
        try {
            return w.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }

    /** One text line: the point, then its scalar and five-value fields. */
    private static String text(Outcome o) {
        StringBuilder sb = new StringBuilder(o.point().name());
        for (Map.Entry<String, Object> e : o.doc().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Number n) {
                sb.append("  ").append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%.6g", n.doubleValue()));
            } else if (v instanceof double[] a) {
                sb.append("  ").append(e.getKey()).append("=[");
                for (int i = 0; i < a.length; i++) {
                    sb.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.6g", a[i]));
                }
                sb.append(']');
            }
        }
        return sb.toString();
    }

    private void writeTable(List<Outcome> outcomes) {
        String body;
        if (tableFormat(out).equals("json")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Outcome o : outcomes) {
                if (o.error() != null) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("point", o.point().name());
                    m.put("error", o.error());
                    rows.add(m);
                } else {
                    rows.add(withPoint(o));
                }
            }
            try {
                body = Json.mapper().writeValueAsString(rows) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON table", e);
            }
        } else {
            body = csv(outcomes);
        }
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".recoil-table-", ".tmp");
            Files.writeString(tmp, body);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException ignored) {
                // best effort: the hidden temporary file is not mistaken for output
            }
            throw new InvalidInputException("--out " + out + ": cannot write (" + e.getMessage() + ")");
        }
    }

    /** CSV: point, every scalar field, every array field as name_0..name_k, and error. */
    private static String csv(List<Outcome> outcomes) {
        Set<String> columns = new LinkedHashSet<>();
        for (Outcome o : outcomes) {
            if (o.doc() == null) {
                continue;
            }
            for (Map.Entry<String, Object> e : o.doc().entrySet()) {
                Object v = e.getValue();
                if (v instanceof double[] a) {
                    for (int i = 0; i < a.length; i++) {
                        columns.add(e.getKey() + "_" + i);
                    }
                } else if (v instanceof Number || v instanceof String || v instanceof Boolean) {
                    columns.add(e.getKey());
                }
            }
        }
        StringBuilder sb = new StringBuilder("point");
        for (String c : columns) {
            sb.append(',').append(c);
        }
        sb.append(",error\n");
        for (Outcome o : outcomes) {
            sb.append(csvField(o.point().name()));
            Map<String, String> cells = new LinkedHashMap<>();
            if (o.doc() != null) {
                for (Map.Entry<String, Object> e : o.doc().entrySet()) {
                    Object v = e.getValue();
                    if (v instanceof double[] a) {
                        for (int i = 0; i < a.length; i++) {
                            cells.put(e.getKey() + "_" + i, Double.toString(a[i]));
                        }
                    } else if (v != null) {
                        cells.put(e.getKey(), v.toString());
                    }
                }
            }
            for (String c : columns) {
                sb.append(',').append(csvField(cells.getOrDefault(c, "")));
            }
            sb.append(',').append(o.error() == null ? "" : csvField(o.error())).append('\n');
        }
        return sb.toString();
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
