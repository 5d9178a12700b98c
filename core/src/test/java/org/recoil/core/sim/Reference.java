package org.recoil.core.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates and reads the shared reference numbers ({@code <root>/../shared/reference}). */
final class Reference {
    private Reference() {
    }

    /** @return the reference directory */
    static Path directory() {
        String root = System.getProperty("recoil.root");
        if (root != null) {
            Path p = Paths.get(root).toAbsolutePath().resolve("../shared/reference").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            Path p = dir.resolve("../shared/reference").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find ../shared/reference from recoil.root=" + root
                + " or user.dir=" + System.getProperty("user.dir"));
    }

    /** @return the parsed {@code physics.json} */
    static JsonNode physics() {
        try {
            return new ObjectMapper().readTree(directory().resolve("physics.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
