package org.recoil.core.sim;

import java.util.List;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventTable;

/**
 * One synthetic sample of simulated Belle II-like events, stored column-wise: the measured lab-frame
 * momenta of the positive and negative muon, their charges, the measured extra neutral energy, the
 * event weight, and the generator-level recoil mass squared. Always labelled synthetic.
 *
 * <p>The columns follow the core event-table format ({@link #toEventTable()}) plus one
 * generator-level column. Column names ({@link #COLUMNS}), units GeV, GeV^2 and events:
 * {@code mu1_px, mu1_py, mu1_pz, mu1_charge} (the mu+), {@code mu2_px, mu2_py, mu2_pz,
 * mu2_charge} (the mu-), {@code extra_energy} (sum of detected photon energies not belonging to
 * the muons), {@code weight} (events per event at the sample's luminosity), and
 * {@code true_recoil_mass2} (generator-level M_rec^2 = (p_e+ + p_e- - p_mu+ - p_mu-)^2, before
 * smearing, for validation only).
 *
 * <p>Weights: a weighted Monte Carlo sample of N generated events at luminosity L carries
 * {@code weight = sigma L / N} on every event, so that the sum over all generated events (before
 * the detector acceptance dropped some) is sigma L; pseudo-data carry weight 1.
 */
public final class SimulatedEvents {
    /** Column names, in storage order. */
    public static final List<String> COLUMNS = List.of("mu1_px", "mu1_py", "mu1_pz", "mu1_charge",
            "mu2_px", "mu2_py", "mu2_pz", "mu2_charge", "extra_energy", "weight",
            "true_recoil_mass2");
    static final int MU1_PX = 0;
    static final int MU1_PY = 1;
    static final int MU1_PZ = 2;
    static final int MU1_CHARGE = 3;
    static final int MU2_PX = 4;
    static final int MU2_PY = 5;
    static final int MU2_PZ = 6;
    static final int MU2_CHARGE = 7;
    static final int EXTRA_ENERGY = 8;
    static final int WEIGHT = 9;
    static final int TRUE_RECOIL_MASS2 = 10;

    private final String sample;
    private final double crossSectionPb;
    private final double luminosityPb;
    private final long generatedEvents;
    private final double[][] columns;

    SimulatedEvents(String sample, double crossSectionPb, double luminosityPb, long generatedEvents,
            double[][] columns) {
        this.sample = sample;
        this.crossSectionPb = crossSectionPb;
        this.luminosityPb = luminosityPb;
        this.generatedEvents = generatedEvents;
        this.columns = columns;
    }

    /** Concatenates buffers (in order) and sets every weight to {@code weight}. */
    static SimulatedEvents fromBuffers(String sample, double crossSectionPb, double luminosityPb,
            long generatedEvents, List<EventBuffer> buffers, double weight) {
        int n = 0;
        for (EventBuffer b : buffers) {
            n += b.size();
        }
        double[][] cols = new double[COLUMNS.size()][n];
        int offset = 0;
        for (EventBuffer b : buffers) {
            for (int c = 0; c < cols.length; c++) {
                b.copyColumn(c, cols[c], offset);
            }
            offset += b.size();
        }
        java.util.Arrays.fill(cols[WEIGHT], weight);
        return new SimulatedEvents(sample, crossSectionPb, luminosityPb, generatedEvents, cols);
    }

    /** @return the sample name, e.g. {@code mumu_gamma} or {@code synthetic_data} */
    public String sample() {
        return sample;
    }

    /** @return always true: every sample made by {@code core.sim} is synthetic */
    public boolean synthetic() {
        return true;
    }

    /**
     * @return the cross section (pb) the sample is normalised to; for a concatenation (e.g. the
     *     pseudo-data) the sum of its parts' cross sections
     */
    public double crossSectionPb() {
        return crossSectionPb;
    }

    /** @return the integrated luminosity (pb^-1) the weights refer to */
    public double luminosityPb() {
        return luminosityPb;
    }

    /** @return the number of generated events, including those dropped by the acceptance */
    public long generatedEvents() {
        return generatedEvents;
    }

    /** @return the number of stored (reconstructed) events */
    public int size() {
        return columns[0].length;
    }

