package org.recoil.limits.interpret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds and reads {@code ../shared/reference/physics.json} for the tests. */
final class LimitsReference {

    private LimitsReference() {
    }

    /** @return the shared reference directory (from {@code recoil.root}, else walking up from user.dir) */
    static Path referenceDir() {
        String root = System.getProperty("recoil.root");
        if (root != null) {
            Path p = Path.of(root).resolve("../shared/reference").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("../shared/reference").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find ../shared/reference from recoil.root or user.dir");
    }

    /** @return the parsed physics.json */
    static JsonNode physics() {
        try {
            return new ObjectMapper().readTree(referenceDir().resolve("physics.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
