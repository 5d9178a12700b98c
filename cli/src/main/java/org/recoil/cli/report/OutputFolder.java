package org.recoil.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoil.core.InvalidInputException;
import org.recoil.core.io.AtomicFiles;

/**
 * An output folder written all-or-nothing by one run of {@code recoil demo}, {@code scan},
 * {@code project} or {@code spark-scan}.
 *
 * <p>{@link #open} takes a lock beside the target ({@code .DIR.lock}, an OS file lock on a file holding
 * the run's process id, deleted when the run ends: a second run into the same folder is refused, and
 * the lock of a dead process is released by the OS, so it is never stale), removes what dead runs left behind (staging folders,
 * a previous result moved aside) and creates a hidden staging folder beside the target
 * ({@code .DIR.staging-PID-*}, same file system). Every file is written there.
 * {@link #commit()} switches the complete staging folder in: the previous folder is renamed aside
 * ({@code .DIR.replaced-PID}), the staging folder renamed to {@code DIR} (one atomic rename of the
 * whole result), and the previous result deleted. {@link #fail} switches in, the same way, a folder
 * holding only {@value #ERROR_REPORT}, and keeps the previous result (if it had one) as the visible
 * sibling {@code DIR.previous}, named in the error report: the folder then says unambiguously that
 * the last run failed.
 *
 * <p>A process killed at any moment therefore leaves {@code DIR} holding the complete previous
 * content or the complete new content; only between the two renames of a switch is {@code DIR}
 * absent, with the complete previous content in {@code .DIR.replaced-PID}, which the next run into
 * {@code DIR} restores before anything else. Folders recoil writes carry a hidden marker
 * ({@value #MARKER}); a non-empty folder without it is refused, never replaced. Not thread-safe (one
 * run owns it). Within one JVM a second run is refused by the JVM's own lock table; as POSIX locks
 * belong to the process, such a refused attempt may release the OS lock seen by other processes
 * (one {@code recoil} command per JVM never does this).
 */
public final class OutputFolder implements AutoCloseable {

    /** Name of the error report written on failure. */
    public static final String ERROR_REPORT = "error-report.json";
    /** The hidden marker file of a folder written by recoil. */
    public static final String MARKER = ".recoil-output";
    /** Suffix of the sibling that keeps the last result when a later run failed. */
    public static final String PREVIOUS_SUFFIX = ".previous";

    /**
     * A test hook called at each step of the folder's life (staging created, each file written,
     * before and after each rename of a switch); a hook that throws simulates the process dying
     * there: the folder then does nothing more (no clean-up), as after a {@code kill -9}.
     */
    @FunctionalInterface
    public interface Checkpoint {
        /** Does nothing. */
        Checkpoint NONE = step -> { };

        /**
         * @param step what has just been done or is about to be done
         */
        void reached(String step);
    }

    private final Path target;
    private final String command;
    private final Checkpoint checkpoint;
    private final Path lockFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final long pid = ProcessHandle.current().pid();
    private Path staging;
    private final List<String> files = new ArrayList<>();
    private boolean dead;

    private OutputFolder(Path target, String command, Checkpoint checkpoint, Path lockFile, FileChannel lockChannel,
                         FileLock lock) {
        this.target = target;
        this.lockFile = lockFile;
        this.command = command;
        this.checkpoint = checkpoint;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens a target folder for one run: checks it, locks it, cleans up after dead runs (each
     * removal named on {@code err}) and creates the staging folder.
     *
     * @param target the output folder (created at commit if absent)
     * @param command the command writing it (e.g. {@code scan})
     * @param err where clean-up notes go (may be null)
     * @return the open folder; close it (releases the lock and discards uncommitted files)
     * @throws InvalidInputException if the target exists and is not a directory, is a non-empty folder
     *     recoil did not write, is being written by another run (the message names the folder and
     *     the other process id), or cannot be staged
     */
    public static OutputFolder open(Path target, String command, PrintWriter err) {
        return open(target, command, err, Checkpoint.NONE);
    }

    /**
     * As {@link #open(Path, String, PrintWriter)}, with a test hook.
     *
     * @param target the output folder
     * @param command the command writing it
     * @param err where clean-up notes go (may be null)
     * @param checkpoint called at each step
     * @return the open folder
     */
    public static OutputFolder open(Path target, String command, PrintWriter err, Checkpoint checkpoint) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) {
            throw new InvalidInputException(target + ": cannot use the root folder as the output folder");
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new InvalidInputException(target + ": output path exists and is not a directory");
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new InvalidInputException(target + ": cannot create the folder " + parent + ": " + e.getMessage(), e);
        }
        String name = abs.getFileName().toString();
        Path lockFile = parent.resolve("." + name + ".lock");
        FileChannel ch = null;
        FileLock lk = null;
        try {
            // the lock file is deleted by its holder before release; a run that locked a file just
            // deleted (or replaced) retries on the file now at the path
            for (int attempt = 0; lk == null; attempt++) {
                Object before = fileKey(lockFile);
                ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                try {
                    lk = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lk = null; // held by another run in this very process
                }
                if (lk == null) {
                    String other = readPid(ch);
                    ch.close();
                    throw new InvalidInputException(target + ": another recoil run (pid " + other
                            + ") is writing this output folder; wait for it to end or choose another --out");
                }
                Object after = fileKey(lockFile);
                if (after == null || !after.equals(before)) {
                    lk.release();
                    ch.close();
                    lk = null;
                    if (attempt > 20) {
                        throw new IOException("the lock file keeps changing");
                    }
                }
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new InvalidInputException(target + ": cannot lock the output folder (" + lockFile + "): "
                    + e.getMessage(), e);
        }
        OutputFolder f = new OutputFolder(abs, command, checkpoint, lockFile, ch, lk);
        try {
            f.recover(err);
            f.checkOwnership();
            f.staging = f.newStaging();
            return f;
        } catch (RuntimeException | Error e) {
            f.close();
            throw e;
        }
    }

