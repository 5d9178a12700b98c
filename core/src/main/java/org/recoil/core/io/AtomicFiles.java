package org.recoil.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.recoil.core.InvalidInputException;

/**
 * Writing output files all-or-nothing: the content goes to a fresh temporary file beside the target,
 * which is then moved over the target in one step ({@code ATOMIC_MOVE} where the file system allows
 * it). A failure leaves no partial target and no temporary file behind.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes a file at a given (not yet existing) path. */
    @FunctionalInterface
    public interface FileWriter {
        /**
         * @param path where to write; the file does not exist yet
         * @throws IOException on failure
         */
        void writeTo(Path path) throws IOException;
    }

    /**
     * @param target the file to create or replace
     * @param writer writes the complete content to the path it is given
     * @throws InvalidInputException if the target directory does not exist or writing fails (the
     *     message names the target)
     */
    public static void write(Path target, FileWriter writer) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException(target + ": cannot write: directory " + dir + " does not exist");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            Files.delete(tmp); // writers such as Parquet's refuse to overwrite; keep only the unique name
            writer.writeTo(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new InvalidInputException(target + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the original failure is what matters
                }
            }
        }
    }

    /**
     * @param target the file to create or replace
     * @param content its complete text (UTF-8)
     * @throws InvalidInputException if writing fails
     */
    public static void writeString(Path target, String content) {
        write(target, p -> Files.writeString(p, content));
    }
}
