package org.recoil.core.sim;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import org.recoil.core.InvalidInputException;

/**
 * Synthetic signal events e⁺e⁻ → μ⁻μ⁺Z′ (Z′ invisible) in the laboratory frame, as columns, with
 * the generation bookkeeping. Row i holds the μ⁻ ("mu1", charge −1) and μ⁺ ("mu2", charge +1)
 * momenta in GeV and the event weight in pb for g′ = 1: the weights of all generated events sum
 * to the generator's σ estimate, so the weights of the rows (those passing the detector acceptance
 * when smearing is on) sum to the fiducial σ and {@code weight × luminosity[pb⁻¹] × g′² × BR_inv}
 * is an expected event count. Immutable (accessors return copies).
 */
public final class SignalSample {
    /** Column names, in order. */
    public static final List<String> COLUMNS = List.of("mu1_px", "mu1_py", "mu1_pz", "mu1_charge", "mu2_px",
            "mu2_py", "mu2_pz", "mu2_charge", "weight");

    private final double zPrimeMass;
    private final double sqrtS;
    private final long seed;
    private final double sigmaPb;
    private final double sigmaErrorPb;
    private final int generated;
    private final long trials;
    private final double maxWeight;
    private final double overweightFraction;
    private final DetectorSmearing smearing;
    private final double[][] columns;

    SignalSample(double zPrimeMass, double sqrtS, long seed, double sigmaPb, double sigmaErrorPb, int generated,
                 long trials, double maxWeight, double overweightFraction, DetectorSmearing smearing,
                 double[][] columns) {
        this.zPrimeMass = zPrimeMass;
        this.sqrtS = sqrtS;
        this.seed = seed;
        this.sigmaPb = sigmaPb;
        this.sigmaErrorPb = sigmaErrorPb;
        this.generated = generated;
        this.trials = trials;
        this.maxWeight = maxWeight;
        this.overweightFraction = overweightFraction;
        this.smearing = smearing;
        this.columns = columns;
    }

    /** @return the Z′ mass in GeV */
    public double zPrimeMass() {
        return zPrimeMass;
    }

    /** @return √s in GeV */
    public double sqrtS() {
        return sqrtS;
    }

    /** @return the seed the sample was generated with */
    public long seed() {
        return seed;
    }

    /** @return the total σ (g′ = 1) estimated from all trial points, in pb */
    public double sigmaPb() {
        return sigmaPb;
    }

    /** @return the statistical error of {@link #sigmaPb()} in pb */
    public double sigmaErrorPb() {
        return sigmaErrorPb;
    }

    /** @return the number of unweighted events generated (before the detector acceptance) */
    public int generated() {
        return generated;
    }

    /** @return the number of rows (events passing the acceptance when smeared, else all) */
    public int size() {
        return columns[0].length;
    }

    /** @return the number of weighted trial points drawn */
    public long trials() {
        return trials;
    }

    /** @return the unweighting efficiency {@code generated / trials} */
    public double unweightingEfficiency() {
        return (double) generated / trials;
    }

    /** @return the maximum weight (dσ/d⁵u × Jacobian, pb) found in the warm-up */
    public double maxWeight() {
        return maxWeight;
    }

    /**
     * @return the fraction of generated events whose weight exceeded {@link #maxWeight()} (they
     *     carry weight {@code w / maxWeight} times the nominal event weight instead of 1)
     */
    public double overweightFraction() {
        return overweightFraction;
    }

    /** @return the detector smearing applied, or null for generator-level (truth) events */
    public DetectorSmearing smearing() {
        return smearing;
    }

    /** @return {@code size() / generated()}: the detector acceptance (1 without smearing) */
    public double acceptance() {
        return (double) size() / generated;
    }

    /** @return the sum of the row weights in pb (the fiducial σ when smeared) */
    public double sumOfWeights() {
        double s = 0.0;
        for (double w : columns[COLUMNS.size() - 1]) {
            s += w;
        }
        return s;
    }

    /**
     * @param name one of {@link #COLUMNS}
     * @return a copy of the column
     */
    public double[] column(String name) {
        int i = COLUMNS.indexOf(name);
        if (i < 0) {
            throw new InvalidInputException("signal sample has no column '" + name + "'; columns are " + COLUMNS);
        }
        return columns[i].clone();
    }

    /** @return a one-line provenance label, starting with "synthetic" */
    public String label() {
        return String.format(java.util.Locale.ROOT,
                "synthetic signal e+e- -> mu+ mu- Z' (Recoil SignalGenerator, tree level), M_Z'=%s GeV, sqrt(s)=%s GeV,"
                        + " g'=1, seed=%d, %s", zPrimeMass, sqrtS, seed,
                smearing == null ? "generator level" : "smeared: " + smearing);
    }

    /**
     * Writes the sample as CSV: a {@code #} comment line with {@link #label()}, the header
     * {@link #COLUMNS}, then one row per event.
     *
     * @param out where to write (flushed, not closed)
     */
    public void writeCsv(Writer out) {
        PrintWriter p = new PrintWriter(out);
        p.print("# " + label() + "\n");
        p.print(String.join(",", COLUMNS) + "\n");
        StringBuilder sb = new StringBuilder(128);
        for (int r = 0; r < size(); r++) {
            sb.setLength(0);
            for (int c = 0; c < columns.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(columns[c][r]);
            }
            sb.append('\n');
            p.print(sb);
        }
        p.flush();
    }

    @Override
    public String toString() {
        return "SignalSample[" + label() + ", rows=" + size() + ", generated=" + generated + ", sigmaPb=" + sigmaPb
                + ", overweightFraction=" + overweightFraction + "]";
    }

    /** @return whether all columns of both samples are identical (for reproducibility checks) */
    public boolean sameEvents(SignalSample other) {
        return Arrays.deepEquals(columns, other.columns);
    }
}
