package org.recoil.core.selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.hist.HistogramBuilder;

/**
 * Sums the {@link SelectionResult}s of consecutive chunks of events (as {@link
 * org.recoil.core.events.EventStream} delivers them, in file and row order) into what one
 * {@link SelectionResult} of all events would give: the cut flows in total and per sample, the
 * histograms of the selected events per sample, where the selected events fall relative to the
 * histogram range, the total weights, and optionally the selected events themselves. Every sum
 * runs over the events in the same order as over one table, so the results equal those of
 * {@link Selection#apply} on the concatenated events bit for bit, whatever the chunking. Sample
 * names are numbered in order of first appearance, as in {@link org.recoil.core.events.EventTable#concat}.
 * Mutable; not thread-safe (feed it from one thread).
 */
public final class SelectionAccumulator {

    /** Which selected events to keep. */
    public enum Keep {
        /** None (histograms and cut flows only). */
        NONE,
        /** All selected events in one list, in event order. */
        ALL,
        /** The selected events of each sample, each in event order. */
        BY_SAMPLE
    }

    private final List<String> cutNames;
    private final Binning binning;
    private final Observable observable;
    private final Keep keep;
    private final RangeCheck range;
    private final List<String> samples = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<PerSample> perSample = new ArrayList<>();
    private final PerSample all;
    private long events;

    /**
     * @param cutNames the selection's cut-flow names ({@link Selection#cutNames()})
     * @param binning the histogram axis, or null for no histograms
     * @param observable what to histogram (ignored without binning)
     * @param keep which selected events to keep
     */
    public SelectionAccumulator(List<String> cutNames, Binning binning, Observable observable, Keep keep) {
        this.cutNames = List.copyOf(cutNames);
        this.binning = binning;
        this.observable = observable;
        this.keep = keep;
        this.range = binning != null ? new RangeCheck(binning) : null;
        this.all = new PerSample(this.cutNames.size(), null, keep == Keep.ALL);
    }

    /** Per sample (or all events): stage counts and sums, totals, histogram, kept events. */
    private static final class PerSample {
        final long[] events;
        final double[] sw;
        final double[] sw2;
        double total;
        double total2;
        final HistogramBuilder hist;
        final boolean keep;
        double[] x = new double[0];
        double[] w = new double[0];
        int n;

        PerSample(int stages, Binning binning, boolean keep) {
            events = new long[stages];
            sw = new double[stages];
            sw2 = new double[stages];
            hist = binning != null ? new HistogramBuilder(binning) : null;
            this.keep = keep;
        }

        void add(int st, double weight) {
            events[st]++;
            sw[st] += weight;
            sw2[st] += weight * weight;
            total += weight;
            total2 += weight * weight;
        }

        void keep(double m2, double weight) {
            if (n == x.length) {
                int cap = Math.max(16, 2 * n);
                x = Arrays.copyOf(x, cap);
                w = Arrays.copyOf(w, cap);
            }
            x[n] = m2;
            w[n++] = weight;
        }
    }

    /**
     * Adds the next chunk's selection result.
     *
     * @param r the selection of the chunk's events (same cuts)
     */
    public void add(SelectionResult r) {
        if (!r.cutNames().equals(cutNames)) {
            throw new IllegalArgumentException("selection result with other cuts: " + r.cutNames());
        }
        int[] local = new int[r.samples().size()];
        for (int s = 0; s < local.length; s++) {
            String name = r.samples().get(s);
            Integer id = index.get(name);
            if (id == null) {
                id = samples.size();
                index.put(name, id);
                samples.add(name);
                perSample.add(new PerSample(cutNames.size(), binning, keep == Keep.BY_SAMPLE));
            }
            local[s] = id;
        }
        int[] stage = r.stages();
        double[] weight = r.weightsUnsafe();
        int[] sample = r.sampleIndicesUnsafe();
        double[] m2 = r.recoilMass2Unsafe();
        double[] x = observable == Observable.RECOIL_MASS ? r.recoilMassUnsafe() : m2;
        int last = cutNames.size() - 1;
        for (int i = 0; i < stage.length; i++) {
            PerSample p = perSample.get(local[sample[i]]);
            int st = stage[i];
            double wi = weight[i];
            all.add(st, wi);
            p.add(st, wi);
            if (st == last) {
                if (p.hist != null) {
                    p.hist.fill(x[i], wi);
                    range.add(x[i]);
                }
                if (all.keep) {
                    all.keep(m2[i], wi);
                }
                if (p.keep) {
                    p.keep(m2[i], wi);
                }
            }
        }
        events += stage.length;
    }