    /**
     * @param name one of {@link #COLUMNS}
     * @return a copy of the column
     */
    public double[] column(String name) {
        int index = COLUMNS.indexOf(name);
        if (index < 0) {
            throw new InvalidInputException("sample " + sample + ": no column '" + name
                    + "', expected one of " + COLUMNS);
        }
        return columns[index].clone();
    }

    /** @return a copy of the event weights */
    public double[] weights() {
        return columns[WEIGHT].clone();
    }

    /** @return the sum of the event weights */
    public double sumOfWeights() {
        double sum = 0.0;
        for (double w : columns[WEIGHT]) {
            sum += w;
        }
        return sum;
    }

    /**
     * @return the events as a core event table (sample column = {@link #sample()}, two muon
     *     candidates per event); the generator-level column is not part of the event-table format
     * @throws InvalidInputException if the sample has no events
     */
    public EventTable toEventTable() {
        if (size() == 0) {
            throw new InvalidInputException("sample " + sample + ": no events to put in an event table");
        }
        EventTable.Builder b = EventTable.builder();
        double[][] c = columns;
        for (int i = 0; i < size(); i++) {
            b.add(c[MU1_PX][i], c[MU1_PY][i], c[MU1_PZ][i], (int) c[MU1_CHARGE][i],
                    c[MU2_PX][i], c[MU2_PY][i], c[MU2_PZ][i], (int) c[MU2_CHARGE][i], 2,
                    c[EXTRA_ENERGY][i], c[WEIGHT][i], sample);
        }
        return b.build();
    }

    /**
     * @param name the new sample name
     * @return a copy under that sample name (same events and weights)
     */
    public SimulatedEvents withSample(String name) {
        return new SimulatedEvents(name, crossSectionPb, luminosityPb, generatedEvents, columns);
    }

    /**
     * @param name the new sample name
     * @param rows row indices to copy, in order (a row may repeat)
     * @param weight the weight of every copied event
     * @param crossSection the cross section to record, pb
     * @return a sample made of the listed rows
     */
    SimulatedEvents rows(String name, int[] rows, double weight, double crossSection) {
        double[][] cols = new double[COLUMNS.size()][rows.length];
        for (int c = 0; c < cols.length; c++) {
            double[] src = columns[c];
            double[] dst = cols[c];
            for (int i = 0; i < rows.length; i++) {
                dst[i] = src[rows[i]];
            }
        }
        java.util.Arrays.fill(cols[WEIGHT], weight);
        return new SimulatedEvents(name, crossSection, luminosityPb, rows.length, cols);
    }

    /**
     * @param name the new sample name
     * @param rows row indices to copy, in order
     * @param weights the weight of each copied event
     * @param crossSection the cross section to record, pb
     * @return a sample made of the listed rows with the given weights
     */
    SimulatedEvents rows(String name, int[] rows, double[] weights, double crossSection) {
        SimulatedEvents out = rows(name, rows, 1.0, crossSection);
        System.arraycopy(weights, 0, out.columns[WEIGHT], 0, rows.length);
        return out;
    }

    /** @return the value of column {@code index} in row {@code row} (package use, no copy) */
    double value(int index, int row) {
        return columns[index][row];
    }

    /**
     * Concatenates samples into one (e.g. all backgrounds into one pseudo-data set).
     *
     * @param name the new sample name
     * @param parts the samples, in order
     * @return the concatenation; luminosity from the first part, cross section the sum
     */
    public static SimulatedEvents concat(String name, List<SimulatedEvents> parts) {
        if (parts.isEmpty()) {
            throw new InvalidInputException("concatenating samples into " + name + ": no samples given");
        }
        int n = 0;
        double sigma = 0.0;
        long generated = 0;
        for (SimulatedEvents p : parts) {
            n += p.size();
            sigma += p.crossSectionPb;
            generated += p.generatedEvents;
        }
        double[][] cols = new double[COLUMNS.size()][n];
        int offset = 0;
        for (SimulatedEvents p : parts) {
            for (int c = 0; c < cols.length; c++) {
                System.arraycopy(p.columns[c], 0, cols[c], offset, p.size());
            }
            offset += p.size();
        }
        return new SimulatedEvents(name, sigma, parts.get(0).luminosityPb, generated, cols);
    }
}
