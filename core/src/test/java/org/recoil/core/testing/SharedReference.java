package org.recoil.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference numbers kept in the repository ({@code reference/} at the project root: copies of the team's
 * {@code ../shared/reference}, see {@code reference/README.md}), for the tests of every module (core publishes this
 * class in its test-jar). Nothing here looks outside the checkout; {@link #upstream()} finds the team's folder for
 * the one test that checks the copies are identical to it.
 *
 * <p>The folder is found from the system property {@code recoil.root}, the project root (the parent pom sets it for
 * surefire to {@code ${maven.multiModuleProjectDirectory}}), else by walking up from {@code user.dir} to the first
 * folder that holds {@code reference/README.md} and {@code pom.xml}.
 */
public final class SharedReference {

    /** Where the reference folder lies, relative to the project root. */
    private static final String IN_ROOT = "reference";

    /** Where the team's reference folder (the source of the copies) lies, relative to the project root. */
    private static final String UPSTREAM = "../shared/reference";

    private SharedReference() {
    }

    /**
     * @return the reference folder, normalised
     * @throws IllegalStateException if it is beside neither {@code recoil.root} nor {@code user.dir} or a folder above
     */
    public static Path dir() {
        return projectRoot().resolve(IN_ROOT);
    }

    /**
     * @return the project root: {@code recoil.root} if it holds {@code reference/}, else the first folder at or above
     *     {@code user.dir} that holds {@code pom.xml} and {@code reference/README.md}
     * @throws IllegalStateException if there is none
     */
    public static Path projectRoot() {
        String root = System.getProperty("recoil.root");
        if (root != null) {
            Path p = Path.of(root).toAbsolutePath().normalize();
            if (Files.isDirectory(p.resolve(IN_ROOT))) {
                return p;
            }
        }
        String userDir = System.getProperty("user.dir");
        for (Path d = Path.of(userDir).toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isRegularFile(d.resolve(IN_ROOT).resolve("README.md"))) {
                return d.normalize();
            }
        }
        throw new IllegalStateException("cannot find the project's " + IN_ROOT + "/ folder in recoil.root="
                + (root == null ? "(unset)" : root) + ", nor in user.dir=" + userDir + " or a folder above it");
    }

    /**
     * @return the team's reference folder {@code ../shared/reference} beside the project root, if present (a
     *     developer's or CI's machine); empty in a user's clone, which has only the copies
     */
    public static java.util.Optional<Path> upstream() {
        Path p = projectRoot().resolve(UPSTREAM).normalize();
        return Files.isDirectory(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
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
