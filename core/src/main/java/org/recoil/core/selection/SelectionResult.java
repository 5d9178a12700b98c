package org.recoil.core.selection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.hist.HistogramBuilder;

/**
 * The outcome of {@link Selection#apply}: per event the recoil mass squared, the signed recoil
 * mass, the CM-frame dimuon transverse momentum and whether it passed every cut; the cut flow for
 * all events and per sample; and histograms of the selected events per sample. Immutable.
 */
public final class SelectionResult {
    private final List<String> cutNames;
    private final int[] stage;
    private final double[] recoilMass2;
    private final double[] recoilMass;
    private final double[] dimuonPtStar;
    private final double[] weight;
    private final int[] sampleIndex;
    private final List<String> samples;

    SelectionResult(List<String> cutNames, int[] stage, double[] recoilMass2, double[] recoilMass, double[] dimuonPtStar,
            double[] weight, int[] sampleIndex, List<String> samples) {
        this.cutNames = List.copyOf(cutNames);
        this.stage = stage;
        this.recoilMass2 = recoilMass2;
        this.recoilMass = recoilMass;
        this.dimuonPtStar = dimuonPtStar;
        this.weight = weight;
        this.sampleIndex = sampleIndex;
        this.samples = List.copyOf(samples);
    }

    /** @return the number of events examined */
    public int size() {
        return stage.length;
    }

    /** @return the sample names, in the order of the event table */
    public List<String> samples() {
        return samples;
    }

    /**
     * @param event an event index
     * @return whether the event passed every cut
     */
    public boolean passed(int event) {
        return stage[event] == cutNames.size() - 1;
    }

    /** @return the indices of the selected events, ascending */
    public int[] selectedEvents() {
        return indicesOf(stage, cutNames.size() - 1);
    }

    /**
     * Indices of the entries equal to {@code value}, ascending (e.g. the events whose last passed stage is
     * the last cut, or the selected events of one sample).
     */
    static int[] indicesOf(int[] values, int value) {
        int k = 0;
        for (int v : values) {
            k += v == value ? 1 : 0;
        }
        int[] out = new int[k];
        k = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** @return {@code M_rec²} of every event, GeV² (copy) */
    public double[] recoilMass2() {
        return recoilMass2.clone();
    }

    /** @return the signed recoil mass of every event, GeV (copy) */
    public double[] recoilMass() {
        return recoilMass.clone();
    }

    /** @return the dimuon transverse momentum in the CM frame, relative to the beam axis, GeV (copy) */
    public double[] dimuonPtStar() {
        return dimuonPtStar.clone();
    }

    /** @return the cut flow of all events together */
    public CutFlow cutFlow() {
        return cutFlow(-1);
    }

    /** @return the cut flow of each sample, in sample order */
    public Map<String, CutFlow> cutFlowBySample() {
        Map<String, CutFlow> m = new LinkedHashMap<>();
        for (int s = 0; s < samples.size(); s++) {
            m.put(samples.get(s), cutFlow(s));
        }
        return m;
    }

    private CutFlow cutFlow(int sample) {
        return cutFlowSums(sample).cutFlow();
    }

    /**
     * The unrounded, mergeable form of {@link #cutFlow()}, for combining with the cut flows of other
     * events without intermediate rounding.
     *
     * @return the cut-flow sums of all events
     */
    public CutFlowSums cutFlowSums() {
        return cutFlowSums(-1);
    }

    /** @return the unrounded, mergeable form of {@link #cutFlowBySample()} */
    public Map<String, CutFlowSums> cutFlowSumsBySample() {
        Map<String, CutFlowSums> m = new LinkedHashMap<>();
        for (int s = 0; s < samples.size(); s++) {
            m.put(samples.get(s), cutFlowSums(s));
        }
        return m;
    }

    private CutFlowSums cutFlowSums(int sample) {
        // count per final stage; the cut flow accumulates: step j counts events with stage >= j
        CutFlowSums sums = new CutFlowSums(cutNames);
        for (int i = 0; i < stage.length; i++) {
            if (sample >= 0 && sampleIndex[i] != sample) {
                continue;
            }
            sums.add(stage[i], weight[i]);
        }
        return sums;
    }

    /** Package access for {@link SelectionAccumulator}: the per-event arrays, not copied. */
    int[] stages() {
        return stage;
    }

    double[] weightsUnsafe() {
        return weight;
    }

    int[] sampleIndicesUnsafe() {
        return sampleIndex;
    }

    double[] recoilMass2Unsafe() {
        return recoilMass2;
    }

    double[] recoilMassUnsafe() {
        return recoilMass;
    }

    List<String> cutNames() {
        return cutNames;
    }

    /**
     * Histograms of the selected events, one per sample (every sample present, possibly empty),
     * filled with the event weights.
     *
     * @param binning the axis
     * @param observable what to histogram
     * @return sample name to histogram, in sample order
     */
    public Map<String, Histogram> histograms(Binning binning, Observable observable) {
        Map<String, Histogram> m = new LinkedHashMap<>();
        histogramBuilders(binning, observable).forEach((s, b) -> m.put(s, b.build()));
        return m;
    }

    /**
     * The filled builders behind {@link #histograms}, whose unrounded sums can be merged with those
     * of other events ({@link HistogramBuilder#merge}).
     *
     * @param binning the axis
     * @param observable what to histogram
     * @return sample name to builder, in sample order
     */
    public Map<String, HistogramBuilder> histogramBuilders(Binning binning, Observable observable) {
        double[] x = observable == Observable.RECOIL_MASS ? recoilMass : recoilMass2;
        HistogramBuilder[] builders = new HistogramBuilder[samples.size()];
        for (int s = 0; s < builders.length; s++) {
            builders[s] = new HistogramBuilder(binning);
        }
        int last = cutNames.size() - 1;
        for (int i = 0; i < stage.length; i++) {
            if (stage[i] == last) {
                builders[sampleIndex[i]].fill(x[i], weight[i]);
            }
        }
        Map<String, HistogramBuilder> m = new LinkedHashMap<>();
        for (int s = 0; s < builders.length; s++) {
            m.put(samples.get(s), builders[s]);
        }
        return m;
    }
}
