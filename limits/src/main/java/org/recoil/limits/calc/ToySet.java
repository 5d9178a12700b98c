package org.recoil.limits.calc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.recoil.core.InvalidInputException;

/**
 * The test-statistic values of a contiguous range of toys at one hypothesised μ: toys
 * {@code firstToy ... firstToy + size() − 1} of the signal-plus-background hypothesis (generated at
 * μ) and of the background-only hypothesis (generated at 0). A toy whose fit failed has the value
 * NaN here (written as {@code null} in files) and is excluded from p-values and counted.
 *
 * <p>Toy sets of disjoint consecutive ranges with the same settings {@link #merge} into the set a
 * single run over the whole range gives, bit for bit, so toys can be split across jobs.
 *
 * @param testStatistic id of the test statistic
 * @param mu hypothesised POI value
 * @param seed master seed
 * @param observedTestStatistic the statistic on the observed data
 * @param firstToy index of the first toy
 * @param signal values of the signal-plus-background toys (NaN: failed)
 * @param background values of the background-only toys (NaN: failed)
 */
public record ToySet(String testStatistic, double mu, long seed, double observedTestStatistic, int firstToy,
                     double[] signal, double[] background) {

    /** Validates and copies. */
    public ToySet {
        if (signal.length != background.length) {
            throw new IllegalArgumentException("signal and background toy counts differ: " + signal.length + " vs "
                    + background.length);
        }
        if (firstToy < 0) {
            throw new IllegalArgumentException("first toy index must be >= 0, got " + firstToy);
        }
        signal = signal.clone();
        background = background.clone();
    }

    /** @return copy of the signal-plus-background values */
    @Override
    public double[] signal() {
        return signal.clone();
    }

    /** @return copy of the background-only values */
    @Override
    public double[] background() {
        return background.clone();
    }

    /** @return number of toys per hypothesis in this set */
    public int size() {
        return signal.length;
    }

    /** @return signal-plus-background toys that failed */
    public int signalFailed() {
        return countNaN(signal);
    }

    /** @return background-only toys that failed */
    public int backgroundFailed() {
        return countNaN(background);
    }

    private static int countNaN(double[] v) {
        int n = 0;
        for (double x : v) {
            if (Double.isNaN(x)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Merges toy sets of consecutive ranges.
     *
     * @param sets toy sets with the same statistic, μ, seed and observed value, in any order
     * @return one set over the union of the ranges
     * @throws InvalidInputException if the settings differ or the ranges overlap or leave a gap
     */
    public static ToySet merge(List<ToySet> sets) {
        if (sets.isEmpty()) {
            throw new InvalidInputException("no toy sets to merge");
        }
        List<ToySet> sorted = new ArrayList<>(sets);
        sorted.sort(Comparator.comparingInt(ToySet::firstToy));
        ToySet first = sorted.get(0);
        int total = 0;
        int next = first.firstToy;
        for (ToySet s : sorted) {
            String which = "toy set [" + s.firstToy + ", " + (s.firstToy + s.size()) + ")";
            if (!s.testStatistic.equals(first.testStatistic)) {
                throw new InvalidInputException(which + " uses test statistic " + s.testStatistic + ", expected "
                        + first.testStatistic);
            }
            if (Double.compare(s.mu, first.mu) != 0) {
                throw new InvalidInputException(which + " is at mu = " + s.mu + ", expected " + first.mu);
            }
            if (s.seed != first.seed) {
                throw new InvalidInputException(which + " has seed " + s.seed + ", expected " + first.seed);
            }
            if (Double.compare(s.observedTestStatistic, first.observedTestStatistic) != 0) {
                throw new InvalidInputException(which + " has observed test statistic " + s.observedTestStatistic
                        + ", expected " + first.observedTestStatistic + " (another model or dataset?)");
            }
            if (s.firstToy != next) {
                throw new InvalidInputException(which + (s.firstToy < next ? " overlaps the previous set" :
                        " leaves a gap: toys [" + next + ", " + s.firstToy + ") are missing"));
            }
            next += s.size();
            total += s.size();
        }
        double[] sig = new double[total];
        double[] bkg = new double[total];
        int pos = 0;
        for (ToySet s : sorted) {
            System.arraycopy(s.signal, 0, sig, pos, s.size());
            System.arraycopy(s.background, 0, bkg, pos, s.size());
            pos += s.size();
        }
        return new ToySet(first.testStatistic, first.mu, first.seed, first.observedTestStatistic, first.firstToy,
                sig, bkg);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToySet t && testStatistic.equals(t.testStatistic) && Double.compare(mu, t.mu) == 0
                && seed == t.seed && Double.compare(observedTestStatistic, t.observedTestStatistic) == 0
                && firstToy == t.firstToy && Arrays.equals(signal, t.signal) && Arrays.equals(background, t.background);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signal) * 31 + Arrays.hashCode(background) + Double.hashCode(mu);
    }

    @Override
    public String toString() {
        return "ToySet[" + testStatistic + ", mu=" + mu + ", seed=" + seed + ", toys [" + firstToy + ", "
                + (firstToy + size()) + "), failed " + signalFailed() + "+" + backgroundFailed() + "]";
    }
}
