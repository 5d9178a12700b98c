package org.recoil.limits.scan;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;

/**
 * One systematic uncertainty of one sample at one mass point, derived from event-level variations
 * (the selection re-run on varied events): the yield ratios of the up and down variations to the
 * nominal, which become a {@code normsys} modifier (factors {@code hi}/{@code lo}), and, for a shape
 * fit, the per-bin ratios of the varied shape (normalised to the nominal total) to the nominal
 * shape, which become a {@code histosys} modifier of the same name (the same nuisance parameter:
 * the usual split of a variation into normalisation and shape, Cranmer et al.,
 * CERN-OPEN-2012-016, Sec. 4.1). Ratios are relative, so they hold at any luminosity. Immutable.
 *
 * @param name the nuisance parameter's name (the variation, e.g. {@code momentum_scale}); shared by
 *             every sample the variation moves (one parameter, fully correlated)
 * @param sample the sample: {@link SearchWorkspace#SIGNAL} or a background name
 * @param hi up yield / nominal yield, finite and &ge; 0
 * @param lo down yield / nominal yield, finite and &ge; 0
 * @param hiShape per bin (up<sub>i</sub>/Σup) / (nominal<sub>i</sub>/Σnominal), or null when the up
 *                variation leaves every bin unchanged or the point is a single count
 * @param loShape the same for the down variation, or null
 */
public record EventSystematic(String name, String sample, double hi, double lo, double[] hiShape,
                              double[] loShape) {

    /** Validates and copies. */
    public EventSystematic {
        if (name == null || name.isBlank() || sample == null || sample.isBlank()) {
            throw new InvalidInputException("event systematic: a name and a sample are required");
        }
        if (!(hi >= 0) || !(lo >= 0) || !Double.isFinite(hi) || !Double.isFinite(lo)) {
            throw new InvalidInputException("event systematic '" + name + "' of '" + sample + "': yield ratios must"
                    + " be finite and >= 0, got up " + hi + " and down " + lo);
        }
        if ((hiShape == null) != (loShape == null)) {
            hiShape = hiShape != null ? hiShape : ones(loShape.length);
            loShape = loShape != null ? loShape : ones(hiShape.length);
        }
        if (hiShape != null) {
            if (hiShape.length != loShape.length) {
                throw new InvalidInputException("event systematic '" + name + "' of '" + sample + "': up and down"
                        + " shapes differ in length");
            }
            for (int i = 0; i < hiShape.length; i++) {
                if (!(hiShape[i] >= 0) || !(loShape[i] >= 0) || !Double.isFinite(hiShape[i])
                        || !Double.isFinite(loShape[i])) {
                    throw new InvalidInputException("event systematic '" + name + "' of '" + sample + "': shape"
                            + " ratios must be finite and >= 0 (bin " + i + ")");
                }
            }
            hiShape = hiShape.clone();
            loShape = loShape.clone();
        }
    }

    private static double[] ones(int n) {
        double[] x = new double[n];
        Arrays.fill(x, 1.0);
        return x;
    }

    /** @return whether the normalisation moves (a {@code normsys} enters the model) */
    public boolean hasNormalisation() {
        return hi != 1.0 || lo != 1.0;
    }

    /** @return whether the shape moves (a {@code histosys} enters the model of a shape fit) */
    public boolean hasShape() {
        return hiShape != null;
    }

    /** @return the up variation in percent of the nominal yield, 100 (hi − 1) */
    public double upPercent() {
        return 100 * (hi - 1);
    }

    /** @return the down variation in percent of the nominal yield, 100 (lo − 1) */
    public double downPercent() {
        return 100 * (lo - 1);
    }

    @Override
    public double[] hiShape() {
        return hiShape == null ? null : hiShape.clone();
    }

    @Override
    public double[] loShape() {
        return loShape == null ? null : loShape.clone();
    }

    /**
     * @param nominal the nominal yields per bin of the sample
     * @param up whether the up (else the down) shape
     * @return the varied yields per bin (nominal<sub>i</sub> × ratio<sub>i</sub>): {@code histosys} data
     */
    public double[] variedShape(double[] nominal, boolean up) {
        double[] r = up ? hiShape : loShape;
        double[] out = new double[nominal.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = nominal[i] * (r == null ? 1.0 : r[i]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventSystematic e && name.equals(e.name) && sample.equals(e.sample)
                && Double.compare(hi, e.hi) == 0 && Double.compare(lo, e.lo) == 0
                && Arrays.equals(hiShape, e.hiShape) && Arrays.equals(loShape, e.loShape);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + sample.hashCode()) * 31 + Double.hashCode(hi);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "EventSystematic[%s of %s: up %+.4g%%, down %+.4g%%%s]", name,
                sample, upPercent(), downPercent(), hiShape == null ? "" : ", shape " + hiShape.length + " bins");
    }
}
