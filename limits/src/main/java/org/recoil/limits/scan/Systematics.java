package org.recoil.limits.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recoil.core.InvalidInputException;

/**
 * The systematic uncertainties of the search model, as relative (fractional) 1σ values, and whether
 * the background Monte Carlo statistics enter the model:
 * <ul>
 *   <li>{@code luminosity}: Gaussian {@code lumi} modifier on the signal and on every background
 *       (backgrounds are normalised to the luminosity by their cross sections);</li>
 *   <li>{@code signalEfficiency}: {@code normsys} on the signal (selection, window, trigger, tracking;
 *       the signal MC statistical error is added in quadrature per mass point);</li>
 *   <li>{@code backgroundNormalisation}: one {@code normsys} per background sample (cross section and
 *       modelling); a sample not listed uses {@code defaultBackgroundNormalisation};</li>
 *   <li>{@code mcStatistics}: one {@code staterror} γ per bin shared by the background samples,
 *       with width √Σw²/Σw (Barlow–Beeston lite, pyhf semantics), and the signal MC statistical
 *       error added in quadrature to the efficiency uncertainty.</li>
 * </ul>
 * A value of 0 drops the modifier. Immutable.
 *
 * @param luminosity relative luminosity uncertainty, in [0, 1)
 * @param signalEfficiency relative signal-efficiency uncertainty, in [0, 1)
 * @param backgroundNormalisation relative normalisation uncertainty per background sample, each in [0, 1)
 * @param defaultBackgroundNormalisation the value for samples not in the map, in [0, 1)
 * @param mcStatistics whether background MC statistical uncertainties are modelled
 */
public record Systematics(double luminosity, double signalEfficiency, Map<String, Double> backgroundNormalisation,
                          double defaultBackgroundNormalisation, boolean mcStatistics) {

    /** Validates the ranges and copies the map (keeping its order). */
    public Systematics {
        check("luminosity", luminosity);
        check("signal efficiency", signalEfficiency);
        check("default background normalisation", defaultBackgroundNormalisation);
        Map<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : backgroundNormalisation.entrySet()) {
            if (e.getValue() == null) {
                throw new InvalidInputException("systematics: background normalisation of '" + e.getKey()
                        + "' has no value");
            }
            check("background normalisation of '" + e.getKey() + "'", e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        backgroundNormalisation = java.util.Collections.unmodifiableMap(copy);
    }

    private static void check(String what, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new InvalidInputException("systematics: " + what + " must be a fraction in [0, 1), got " + v);
        }
    }

    /**
     * The defaults of the Belle II 2020 search as we model it: luminosity 0.7%, signal efficiency
     * 7%, background normalisations 2% (μμ(γ)), 3% (ττ(γ)), 30% (two-photon; poorly known in
     * simulation), MC statistics on. (Our choices, of the order of the uncertainties quoted in
     * Phys. Rev. Lett. 124 (2020) 141801.)
     *
     * @return the defaults
     */
    public static Systematics defaults() {
        Map<String, Double> norms = new LinkedHashMap<>();
        norms.put("mumu_gamma", 0.02);
        norms.put("tautau_gamma", 0.03);
        norms.put("eemumu", 0.30);
        return new Systematics(0.007, 0.07, norms, 0.05, true);
    }

    /** @return no systematic uncertainty at all and no MC statistics: a statistics-only model */
    public static Systematics none() {
        return new Systematics(0, 0, Map.of(), 0, false);
    }

    /**
     * @param sample a background sample name
     * @return its relative normalisation uncertainty
     */
    public double backgroundNormalisation(String sample) {
        return backgroundNormalisation.getOrDefault(sample, defaultBackgroundNormalisation);
    }

    /**
     * Scales every relative uncertainty: u → max(u × factor, min(u, floor)), i.e. shrinks by
     * {@code factor} but not below {@code floor} (nor raises a value already below the floor).
     *
     * @param factor scale factor, &gt; 0 (e.g. 1/√(L/L0))
     * @param floor the smallest relative uncertainty reached by shrinking, &ge; 0
     * @return the scaled systematics (MC statistics flag unchanged)
     */
    public Systematics scaled(double factor, double floor) {
        Map<String, Double> norms = new LinkedHashMap<>();
        backgroundNormalisation.forEach((k, v) -> norms.put(k, scale(v, factor, floor)));
        return new Systematics(scale(luminosity, factor, floor), scale(signalEfficiency, factor, floor), norms,
                scale(defaultBackgroundNormalisation, factor, floor), mcStatistics);
    }

    private static double scale(double u, double factor, double floor) {
        return Math.min(u, Math.max(u * factor, Math.min(u, floor)));
    }

    /** @return a copy with MC statistics switched on or off */
    public Systematics withMcStatistics(boolean on) {
        return new Systematics(luminosity, signalEfficiency, backgroundNormalisation, defaultBackgroundNormalisation,
                on);
    }
}
