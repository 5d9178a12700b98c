package org.recoil.core.sim;

/**
 * A seeded generator of synthetic Belle II-like events for one physics process, already passed
 * through the {@link DetectorSmearing detector response}.
 *
 * <p>Contract: the same arguments give bit-identical output, whatever the number of threads;
 * different seeds give independent samples.
 */
public interface EventGenerator {
    /** @return the process (and sample) name, e.g. {@code mumu_gamma} */
    String process();

    /** @return the cross section in pb that samples are normalised to */
    double crossSectionPb();

    /**
     * Generates a weighted Monte Carlo sample ("template") of {@code nGenerated} events, each with
     * weight sigma L / nGenerated; events failing the detector acceptance are dropped, so the
     * weights of the stored events sum to sigma L times the acceptance.
     *
     * @param nGenerated number of events to generate (before acceptance), at least 1
     * @param seed the seed
     * @param luminosityPb integrated luminosity in pb^-1, positive
     * @return the sample
     */
    SimulatedEvents generate(int nGenerated, long seed, double luminosityPb);

    /**
     * Generates unweighted pseudo-data at a luminosity: the number of events is drawn from a
     * Poisson distribution of mean sigma L, each event has weight 1.
     *
     * @param luminosityPb integrated luminosity in pb^-1, positive
     * @param seed the seed
     * @return the sample, named after the process
     */
    SimulatedEvents generateUnweighted(double luminosityPb, long seed);
}
