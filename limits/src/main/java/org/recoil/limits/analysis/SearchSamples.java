package org.recoil.limits.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;
import org.recoil.core.physics.RecoilMassResolution;
import org.recoil.core.physics.ZPrimeModel;
import org.recoil.core.selection.CutFlow;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.MassWindow;
import org.recoil.limits.scan.SampleYield;
import org.recoil.limits.scan.WindowCounter;

/**
 * The selected events of a search: data, background MC per sample (weights at the analysis
 * luminosity) and signal MC per generated mass, with the cut flows. From them
 * {@link #massPoints} builds the inputs of the mass scan. Immutable.
 *
 * @param synthetic whether the events are synthetic (every report says so)
 * @param luminosity the integrated luminosity of the data and of the background weights
 * @param data the selected data events
 * @param backgrounds the selected background MC, one entry per sample
 * @param signals the selected signal MC, ascending in mass
 * @param cutFlows the cut flow per sample (data, backgrounds, signals)
 * @param description free-form description of the inputs (dataset metadata, files), for reports
 */
public record SearchSamples(boolean synthetic, Luminosity luminosity, SelectedSample data,
                            List<SelectedSample> backgrounds, List<SignalMc> signals, Map<String, CutFlow> cutFlows,
                            Map<String, Object> description) {

    /** Copies the collections. */
    public SearchSamples {
        backgrounds = List.copyOf(backgrounds);
        signals = List.copyOf(signals);
        cutFlows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cutFlows));
        description = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(description));
        for (int i = 1; i < signals.size(); i++) {
            if (!(signals.get(i).mass() > signals.get(i - 1).mass())) {
                throw new InvalidInputException("signal samples must have distinct masses in increasing order");
            }
        }
    }

    /**
     * The efficiency table: at each generated mass, the efficiency of the selection and that mass's
     * window.
     *
     * @param resolution σ(M<sub>rec</sub>²) versus mass
     * @param windowSigmas window half-width in σ
     * @return the efficiency versus mass
     */
    public SignalEfficiency efficiency(RecoilMassResolution resolution, double windowSigmas) {
        int n = signals.size();
        double[] m = new double[n];
        double[] e = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            SignalMc s = signals.get(i);
            MassWindow w = MassWindow.around(s.mass(), resolution, windowSigmas);
            m[i] = s.mass();
            e[i] = s.efficiency(w);
            r[i] = s.efficiencyRelativeError(w);
        }
        return new SignalEfficiency(m, e, r);
    }

    /**
     * The inputs of the mass scan: for each mass its window, the data count, the background yield
     * per sample with Σw², the interpolated signal efficiency, σ(g′=1) and BR(Z′ → invisible).
     *
     * @param masses the mass grid, GeV
     * @param resolution σ(M<sub>rec</sub>²) versus mass
     * @param windowSigmas window half-width in σ
     * @param sigmaAtUnitCouplingPb σ(e⁺e⁻ → μ⁺μ⁻Z′) at g′ = 1 versus mass, pb
     * @param model the Z′ model
     * @return one input per mass
     */
    public List<MassPointInput> massPoints(double[] masses, RecoilMassResolution resolution, double windowSigmas,
                                           DoubleUnaryOperator sigmaAtUnitCouplingPb, ZPrimeModel model) {
        SignalEfficiency eff = efficiency(resolution, windowSigmas);
        List<MassPointInput> out = new ArrayList<>(masses.length);
        for (double m : masses) {
            MassWindow w = MassWindow.around(m, resolution, windowSigmas);
            List<SampleYield> bkg = new ArrayList<>();
            for (SelectedSample b : backgrounds) {
                WindowCounter.WindowCount c = b.count(w);
                bkg.add(new SampleYield(b.name(), Math.max(0.0, c.sumWeights()), c.sumWeights2(), c.entries()));
            }
            double observed = data.count(w).sumWeights();
            out.add(new MassPointInput(m, w, Math.max(0.0, observed), bkg, eff.at(m), eff.relativeErrorAt(m),
                    sigmaAtUnitCouplingPb.applyAsDouble(m), model.brInvisible(m, 1.0)));
        }
        return out;
    }

    /** @return the background sample names, in order */
    public List<String> backgroundNames() {
        return backgrounds.stream().map(SelectedSample::name).toList();
    }
}
