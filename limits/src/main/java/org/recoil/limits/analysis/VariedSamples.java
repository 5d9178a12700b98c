package org.recoil.limits.analysis;

import java.util.List;

/**
 * The background and signal Monte Carlo of a search selected again after one event-level variation
 * in one direction (the data are never varied). Samples the variation does not change are the
 * nominal ones. Immutable.
 *
 * @param variation the variation
 * @param direction up or down
 * @param backgrounds the selected background samples, in the nominal order
 * @param signals the selected signal samples, in the nominal order
 */
public record VariedSamples(EventVariation variation, EventVariation.Direction direction,
                            List<SelectedSample> backgrounds, List<SignalMc> signals) {

    /** Copies the lists. */
    public VariedSamples {
        backgrounds = List.copyOf(backgrounds);
        signals = List.copyOf(signals);
    }
}