    /** @return the file's identity (device and inode), or null if absent; a path where none is known */
    private static Object fileKey(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.fileKey() != null ? a.fileKey() : p;
        } catch (IOException e) {
            return null;
        }
    }

    private static String readPid(FileChannel ch) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            ByteBuffer b = ByteBuffer.allocate(32);
            int n = ch.read(b, 0);
            String s = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).strip();
            if (!s.isEmpty()) {
                return s;
            }
            try {
                Thread.sleep(5); // the other run writes its pid just after taking the lock
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "unknown";
    }

    /** Removes what dead runs into this folder left (we hold the lock: no live run owns them). */
    private void recover(PrintWriter err) {
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        for (Path p : siblings(parent, "." + name + ".replaced-")) {
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                move(p, target);
                note(err, "restored " + target + " from " + p.getFileName()
                        + " (a run ended while switching in its result)");
            } else if (isErrorFolder(target) && hasResults(p)) {
                Path prev = previousFolder();
                deleteRecursively(prev);
                move(p, prev);
                note(err, "kept the result before the last (failed) run as " + prev);
            } else {
                deleteRecursively(p);
                note(err, "removed " + p + " (the folder a finished run replaced)");
            }
        }
        for (Path p : siblings(parent, "." + name + ".staging-")) {
            deleteRecursively(p);
            note(err, "removed stale staging folder " + p + " of a run that ended without finishing");
        }
    }

    private static void note(PrintWriter err, String text) {
        if (err != null) {
            err.println("recoil: note: " + text);
            err.flush();
        }
    }

    private void checkOwnership() {
        if (!Files.isDirectory(target) || Files.exists(target.resolve(MARKER))) {
            return;
        }
        List<String> entries = list(target);
        entries.remove(ERROR_REPORT);
        if (!entries.isEmpty()) {
            throw new InvalidInputException(target + ": the output folder holds files recoil did not write (e.g. "
                    + entries.get(0) + "; no " + MARKER + " marker); choose a new or empty folder");
        }
    }

    private Path newStaging() {
        try {
            Path s = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".staging-" + pid + "-");
            Files.writeString(s.resolve(MARKER), "output folder written by recoil " + command + "\n");
            checkpoint("staging created");
            return s;
        } catch (IOException e) {
            throw new InvalidInputException(target + ": cannot create a staging folder in " + target.getParent()
                    + ": " + e.getMessage(), e);
        }
    }

    /** @return the target folder */
    public Path target() {
        return target;
    }

    /**
     * @return the sibling that keeps the last result when a later run failed: {@code DIR.previous}, or
     *     {@code DIR.previous-PID} if a folder recoil did not write already has that name
     */
    public Path previousFolder() {
        Path p = target.resolveSibling(target.getFileName() + PREVIOUS_SUFFIX);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !(Files.isDirectory(p) && (Files.exists(p.resolve(MARKER))
                || list(p).isEmpty()))) {
            return target.resolveSibling(target.getFileName() + PREVIOUS_SUFFIX + "-" + pid);
        }
        return p;
    }

    /**
     * @param name a file name (no directories)
     * @return where to write it now (inside the staging folder); recorded for {@link #commit()}
     */
    public Path file(String name) {
        if (staging == null) {
            throw new IllegalStateException("output folder already committed or failed");
        }
        if (name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("file name without directories expected: " + name);
        }
        if (!files.contains(name)) {
            files.add(name);
        }
        return staging.resolve(name);
    }

    /**
     * Writes a text file into the staging folder.
     *
     * @param name file name
     * @param content its text
     * @return the path in the staging folder
     */
    public Path writeString(String name, String content) {
        Path p = file(name);
        AtomicFiles.writeString(p, content);
        checkpoint("wrote " + name);
        return p;
    }

    /**
     * Switches the staging folder in as the target; the previous content is deleted.
     *
     * @return the final paths of the files, in the order they were first named
     * @throws InvalidInputException if the folder cannot be switched in
     */
    public List<Path> commit() {
        if (staging == null) {
            throw new IllegalStateException("output folder already committed or failed");
        }
        checkpoint("files written");
        List<Path> out = new ArrayList<>();
        for (String name : files) {
            if (Files.exists(staging.resolve(name))) {
                out.add(target.resolve(name));
            }
        }
        Path s = staging;
        staging = null;
        switchIn(s, false);
        return out;
    }

    /**
     * Ends a failed run: discards the staged files and switches in a folder holding only
     * {@value #ERROR_REPORT}; a previous result is kept as {@link #previousFolder()}. Best effort:
     * never throws for I/O problems (the original error matters).
     *
     * @param exitCode the exit code the run ends with
     * @param error the error
     * @return the error report's path, or null if it could not be written
     */
    public Path fail(int exitCode, Throwable error) {
        if (dead) {
            return null;
        }
        discard();
        try {
            boolean keep = Files.isDirectory(target) && hasResults(target);
            Path prev = previousFolder();
            Path s = newStaging();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", "error");
            m.put("command", command);
            m.put("exit_code", exitCode);
            m.put("error", error.getClass().getSimpleName());
            m.put("message", String.valueOf(error.getMessage()));
            m.put("time", Instant.now().toString());
            m.put("previous_result", keep || Files.isDirectory(prev) ? prev.toString() : null);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.write(s.resolve(ERROR_REPORT), p -> json.writeValue(p.toFile(), m));
            checkpoint("wrote " + ERROR_REPORT);
            switchIn(s, keep);
            return target.resolve(ERROR_REPORT);
        } catch (RuntimeException e) {
            if (dead) {
                throw e;
            }
            return null;
        }
    }

    /**
     * Writes {@value #ERROR_REPORT} into a target folder (locking it; nothing else is written), as
     * {@link #fail} does, for errors outside a run (e.g. a Spark session that cannot start).
     *
     * @param target the output folder
     * @param command the command that failed (e.g. {@code demo})
     * @param exitCode the exit code it ends with
     * @param error the error
     * @return the error report's path, or null if the folder could not be opened or written
     */
    public static Path writeErrorReport(Path target, String command, int exitCode, Throwable error) {
        try (OutputFolder f = open(target, command, null)) {
            return f.fail(exitCode, error);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The switch: target aside, staged folder in (one rename), the old one deleted or kept. */
    private void switchIn(Path staged, boolean keepPrevious) {
        Path aside = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            aside = target.resolveSibling("." + target.getFileName() + ".replaced-" + pid);
            deleteRecursively(aside);
            checkpoint("before moving the previous folder aside");
            move(target, aside);
            checkpoint("previous folder moved aside");
        }
        move(staged, target);
        checkpoint("result switched in");
        if (aside != null) {
            if (keepPrevious) {
                Path prev = previousFolder();
                deleteRecursively(prev);
                move(aside, prev);
            } else {
                deleteRecursively(aside);
            }
            checkpoint("previous folder removed or kept");
        }
    }

    private void checkpoint(String step) {
        if (dead) {
            throw new IllegalStateException("output folder of a dead run");
        }
        try {
            checkpoint.reached(step);
        } catch (RuntimeException | Error e) {
            dead = true;
            throw e;
        }
    }

    private void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InvalidInputException(target + ": cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /**
     * Discards every staged file (nothing is moved into the target).
     */
    public void discard() {
        if (dead || staging == null) {
            return;
        }
        Path s = staging;
        staging = null;
        deleteRecursively(s);
    }

    /** Discards uncommitted files and releases the lock. */
    @Override
    public void close() {
        if (!dead) {
            discard();
            try {
                Files.deleteIfExists(lockFile); // while still holding the lock: see open
            } catch (IOException ignored) {
                // a lock file left behind is harmless: the OS lock is what counts
            }
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private static boolean isErrorFolder(Path dir) {
        return Files.isDirectory(dir) && !hasResults(dir) && Files.exists(dir.resolve(ERROR_REPORT));
    }

    /** @return whether a folder holds anything but the marker and an error report */
    private static boolean hasResults(Path dir) {
        List<String> entries = list(dir);
        entries.remove(ERROR_REPORT);
        return !entries.isEmpty();
    }

    private static List<Path> siblings(Path parent, String prefix) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, p -> p.getFileName().toString()
                .startsWith(prefix))) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new InvalidInputException(parent + ": cannot list: " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot delete: " + e.getMessage(), e);
        }
    }

    /**
     * @param dir a directory
     * @return the names of its entries except the marker {@value #MARKER}, sorted (for tests and summaries)
     */
    public static List<String> list(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list: " + e.getMessage(), e);
        }
        names.remove(MARKER);
        names.sort(null);
        return names;
    }
}
