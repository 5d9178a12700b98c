package org.recoil.core.sim;

import org.recoil.core.events.EventTable;

/**
 * Synthetic signal events e⁺e⁻ → μ⁻μ⁺Z′ (Z′ invisible) in the laboratory frame with the
 * generation bookkeeping. The events are an {@link EventTable} (write it with
 * {@link org.recoil.core.events.EventWriter}): muon 1 is the μ⁻ (charge −1), muon 2 the μ⁺, two muon
 * candidates, no extra neutral energy (tree level, no radiation), and the event weight in pb for
 * g′ = 1. The weights of all generated events sum to the generator's σ estimate, so the weights
 * of the table's rows (those passing the detector acceptance when smearing is on) sum to the
 * fiducial σ, and {@code weight × luminosity[pb⁻¹] × g′² × BR_inv} is an expected event count.
 *
 * @param events the events (laboratory frame)
 * @param zPrimeMass Z′ mass in GeV
 * @param sqrtS √s in GeV
 * @param seed the seed the sample was generated with
 * @param sigmaPb the total σ (g′ = 1) estimated from all trial points, in pb
 * @param sigmaErrorPb its statistical error in pb
 * @param generated the number of unweighted events generated (before the detector acceptance)
 * @param trials the number of weighted trial points drawn
 * @param maxWeight the maximum weight (dσ/d⁵u × Jacobian, pb) found in the warm-up
 * @param overweightFraction the fraction of generated events whose weight exceeded
 *     {@code maxWeight} (they carry {@code w / maxWeight} times the nominal event weight)
 * @param smearing the detector response applied, or null for generator-level (truth) events
 */
public record SignalSample(EventTable events, double zPrimeMass, double sqrtS, long seed, double sigmaPb,
                           double sigmaErrorPb, int generated, long trials, double maxWeight,
                           double overweightFraction, DetectorSmearing smearing) {

    /** @return the number of rows (events passing the acceptance when smeared, else all) */
    public int size() {
        return events.size();
    }

    /** @return the unweighting efficiency {@code generated / trials} */
    public double unweightingEfficiency() {
        return (double) generated / trials;
    }

    /** @return {@code size() / generated()}: the detector acceptance (1 without smearing) */
    public double acceptance() {
        return (double) size() / generated;
    }

    /** @return the sum of the row weights in pb (the fiducial σ when smeared) */
    public double sumOfWeights() {
        double s = 0.0;
        for (double w : events.weight()) {
            s += w;
        }
        return s;
    }

    /** @return a one-line provenance label, starting with "synthetic" */
    public String label() {
        return String.format(java.util.Locale.ROOT,
                "synthetic signal e+e- -> mu+ mu- Z' (Recoil SignalGenerator, tree level), M_Z'=%s GeV, sqrt(s)=%s GeV,"
                        + " g'=1, seed=%d, %s", zPrimeMass, sqrtS, seed,
                smearing == null ? "generator level" : "smeared: " + smearing);
    }
}