    /** @return events added */
    public long events() {
        return events;
    }

    /** @return the sample names, in order of first appearance */
    public List<String> samples() {
        return List.copyOf(samples);
    }

    /** @return the cut flow of all events */
    public CutFlow cutFlow() {
        return SelectionResult.cutFlow(cutNames, all.events, all.sw, all.sw2);
    }

    /** @return the cut flow of each sample, in sample order */
    public Map<String, CutFlow> cutFlowBySample() {
        Map<String, CutFlow> m = new LinkedHashMap<>();
        for (int s = 0; s < samples.size(); s++) {
            PerSample p = perSample.get(s);
            m.put(samples.get(s), SelectionResult.cutFlow(cutNames, p.events, p.sw, p.sw2));
        }
        return m;
    }

    /** @return the histogram of each sample's selected events, in sample order (needs a binning) */
    public Map<String, Histogram> histograms() {
        if (binning == null) {
            throw new IllegalStateException("no binning given");
        }
        Map<String, Histogram> m = new LinkedHashMap<>();
        for (int s = 0; s < samples.size(); s++) {
            m.put(samples.get(s), perSample.get(s).hist.build());
        }
        return m;
    }

    /** @return where the selected events fall relative to the histogram range (needs a binning) */
    public RangeCheck range() {
        if (range == null) {
            throw new IllegalStateException("no binning given");
        }
        return range;
    }

    /** @return the sum of the weights of all events */
    public double totalWeight() {
        return all.total;
    }

    /** @return the sum of the squared weights of all events */
    public double totalWeight2() {
        return all.total2;
    }

    /**
     * @param sample a sample name
     * @return the sum of the weights of all its events (0 for an unknown sample)
     */
    public double totalWeight(String sample) {
        Integer s = index.get(sample);
        return s == null ? 0.0 : perSample.get(s).total;
    }

    /** @return M<sub>rec</sub>² of every selected event, in order ({@link Keep#ALL}) */
    public double[] selectedRecoilMass2() {
        requireKeep(Keep.ALL);
        return Arrays.copyOf(all.x, all.n);
    }

    /** @return the weight of every selected event, in order ({@link Keep#ALL}) */
    public double[] selectedWeights() {
        requireKeep(Keep.ALL);
        return Arrays.copyOf(all.w, all.n);
    }

    /**
     * @param sample a sample name
     * @return M<sub>rec</sub>² of its selected events, in order ({@link Keep#BY_SAMPLE}); empty if unknown
     */
    public double[] selectedRecoilMass2(String sample) {
        requireKeep(Keep.BY_SAMPLE);
        Integer s = index.get(sample);
        return s == null ? new double[0] : Arrays.copyOf(perSample.get(s).x, perSample.get(s).n);
    }

    /**
     * @param sample a sample name
     * @return the weights of its selected events, in order ({@link Keep#BY_SAMPLE}); empty if unknown
     */
    public double[] selectedWeights(String sample) {
        requireKeep(Keep.BY_SAMPLE);
        Integer s = index.get(sample);
        return s == null ? new double[0] : Arrays.copyOf(perSample.get(s).w, perSample.get(s).n);
    }

    private void requireKeep(Keep k) {
        if (keep != k) {
            throw new IllegalStateException("selected events kept " + keep + ", not " + k);
        }
    }
}
