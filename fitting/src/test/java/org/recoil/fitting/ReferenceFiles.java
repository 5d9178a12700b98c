package org.recoil.fitting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates {@code ../shared/reference} relative to the project root (tests only). */
public final class ReferenceFiles {
    private ReferenceFiles() {
    }

    /** @return the reference folder; fails the test run if it cannot be found */
    public static Path root() {
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
        throw new IllegalStateException("cannot find ../shared/reference from recoil.root or user.dir");
    }

    /** @return {@code reference/pyhf/<name>} */
    public static Path pyhf(String name) {
        return root().resolve("pyhf").resolve(name);
    }

    /** @return {@code reference/realworld/sbottom-ins1748602/<region>/BkgOnly.json} */
    public static Path sbottom(String region) {
        return root().resolve("realworld/sbottom-ins1748602").resolve(region).resolve("BkgOnly.json");
    }
}
