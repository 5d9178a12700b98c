package org.recoil.limits.analysis;

import java.util.List;

import java.util.Locale;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.ColumnMapping;
import org.recoil.core.events.EventTable;
import org.recoil.limits.calc.ToySeeds;

/**
 * One event-level systematic variation: a change of the events (their muon momenta or their
 * weights) applied up and down before the selection is re-run, from which the per-mass
 * {@code normsys}/{@code histosys} of the model are built ({@link EventSystematics}). The kinds:
 * <ul>
 *   <li>{@link Kind#MOMENTUM_SCALE}: both muons' momenta scaled by 1 ± {@code size} (all three
 *       components, so the direction is kept) before M<sub>rec</sub>² is computed;</li>
 *   <li>{@link Kind#MOMENTUM_RESOLUTION}: an extra Gaussian smearing of each muon's momentum,
 *       p → p (1 + {@code size}·z), z ~ N(0, 1) independent per muon. The up variation smears; a
 *       resolution cannot be un-smeared, so the down variation is the mirror image of the up one
 *       (down yield = 2 nominal − up, per bin), the usual treatment of a one-sided systematic. The
 *       random numbers are a function of the seed and of the event's own momenta (counter-based,
 *       {@link ToySeeds#key}), so they do not depend on threads, chunks or the order of the events;</li>
 *   <li>{@link Kind#MUON_ID}: the muon-identification efficiency of each muon scaled by
 *       1 ± {@code size}, i.e. the event weight by (1 ± {@code size})²;</li>
 *   <li>{@link Kind#BACKGROUND_NORMALISATION}: the weights of one background sample scaled by
 *       1 ± {@code size} (a cross-section uncertainty);</li>
 *   <li>{@link Kind#WEIGHT_COLUMNS} (event files only): the files re-read with the weight column
 *       replaced by {@code upColumn} / {@code downColumn}, columns holding the full varied event
 *       weight (e.g. the nominal weight times a muon-ID or trigger scale factor moved by ±1σ).</li>
 * </ul>
 * A variation of size zero changes no momentum and no weight, bit for bit. Immutable.
 *
 * @param name the nuisance parameter's name in the model (e.g. {@code momentum_scale})
 * @param kind what is varied
 * @param size the relative 1σ size, finite and &ge; 0 (unused for {@link Kind#WEIGHT_COLUMNS})
 * @param sample the background sample of a {@link Kind#BACKGROUND_NORMALISATION}, else null
 * @param upColumn the weight column of the up variation ({@link Kind#WEIGHT_COLUMNS}), else null
 * @param downColumn the weight column of the down variation ({@link Kind#WEIGHT_COLUMNS}), else null
 */
