package org.recoil.core.sim;

/** How {@link SyntheticDataset} makes its pseudo-data ("observed" events). */
public enum PseudoDataMode {
    /**
     * Each weighted background-template event enters the data n ~ Poisson(w) times, so the count
     * in any region is exactly Poisson-distributed with mean equal to the templates' content there:
     * the data are a random draw from the model as the templates represent it. Fast (no further
     * generation).
     */
    FROM_TEMPLATES,
    /**
     * Unweighted generation at the luminosity, independent of the templates: N ~ Poisson(sigma L)
     * events per process from separate random streams. Physically independent of the templates,
     * but costs sigma L events per process (5.2 million two-photon events at 276 pb^-1).
     */
    INDEPENDENT
}
