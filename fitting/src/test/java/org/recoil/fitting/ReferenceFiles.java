package org.recoil.fitting;

import java.nio.file.Path;
import org.recoil.core.testing.SharedReference;

/** The reference workspaces the fitting tests read, inside {@link SharedReference#dir()} (tests only). */
public final class ReferenceFiles {
    private ReferenceFiles() {
    }

    /** @return {@code reference/pyhf/<name>} */
    public static Path pyhf(String name) {
        return SharedReference.resolve("pyhf/" + name);
    }

    /** @return {@code reference/realworld/sbottom-ins1748602/<region>/BkgOnly.json} */
    public static Path sbottom(String region) {
        return SharedReference.resolve("realworld/sbottom-ins1748602/" + region + "/BkgOnly.json");
    }
}
