package org.recoil.limits.scan;

import java.util.ArrayList;
import java.util.List;
import org.recoil.fitting.spec.Channel;
import org.recoil.fitting.spec.Measurement;
import org.recoil.fitting.spec.MeasurementConfig;
import org.recoil.fitting.spec.Modifier;
import org.recoil.fitting.spec.Observation;
import org.recoil.fitting.spec.ParameterConfig;
import org.recoil.fitting.spec.Sample;
import org.recoil.fitting.spec.Workspace;

/**
 * Builds the HistFactory workspace (pyhf JSON 1.0.0 records of {@code fitting.spec}) of one mass
 * hypothesis: a channel {@value #CHANNEL} holding the search window, one bin (a count) or, with a
 * {@link WindowShape}, one bin per shape bin (a shape fit, the signal distributed by its fractions),
 * with
 * <ul>
 *   <li>sample {@value #SIGNAL}: the expected signal at the reference coupling, modifiers
 *       {@code normfactor} {@value #POI} (the signal strength), {@code lumi} and {@code normsys}
 *       {@value #EFFICIENCY} (signal-efficiency systematic ⊕ signal MC statistics, the latter only
 *       when MC statistics are modelled);</li>
 *   <li>one sample per background with a non-zero yield: {@code lumi}, {@code normsys}
 *       {@code norm_<sample>} and the shared {@code staterror} {@code staterror_window} with data
 *       √Σw² per bin (Barlow–Beeston lite);</li>
 *   <li>per {@link EventSystematic} of the point (event-level variations, {@code variations:} in the
 *       analysis config) on the sample it belongs to: a {@code normsys} with the up/down yield ratios
 *       and, in a shape fit, a {@code histosys} of the same name with the varied shapes (one nuisance
 *       parameter per variation, shared by the samples it moves); a variation that leaves the yields
 *       exactly unchanged adds nothing, so a variation of size zero gives the nominal model;</li>
 *   <li>the observed count, and measurement {@value #MEASUREMENT} with POI {@value #POI} in
 *       [0, {@code poiUpper}] and the lumi constraint (auxdata 1, σ = relative luminosity error).</li>
 * </ul>
 * Modifiers with zero uncertainty are left out; if the luminosity uncertainty is zero the lumi
 * parameter is fixed at 1. The model follows the conventions of Cranmer et al., CERN-OPEN-2012-016
 * and pyhf (normsys interpolation code 4). Stateless.
 */
public final class SearchWorkspace {

    /** Channel name. */
    public static final String CHANNEL = "window";
    /** Signal sample name. */
    public static final String SIGNAL = "signal";
    /** Name of the signal-strength parameter (POI). */
    public static final String POI = "mu";
    /** Name of the luminosity parameter. */
    public static final String LUMI = "lumi";
    /** Name of the signal-efficiency nuisance parameter. */
    public static final String EFFICIENCY = "signal_efficiency";
    /** Name of the shared MC statistical parameter. */
    public static final String STATERROR = "staterror_" + CHANNEL;
    /** Measurement name. */
    public static final String MEASUREMENT = "recoil_search";

    private SearchWorkspace() {
    }

    /** Adds the point's event-level systematics of {@code sample}: normsys, and histosys in a shape fit. */
    private static void eventSystematics(MassPointInput input, String sample, double[] nominal, List<Modifier> mods) {
        for (EventSystematic e : input.eventSystematics()) {
            if (!e.sample().equals(sample)) {
                continue;
            }
            if (e.hasNormalisation()) {
                mods.add(Modifier.normsys(e.name(), Math.max(e.hi(), 1e-3), Math.max(e.lo(), 1e-3)));
            }
            if (e.hasShape() && nominal.length > 1) {
                mods.add(Modifier.histosys(e.name(), e.variedShape(nominal, true), e.variedShape(nominal, false)));
            }
        }
    }

    /**
     * @param input the mass point (observed count, background yields, efficiency error)
     * @param signalEvents expected signal events at μ = 1 (&gt; 0)
     * @param systematics the relative uncertainties
     * @param poiUpper upper bound of μ (&gt; 0)
     * @return the workspace
     */
    public static Workspace build(MassPointInput input, double signalEvents, Systematics systematics,
                                  double poiUpper) {
        WindowShape shape = input.shape().orElse(null);
        int n = shape == null ? 1 : shape.bins();
        List<Sample> samples = new ArrayList<>();
        List<Modifier> sig = new ArrayList<>();
        sig.add(Modifier.normfactor(POI));
        sig.add(Modifier.lumi(LUMI));
        double eff = Math.hypot(systematics.signalEfficiency(),
                systematics.mcStatistics() ? input.efficiencyRelError() : 0.0);
        if (eff > 0) {
            sig.add(Modifier.normsys(EFFICIENCY, 1 + eff, Math.max(1 - eff, 1e-3)));
        }
        double[] signal = new double[n];
        double[] fractions = shape == null ? new double[] {1.0} : shape.signalFractions();
        for (int i = 0; i < n; i++) {
            signal[i] = signalEvents * fractions[i];
        }
        eventSystematics(input, SIGNAL, signal, sig);
        samples.add(new Sample(SIGNAL, signal, sig));
        for (int k = 0; k < input.backgrounds().size(); k++) {
            SampleYield b = input.backgrounds().get(k);
            if (!(b.yield() > 0)) {
                continue;
            }
            double[] yields = shape == null ? new double[] {b.yield()} : shape.backgrounds().get(k);
            double[] sumw2 = shape == null ? new double[] {b.sumw2()} : shape.backgroundSumw2().get(k);
            List<Modifier> mods = new ArrayList<>();
            mods.add(Modifier.lumi(LUMI));
            double norm = systematics.backgroundNormalisation(b.name());
            if (norm > 0) {
                mods.add(Modifier.normsys("norm_" + b.name(), 1 + norm, 1 - norm));
            }
            eventSystematics(input, b.name(), yields, mods);
            if (systematics.mcStatistics()) {
                double[] err = new double[n];
                for (int i = 0; i < n; i++) {
                    err[i] = Math.sqrt(sumw2[i]);
                }
                mods.add(Modifier.staterror(STATERROR, err));
            }
            samples.add(new Sample(b.name(), yields, mods));
        }
        Channel channel = new Channel(CHANNEL, samples);
        Observation obs = new Observation(CHANNEL, shape == null ? new double[] {input.observed()} : shape.observed());
        List<ParameterConfig> pars = new ArrayList<>();
        pars.add(ParameterConfig.named(POI).withScalar(1.0, 0.0, poiUpper));
        double lumiSigma = systematics.luminosity();
        ParameterConfig lumi = new ParameterConfig(LUMI, new double[] {1.0},
                new double[][] {{Math.max(0.0, 1 - 5 * Math.max(lumiSigma, 1e-6)), 1 + 5 * Math.max(lumiSigma, 1e-6)}},
                lumiSigma > 0 ? null : Boolean.TRUE, new double[] {1.0}, new double[] {Math.max(lumiSigma, 1e-6)});
        pars.add(lumi);
        Measurement m = new Measurement(MEASUREMENT, new MeasurementConfig(POI, pars));
        return Workspace.of(List.of(channel), List.of(obs), List.of(m));
    }
}
