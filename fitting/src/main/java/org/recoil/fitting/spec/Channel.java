package org.recoil.fitting.spec;

import java.util.List;

/**
 * A channel (region): samples with the same binning.
 *
 * @param name channel name, unique in the workspace
 * @param samples at least one sample, unique names, all with the same number of bins
 */
public record Channel(String name, List<Sample> samples) {

    /** Validates sample names and bin counts. */
    public Channel {
        Specs.requireName(name, "channel");
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new InvalidWorkspaceException("channel '" + name + "': has no samples, expected at least one");
        }
        Specs.requireUnique(samples, Sample::name, "sample", "channel '" + name + "': ");
        int n = samples.get(0).nbins();
        for (Sample s : samples) {
            if (s.nbins() != n) {
                throw new InvalidWorkspaceException("channel '" + name + "', sample '" + s.name() + "': has "
                        + s.nbins() + " bins, expected " + n + " (as sample '" + samples.get(0).name() + "')");
            }
        }
    }

    /** @return a channel of these samples */
    public static Channel of(String name, Sample... samples) {
        return new Channel(name, List.of(samples));
    }

    /** @return number of bins */
    public int nbins() {
        return samples.get(0).nbins();
    }
}
