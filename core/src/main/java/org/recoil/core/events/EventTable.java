package org.recoil.core.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoil.core.InvalidInputException;
import org.recoil.core.kinematics.FourVector;
import org.recoil.core.physics.PhysicsConstants;

/**
 * An immutable, column-oriented table of dimuon events: per event the momenta
 * {@code (px, py, pz)} and charges of two muons, the number of muon candidates, the extra neutral
 * energy, a weight and a sample name. Every value is finite; the extra energy is {@code >= 0}.
 *
 * <p>Columns are {@code double[]}/{@code int[]} arrays, so that selections and histogram fills run
 * column-wise. The column accessors return copies (the table stays immutable); take each column
 * once before a loop, or read them all without copies through {@link #sharedColumns()}. Sample names are stored once per table ({@link #samples()}, in order of first
 * appearance) and referenced per event by index ({@link #sampleIndices()}).
 *
 * <p>Read tables with {@link EventReader}, write them with {@link EventWriter}, build them in code
 * (e.g. in generators) with {@link #builder()}.
 */
public final class EventTable {
    private final double[] px1;
    private final double[] py1;
    private final double[] pz1;
    private final double[] px2;
    private final double[] py2;
    private final double[] pz2;
    private final int[] charge1;
    private final int[] charge2;
    private final int[] nMuons;
    private final double[] extraEnergy;
    private final double[] weight;
    private final int[] sampleIndex;
    private final List<String> samples;

    /** Takes ownership of validated arrays of equal length. */
    EventTable(double[] px1, double[] py1, double[] pz1, double[] px2, double[] py2, double[] pz2, int[] charge1,
            int[] charge2, int[] nMuons, double[] extraEnergy, double[] weight, int[] sampleIndex, List<String> samples) {
        this.px1 = px1;
        this.py1 = py1;
        this.pz1 = pz1;
        this.px2 = px2;
        this.py2 = py2;
        this.pz2 = pz2;
        this.charge1 = charge1;
        this.charge2 = charge2;
        this.nMuons = nMuons;
        this.extraEnergy = extraEnergy;
        this.weight = weight;
        this.sampleIndex = sampleIndex;
        this.samples = List.copyOf(samples);
    }

    /** @return a builder for tables assembled event by event */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of events */
    public int size() {
        return px1.length;
    }

    /** @return the distinct sample names, in order of first appearance */
    public List<String> samples() {
        return samples;
    }

    /**
     * @param event an event index
     * @return the sample name of the event
     */
    public String sample(int event) {
        return samples.get(sampleIndex[event]);
    }

    /** @return per event, the index of its sample in {@link #samples()} (copy) */
    public int[] sampleIndices() {
        return sampleIndex.clone();
    }

    /**
     * The table's own columns, not copies, for loops that read every column of many tables (a selection
     * applied to each chunk of a large file, where the accessors' copies would cost as much as the
     * selection itself). Read-only: modifying an array changes the table.
     *
     * @param px1 muon 1 p<sub>x</sub> per event, GeV
     * @param py1 muon 1 p<sub>y</sub>
     * @param pz1 muon 1 p<sub>z</sub>
     * @param px2 muon 2 p<sub>x</sub>
     * @param py2 muon 2 p<sub>y</sub>
     * @param pz2 muon 2 p<sub>z</sub>
     * @param charge1 muon 1 charge
     * @param charge2 muon 2 charge
     * @param nMuons number of muon candidates
     * @param extraEnergy extra neutral energy, GeV
     * @param weight weight
     * @param sampleIndex index of the event's sample in {@link #samples()}
     */
    public record Columns(double[] px1, double[] py1, double[] pz1, double[] px2, double[] py2, double[] pz2,
                          int[] charge1, int[] charge2, int[] nMuons, double[] extraEnergy, double[] weight,
                          int[] sampleIndex) {
    }

    /** @return the table's own column arrays (shared, not copied: never modify them) */
    public Columns sharedColumns() {
        return new Columns(px1, py1, pz1, px2, py2, pz2, charge1, charge2, nMuons, extraEnergy, weight, sampleIndex);
    }

    /** @return muon 1 p_x per event, GeV (copy) */
    public double[] mu1Px() {
        return px1.clone();
    }

    /** @return muon 1 p_y per event, GeV (copy) */
    public double[] mu1Py() {
        return py1.clone();
    }

    /** @return muon 1 p_z per event, GeV (copy) */
    public double[] mu1Pz() {
        return pz1.clone();
    }

    /** @return muon 2 p_x per event, GeV (copy) */
    public double[] mu2Px() {
        return px2.clone();
    }

    /** @return muon 2 p_y per event, GeV (copy) */
    public double[] mu2Py() {
        return py2.clone();
    }

    /** @return muon 2 p_z per event, GeV (copy) */
    public double[] mu2Pz() {
        return pz2.clone();
    }

    /** @return muon 1 charge per event (copy) */
    public int[] charge1() {
        return charge1.clone();
    }

