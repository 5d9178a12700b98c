package org.recoil.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoil.core.InvalidInputException;
import org.recoil.core.io.AtomicFiles;

/**
 * An output folder written all-or-nothing: files are created in a hidden staging folder beside the
 * target ({@code .DIR.staging-*}, same file system) and moved into the target only by
 * {@link #commit()}; {@link #discard()} deletes the staging folder, and a failed run then writes
 * nothing into the target but {@value #ERROR_REPORT} ({@link #writeErrorReport}). A reader of the target therefore sees either the complete
 * previous content, the complete new content, or the previous content plus an error report; never a
 * partial file. Not thread-safe (one run owns it).
 */
public final class OutputFolder implements AutoCloseable {

    /** Name of the error report written on failure. */
    public static final String ERROR_REPORT = "error-report.json";

    private final Path target;
    private Path staging;
    private final List<String> files = new ArrayList<>();

    private OutputFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /**
     * @param target the output folder (created at commit if absent)
     * @return a fresh staging area for it
     * @throws InvalidInputException if the target exists and is not a directory, or the staging folder
     *     cannot be created
     */
    public static OutputFolder stage(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new InvalidInputException(target + ": output path exists and is not a directory");
        }
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            Path s = Files.createTempDirectory(parent, "." + abs.getFileName() + ".staging-");
            return new OutputFolder(abs, s);
        } catch (IOException e) {
            throw new InvalidInputException(target + ": cannot create a staging folder in " + parent + ": "
                    + e.getMessage(), e);
        }
    }

    /** @return the target folder */
    public Path target() {
        return target;
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
        return p;
    }

    /**
     * Moves every staged file into the target (creating it), removes a stale error report, and
     * deletes the staging folder.
     *
     * @return the final paths of the files, in the order they were first named
     * @throws InvalidInputException if a file cannot be moved
     */
    public List<Path> commit() {
        List<Path> out = new ArrayList<>();
        try {
            Files.createDirectories(target);
            for (String name : files) {
                Path from = staging.resolve(name);
                if (!Files.exists(from)) {
                    continue;
                }
                Path to = target.resolve(name);
                try {
                    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
                out.add(to);
            }
            Files.deleteIfExists(target.resolve(ERROR_REPORT));
        } catch (IOException e) {
            throw new InvalidInputException(target + ": cannot move the results into the output folder: "
                    + e.getMessage(), e);
        } finally {
            deleteStaging();
        }
        return out;
    }

    /**
     * Discards every staged file (nothing is moved into the target).
     */
    public void discard() {
        deleteStaging();
    }

    /**
     * Writes {@value #ERROR_REPORT} into a target folder (creating it); nothing else is written.
     *
     * @param target the output folder
     * @param command the command that failed (e.g. {@code demo})
     * @param exitCode the exit code it ends with
     * @param error the error
     * @return the error report's path, or null if even that could not be written
     */
    public static Path writeErrorReport(Path target, String command, int exitCode, Throwable error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "error");
        m.put("command", command);
        m.put("exit_code", exitCode);
        m.put("error", error.getClass().getSimpleName());
        m.put("message", String.valueOf(error.getMessage()));
        m.put("time", Instant.now().toString());
        try {
            Files.createDirectories(target);
            Path p = target.resolve(ERROR_REPORT);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.write(p, path -> json.writeValue(path.toFile(), m));
            return p;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Deletes the staging folder if still present. */
    @Override
    public void close() {
        deleteStaging();
    }

    private void deleteStaging() {
        if (staging == null) {
            return;
        }
        Path s = staging;
        staging = null;
        try {
            Files.walkFileTree(s, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort; a leftover hidden staging folder does not affect the results
        }
    }

    /**
     * @param dir a directory
     * @return the names of its entries (for tests and summaries)
     */
    public static List<String> list(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list: " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }
}
