package org.recoil.limits.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.recoil.core.InvalidInputException;
import org.recoil.limits.scan.EventSystematic;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.SearchWorkspace;
import org.recoil.limits.scan.WindowShape;

/**
 * Systematics from event-level variations: for every {@link EventVariation}, the mass points are
 * built again from the Monte Carlo selected after the up and the down variation (the same window
 * counting as the nominal, {@link SearchSamples#massPoints}), and at each mass and for each sample
 * the variation moves, the yield ratios varied/nominal become a {@code normsys} and, in a shape fit
 * ({@code bins_per_window} &gt; 1), the per-bin ratios of the varied to the nominal shape (each
 * normalised to its total) a {@code histosys} ({@link EventSystematic}). For the signal the
 * yield is the interpolated efficiency and the shape its interpolated bin fractions.
 *
 * <p>Post-processing, in this order: the mirrored down variation of a one-sided variation
 * (down = 2 − up), the {@link VariationSettings.Symmetrisation}, and the smoothing across masses (a
 * running mean of up − 1 and down − 1, and of each shape ratio − 1, over {@code smoothing}
 * neighbouring masses, truncated at the ends of the grid). A variation that leaves a sample's
 * yields unchanged gives ratios of exactly 1 and no shape, and adds nothing to the model. Stateless.
 */
public final class EventSystematics {

    /** Header of the table {@link #csv}. */
    public static final String CSV_HEADER = "mass_gev,sample,variation,up_percent,down_percent";

    /** A shape whose every bin ratio is within this of 1 is unchanged (rounding of a flat weight). */
    static final double SHAPE_TOLERANCE = 1e-12;

    private EventSystematics() {
    }