    /** @return muon 2 charge per event (copy) */
    public int[] charge2() {
        return charge2.clone();
    }

    /** @return number of muon candidates per event (copy) */
    public int[] nMuons() {
        return nMuons.clone();
    }

    /** @return extra neutral energy per event, GeV (copy) */
    public double[] extraEnergy() {
        return extraEnergy.clone();
    }

    /** @return weight per event (copy) */
    public double[] weight() {
        return weight.clone();
    }

    /**
     * @param weights the new weight of each event, finite
     * @return a copy with these weights (e.g. unit weights for counted data, or weights rescaled to
     *         another luminosity)
     * @throws InvalidInputException if the length differs or a weight is not finite
     */
    public EventTable withWeights(double[] weights) {
        if (weights.length != size()) {
            throw new InvalidInputException("event table: " + weights.length + " weights for " + size() + " events");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new InvalidInputException("event table: event " + i + ": weight " + weights[i] + " must be finite");
            }
        }
        return new EventTable(px1, py1, pz1, px2, py2, pz2, charge1, charge2, nMuons, extraEnergy, weights.clone(),
                sampleIndex, samples);
    }

    /**
     * A copy with new muon momenta and everything else (charges, muon count, extra energy, weights,
     * samples) unchanged: the kinematic transforms of systematic variations (momentum scale,
     * resolution smearing).
     *
     * @param px1 muon 1 p<sub>x</sub> per event, GeV
     * @param py1 muon 1 p<sub>y</sub>
     * @param pz1 muon 1 p<sub>z</sub>
     * @param px2 muon 2 p<sub>x</sub>
     * @param py2 muon 2 p<sub>y</sub>
     * @param pz2 muon 2 p<sub>z</sub>
     * @return the copy
     * @throws InvalidInputException if a length differs or a momentum is not finite
     */
    public EventTable withMuonMomenta(double[] px1, double[] py1, double[] pz1, double[] px2, double[] py2,
                                      double[] pz2) {
        double[][] cols = {px1, py1, pz1, px2, py2, pz2};
        double[][] copies = new double[6][];
        for (int c = 0; c < cols.length; c++) {
            if (cols[c].length != size()) {
                throw new InvalidInputException("event table: " + cols[c].length + " momenta for " + size()
                        + " events");
            }
            for (int i = 0; i < cols[c].length; i++) {
                if (!Double.isFinite(cols[c][i])) {
                    throw new InvalidInputException("event table: event " + i + ": momentum " + cols[c][i]
                            + " must be finite");
                }
            }
            copies[c] = cols[c].clone();
        }
        return new EventTable(copies[0], copies[1], copies[2], copies[3], copies[4], copies[5], charge1, charge2,
                nMuons, extraEnergy, weight, sampleIndex, samples);
    }

    /**
     * @param event an event index
     * @return muon 1's four-momentum with the muon mass
     */
    public FourVector muon1(int event) {
        return FourVector.fromMassAndMomentum(PhysicsConstants.MUON_MASS, px1[event], py1[event], pz1[event]);
    }

    /**
     * @param event an event index
     * @return muon 2's four-momentum with the muon mass
     */
    public FourVector muon2(int event) {
        return FourVector.fromMassAndMomentum(PhysicsConstants.MUON_MASS, px2[event], py2[event], pz2[event]);
    }

    /**
     * Appends tables in order (sample names are merged by name).
     *
     * @param tables the tables
     * @return one table with all events
     */
    public static EventTable concat(List<EventTable> tables) {
        int n = 0;
        for (EventTable t : tables) {
            n += t.size();
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        double[][] d = new double[8][n];
        int[][] k = new int[4][n];
        int at = 0;
        for (EventTable t : tables) {
            int m = t.size();
            double[][] src = {t.px1, t.py1, t.pz1, t.px2, t.py2, t.pz2, t.extraEnergy, t.weight};
            for (int c = 0; c < src.length; c++) {
                System.arraycopy(src[c], 0, d[c], at, m);
            }
            System.arraycopy(t.charge1, 0, k[0], at, m);
            System.arraycopy(t.charge2, 0, k[1], at, m);
            System.arraycopy(t.nMuons, 0, k[2], at, m);
            int[] remap = new int[t.samples.size()];
            for (int s = 0; s < remap.length; s++) {
                remap[s] = index.computeIfAbsent(t.samples.get(s), x -> index.size());
            }
            for (int i = 0; i < m; i++) {
                k[3][at + i] = remap[t.sampleIndex[i]];
            }
            at += m;
        }
        return new EventTable(d[0], d[1], d[2], d[3], d[4], d[5], k[0], k[1], k[2], d[6], d[7], k[3],
                new ArrayList<>(index.keySet()));
    }

    /** Equal when every column and every event's sample name are identical. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EventTable t) || t.size() != size()) {
            return false;
        }
        if (!(Arrays.equals(px1, t.px1) && Arrays.equals(py1, t.py1) && Arrays.equals(pz1, t.pz1)
                && Arrays.equals(px2, t.px2) && Arrays.equals(py2, t.py2) && Arrays.equals(pz2, t.pz2)
                && Arrays.equals(charge1, t.charge1) && Arrays.equals(charge2, t.charge2)
                && Arrays.equals(nMuons, t.nMuons) && Arrays.equals(extraEnergy, t.extraEnergy)
                && Arrays.equals(weight, t.weight))) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            if (!sample(i).equals(t.sample(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(px1) + Arrays.hashCode(weight);
    }

    @Override
    public String toString() {
        return "EventTable[" + size() + " events, samples=" + samples + "]";
    }

    /**
     * Mutable builder adding one event at a time; values are validated on {@code add}.
     * Not thread-safe.
     */
    public static final class Builder {
        private int n;
        private double[][] d = new double[8][16];
        private int[][] k = new int[4][16];
        private final Map<String, Integer> sampleIndex = new LinkedHashMap<>();

        private Builder() {
        }

        /** @return the number of events added so far */
        public int size() {
            return n;
        }

        /**
         * Adds an event with exactly two muon candidates. Only the momenta of the four-vectors are
         * stored (energies are recomputed with the muon mass).
         *
         * @param mu1 first muon
         * @param charge1 its charge
         * @param mu2 second muon
         * @param charge2 its charge
         * @param extraEnergy extra neutral energy, GeV, {@code >= 0}
         * @param weight event weight, finite
         * @param sample sample name, not blank
         * @return this builder
         */
        public Builder add(FourVector mu1, int charge1, FourVector mu2, int charge2, double extraEnergy, double weight,
                String sample) {
            return add(mu1.px(), mu1.py(), mu1.pz(), charge1, mu2.px(), mu2.py(), mu2.pz(), charge2, 2, extraEnergy,
                    weight, sample);
        }

        /**
         * Adds an event from primitive values (no allocation).
         *
         * @param px1 muon 1 p_x
         * @param py1 muon 1 p_y
         * @param pz1 muon 1 p_z
         * @param charge1 muon 1 charge
         * @param px2 muon 2 p_x
         * @param py2 muon 2 p_y
         * @param pz2 muon 2 p_z
         * @param charge2 muon 2 charge
         * @param nMuons number of muon candidates in the event, {@code >= 0}
         * @param extraEnergy extra neutral energy, GeV, {@code >= 0}
         * @param weight event weight, finite
         * @param sample sample name, not blank
         * @return this builder
         * @throws InvalidInputException if a value is not finite, negative where it must not be, or
         *     the sample name is blank (the message names the event index)
         */
        public Builder add(double px1, double py1, double pz1, int charge1, double px2, double py2, double pz2,
                int charge2, int nMuons, double extraEnergy, double weight, String sample) {
            double[] vals = {px1, py1, pz1, px2, py2, pz2, extraEnergy, weight};
            for (int c = 0; c < vals.length; c++) {
                if (!Double.isFinite(vals[c])) {
                    throw new InvalidInputException("event table: event " + n + ": " + EventWriter.DOUBLE_COLUMNS[c]
                            + " is " + vals[c] + ", must be finite");
                }
            }
            if (extraEnergy < 0) {
                throw new InvalidInputException("event table: event " + n + ": extra_energy is " + extraEnergy + ", must be >= 0");
            }
            if (nMuons < 0) {
                throw new InvalidInputException("event table: event " + n + ": n_muons is " + nMuons + ", must be >= 0");
            }
            if (sample == null || sample.isBlank()) {
                throw new InvalidInputException("event table: event " + n + ": sample name is blank");
            }
            if (n == d[0].length) {
                int cap = 2 * n;
                for (int c = 0; c < d.length; c++) {
                    d[c] = Arrays.copyOf(d[c], cap);
                }
                for (int c = 0; c < k.length; c++) {
                    k[c] = Arrays.copyOf(k[c], cap);
                }
            }
            for (int c = 0; c < vals.length; c++) {
                d[c][n] = vals[c];
            }
            k[0][n] = charge1;
            k[1][n] = charge2;
            k[2][n] = nMuons;
            k[3][n] = sampleIndex.computeIfAbsent(sample, x -> sampleIndex.size());
            n++;
            return this;
        }

        /**
         * @return the table of all events added (the builder stays usable)
         * @throws InvalidInputException if no event was added
         */
        public EventTable build() {
            if (n == 0) {
                throw new InvalidInputException("event table: no events");
            }
            double[][] c = new double[8][];
            for (int i = 0; i < 8; i++) {
                c[i] = Arrays.copyOf(d[i], n);
            }
            return new EventTable(c[0], c[1], c[2], c[3], c[4], c[5], Arrays.copyOf(k[0], n), Arrays.copyOf(k[1], n),
                    Arrays.copyOf(k[2], n), c[6], c[7], Arrays.copyOf(k[3], n), new ArrayList<>(sampleIndex.keySet()));
        }
    }
}
