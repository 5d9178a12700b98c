package org.recoil.core.events;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;

/**
 * Streams event files in chunks, so that events are processed as they are read and never all held
 * at once. Each file is cut into parts (CSV: byte ranges of about {@value #CSV_PART_BYTES} bytes
 * at line boundaries; Parquet: runs of pages of a row group, about 2<sup>17</sup> rows, read page by
 * page in chunks of at most {@value #CHUNK_ROWS} rows, only the mapped columns). Parts are read and
 * processed on worker threads; their results
 * are handed to the caller's consumer on the calling thread <em>in file and row order</em>, so
 * anything the consumer sums is summed in the same order for any thread count (results are
 * identical bit for bit). At most one part more than the thread count is in flight, and no more
 * parts than fit in a quarter of the maximum heap (always at least one), which bounds the memory.
 *
 * <p>Every value is checked as {@link EventReader} describes; messages name the file, the column
 * and the row (1-based, the CSV header not counted).
 */
public final class EventStream {
    /** Target size of a CSV part, bytes. */
    public static final int CSV_PART_BYTES = 8 << 20;
    /** Largest chunk of a Parquet row group, rows. */
    public static final int CHUNK_ROWS = 1 << 15;

    private EventStream() {
    }

    /**
     * One event file to read.
     *
     * @param file a .csv, .parquet or .pq file
     * @param columns the column mapping
     * @param defaultSample sample name of its events when it has no sample column
     */
    public record Source(Path file, ColumnMapping columns, String defaultSample) {
        /**
         * @param file the file
         * @param columns the column mapping
         * @return the source with the file name (without extension) as default sample
         */
        public static Source of(Path file, ColumnMapping columns) {
            return new Source(file, columns, EventReader.defaultSampleName(file));
        }
    }

    /**
     * Where a chunk's events come from.
     *
     * @param source index of the source in the list given to {@link #forEach}
     * @param file the file
     * @param firstRow index (0-based) of the chunk's first event in the file
     * @param rows number of events in the chunk
     */
    public record ChunkInfo(int source, Path file, long firstRow, int rows) {
    }

    /** A problem at a row of a part, before the part's first row in the file is known. */
    static final class RowProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long localRow;
        final String column;

