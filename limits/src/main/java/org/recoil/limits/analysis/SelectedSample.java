package org.recoil.limits.analysis;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;
import org.recoil.limits.scan.MassWindow;
import org.recoil.limits.scan.WindowCounter;

/**
 * The events of one sample that passed the selection: their squared recoil mass and weight, with
 * a {@link WindowCounter} for fast window counts. Immutable.
 *
 * @param name the sample name
 * @param recoilMass2 M<sub>rec</sub>² of each selected event, GeV²
 * @param weights the weight of each selected event (events at the analysis luminosity for data and
 *                backgrounds; pb at g′ = 1 for signal)
 * @param selectedFraction of the sample's total weight before the selection, the fraction selected
 * @param counter window counts of these events
 */
public record SelectedSample(String name, double[] recoilMass2, double[] weights, double selectedFraction,
                             WindowCounter counter) {

    /** Copies the arrays. */
    public SelectedSample {
        if (recoilMass2.length != weights.length) {
            throw new InvalidInputException("sample '" + name + "': " + recoilMass2.length + " masses but "
                    + weights.length + " weights");
        }
        recoilMass2 = recoilMass2.clone();
        weights = weights.clone();
    }

    /**
     * @param name sample name
     * @param recoilMass2 M<sub>rec</sub>² per selected event
     * @param weights weights per selected event
     * @param selectedFraction fraction of the weight selected
     * @return the sample with its window counter
     */
    public static SelectedSample of(String name, double[] recoilMass2, double[] weights, double selectedFraction) {
        return new SelectedSample(name, recoilMass2, weights, selectedFraction,
                WindowCounter.of(name, recoilMass2, weights));
    }

    /**
     * @param window a window
     * @return Σw, Σw² and entries in the window
     */
    public WindowCounter.WindowCount count(MassWindow window) {
        return counter.count(window);
    }

    /** @return the number of selected events */
    public int size() {
        return recoilMass2.length;
    }

    /** @return the sum of the weights of the selected events */
    public double total() {
        return counter.total();
    }

    @Override
    public double[] recoilMass2() {
        return recoilMass2.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SelectedSample s && name.equals(s.name) && Arrays.equals(recoilMass2, s.recoilMass2)
                && Arrays.equals(weights, s.weights);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(recoilMass2);
    }

    @Override
    public String toString() {
        return "SelectedSample[" + name + ", " + recoilMass2.length + " events, total " + total() + "]";
    }
}
