package org.recoil.fitting.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Shared validation helpers of the workspace records. */
final class Specs {
    private Specs() {
    }

    static void requireName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new InvalidWorkspaceException(what + ": a non-empty name is required");
        }
    }

    static double[] finiteCopy(double[] values, String what) {
        if (values == null) {
            throw new InvalidWorkspaceException(what + ": missing");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidWorkspaceException(what + ": bin " + i + " is " + values[i] + ", expected a finite number");
            }
        }
        return values.clone();
    }

    static <T> void requireUnique(List<T> items, Function<T, String> name, String what, String where) {
        Set<String> seen = new HashSet<>();
        for (T t : items) {
            String n = name.apply(t);
            if (!seen.add(n)) {
                throw new InvalidWorkspaceException(where + "duplicate " + what + " name '" + n + "'");
            }
        }
    }
}