public record EventVariation(String name, Kind kind, double size, String sample, String upColumn,
                             String downColumn) {

    /** What a variation changes. */
    public enum Kind {
        /** Relative muon momentum scale. */
        MOMENTUM_SCALE,
        /** Extra relative Gaussian momentum smearing. */
        MOMENTUM_RESOLUTION,
        /** Per-muon identification efficiency (a weight). */
        MUON_ID,
        /** Normalisation of one background sample (a weight). */
        BACKGROUND_NORMALISATION,
        /** Alternative weight columns of event files. */
        WEIGHT_COLUMNS
    }

    /** The direction of a variation. */
    public enum Direction {
        /** +1σ. */
        UP,
        /** −1σ. */
        DOWN;

        /** @return +1 for up, −1 for down */
        public int sign() {
            return this == UP ? 1 : -1;
        }
    }

    /** Key of the resolution smearing's random stream. */
    private static final long SMEARING_KEY = 0x5E4EA12L;

    /** Validates. */
    public EventVariation {
        if (name == null || name.isBlank() || kind == null) {
            throw new InvalidInputException("variations: a variation needs a name and a kind");
        }
        if (!(size >= 0) || !(size < 1)) {
            throw new InvalidInputException("variations: " + name + ": the size must be a fraction in [0, 1), got "
                    + size);
        }
        if ((kind == Kind.BACKGROUND_NORMALISATION) != (sample != null)) {
            throw new InvalidInputException("variations: " + name + ": a sample is given for, and only for, a"
                    + " background normalisation");
        }
        if ((kind == Kind.WEIGHT_COLUMNS) != (upColumn != null && downColumn != null)) {
            throw new InvalidInputException("variations: " + name + ": weight columns need 'up' and 'down' column"
                    + " names");
        }
    }

    /**
     * @param size relative momentum scale uncertainty
     * @return the {@code momentum_scale} variation
     */
    public static EventVariation momentumScale(double size) {
        return new EventVariation("momentum_scale", Kind.MOMENTUM_SCALE, size, null, null, null);
    }

    /**
     * @param size extra relative momentum smearing
     * @return the {@code momentum_resolution} variation
     */
    public static EventVariation momentumResolution(double size) {
        return new EventVariation("momentum_resolution", Kind.MOMENTUM_RESOLUTION, size, null, null, null);
    }

    /**
     * @param size relative per-muon identification efficiency uncertainty
     * @return the {@code muon_id} variation
     */
    public static EventVariation muonId(double size) {
        return new EventVariation("muon_id", Kind.MUON_ID, size, null, null, null);
    }

    /**
     * @param sample a background sample
     * @param size its relative normalisation uncertainty
     * @return the {@code bkg_norm_<sample>} variation
     */
    public static EventVariation backgroundNormalisation(String sample, double size) {
        return new EventVariation("bkg_norm_" + sample, Kind.BACKGROUND_NORMALISATION, size, sample, null, null);
    }

    /**
     * @param name the variation's name
     * @param up the weight column of the up variation
     * @param down the weight column of the down variation
     * @return a variation by alternative weight columns (event files)
     */
    public static EventVariation weightColumns(String name, String up, String down) {
        return new EventVariation(name, Kind.WEIGHT_COLUMNS, 0.0, null, up, down);
    }

    /** @return whether the down variation is the mirror image of the up one (not computed from events) */
    public boolean mirrored() {
        return kind == Kind.MOMENTUM_RESOLUTION;
    }

    /** @return whether the signal Monte Carlo is varied (all but background normalisations) */
    public boolean variesSignal() {
        return kind != Kind.BACKGROUND_NORMALISATION;
    }

    /**
     * @param backgroundSample a background sample name
     * @return whether this variation changes that sample
     */
    public boolean variesBackground(String backgroundSample) {
        return kind != Kind.BACKGROUND_NORMALISATION || sample.equals(backgroundSample);
    }

    /**
     * The background samples of a varied run: each sample this variation varies taken from {@code varied},
     * the others kept nominal (both lists in the same sample order).
     *
     * @param nominal the nominal samples
     * @param varied the same samples after the variation
     * @param name a sample's name
     * @param <T> the sample type
     * @return the samples of the varied run, in the nominal order
     */
    public <T> List<T> backgroundsOf(List<T> nominal, List<T> varied, java.util.function.Function<T, String> name) {
        List<T> out = new java.util.ArrayList<>(nominal.size());
        for (int k = 0; k < nominal.size(); k++) {
            out.add(variesBackground(name.apply(nominal.get(k))) ? varied.get(k) : nominal.get(k));
        }
        return out;
    }

    /**
     * The columns to read event files with in a direction: the weight column replaced for
     * {@link Kind#WEIGHT_COLUMNS}, else unchanged.
     *
     * @param columns the nominal mapping
     * @param direction up or down
     * @return the mapping of the varied read
     */
    public ColumnMapping columns(ColumnMapping columns, Direction direction) {
        if (kind != Kind.WEIGHT_COLUMNS) {
            return columns;
        }
        String w = direction == Direction.UP ? upColumn : downColumn;
        return new ColumnMapping(columns.muon1(), columns.muon2(), columns.charge1(), columns.charge2(),
                columns.extraEnergy(), w, columns.nMuons(), columns.sample());
    }

    /**
     * The varied events (kinematic transforms and weights; {@link Kind#WEIGHT_COLUMNS} is applied when
     * reading, see {@link #columns}, and leaves the table unchanged here).
     *
     * @param t the nominal events
     * @param direction up or down
     * @param seed seed of the resolution smearing
     * @return the varied events
     */
    public EventTable apply(EventTable t, Direction direction, long seed) {
        double d = direction.sign() * size;
        return switch (kind) {
            case MOMENTUM_SCALE -> scaled(t, 1 + d);
            case MOMENTUM_RESOLUTION -> smeared(t, size, seed);
            case MUON_ID -> weighted(t, (1 + d) * (1 + d), null);
            case BACKGROUND_NORMALISATION -> weighted(t, 1 + d, sample);
            case WEIGHT_COLUMNS -> t;
        };
    }

    private static EventTable scaled(EventTable t, double f) {
        double[][] p = {t.mu1Px(), t.mu1Py(), t.mu1Pz(), t.mu2Px(), t.mu2Py(), t.mu2Pz()};
        for (double[] c : p) {
            for (int i = 0; i < c.length; i++) {
                c[i] *= f;
            }
        }
        return t.withMuonMomenta(p[0], p[1], p[2], p[3], p[4], p[5]);
    }

    private static EventTable smeared(EventTable t, double sigma, long seed) {
        double[][] p = {t.mu1Px(), t.mu1Py(), t.mu1Pz(), t.mu2Px(), t.mu2Py(), t.mu2Pz()};
        for (int i = 0; i < t.size(); i++) {
            long h = 0;
            for (double[] c : p) {
                h = ToySeeds.mix64(h ^ Double.doubleToLongBits(c[i])) + 0x9E3779B97F4A7C15L;
            }
            double[] z = gaussianPair(ToySeeds.key(seed, SMEARING_KEY, h));
            double f1 = Math.max(0.0, 1 + sigma * z[0]);
            double f2 = Math.max(0.0, 1 + sigma * z[1]);
            for (int c = 0; c < 3; c++) {
                p[c][i] *= f1;
                p[c + 3][i] *= f2;
            }
        }
        return t.withMuonMomenta(p[0], p[1], p[2], p[3], p[4], p[5]);
    }

    /** Two independent standard normal numbers from a 64-bit key (Box–Muller on two SplitMix64 outputs). */
    static double[] gaussianPair(long key) {
        double u1 = ((ToySeeds.mix64(key + 0x9E3779B97F4A7C15L) >>> 11) + 1) * 0x1.0p-53;
        double u2 = (ToySeeds.mix64(key + 2 * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53;
        double r = Math.sqrt(-2 * Math.log(u1));
        return new double[] {r * Math.cos(2 * Math.PI * u2), r * Math.sin(2 * Math.PI * u2)};
    }

    private static EventTable weighted(EventTable t, double f, String onlySample) {
        double[] w = t.weight();
        int only = onlySample == null ? -1 : t.samples().indexOf(onlySample);
        if (onlySample != null && only < 0) {
            return t;
        }
        int[] s = only >= 0 ? t.sampleIndices() : null;
        for (int i = 0; i < w.length; i++) {
            if (s == null || s[i] == only) {
                w[i] *= f;
            }
        }
        return t.withWeights(w);
    }

    @Override
    public String toString() {
        return kind == Kind.WEIGHT_COLUMNS ? name + " (weight columns " + upColumn + "/" + downColumn + ")"
                : String.format(Locale.ROOT, "%s (%s, %.4g)", name, kind.name().toLowerCase(Locale.ROOT), size);
    }
}
