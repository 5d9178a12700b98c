package org.recoil.fitting.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A HistFactory workspace in the pyhf JSON format, schema version 1.0.0: channels with samples and
 * modifiers, observed data per channel, and measurements (pyhf documentation "HistFactory JSON
 * specification"; Cranmer et al., CERN-OPEN-2012-016).
 *
 * <p>Construction validates the structure: unique channel/measurement names, one observation per
 * channel with the channel's number of bins (observations of channels that are not in the workspace are
 * kept but unused, as pyhf does after a patch removes a channel). Whether the POI of a
 * measurement exists and how parameters combine is checked when a model is compiled
 * ({@code org.recoil.fitting.model.HistFactoryModel}).
 *
 * @param version schema version, "1.0.0"
 * @param channels channels, unique names
 * @param observations observations, one per channel
 * @param measurements measurements, unique names, at least one
 */
public record Workspace(String version, List<Channel> channels, List<Observation> observations,
                        List<Measurement> measurements) {

    /** The only schema version supported. */
    public static final String VERSION = "1.0.0";

    /** Validates and copies. */
    public Workspace {
        if (!VERSION.equals(version)) {
            throw new InvalidWorkspaceException("version '" + version + "' is not supported, expected '" + VERSION + "'");
        }
        channels = List.copyOf(channels);
        observations = List.copyOf(observations);
        measurements = List.copyOf(measurements);
        if (channels.isEmpty()) {
            throw new InvalidWorkspaceException("the workspace has no channels, expected at least one");
        }
        if (measurements.isEmpty()) {
            throw new InvalidWorkspaceException("the workspace has no measurements, expected at least one");
        }
        Specs.requireUnique(channels, Channel::name, "channel", "");
        Specs.requireUnique(observations, Observation::name, "observation", "");
        Specs.requireUnique(measurements, Measurement::name, "measurement", "");
        Map<String, Observation> obs = new HashMap<>();
        observations.forEach(o -> obs.put(o.name(), o));
        for (Channel c : channels) {
            Observation o = obs.get(c.name());
            if (o == null) {
                throw new InvalidWorkspaceException("channel '" + c.name() + "' has no observation, expected an entry"
                        + " named '" + c.name() + "' in observations");
            }
            if (o.data().length != c.nbins()) {
                throw new InvalidWorkspaceException("observation '" + c.name() + "': has " + o.data().length
                        + " bins, expected " + c.nbins() + " (the channel's bin count)");
            }
        }
    }

    /** @return a version-1.0.0 workspace of these parts */
    public static Workspace of(List<Channel> channels, List<Observation> observations, List<Measurement> measurements) {
        return new Workspace(VERSION, channels, observations, measurements);
    }

    /** @return the channel named {@code name}, or throws naming the available channels */
    public Channel channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(
                () -> new InvalidWorkspaceException("no channel named '" + name + "'; channels are " + channelNames()));
    }

    /** @return the observation of channel {@code name} */
    public Observation observation(String name) {
        return observations.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow(
                () -> new InvalidWorkspaceException("no observation named '" + name + "'"));
    }

    /**
     * @param name a measurement name, or null for the first measurement (pyhf's default)
     * @return the measurement
     */
    public Measurement measurement(String name) {
        if (name == null) {
            return measurements.get(0);
        }
        return measurements.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(
                () -> new InvalidWorkspaceException("no measurement named '" + name + "'; measurements are "
                        + measurements.stream().map(Measurement::name).toList()));
    }

    /** @return channel names in workspace order */
    public List<String> channelNames() {
        return channels.stream().map(Channel::name).toList();
    }

    /** @return the distinct modifier names, in order of first appearance */
    public List<String> modifierNames() {
        var names = new java.util.LinkedHashSet<String>();
        channels.forEach(c -> c.samples().forEach(s -> s.modifiers().forEach(m -> names.add(m.name()))));
        return List.copyOf(names);
    }

    /** @return the distinct sample names, in order of first appearance */
    public List<String> sampleNames() {
        var names = new java.util.LinkedHashSet<String>();
        channels.forEach(c -> c.samples().forEach(s -> names.add(s.name())));
        return List.copyOf(names);
    }

    /**
     * Removes modifiers, samples and channels by name, as pyhf's {@code Workspace.prune}: the parameter
     * configs of removed modifiers are dropped from every measurement, the observations of removed
     * channels are dropped.
     *
     * @param modifiers modifier (parameter) names to remove
     * @param samples sample names to remove from every channel
     * @param channels channel names to remove
     * @return the pruned workspace
     * @throws InvalidWorkspaceException naming the name when a name does not exist, or when a channel
     *         would be left without samples or the workspace without channels
     */
    public Workspace prune(Collection<String> modifiers, Collection<String> samples, Collection<String> channels) {
        requireKnown(modifiers, modifierNames(), "modifier");
        requireKnown(samples, sampleNames(), "sample");
        requireKnown(channels, channelNames(), "channel");
        List<Channel> kept = new ArrayList<>();
        for (Channel c : this.channels) {
            if (channels.contains(c.name())) {
                continue;
            }
            List<Sample> ks = c.samples().stream().filter(s -> !samples.contains(s.name()))
                    .map(s -> s.withoutModifiers(modifiers)).toList();
            if (ks.isEmpty()) {
                throw new InvalidWorkspaceException("pruning would leave channel '" + c.name() + "' without samples;"
                        + " prune the channel instead");
            }
            kept.add(new Channel(c.name(), ks));
        }
        if (kept.isEmpty()) {
            throw new InvalidWorkspaceException("pruning would remove every channel");
        }
        List<Observation> keptObs = observations.stream().filter(o -> !channels.contains(o.name())).toList();
        List<Measurement> keptMeas = measurements.stream().map(m -> new Measurement(m.name(),
                new MeasurementConfig(m.poi(), m.parameters().stream()
                        .filter(p -> !modifiers.contains(p.name())).toList()))).toList();
        return new Workspace(version, kept, keptObs, keptMeas);
    }

    private static void requireKnown(Collection<String> names, List<String> known, String what) {
        for (String n : names) {
            if (!known.contains(n)) {
                throw new InvalidWorkspaceException("cannot prune " + what + " '" + n + "': no such " + what
                        + "; " + what + "s are " + known);
            }
        }
    }
}
