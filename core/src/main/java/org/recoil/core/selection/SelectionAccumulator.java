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
 * histogram range, the total weights, and optionally the selected events themselves. Each chunk is
 * summed on its own ({@link #compact}, on any thread) and the chunk sums are merged in order
 * ({@link #add(Chunk)}, on one thread). Every sum is a double-double sum ({@link
 * org.recoil.core.math.ExactSum}), merged without intermediate rounding and rounded once when
 * read, so the results are those of {@link Selection#apply} on the concatenated events: bit for
 * bit whenever the sums are exact in 106 bits (e.g. unit or equal weights), and otherwise unless
 * an exact sum lies within about 10<sup>-22</sup> of its magnitude from a rounding boundary (see
 * {@link org.recoil.core.math.ExactSum} for the bound), whatever the chunking; for given chunks
 * (EventStream's depend on the file, never on the thread count) always bit for bit the same.
 * Sample names are numbered in order of first appearance, as in {@link
 * org.recoil.core.events.EventTable#concat}. Mutable; not thread-safe (feed it from one thread).
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
     * What the accumulator needs of one chunk's selection, already summed: the chunk's cut-flow sums
     * (all events, and per sample), the unrounded histogram sums per sample, where its selected
     * events fall relative to the histogram range, and the selected events to keep. Computed by any
     * thread ({@link #compact}), so that the per-event work runs in parallel and {@link #add(Chunk)}
     * only merges a few sums per chunk.
     *
     * @param samples the chunk's sample names
     * @param events the chunk's number of events
     * @param all the cut-flow sums of all its events
     * @param flows the cut-flow sums per sample, in the order of {@code samples}
     * @param histograms the unrounded histogram sums per sample (null without a binning)
     * @param range where its selected events fall (null without a binning)
     * @param keptM2 M<sub>rec</sub>² of each selected event to keep, in order (empty with {@link Keep#NONE})
     * @param keptWeight the weight of each
     * @param keptSample the sample (index into {@code samples}) of each
     */
    public record Chunk(List<String> samples, int events, CutFlowSums all, List<CutFlowSums> flows,
                        List<HistogramBuilder.PartialSums> histograms, RangeCheck range, double[] keptM2,
                        double[] keptWeight, int[] keptSample) {
    }

    /**
     * Sums a chunk's selection (per event, in event order, double-double sums as in {@link
     * CutFlowSums} and {@link HistogramBuilder}); uses only this accumulator's fixed settings, so any
     * thread may call it.
     *
     * @param r the selection of a chunk's events (same cuts)
     * @return its sums for {@link #add(Chunk)}
     */
    public Chunk compact(SelectionResult r) {
        if (!r.cutNames().equals(cutNames)) {
            throw new IllegalArgumentException("selection result with other cuts: " + r.cutNames());
        }
        int[] stage = r.stages();
        int n = stage.length;
        int ns = r.samples().size();
        int last = cutNames.size() - 1;
        double[] weight = r.weightsUnsafe();
        int[] sample = ns > 1 ? r.sampleIndicesUnsafe() : null;
        double[] m2 = r.recoilMass2Unsafe();
        double[] x = observable == Observable.RECOIL_MASS ? r.recoilMassUnsafe() : m2;
        // each sum over its events in event order (small loops: quick to compile, no per-event dispatch)
        CutFlowSums[] flows = new CutFlowSums[ns];
        for (int s = 0; s < ns; s++) {
            flows[s] = new CutFlowSums(cutNames);
            flows[s].add(stage, weight, sample, s);
        }
        // with one sample, the sums of all events are the sample's (same terms, same order)
        CutFlowSums all = flows[0];
        if (ns > 1) {
            all = new CutFlowSums(cutNames);
            all.add(stage, weight, null, 0);
        }
        int[] selected = SelectionResult.indicesOf(stage, last);
        double[] sx = gather(x, selected);
        double[] km2 = gather(m2, selected);
        double[] kw = gather(weight, selected);
        int[] kSample = sample == null ? new int[selected.length] : gather(sample, selected);
        List<HistogramBuilder.PartialSums> partial = null;
        RangeCheck rc = null;
        if (binning != null) {
            partial = new ArrayList<>();
            for (int s = 0; s < ns; s++) {
                HistogramBuilder h = new HistogramBuilder(binning);
                if (ns == 1) {
                    h.fill(sx, kw);
                } else {
                    int[] ofSample = SelectionResult.indicesOf(kSample, s);
                    h.fill(gather(sx, ofSample), gather(kw, ofSample));
                }
                partial.add(h.partialSums());
            }
            rc = new RangeCheck(binning);
            addAll(rc, sx);
        }
        if (keep == Keep.NONE) {
            km2 = new double[0];
            kw = new double[0];
            kSample = new int[0];
        }
        return new Chunk(r.samples(), n, all, List.of(flows), partial, rc, km2, kw, kSample);
    }

    // the loops of compact are methods of their own: each is compiled quickly on its own, and compact
    // (called once per chunk) is never compiled on-stack around a long loop

    private static double[] gather(double[] v, int[] index) {
        double[] out = new double[index.length];
        for (int k = 0; k < index.length; k++) {
            out[k] = v[index[k]];
        }
        return out;
    }

    private static int[] gather(int[] v, int[] index) {
        int[] out = new int[index.length];
        for (int k = 0; k < index.length; k++) {
            out[k] = v[index[k]];
        }
        return out;
    }

    private static void addAll(RangeCheck rc, double[] v) {
        for (double x : v) {
            rc.add(x);
        }
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
     * Adds the next chunk, summed by {@link #compact}: merges its unrounded sums (so the results
     * depend on how the events were cut into chunks only through the double-double sums' last
     * bits, see {@link org.recoil.core.math.ExactSum}; in file order, so never on the thread count).
     *
     * @param c the chunk
     */
    public void add(Chunk c) {
        int ns = c.samples().size();
        PerSample[] bySample = new PerSample[ns];
        for (int s = 0; s < ns; s++) {
            String name = c.samples().get(s);
            Integer id = index.get(name);
            if (id == null) {
                id = samples.size();
                index.put(name, id);
                samples.add(name);
                perSample.add(new PerSample(cutNames, binning, keep == Keep.BY_SAMPLE));
            }
            bySample[s] = perSample.get(id);
        }
        all.flow.merge(c.all());
        for (int s = 0; s < ns; s++) {
            bySample[s].flow.merge(c.flows().get(s));
            if (bySample[s].hist != null) {
                bySample[s].hist.merge(c.histograms().get(s));
            }
        }
        if (range != null) {
            range.merge(c.range());
        }
        double[] m2 = c.keptM2();
        double[] w = c.keptWeight();
        int[] ks = c.keptSample();
        for (int k = 0; k < m2.length; k++) {
            if (all.keep) {
                all.keep(m2[k], w[k]);
            }
            PerSample p = bySample[ks[k]];
            if (p.keep) {
                p.keep(m2[k], w[k]);
            }
        }
        events += c.events();
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
