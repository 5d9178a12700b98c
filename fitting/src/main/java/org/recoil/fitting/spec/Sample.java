package org.recoil.fitting.spec;

import java.util.Arrays;
import java.util.List;

/**
 * A sample of a channel: nominal expected counts per bin and the modifiers acting on them.
 *
 * @param name sample name, unique within its channel
 * @param data nominal expected counts per bin (finite)
 * @param modifiers the modifiers, at most one per (name, type)
 */
public record Sample(String name, double[] data, List<Modifier> modifiers) {

    /** Validates names, bin counts of the per-bin modifiers, and copies. */
    public Sample {
        Specs.requireName(name, "sample");
        data = Specs.finiteCopy(data, "sample '" + name + "' data");
        modifiers = List.copyOf(modifiers);
        var seen = new java.util.HashSet<String>();
        for (Modifier m : modifiers) {
            if (!seen.add(m.type() + "/" + m.name())) {
                throw new InvalidWorkspaceException("sample '" + name + "': duplicate modifier '" + m.name()
                        + "' of type " + m.type());
            }
            int n = binsOf(m, data.length);
            if (n != data.length) {
                throw new InvalidWorkspaceException("sample '" + name + "', modifier '" + m.name() + "' (" + m.type()
                        + "): data has " + n + " bins, expected " + data.length + " (the sample's bin count)");
            }
        }
    }

    /** @return the number of bins a modifier's data has ({@code nbins} for modifiers without per-bin data) */
    static int binsOf(Modifier m, int nbins) {
        if (m instanceof Modifier.HistoSys h) {
            return h.hiData().length;
        } else if (m instanceof Modifier.ShapeSys s) {
            return s.data().length;
        } else if (m instanceof Modifier.StatError s) {
            return s.data().length;
        }
        return nbins;
    }

    /** @return a sample with these modifiers */
    public static Sample of(String name, double[] data, Modifier... modifiers) {
        return new Sample(name, data, List.of(modifiers));
    }

    /** @return copy of the nominal counts */
    @Override
    public double[] data() {
        return data.clone();
    }

    /** @return the nominal count of bin {@code i} */
    public double data(int i) {
        return data[i];
    }

    /** @return number of bins */
    public int nbins() {
        return data.length;
    }

    /** @return a copy without the modifiers whose names are in {@code names} */
    public Sample withoutModifiers(java.util.Collection<String> names) {
        return new Sample(name, data, modifiers.stream().filter(m -> !names.contains(m.name())).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s && name.equals(s.name) && Arrays.equals(data, s.data)
                && modifiers.equals(s.modifiers);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + Arrays.hashCode(data)) * 31 + modifiers.hashCode();
    }

    @Override
    public String toString() {
        return "Sample[" + name + ", data=" + Arrays.toString(data) + ", modifiers=" + modifiers + "]";
    }
}