    /**
     * @param settings the variations and their post-processing
     * @param samples the nominal samples with their {@link SearchSamples#variations()}
     * @param nominal the nominal mass points
     * @param points how mass points are built from samples (the nominal recipe)
     * @return the nominal points, each carrying its event-level systematics
     */
    public static List<MassPointInput> attach(VariationSettings settings, SearchSamples samples,
                                              List<MassPointInput> nominal,
                                              Function<SearchSamples, List<MassPointInput>> points) {
        int n = nominal.size();
        List<List<EventSystematic>> perMass = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            perMass.add(new ArrayList<>());
        }
        for (EventVariation v : settings.variations()) {
            List<MassPointInput> up = points.apply(samples.varied(find(samples, v, EventVariation.Direction.UP)));
            List<MassPointInput> down = v.mirrored() ? null
                    : points.apply(samples.varied(find(samples, v, EventVariation.Direction.DOWN)));
            List<String> names = new ArrayList<>();
            if (v.variesSignal()) {
                names.add(SearchWorkspace.SIGNAL);
            }
            for (String b : samples.backgroundNames()) {
                if (v.variesBackground(b)) {
                    names.add(b);
                }
            }
            for (int k = 0; k < names.size(); k++) {
                String sample = names.get(k);
                Ratios[] r = new Ratios[n];
                for (int i = 0; i < n; i++) {
                    Ratios u = ratios(nominal.get(i), up.get(i), sample);
                    Ratios d = down == null ? u.mirrored() : ratios(nominal.get(i), down.get(i), sample);
                    r[i] = Ratios.of(u, d).symmetrised(settings.symmetrisation());
                }
                r = smoothed(r, settings.smoothing());
                for (int i = 0; i < n; i++) {
                    perMass.get(i).add(new EventSystematic(v.name(), sample, r[i].hi, r[i].lo, r[i].hiShape,
                            r[i].loShape));
                }
            }
        }
        List<MassPointInput> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(nominal.get(i).withEventSystematics(perMass.get(i)));
        }
        return out;
    }

    private static VariedSamples find(SearchSamples samples, EventVariation v, EventVariation.Direction d) {
        return samples.variations().stream().filter(x -> x.variation().equals(v) && x.direction() == d).findFirst()
                .orElseThrow(() -> new InvalidInputException("variation " + v.name() + " " + d
                        + ": no varied samples were selected"));
    }

    /** Up and down ratios of one sample at one mass; shapes null when unchanged or a single count. */
    private record Ratios(double hi, double lo, double[] hiShape, double[] loShape) {
        static Ratios of(Ratios up, Ratios down) {
            double[] hs = up.hiShape;
            double[] ls = down.hiShape;
            if (hs == null && ls != null) {
                hs = ones(ls.length);
            } else if (ls == null && hs != null) {
                ls = ones(hs.length);
            }
            return new Ratios(up.hi, down.hi, hs, ls);
        }

        /** The mirror image of an up variation: 2 − ratio, floored at 0. */
        Ratios mirrored() {
            return new Ratios(Math.max(0.0, 2 - hi), 0, hiShape == null ? null : mirror(hiShape), null);
        }

        Ratios symmetrised(VariationSettings.Symmetrisation s) {
            if (s == VariationSettings.Symmetrisation.NONE) {
                return this;
            }
            double[] n = s.apply(hi, lo);
            double[] hs = null;
            double[] ls = null;
            if (hiShape != null) {
                hs = new double[hiShape.length];
                ls = new double[hiShape.length];
                for (int b = 0; b < hs.length; b++) {
                    double[] x = s.apply(hiShape[b], loShape[b]);
                    hs[b] = x[0];
                    ls[b] = x[1];
                }
            }
            return new Ratios(n[0], n[1], hs, ls);
        }
    }

    private static double[] ones(int n) {
        double[] x = new double[n];
        Arrays.fill(x, 1.0);
        return x;
    }

    private static double[] mirror(double[] r) {
        double[] x = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            x[i] = Math.max(0.0, 2 - r[i]);
        }
        return x;
    }

    /** The ratios varied/nominal of one sample at one mass (the "hi" fields hold them). */
    private static Ratios ratios(MassPointInput nominal, MassPointInput varied, String sample) {
        double y0;
        double y1;
        double[] b0 = null;
        double[] b1 = null;
        Function<MassPointInput, WindowShape> shape = p -> p.shape().orElse(null);
        if (sample.equals(SearchWorkspace.SIGNAL)) {
            y0 = nominal.efficiency();
            y1 = varied.efficiency();
            if (shape.apply(nominal) != null) {
                b0 = nominal.shape().get().signalFractions();
                b1 = varied.shape().get().signalFractions();
            }
        } else {
            int k = index(nominal, sample);
            y0 = nominal.backgrounds().get(k).yield();
            y1 = varied.backgrounds().get(k).yield();
            if (shape.apply(nominal) != null) {
                b0 = nominal.shape().get().backgrounds().get(k);
                b1 = varied.shape().get().backgrounds().get(k);
            }
        }
        double r = y0 > 0 ? y1 / y0 : 1.0;
        double[] s = null;
        if (b0 != null && !Arrays.equals(b0, b1)) {
            double t0 = Arrays.stream(b0).sum();
            double t1 = Arrays.stream(b1).sum();
            s = new double[b0.length];
            boolean moved = false;
            for (int i = 0; i < s.length; i++) {
                s[i] = b0[i] > 0 && t1 > 0 ? (b1[i] / t1) / (b0[i] / t0) : 1.0;
                moved |= Math.abs(s[i] - 1) > SHAPE_TOLERANCE;
            }
            // a flat weight (muon ID, normalisation) changes the fractions by rounding only: no shape
            s = moved ? s : null;
        }
        return new Ratios(r, 0, s, null);
    }

    private static int index(MassPointInput p, String sample) {
        for (int k = 0; k < p.backgrounds().size(); k++) {
            if (p.backgrounds().get(k).name().equals(sample)) {
                return k;
            }
        }
        throw new InvalidInputException("no background sample '" + sample + "' at M = " + p.mass() + " GeV");
    }

    /** The running mean over {@code width} neighbouring masses of every ratio − 1 (width 1: unchanged). */
    private static Ratios[] smoothed(Ratios[] r, int width) {
        if (width <= 1 || r.length < 2) {
            return r;
        }
        int h = width / 2;
        int bins = 0;
        for (Ratios x : r) {
            if (x.hiShape != null) {
                bins = x.hiShape.length;
            }
        }
        Ratios[] out = new Ratios[r.length];
        for (int i = 0; i < r.length; i++) {
            int a = Math.max(0, i - h);
            int b = Math.min(r.length - 1, i + h);
            double hi = 0;
            double lo = 0;
            double[] hs = bins > 0 ? new double[bins] : null;
            double[] ls = bins > 0 ? new double[bins] : null;
            for (int j = a; j <= b; j++) {
                hi += r[j].hi - 1;
                lo += r[j].lo - 1;
                for (int q = 0; q < bins; q++) {
                    hs[q] += (r[j].hiShape == null ? 1.0 : r[j].hiShape[q]) - 1;
                    ls[q] += (r[j].loShape == null ? 1.0 : r[j].loShape[q]) - 1;
                }
            }
            int m = b - a + 1;
            for (int q = 0; q < bins; q++) {
                hs[q] = Math.max(0.0, 1 + hs[q] / m);
                ls[q] = Math.max(0.0, 1 + ls[q] / m);
            }
            out[i] = new Ratios(Math.max(0.0, 1 + hi / m), Math.max(0.0, 1 + lo / m), hs, ls);
        }
        return out;
    }

    /** Six significant digits, no exponent, no trailing zeros. */
    private static String num(double x) {
        if (x == 0) {
            return "0";
        }
        return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * The size of every event-level systematic per mass: one row per mass, sample and variation,
     * the up and down yield changes in percent of the nominal ({@value #CSV_HEADER}).
     *
     * @param points mass points carrying event systematics
     * @return the CSV text
     */
    public static String csv(List<MassPointInput> points) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (MassPointInput p : points) {
            for (EventSystematic e : p.eventSystematics()) {
                sb.append(num(p.mass())).append(',').append(e.sample()).append(',').append(e.name()).append(',')
                        .append(num(e.upPercent())).append(',').append(num(e.downPercent())).append('\n');
            }
        }
        return sb.toString();
    }
}
