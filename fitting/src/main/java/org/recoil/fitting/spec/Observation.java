package org.recoil.fitting.spec;

import java.util.Arrays;

/**
 * Observed counts of one channel.
 *
 * @param name the channel's name
 * @param data observed counts per bin (finite; non-integer counts are allowed, e.g. Asimov data)
 */
public record Observation(String name, double[] data) {

    /** Validates and copies. */
    public Observation {
        Specs.requireName(name, "observation");
        data = Specs.finiteCopy(data, "observation '" + name + "' data");
        for (int i = 0; i < data.length; i++) {
            if (data[i] < 0) {
                throw new InvalidWorkspaceException("observation '" + name + "': bin " + i + " has " + data[i]
                        + " events, expected a count >= 0");
            }
        }
    }

    /** @return copy of the counts */
    @Override
    public double[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Observation ob && name.equals(ob.name) && Arrays.equals(data, ob.data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Observation[" + name + ", " + Arrays.toString(data) + "]";
    }
}
