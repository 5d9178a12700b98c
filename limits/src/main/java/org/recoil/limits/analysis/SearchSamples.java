package org.recoil.limits.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.recoil.limits.scan.WindowShape;

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
 * @param variations the Monte Carlo selected again after each event-level variation, up and down
 *                   (empty unless {@code variations:} is configured)
 * @param mva the MVA selection's classifier report and per-mass samples after its cuts; null for the
 *            cut-based selection (then these samples are the selected ones; with it, they are the
 *            preselected ones, the Monte Carlo's test split)
 */
public record SearchSamples(boolean synthetic, Luminosity luminosity, SelectedSample data,
                            List<SelectedSample> backgrounds, List<SignalMc> signals, Map<String, CutFlow> cutFlows,
                            Map<String, Object> description, List<VariedSamples> variations,
                            MvaSelection.Applied mva) {

    /** Copies the collections. */
    public SearchSamples {
        variations = List.copyOf(variations);
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
     * Samples without event-level variations.
     *
     * @param synthetic whether the events are synthetic
     * @param luminosity the integrated luminosity
     * @param data the selected data events
     * @param backgrounds the selected background MC
     * @param signals the selected signal MC, ascending in mass
     * @param cutFlows the cut flow per sample
     * @param description description of the inputs
     */
    public SearchSamples(boolean synthetic, Luminosity luminosity, SelectedSample data,
                         List<SelectedSample> backgrounds, List<SignalMc> signals, Map<String, CutFlow> cutFlows,
                         Map<String, Object> description) {
        this(synthetic, luminosity, data, backgrounds, signals, cutFlows, description, List.of());
    }

    /**
     * Samples of the cut-based selection (no MVA).
     *
     * @param synthetic whether the data are synthetic
     * @param luminosity the data's luminosity
     * @param data the selected data
     * @param backgrounds the selected background MC
     * @param signals the selected signal MC
     * @param cutFlows cut flows by sample
     * @param description the inputs' description
     * @param variations the varied samples
     */
    public SearchSamples(boolean synthetic, Luminosity luminosity, SelectedSample data,
                         List<SelectedSample> backgrounds, List<SignalMc> signals, Map<String, CutFlow> cutFlows,
                         Map<String, Object> description, List<VariedSamples> variations) {
        this(synthetic, luminosity, data, backgrounds, signals, cutFlows, description, variations, null);
    }

    /**
     * @param v one variation's selected Monte Carlo
     * @return these samples with the background and signal MC of the variation (same data, no variations);
     *         with the MVA selection, each mass's samples after its cut are those of the variation too
     */
    public SearchSamples varied(VariedSamples v) {
        MvaSelection.Applied a = null;
        if (mva != null) {
            int k = -1;
            for (int i = 0; i < variations.size(); i++) {
                if (variations.get(i) == v) {
                    k = i;
                }
            }
            if (k < 0) {
                throw new InvalidInputException("variation " + v.variation().name() + " " + v.direction()
                        + ": not a variation of these samples");
            }
            a = mva.varied(k);
        }
        return new SearchSamples(synthetic, luminosity, data, v.backgrounds(), v.signals(), cutFlows, description,
                List.of(), a);
    }

    /**
     * @param v the variations' selected Monte Carlo
     * @return a copy carrying them
     */
    public SearchSamples withVariations(List<VariedSamples> v) {
        return new SearchSamples(synthetic, luminosity, data, backgrounds, signals, cutFlows, description, v, mva);
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
     * @return one input per mass, each a single count
     */
    public List<MassPointInput> massPoints(double[] masses, RecoilMassResolution resolution, double windowSigmas,
                                           DoubleUnaryOperator sigmaAtUnitCouplingPb, ZPrimeModel model) {
        return massPoints(masses, resolution, windowSigmas, 1, sigmaAtUnitCouplingPb, model);
    }

    /**
     * The inputs of the mass scan, with each window split into {@code binsPerWindow} equal bins of
     * M<sub>rec</sub>² for a shape fit when that is above 1. The signal's distribution over the bins
     * is taken from the signal MC at the generated masses, each in its own window split the same way,
     * and interpolated linearly in the mass (as the efficiency).
     *
     * @param masses the mass grid, GeV
     * @param resolution σ(M<sub>rec</sub>²) versus mass
     * @param windowSigmas window half-width in σ
     * @param binsPerWindow bins per window, &ge; 1 (1: a single count)
     * @param sigmaAtUnitCouplingPb σ(e⁺e⁻ → μ⁺μ⁻Z′) at g′ = 1 versus mass, pb
     * @param model the Z′ model
     * @return one input per mass
     */
    public List<MassPointInput> massPoints(double[] masses, RecoilMassResolution resolution, double windowSigmas,
                                           int binsPerWindow, DoubleUnaryOperator sigmaAtUnitCouplingPb,
                                           ZPrimeModel model) {
        if (binsPerWindow < 1) {
            throw new InvalidInputException("bins per window must be at least 1, got " + binsPerWindow);
        }
        SignalEfficiency eff = efficiency(resolution, windowSigmas);
        double[][] fractions = binsPerWindow > 1 ? signalFractions(resolution, windowSigmas, binsPerWindow) : null;
        List<MassPointInput> out = new ArrayList<>(masses.length);
        for (double m : masses) {
            MassWindow w = MassWindow.around(m, resolution, windowSigmas);
            List<SampleYield> bkg = new ArrayList<>();
            for (SelectedSample b : backgrounds) {
                WindowCounter.WindowCount c = b.count(w);
                bkg.add(new SampleYield(b.name(), Math.max(0.0, c.sumWeights()), c.sumWeights2(), c.entries()));
            }
            Optional<WindowShape> shape = Optional.empty();
            double observed;
            if (fractions == null) {
                observed = data.count(w).sumWeights();
            } else {
                WindowShape ws = shape(w, binsPerWindow, interpolate(fractions, m));
                shape = Optional.of(ws);
                observed = Arrays.stream(ws.observed()).sum();
                // the window totals are the sums of the bins (identical up to rounding)
                List<SampleYield> summed = new ArrayList<>();
                for (int k = 0; k < bkg.size(); k++) {
                    SampleYield y = bkg.get(k);
                    summed.add(new SampleYield(y.name(), Arrays.stream(ws.backgrounds().get(k)).sum(),
                            Arrays.stream(ws.backgroundSumw2().get(k)).sum(), y.entries()));
                }
                bkg = summed;
            }
            out.add(new MassPointInput(m, w, Math.max(0.0, observed), bkg, eff.at(m), eff.relativeErrorAt(m),
                    sigmaAtUnitCouplingPb.applyAsDouble(m), model.brInvisible(m, 1.0), shape));
        }
        return out;
    }

    private static double[] edges(MassWindow w, int n) {
        double[] e = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            e[i] = w.lo() + (w.hi() - w.lo()) * i / n;
        }
        e[n] = w.hi();
        return e;
    }

    private WindowShape shape(MassWindow w, int n, double[] signalFractions) {
        double[] e = edges(w, n);
        double[] obs = new double[n];
        List<double[]> bkg = new ArrayList<>();
        List<double[]> var = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            obs[i] = Math.max(0.0, data.counter().count(e[i], e[i + 1]).sumWeights());
        }
        for (SelectedSample b : backgrounds) {
            double[] y = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                WindowCounter.WindowCount c = b.counter().count(e[i], e[i + 1]);
                y[i] = Math.max(0.0, c.sumWeights());
                v[i] = c.sumWeights2();
            }
            bkg.add(y);
            var.add(v);
        }
        return new WindowShape(e, obs, bkg, var, signalFractions);
    }

    /** Per generated mass, the signal fractions in its own window split into n bins (uniform if empty). */
    private double[][] signalFractions(RecoilMassResolution resolution, double windowSigmas, int n) {
        double[][] f = new double[signals.size()][];
        for (int s = 0; s < signals.size(); s++) {
            SignalMc mc = signals.get(s);
            double[] e = edges(MassWindow.around(mc.mass(), resolution, windowSigmas), n);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Math.max(0.0, mc.selected().counter().count(e[i], e[i + 1]).sumWeights());
            }
            f[s] = normalised(x);
        }
        return f;
    }

    private double[] interpolate(double[][] fractions, double mass) {
        int hi = 0;
        while (hi < signals.size() && signals.get(hi).mass() < mass) {
            hi++;
        }
        if (hi == 0 || hi == signals.size()) {
            return fractions[Math.min(hi, signals.size() - 1)].clone();
        }
        int lo = hi - 1;
        double t = (mass - signals.get(lo).mass()) / (signals.get(hi).mass() - signals.get(lo).mass());
        double[] x = new double[fractions[lo].length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (1 - t) * fractions[lo][i] + t * fractions[hi][i];
        }
        return normalised(x);
    }

    private static double[] normalised(double[] x) {
        double sum = Arrays.stream(x).sum();
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = sum > 0 ? x[i] / sum : 1.0 / x.length;
        }
        return out;
    }

    /**
     * σ(e⁺e⁻ → μ⁺μ⁻Z′) at g′ = 1 from the signal samples' own normalisation: their total generated
     * weights (pb at g′ = 1), interpolated linearly in ln σ between the generated masses (σ falls
     * roughly exponentially with the mass) and constant beyond the ends.
     *
     * @return σ(g′=1) in pb versus mass in GeV
     */
    public DoubleUnaryOperator signalCrossSection() {
        int n = signals.size();
        double[] m = new double[n];
        double[] ln = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = signals.get(i).mass();
            ln[i] = Math.log(signals.get(i).totalWeightPb());
        }
        return mass -> {
            if (n == 1 || mass <= m[0]) {
                return Math.exp(ln[0]);
            }
            if (mass >= m[n - 1]) {
                return Math.exp(ln[n - 1]);
            }
            int hi = 1;
            while (m[hi] < mass) {
                hi++;
            }
            double t = (mass - m[hi - 1]) / (m[hi] - m[hi - 1]);
            return Math.exp(ln[hi - 1] + t * (ln[hi] - ln[hi - 1]));
        };
    }

    /** @return the background sample names, in order */
    public List<String> backgroundNames() {
        return backgrounds.stream().map(SelectedSample::name).toList();
    }
}
