package org.recoil.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The reference numbers kept in the repository ({@code reference/}) are byte-identical copies of the team's
 * {@code ../shared/reference}, file for file, except the top-level {@code README.md}, which is the project's own
 * description of the folder. Where {@code ../shared} is absent (a user's clone) the comparison is skipped, saying why;
 * the copies are then the reference.
 */
class ReferenceCopyTest {

    /** The one file of the folder that is ours and not a copy. */
    private static final String OWN_README = "README.md";

    @Test
    void copiesInTheRepositoryAreIdenticalToTheSharedReference() throws IOException {
        Optional<Path> upstream = SharedReference.upstream();
        Assumptions.assumeTrue(upstream.isPresent(), "no ../shared/reference beside the project root ("
                + SharedReference.projectRoot() + "): a user's clone, whose reference/ copies are the reference");
        Path shared = upstream.get();
        Path copy = SharedReference.dir();
        List<String> sharedFiles = files(shared);
        List<String> copiedFiles = files(copy);
        assertFalse(sharedFiles.isEmpty(), "empty " + shared);
        assertEquals(sharedFiles, copiedFiles, "reference/ must hold exactly the files of " + shared
                + " (copy it again: cp -r ../shared/reference/. reference/, keeping reference/README.md)");
        for (String f : sharedFiles) {
            assertArrayEquals(Files.readAllBytes(shared.resolve(f)), Files.readAllBytes(copy.resolve(f)),
                    "reference/" + f + " differs from " + shared.resolve(f));
        }
    }

    @Test
    void ownReadmeDescribesTheFolder() throws IOException {
        String readme = Files.readString(SharedReference.dir().resolve(OWN_README));
        for (String part : List.of("pyhf/", "counting.json", "physics.json", "realworld/", "erjr-3l", "sbottom")) {
            assertTrue(readme.contains(part), "reference/README.md does not describe " + part);
        }
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !f.equals(OWN_README))
                    .collect(Collectors.toCollection(TreeSet::new))
                    .stream().toList();
        }
    }
}
