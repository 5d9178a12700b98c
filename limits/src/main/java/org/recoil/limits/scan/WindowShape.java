package org.recoil.limits.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.recoil.core.InvalidInputException;

/**
 * The search window of a mass point split into bins of the squared recoil mass, for a shape fit
 * instead of a single count: the observed events, the expected background of each sample and its
 * MC statistical variance per bin, and how the signal distributes over the bins. The HistFactory
 * channel of the point then has one bin per entry (Cranmer et al., CERN-OPEN-2012-016).
 *
 * @param edges bin edges in GeV², strictly increasing, n + 1 values for n &ge; 1 bins
 * @param observed observed events per bin, finite and &ge; 0
 * @param backgrounds expected events per bin of each background sample, in the order of the point's
 *                    {@link MassPointInput#backgrounds()}
 * @param backgroundSumw2 Σw² per bin of each background sample, same order
 * @param signalFractions fraction of the window's signal in each bin, each in [0, 1], summing to 1
 */
public record WindowShape(double[] edges, double[] observed, List<double[]> backgrounds,
                          List<double[]> backgroundSumw2, double[] signalFractions) {

    /** Validates and copies. */
    public WindowShape {
        int n = edges.length - 1;
        if (n < 1) {
            throw new InvalidInputException("window shape: need at least one bin (two edges)");
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new InvalidInputException("window shape: edges must increase, " + edges[i] + " follows "
                        + edges[i - 1]);
            }
        }
        edges = edges.clone();
        observed = check(observed, n, "observed");
        if (backgrounds.size() != backgroundSumw2.size()) {
            throw new InvalidInputException("window shape: " + backgrounds.size() + " background shapes but "
                    + backgroundSumw2.size() + " sumw2 shapes");
        }
        List<double[]> b = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        for (int k = 0; k < backgrounds.size(); k++) {
            b.add(check(backgrounds.get(k), n, "background " + k));
            v.add(check(backgroundSumw2.get(k), n, "background sumw2 " + k));
        }
        backgrounds = List.copyOf(b);
        backgroundSumw2 = List.copyOf(v);
        signalFractions = check(signalFractions, n, "signal fractions");
        double sum = Arrays.stream(signalFractions).sum();
        if (Math.abs(sum - 1) > 1e-9) {
            throw new InvalidInputException("window shape: signal fractions sum to " + sum + ", expected 1");
        }
    }

    private static double[] check(double[] v, int n, String what) {
        if (v == null || v.length != n) {
            throw new InvalidInputException("window shape: " + what + " needs " + n + " bins");
        }
        for (double x : v) {
            if (!(x >= 0) || !Double.isFinite(x)) {
                throw new InvalidInputException("window shape: " + what + " has a value " + x + ", expected finite >= 0");
            }
        }
        return v.clone();
    }

    /** @return the number of bins */
    public int bins() {
        return edges.length - 1;
    }

    /** @return total expected background per bin (sum over samples) */
    public double[] totalBackground() {
        double[] t = new double[bins()];
        for (double[] b : backgrounds) {
            for (int i = 0; i < t.length; i++) {
                t[i] += b[i];
            }
        }
        return t;
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] observed() {
        return observed.clone();
    }

    @Override
    public List<double[]> backgrounds() {
        return backgrounds.stream().map(double[]::clone).toList();
    }

    @Override
    public List<double[]> backgroundSumw2() {
        return backgroundSumw2.stream().map(double[]::clone).toList();
    }

    @Override
    public double[] signalFractions() {
        return signalFractions.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WindowShape w) || !Arrays.equals(edges, w.edges) || !Arrays.equals(observed, w.observed)
                || !Arrays.equals(signalFractions, w.signalFractions) || backgrounds.size() != w.backgrounds.size()) {
            return false;
        }
        for (int k = 0; k < backgrounds.size(); k++) {
            if (!Arrays.equals(backgrounds.get(k), w.backgrounds.get(k))
                    || !Arrays.equals(backgroundSumw2.get(k), w.backgroundSumw2.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(edges) * 31 + Arrays.hashCode(observed);
    }

    @Override
    public String toString() {
        return "WindowShape[" + bins() + " bins " + Arrays.toString(edges) + ", observed " + Arrays.toString(observed)
                + ", signal fractions " + Arrays.toString(signalFractions) + "]";
    }
}
