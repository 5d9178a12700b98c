package org.recoil.core.events;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.recoil.core.InvalidInputException;

/**
 * Turns what a user names as event input into event files: a file, a directory (its {@code .csv},
 * {@code .parquet} and {@code .pq} files, not descending into sub-directories) or a glob pattern
 * ({@code bkg/*.parquet}, {@code runs/*}{@code /*.csv}; the syntax of
 * {@link java.nio.file.FileSystem#getPathMatcher}). Files come back sorted by path, so that the
 * order, and with it every sum over events, does not depend on the file system.
 */
public final class EventPaths {
    private EventPaths() {
    }

    /**
     * @param base directory that relative names refer to (e.g. the config file's)
     * @param spec a file, directory or glob pattern
     * @return the event files, sorted, at least one
     * @throws InvalidInputException naming {@code spec} if nothing matches or a file is of unknown type
     */
    public static List<Path> expand(Path base, String spec) {
        int glob = firstGlobChar(spec);
        List<Path> out = new ArrayList<>();
        if (glob < 0) {
            Path p = base.resolve(spec);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> Files.isRegularFile(f) && isEventFile(f)).forEach(out::add);
                } catch (IOException e) {
                    throw new InvalidInputException(p + ": cannot list the directory: " + e.getMessage(), e);
                }
                if (out.isEmpty()) {
                    throw new InvalidInputException(p + ": no .csv, .parquet or .pq event files in the directory");
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new InvalidInputException(p + ": no such file (not found)");
            }
        } else {
            int slash = Math.max(spec.lastIndexOf('/', glob), spec.lastIndexOf('\\', glob));
            Path dir = base.resolve(slash >= 0 ? spec.substring(0, slash + 1) : ".").normalize();
            String pattern = spec.substring(slash + 1);
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException(spec + ": no such directory " + dir);
            }
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(f -> Files.isRegularFile(f) && m.matches(dir.relativize(f))).forEach(out::add);
            } catch (IOException e) {
                throw new InvalidInputException(spec + ": cannot list " + dir + ": " + e.getMessage(), e);
            }
            if (out.isEmpty()) {
                throw new InvalidInputException(spec + ": no file matches the pattern (in " + dir + ")");
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }

    /**
     * @param base directory that relative names refer to
     * @param specs files, directories or glob patterns
     * @return every event file, in the order of the specs, each spec's files sorted
     */
    public static List<Path> expandAll(Path base, List<String> specs) {
        List<Path> out = new ArrayList<>();
        for (String s : specs) {
            out.addAll(expand(base, s));
        }
        return List.copyOf(out);
    }

    /**
     * @param file a path
     * @return whether its extension is one the event reader reads
     */
    public static boolean isEventFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".parquet") || n.endsWith(".pq");
    }

    private static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