        RowProblem(long localRow, String column, String problem) {
            super(problem, null, false, false);
            this.localRow = localRow;
            this.column = column;
        }
    }

    /**
     * A readable piece of one file.
     *
     * @param bytes about the memory it takes while read (its bytes on disk, or for Parquet its
     *              buffers and chunk tables), for the memory budget
     * @param pipelined whether its chunks are worked on by other threads while it reads on (a large
     *                  part: a CSV byte range), or on the reading thread as they are read (a small
     *                  one: some pages of a Parquet row group)
     * @param reader reads the part's events in chunks, rows numbered from the part's start; throws
     *               {@link RowProblem} for a bad value
     */
    record Part(long bytes, boolean pipelined,
                java.util.function.Consumer<java.util.function.Consumer<EventTable>> reader) {
    }

    /**
     * Reads the sources in order, applies {@code work} to every chunk on up to {@code threads}
     * threads, and hands the results to {@code consume} on the calling thread in file and row order.
     *
     * @param sources the files, each checked (exists, type, columns, not empty) before any is read
     * @param threads worker threads, &ge; 1
     * @param work what to compute from a chunk (any thread; must not keep the chunk)
     * @param consume receives each chunk's position and result, in order (calling thread)
     * @param <R> the result of a chunk
     * @throws InvalidInputException naming the file, column and row for bad input
     */
    public static <R> void forEach(List<Source> sources, int threads, Function<EventTable, R> work,
                                   BiConsumer<ChunkInfo, R> consume) {
        forEach(sources, threads, CSV_PART_BYTES, CHUNK_ROWS, work, consume);
    }

    /** {@link #forEach} with explicit part and chunk sizes (tests use small ones). */
    static <R> void forEach(List<Source> sources, int threads, int csvPartBytes, int chunkRows,
                            Function<EventTable, R> work, BiConsumer<ChunkInfo, R> consume) {
        if (threads < 1) {
            throw new InvalidInputException("threads must be at least 1, got " + threads);
        }
        List<Task> tasks = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            Source src = sources.get(s);
            List<Part> parts = EventReader.plan(src.file(), src.columns(), src.defaultSample(), csvPartBytes,
                    chunkRows);
            for (int k = 0; k < parts.size(); k++) {
                tasks.add(new Task(s, src.file(), parts.get(k), k == parts.size() - 1));
            }
        }
        long[] rowsInFile = new long[sources.size()];
        if (threads == 1) {
            for (Task t : tasks) {
                deliver(t, runLocated(t, work, rowsInFile), rowsInFile, consume);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "recoil-event-reader");
            th.setDaemon(true);
            return th;
        });
        // chunks are processed on their own threads, so that a part's reading (e.g. one large Parquet
        // row group) and the work on its chunks run in parallel; at most threads + 1 chunks wait or run
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "recoil-event-worker");
            th.setDaemon(true);
            return th;
        });
        Semaphore chunkSlots = new Semaphore(threads + 1);
        try {
            Deque<Future<List<Result<R>>>> inFlight = new ArrayDeque<>();
            Deque<Task> pending = new ArrayDeque<>();
            int next = 0;
            int window = threads + 1;
            long budget = Runtime.getRuntime().maxMemory() / 4;
            long bytesInFlight = 0;
            while (next < tasks.size() || !inFlight.isEmpty()) {
                while (next < tasks.size() && inFlight.size() < window
                        && (inFlight.isEmpty() || bytesInFlight + tasks.get(next).part.bytes() <= budget)) {
                    Task t = tasks.get(next++);
                    inFlight.add(pool.submit(() -> t.part.pipelined() ? runPipelined(t, work, workers, chunkSlots)
                            : run(t, work)));
                    pending.add(t);
                    bytesInFlight += t.part.bytes();
                }
                Future<List<Result<R>>> f = inFlight.poll();
                Task t = pending.poll();
                bytesInFlight -= t.part.bytes();
                List<Result<R>> r;
                try {
                    r = f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RowProblem p) {
                        throw located(t.file, rowsInFile[t.source], p);
                    }
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new ComputationException("reading " + t.file + " failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ComputationException("interrupted while reading " + t.file, e);
                }
                deliver(t, r, rowsInFile, consume);
            }
        } finally {
            pool.shutdownNow();
            workers.shutdownNow();
        }
    }

    /**
     * Reads one file whole (single-threaded).
     *
     * @param source the file
     * @return its events
     */
    public static EventTable readAll(Source source) {
        List<EventTable> chunks = new ArrayList<>();
        forEach(List.of(source), 1, t -> t, (info, t) -> chunks.add(t));
        return chunks.size() == 1 ? chunks.get(0) : EventTable.concat(chunks);
    }

    private record Task(int source, Path file, Part part, boolean last) {
    }

    private record Result<R>(int rows, Future<R> value) {
    }

    private static <R> List<Result<R>> run(Task t, Function<EventTable, R> work) {
        List<Result<R>> out = new ArrayList<>();
        t.part.reader().accept(chunk -> out.add(new Result<>(chunk.size(),
                CompletableFuture.completedFuture(work.apply(chunk)))));
        return out;
    }

    /** Reads a part, handing each chunk's work to {@code workers} once one of {@code slots} is free. */
    private static <R> List<Result<R>> runPipelined(Task t, Function<EventTable, R> work, ExecutorService workers,
                                                    Semaphore slots) {
        List<Result<R>> out = new ArrayList<>();
        t.part.reader().accept(chunk -> {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComputationException("interrupted while reading " + t.file, e);
            }
            Future<R> f;
            try {
                f = workers.submit(() -> {
                    try {
                        return work.apply(chunk);
                    } finally {
                        slots.release();
                    }
                });
            } catch (RuntimeException e) {
                slots.release();
                throw e;
            }
            out.add(new Result<>(chunk.size(), f));
        });
        return out;
    }

    private static <R> void deliver(Task t, List<Result<R>> results, long[] rowsInFile,
                                    BiConsumer<ChunkInfo, R> consume) {
        for (Result<R> r : results) {
            R value;
            try {
                value = r.value.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new ComputationException("processing " + t.file + " failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComputationException("interrupted while reading " + t.file, e);
            }
            consume.accept(new ChunkInfo(t.source, t.file, rowsInFile[t.source], r.rows), value);
            rowsInFile[t.source] += r.rows;
        }
        if (t.last && rowsInFile[t.source] == 0) {
            throw new InvalidInputException(t.file + ": no events (only a header line)");
        }
    }

    private static <R> List<Result<R>> runLocated(Task t, Function<EventTable, R> work, long[] rowsInFile) {
        try {
            return run(t, work);
        } catch (RowProblem p) {
            throw located(t.file, rowsInFile[t.source], p);
        }
    }

    private static InvalidInputException located(Path file, long rowsBefore, RowProblem p) {
        return new InvalidInputException(file + ": " + (p.column != null ? "column '" + p.column + "', " : "")
                + "row " + (rowsBefore + p.localRow + 1) + ": " + p.getMessage());
    }
}
