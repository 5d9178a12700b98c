package org.recoil.core.physics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds and reads {@code ../shared/reference} relative to the project root (see TEAM.md). */
final class ReferenceData {
    private ReferenceData() {
    }

    static Path referenceDir() {
        String root = System.getProperty("recoil.root");
        if (root != null) {
            Path p = Paths.get(root).resolve("../shared/reference").normalize();
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
        throw new IllegalStateException("cannot find ../shared/reference from recoil.root=" + root + " or user.dir");
    }

    static JsonNode physics() {
        try {
            return new ObjectMapper().readTree(referenceDir().resolve("physics.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
