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
 * is a double-double sum ({@link org.recoil.core.math.ExactSum}) rounded once when read, so the
 * results equal those of {@link Selection#apply} on the concatenated events bit for bit, whatever
 * the chunking (and, in practice, whatever the order; see {@link CutFlowSums}). Sample
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
        this.all = new PerSample(this.cutNames, null, keep == Keep.ALL);
    }

    /** Per sample (or all events): stage counts and sums, totals, histogram, kept events. */
    private static final class PerSample {
        final CutFlowSums flow;
        final HistogramBuilder hist;
        final boolean keep;
        double[] x = new double[0];
        double[] w = new double[0];
        int n;

        PerSample(List<String> cutNames, Binning binning, boolean keep) {
            flow = new CutFlowSums(cutNames);
            hist = binning != null ? new HistogramBuilder(binning) : null;
            this.keep = keep;
        }

        void add(int st, double weight) {
            flow.add(st, weight);
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
     * What the accumulator needs of one chunk's selection, compactly (about 13 bytes per event plus
     * the selected events), so that many chunks can wait for their turn in little memory.
     *
     * @param samples the chunk's sample names
     * @param stage per event, the number of cuts passed in sequence
     * @param weight per event, its weight
     * @param sampleIndex per event, its sample in {@code samples}; null when there is one sample
     * @param selectedX the histogrammed observable of each selected event, in order
     * @param selectedM2 M<sub>rec</sub>² of each selected event, in order
     */
    public record Chunk(List<String> samples, byte[] stage, double[] weight, int[] sampleIndex, double[] selectedX,
                        double[] selectedM2) {
    }

    /**
     * Compacts a chunk's selection; uses only this accumulator's fixed settings, so any thread may
     * call it.
     *
     * @param r the selection of a chunk's events (same cuts)
     * @return its compact form for {@link #add(Chunk)}
     */
    public Chunk compact(SelectionResult r) {
        if (!r.cutNames().equals(cutNames)) {
            throw new IllegalArgumentException("selection result with other cuts: " + r.cutNames());
        }
        int[] st = r.stages();
        int n = st.length;
        int last = cutNames.size() - 1;
        byte[] stage = new byte[n];
        int selected = 0;
        for (int i = 0; i < n; i++) {
            stage[i] = (byte) st[i];
            if (st[i] == last) {
                selected++;
            }
        }
        double[] m2 = r.recoilMass2Unsafe();
        double[] x = observable == Observable.RECOIL_MASS ? r.recoilMassUnsafe() : m2;
        double[] sx = new double[selected];
        double[] sm2 = new double[selected];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (st[i] == last) {
                sx[k] = x[i];
                sm2[k++] = m2[i];
            }
        }
        return new Chunk(r.samples(), stage, r.weightsUnsafe().clone(),
                r.samples().size() > 1 ? r.sampleIndicesUnsafe().clone() : null, sx, sm2);
    }

    /**
     * Adds the next chunk's selection result.
     *
     * @param r the selection of the chunk's events (same cuts)
     */
    public void add(SelectionResult r) {
        add(compact(r));
    }

    /**
     * Adds the next chunk, compacted by {@link #compact}.
     *
     * @param c the chunk
     */
    public void add(Chunk c) {
        int[] local = new int[c.samples().size()];
        for (int s = 0; s < local.length; s++) {
            String name = c.samples().get(s);
            Integer id = index.get(name);
            if (id == null) {
                id = samples.size();
                index.put(name, id);
                samples.add(name);
                perSample.add(new PerSample(cutNames, binning, keep == Keep.BY_SAMPLE));
            }
            local[s] = id;
        }
        byte[] stage = c.stage();
        double[] weight = c.weight();
        int[] sample = c.sampleIndex();
        double[] x = c.selectedX();
        double[] m2 = c.selectedM2();
        int last = cutNames.size() - 1;
        int k = 0;
        PerSample[] bySample = new PerSample[local.length];
        for (int s = 0; s < local.length; s++) {
            bySample[s] = perSample.get(local[s]);
        }
        for (int i = 0; i < stage.length; i++) {
            PerSample p = bySample[sample == null ? 0 : sample[i]];
            int st = stage[i];
            double wi = weight[i];
            all.add(st, wi);
            p.add(st, wi);
            if (st == last) {
                if (p.hist != null) {
                    p.hist.fill(x[k], wi);
                    range.add(x[k]);
                }
                if (all.keep) {
                    all.keep(m2[k], wi);
                }
                if (p.keep) {
                    p.keep(m2[k], wi);
                }
                k++;
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
        return all.flow.cutFlow();
    }

    /** @return the cut flow of each sample, in sample order */
    public Map<String, CutFlow> cutFlowBySample() {
        Map<String, CutFlow> m = new LinkedHashMap<>();
        for (int s = 0; s < samples.size(); s++) {
            m.put(samples.get(s), perSample.get(s).flow.cutFlow());
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
        return all.flow.totalWeight();
    }

    /** @return the sum of the squared weights of all events */
    public double totalWeight2() {
        return all.flow.totalWeight2();
    }

    /**
     * @param sample a sample name
     * @return the sum of the weights of all its events (0 for an unknown sample)
     */
    public double totalWeight(String sample) {
        Integer s = index.get(sample);
        return s == null ? 0.0 : perSample.get(s).flow.totalWeight();
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
