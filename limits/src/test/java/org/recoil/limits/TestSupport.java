package org.recoil.limits;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/** Test helpers: the shared reference folder and the minimiser used by the tests. */
public final class TestSupport {

    private TestSupport() {
    }

    /** @return {@code <root>/../shared/reference} */
    public static Path referenceDir() {
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
        throw new IllegalStateException("cannot find ../shared/reference above " + System.getProperty("user.dir"));
    }

    /** @return the minimiser the tests use: the one limits are computed with in production */
    public static Minimizer minimizer() {
        return new PointEstimateMinimizer();
    }
}
