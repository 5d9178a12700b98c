package org.recoil.core.selection;

import java.util.Arrays;
import java.util.List;
import org.recoil.core.InvalidInputException;
import org.recoil.core.math.ExactSum;

/**
 * The mergeable, unrounded form of a {@link CutFlow}: per final stage (the number of cuts passed
 * in sequence) the number of events and the double-double sums ({@link ExactSum}) of their weights
 * and squared weights ({@code fl(w·w)}). {@link #cutFlow()} accumulates the stages (step j counts
 * the events with stage &ge; j) and rounds each sum once, so that the cut flow of a set of events
 * is, in practice, independent of the order in which they were added and of how they were split
 * into partial cut flows {@link #merge(CutFlowSums) merged} in any order (see {@link ExactSum}
 * for the guarantee). Mutable; not thread-safe.
 */
public final class CutFlowSums {
    private final List<String> cutNames;
    private final long[] events;
    private final double[] swHi;
    private final double[] swLo;
    private final double[] sw2Hi;
    private final double[] sw2Lo;

    /**
     * Empty sums.
     *
     * @param cutNames the cut-flow names ({@code "all"} first), one per stage
     */
    public CutFlowSums(List<String> cutNames) {
        this.cutNames = List.copyOf(cutNames);
        int k = this.cutNames.size();
        events = new long[k];
        swHi = new double[k];
        swLo = new double[k];
        sw2Hi = new double[k];
        sw2Lo = new double[k];
    }

    /**
     * Sums from their parts, as {@link #events()}, {@link #sumWeightsHi()} etc. give them (the arrays
     * are copied).
     *
     * @param cutNames the cut-flow names
     * @param events events per final stage
     * @param swHi high parts of the sums of weights per final stage
     * @param swLo their low parts
     * @param sw2Hi high parts of the sums of squared weights per final stage
     * @param sw2Lo their low parts
     * @return the sums
     * @throws InvalidInputException if a length differs from the number of cuts
     */
    public static CutFlowSums of(List<String> cutNames, long[] events, double[] swHi, double[] swLo, double[] sw2Hi,
            double[] sw2Lo) {
        CutFlowSums s = new CutFlowSums(cutNames);
        int k = s.cutNames.size();
        if (events.length != k || swHi.length != k || swLo.length != k || sw2Hi.length != k || sw2Lo.length != k) {
            throw new InvalidInputException("cut flow: " + k + " cuts but parts of other lengths");
        }
        System.arraycopy(events, 0, s.events, 0, k);
        System.arraycopy(swHi, 0, s.swHi, 0, k);
        System.arraycopy(swLo, 0, s.swLo, 0, k);
        System.arraycopy(sw2Hi, 0, s.sw2Hi, 0, k);
        System.arraycopy(sw2Lo, 0, s.sw2Lo, 0, k);
        return s;
    }

    /**
     * Adds one event.
     *
     * @param stage the number of cuts it passed in sequence (index into the cut names)
     * @param weight its weight
     */
    public void add(int stage, double weight) {
        events[stage]++;
        ExactSum.add(swHi, swLo, stage, weight);
        ExactSum.add(sw2Hi, sw2Lo, stage, weight * weight);
    }

    /**
     * Adds events in order, as {@link #add(int, double)} one by one: all of them, or those of one sample.
     *
     * @param stages per event, the number of cuts it passed in sequence
     * @param weights per event, its weight
     * @param sampleIndex per event, its sample; null to add every event
     * @param sample the sample whose events to add (ignored without {@code sampleIndex})
     */
    public void add(int[] stages, double[] weights, int[] sampleIndex, int sample) {
        final long[] ev = events;
        final double[] hi = swHi;
        final double[] lo = swLo;
        final double[] hi2 = sw2Hi;
        final double[] lo2 = sw2Lo;
        for (int i = 0; i < stages.length; i++) {
            if (sampleIndex != null && sampleIndex[i] != sample) {
                continue;
            }
            int st = stages[i];
            double w = weights[i];
            ev[st]++;
            ExactSum.add(hi, lo, st, w);
            ExactSum.add(hi2, lo2, st, w * w);
        }
    }

    /**
     * Adds the sums of other events selected with the same cuts, unrounded.
     *
     * @param other the other sums (unchanged)
     * @return this
     * @throws InvalidInputException if the cuts differ
     */
    public CutFlowSums merge(CutFlowSums other) {
        if (!cutNames.equals(other.cutNames)) {
            throw new InvalidInputException("cut flow: cannot add cut flows of different cuts: " + cutNames + " vs "
                    + other.cutNames);
        }
        for (int j = 0; j < events.length; j++) {
            events[j] += other.events[j];
            ExactSum.add(swHi, swLo, j, other.swHi[j], other.swLo[j]);
            ExactSum.add(sw2Hi, sw2Lo, j, other.sw2Hi[j], other.sw2Lo[j]);
        }
        return this;
    }

    /** @return the cut-flow names */
    public List<String> cutNames() {
        return cutNames;
    }

    /** @return events per final stage (copy) */
    public long[] events() {
        return events.clone();
    }

    /** @return high parts of the sums of weights per final stage (copy) */
    public double[] sumWeightsHi() {
        return swHi.clone();
    }

    /** @return low parts of the sums of weights per final stage (copy) */
    public double[] sumWeightsLo() {
        return swLo.clone();
    }

    /** @return high parts of the sums of squared weights per final stage (copy) */
    public double[] sumWeights2Hi() {
        return sw2Hi.clone();
    }

    /** @return low parts of the sums of squared weights per final stage (copy) */
    public double[] sumWeights2Lo() {
        return sw2Lo.clone();
    }

    /** @return the cut flow: step j sums the stages &ge; j, each sum rounded once */
    public CutFlow cutFlow() {
        int k = cutNames.size();
        long ce = 0;
        ExactSum cw = new ExactSum();
        ExactSum cw2 = new ExactSum();
        CutFlow.Step[] steps = new CutFlow.Step[k];
        for (int j = k - 1; j >= 0; j--) {
            ce += events[j];
            cw.add(swHi[j]).add(swLo[j]);
            cw2.add(sw2Hi[j]).add(sw2Lo[j]);
            steps[j] = new CutFlow.Step(cutNames.get(j), ce, cw.value(), cw2.value());
        }
        return new CutFlow(Arrays.asList(steps));
    }

    /** @return the sum of the weights of all events, rounded once */
    public double totalWeight() {
        return total(swHi, swLo);
    }

    /** @return the sum of the squared weights of all events, rounded once */
    public double totalWeight2() {
        return total(sw2Hi, sw2Lo);
    }

    private static double total(double[] hi, double[] lo) {
        ExactSum s = new ExactSum();
        for (int j = hi.length - 1; j >= 0; j--) {
            s.add(hi[j]).add(lo[j]);
        }
        return s.value();
    }
}
