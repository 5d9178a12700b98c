package org.recoil.core.selection;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import org.recoil.core.InvalidInputException;

/**
 * Events surviving each step of a selection: the first step is {@code "all"} (every event), then
 * one step per enabled cut, in the order applied. Each step counts the events passing that cut and
 * all before it, their sum of weights and sum of squared weights (so the statistical error of the
 * weighted sum is {@code sqrt(sumWeights2)}).
 *
 * @param steps the steps, in order
 */
public record CutFlow(@JsonProperty("steps") List<Step> steps) {

    /**
     * One row of the cut flow.
     *
     * @param cut the cut name ({@code "all"} for the first row)
     * @param events number of events passing
     * @param sumWeights sum of their weights
     * @param sumWeights2 sum of their squared weights
     */
    public record Step(@JsonProperty("cut") String cut, @JsonProperty("events") long events,
            @JsonProperty("sum_weights") double sumWeights, @JsonProperty("sum_weights2") double sumWeights2) {

        /** @return the statistical error {@code sqrt(sumWeights2)} of the weighted sum */
        public double weightError() {
            return Math.sqrt(sumWeights2);
        }
    }

    /** Copies the list. */
    public CutFlow {
        steps = List.copyOf(steps);
    }

    /**
     * @param cut a cut name
     * @return its step
     * @throws InvalidInputException if there is no such cut
     */
    public Step step(String cut) {
        for (Step s : steps) {
            if (s.cut().equals(cut)) {
                return s;
            }
        }
        throw new InvalidInputException("cut flow: no cut named '" + cut + "'");
    }

    /**
     * The cut flow of the union of two disjoint event sets selected with the same cuts (e.g. two
     * partitions of one table): per step the event counts, sums of weights and sums of squared
     * weights add. Exact for the counts; for the sums exactly what adding the two rounded partial sums
     * gives. To combine partial cut flows without this extra rounding, so that the result does not
     * depend on the partitioning, merge their {@link CutFlowSums} instead.
     *
     * @param other the cut flow of the other events
     * @return the summed cut flow
     * @throws InvalidInputException if the two cut flows do not have the same cuts in the same order
     */
    public CutFlow add(CutFlow other) {
        List<String> cuts = steps.stream().map(Step::cut).toList();
        List<String> otherCuts = other.steps.stream().map(Step::cut).toList();
        if (!cuts.equals(otherCuts)) {
            throw new InvalidInputException("cut flow: cannot add cut flows of different cuts: " + cuts + " vs "
                    + otherCuts);
        }
        Step[] sum = new Step[steps.size()];
        for (int j = 0; j < sum.length; j++) {
            Step a = steps.get(j);
            Step b = other.steps.get(j);
            sum[j] = new Step(a.cut(), a.events() + b.events(), a.sumWeights() + b.sumWeights(),
                    a.sumWeights2() + b.sumWeights2());
        }
        return new CutFlow(List.of(sum));
    }

    /** @return the last step: the events passing every cut */
    public Step selected() {
        return steps.get(steps.size() - 1);
    }

    /**
     * @return an aligned text table with columns cut, events, efficiency (events relative to
     *     {@code all}), weighted sum and its error
     */
    public String format() {
        int w = "cut".length();
        for (Step s : steps) {
            w = Math.max(w, s.cut().length());
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-" + w + "s %12s %10s %16s %14s%n", "cut", "events", "eff", "sum_weights",
                "error"));
        long all = steps.isEmpty() ? 0 : steps.get(0).events();
        for (Step s : steps) {
            double eff = all == 0 ? 0 : (double) s.events() / all;
            b.append(String.format(Locale.ROOT, "%-" + w + "s %12d %10.6f %16.6g %14.6g%n", s.cut(), s.events(), eff,
                    s.sumWeights(), s.weightError()));
        }
        return b.toString();
    }
}
