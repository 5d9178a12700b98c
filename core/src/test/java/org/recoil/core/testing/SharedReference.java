package org.recoil.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared reference numbers {@code ../shared/reference} beside the project root, for the tests of every module
 * (core publishes this class in its test-jar).
 *
 * <p>The folder is found from the system property {@code recoil.root}, the project root (the parent pom sets it for
 * surefire to {@code ${maven.multiModuleProjectDirectory}}), else by walking up from {@code user.dir} to the first
 * folder that has {@code ../shared/reference} beside it.
 */
public final class SharedReference {

    /** Where the reference folder lies, relative to the project root. */
    private static final String BESIDE_ROOT = "../shared/reference";

    private SharedReference() {
    }

    /**
     * @return the reference folder, normalised
     * @throws IllegalStateException if it is beside neither {@code recoil.root} nor {@code user.dir} or a folder above
     */
    public static Path dir() {
        String root = System.getProperty("recoil.root");
        if (root != null) {
            Path p = Path.of(root).toAbsolutePath().resolve(BESIDE_ROOT).normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        String userDir = System.getProperty("user.dir");
        for (Path d = Path.of(userDir).toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve(BESIDE_ROOT).normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find " + BESIDE_ROOT + " beside recoil.root="
                + (root == null ? "(unset)" : root) + ", nor beside user.dir=" + userDir + " or a folder above it");
    }

    /**
     * @param relative a path inside the reference folder, e.g. {@code "pyhf/expected.json"}
     * @return that file or folder
     * @throws IllegalStateException if it does not exist
     */
    public static Path resolve(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("reference file not found: " + p);
        }
        return p;
    }

    /**
     * @param relative a JSON file inside the reference folder, e.g. {@code "counting.json"}
     * @return its parsed content
     */
    public static JsonNode json(String relative) {
        Path p = resolve(relative);
        try {
            return new ObjectMapper().readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /**
     * @return the parsed {@code physics.json}: g-2, widths, cross-sections, resolution, luminosity, backgrounds and the
     *     published limits
     */
    public static JsonNode physics() {
        return json("physics.json");
    }
}
