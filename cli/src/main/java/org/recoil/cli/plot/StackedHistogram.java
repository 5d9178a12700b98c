package org.recoil.cli.plot;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.recoil.core.InvalidInputException;

/**
 * A binned recoil-mass distribution: backgrounds stacked in the map's iteration order (the first
 * at the bottom; pass a {@link LinkedHashMap}), the statistical uncertainty of the stack's total
 * (limited MC statistics) as a grey band, observed data with error bars, and signal shapes
 * drawn as lines on top of the stack (background + signal), each on its own.
 *
 * @param edges the bin edges, strictly increasing, at least two (n + 1 edges for n bins)
 * @param backgrounds expected background yields per bin, by legend label; may be empty
 * @param data observed events per bin, or null for a plot without data
 * @param dataErr the data error per bin, or null for the Poisson √n of {@code data}; only with data
 * @param signals signal yields per bin, by legend label; may be empty
 * @param stackErr the uncertainty of the summed backgrounds per bin (√Σw² of the simulated
 *     events), drawn as a band around the top of the stack, or null for none; only with backgrounds
 * @param stackErrLabel the legend label of that band ({@link #STACK_ERROR_LABEL} unless another uncertainty is
 *     drawn, e.g. a post-fit one)
 */
public record StackedHistogram(double[] edges, Map<String, double[]> backgrounds, double[] data, double[] dataErr,
                               Map<String, double[]> signals, double[] stackErr, String stackErrLabel) {

    /** Legend label of the data points. */
    public static final String DATA_LABEL = "Data";
    /** Legend label of the band of the stack's statistical uncertainty. */
    public static final String STACK_ERROR_LABEL = "MC stat. uncertainty";

    private static final String WHERE = "recoil-mass histogram";

    /**
     * Copies everything and checks it.
     *
     * @param edges the bin edges, strictly increasing, at least two
     * @param backgrounds background yields per bin, by sample name, in stacking order
     * @param data observed events per bin, or null
     * @param dataErr the data error per bin, or null for √n
     * @param signals signal yields per bin, by legend label
     * @param stackErr the uncertainty of the summed backgrounds per bin, or null
     * @param stackErrLabel the legend label of the band
     * @throws InvalidInputException if the edges do not increase, an array has not one value per
     *     bin, a value is negative or not finite, a label is blank, repeated or "Data", errors come
     *     without data (or a stack error without backgrounds), or there is nothing to draw
     */
    public StackedHistogram {
        edges = Inputs.finiteCopy(WHERE, "edges", edges);
        if (edges.length < 2) {
            throw new InvalidInputException(WHERE + ": 'edges' has " + edges.length
                    + " value; expected at least 2 edges (one bin)");
        }
        Inputs.strictlyIncreasing(WHERE, "edges", edges);
        int bins = edges.length - 1;
        String binsName = "one per bin of the " + edges.length + " edges";
        Objects.requireNonNull(backgrounds, "backgrounds");
        Objects.requireNonNull(signals, "signals");
        Set<String> labels = new HashSet<>();
        backgrounds = copyYields("background", backgrounds, bins, binsName, labels);
        signals = copyYields("signal", signals, bins, binsName, labels);
        data = Inputs.optionalFiniteCopy(WHERE, "data", data);
        dataErr = Inputs.optionalFiniteCopy(WHERE, "dataErr", dataErr);
        if (data != null) {
            Inputs.sameLength(WHERE, "data", data, bins, binsName);
            Inputs.nonNegative(WHERE, "data", data);
            if (labels.contains(DATA_LABEL)) {
                throw new InvalidInputException(WHERE + ": a sample is called '" + DATA_LABEL
                        + "', the legend label of the data points; expected another name");
            }
        } else if (dataErr != null) {
            throw new InvalidInputException(WHERE + ": 'dataErr' is given without 'data'; expected both or neither");
        }
        if (dataErr != null) {
            Inputs.sameLength(WHERE, "dataErr", dataErr, bins, binsName);
            Inputs.nonNegative(WHERE, "dataErr", dataErr);
        }
        stackErr = Inputs.optionalFiniteCopy(WHERE, "stackErr", stackErr);
        if (stackErr != null) {
            if (backgrounds.isEmpty()) {
                throw new InvalidInputException(WHERE + ": 'stackErr' is given without backgrounds;"
                        + " expected the uncertainty of a stack of backgrounds");
            }
            Inputs.sameLength(WHERE, "stackErr", stackErr, bins, binsName);
            Inputs.nonNegative(WHERE, "stackErr", stackErr);
        }
        if (backgrounds.isEmpty() && signals.isEmpty() && data == null) {
            throw new InvalidInputException(WHERE + ": nothing to draw; expected backgrounds, data or signals");
        }
        stackErrLabel = Inputs.label(WHERE + ", uncertainty band", stackErrLabel);
    }

    /**
     * A histogram whose band, if any, is the MC statistical uncertainty ({@link #STACK_ERROR_LABEL}).
     *
     * @param edges the bin edges, strictly increasing, at least two
     * @param backgrounds background yields per bin, by legend label, in stacking order
     * @param data observed events per bin, or null
     * @param dataErr the data error per bin, or null for √n
     * @param signals signal yields per bin, by legend label
     * @param stackErr the uncertainty of the summed backgrounds per bin, or null
     * @throws InvalidInputException as the canonical constructor
     */
    public StackedHistogram(double[] edges, Map<String, double[]> backgrounds, double[] data, double[] dataErr,
                            Map<String, double[]> signals, double[] stackErr) {
        this(edges, backgrounds, data, dataErr, signals, stackErr, STACK_ERROR_LABEL);
    }

    /**
     * A histogram without a band for the stack's uncertainty.
     *
     * @param edges the bin edges, strictly increasing, at least two
     * @param backgrounds background yields per bin, by legend label, in stacking order
     * @param data observed events per bin, or null
     * @param dataErr the data error per bin, or null for √n
     * @param signals signal yields per bin, by legend label
     * @throws InvalidInputException as the canonical constructor
     */
    public StackedHistogram(double[] edges, Map<String, double[]> backgrounds, double[] data, double[] dataErr,
                            Map<String, double[]> signals) {
        this(edges, backgrounds, data, dataErr, signals, null, STACK_ERROR_LABEL);
    }

    private static Map<String, double[]> copyYields(String kind, Map<String, double[]> yields, int bins,
                                                   String binsName, Set<String> labels) {
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : yields.entrySet()) {
            String where = WHERE + ", " + kind + " '" + e.getKey() + "'";
            String label = Inputs.label(where, e.getKey());
            if (!labels.add(label)) {
                throw new InvalidInputException(where + ": the label is used twice; expected distinct legend labels");
            }
            double[] values = Inputs.finiteCopy(where, "yields", e.getValue());
            Inputs.sameLength(where, "yields", values, bins, binsName);
            Inputs.nonNegative(where, "yields", values);
            copy.put(label, values);
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, double[]> deepCopy(Map<String, double[]> m) {
        Map<String, double[]> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** @return the number of bins */
    public int bins() {
        return edges.length - 1;
    }

    /**
     * The error bar of each data bin: {@code dataErr}, or √n when it was not given.
     *
     * @return the errors, or null without data
     */
    public double[] dataErrors() {
        if (data == null) {
            return null;
        }
        if (dataErr != null) {
            return dataErr.clone();
        }
        double[] err = new double[data.length];
        for (int i = 0; i < err.length; i++) {
            err[i] = Math.sqrt(data[i]);
        }
        return err;
    }

    /** @return a copy of the bin edges */
    @Override
    public double[] edges() {
        return edges.clone();
    }

    /** @return copies of the background yields, in stacking order (bottom first) */
    @Override
    public Map<String, double[]> backgrounds() {
        return deepCopy(backgrounds);
    }

    /** @return a copy of the data, or null */
    @Override
    public double[] data() {
        return data == null ? null : data.clone();
    }

    /** @return a copy of the given data errors, or null (then {@link #dataErrors()} gives √n) */
    @Override
    public double[] dataErr() {
        return dataErr == null ? null : dataErr.clone();
    }

    /** @return a copy of the uncertainty of the summed backgrounds, or null */
    @Override
    public double[] stackErr() {
        return stackErr == null ? null : stackErr.clone();
    }

    /** @return copies of the signal yields, by legend label */
    @Override
    public Map<String, double[]> signals() {
        return deepCopy(signals);
    }

    /** @return true for a histogram with the same edges, samples (in the same order) and values */
    @Override
    public boolean equals(Object o) {
        return o instanceof StackedHistogram h && Arrays.equals(edges, h.edges)
                && sameYields(backgrounds, h.backgrounds) && Arrays.equals(data, h.data)
                && Arrays.equals(dataErr, h.dataErr) && sameYields(signals, h.signals)
                && Arrays.equals(stackErr, h.stackErr) && stackErrLabel.equals(h.stackErrLabel);
    }

    private static boolean sameYields(Map<String, double[]> a, Map<String, double[]> b) {
        if (!a.keySet().stream().toList().equals(b.keySet().stream().toList())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(edges);
        for (Map.Entry<String, double[]> e : backgrounds.entrySet()) {
            h = 31 * h + e.getKey().hashCode() + 7 * Arrays.hashCode(e.getValue());
        }
        for (Map.Entry<String, double[]> e : signals.entrySet()) {
            h = 31 * h + e.getKey().hashCode() + 7 * Arrays.hashCode(e.getValue());
        }
        return 31 * (31 * (31 * (31 * h + Arrays.hashCode(data)) + Arrays.hashCode(dataErr))
                + Arrays.hashCode(stackErr)) + stackErrLabel.hashCode();
    }

    @Override
    public String toString() {
        return "StackedHistogram[" + bins() + " bins, backgrounds " + backgrounds.keySet() + ", signals "
                + signals.keySet() + (data == null ? ", no data]" : ", data]");
    }
}
