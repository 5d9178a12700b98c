package org.recoil.limits.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventTable;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.MassPointResult;
import org.recoil.limits.scan.PointStatus;
import org.recoil.limits.scan.SampleYield;
import org.recoil.limits.scan.ScanResult;
import org.recoil.limits.scan.Systematics;

/**
 * Checks that catch plausible mistakes which would otherwise give a wrong limit without a word:
 * <ul>
 *   <li>momenta in the wrong unit: most events of a file with a muon momentum above the total beam
 *       energy (kinematically impossible; e.g. momenta in MeV) are bad input;</li>
 *   <li>data and expected background far apart, in the whole selected spectrum or in a window: a
 *       warning with the ratio and its significance
 *       Z = (n − b)/√(b + σ<sub>b</sub>²), σ<sub>b</sub>² the MC-statistical variance plus the
 *       normalisation (and luminosity) uncertainties in quadrature; |Z| &ge; {@value #Z_WARN} warns.
 *       It can be a signal, or a mismatch such as background weights at another luminosity or data
 *       in other units.</li>
 * </ul>
 * Stateless.
 */
public final class Plausibility {
    /** |Z| from which observed and expected totals count as far apart. */
    public static final double Z_WARN = 5.0;
    /** Fraction of a file's events with an impossible momentum from which the file is refused. */
    public static final double IMPOSSIBLE_MOMENTUM_FRACTION = 0.5;

    private Plausibility() {
    }

    /**
     * Momentum statistics of a chunk of events, for {@link #requirePlausibleMomenta}.
     *
     * @param events events counted
     * @param impossible events with a muon momentum above the total beam energy
     * @param sumLargerMomentum sum over the events of the larger muon momentum, GeV
     */
    public record MomentumStats(long events, long impossible, double sumLargerMomentum) {
        /**
         * @param t events
         * @param beams the beams of the selection
         * @return their statistics
         */
        public static MomentumStats of(EventTable t, BeamConfiguration beams) {
            double eMax = beams.electronEnergy() + beams.positronEnergy();
            double[][] c = {t.mu1Px(), t.mu1Py(), t.mu1Pz(), t.mu2Px(), t.mu2Py(), t.mu2Pz()};
            int n = t.size();
            long above = 0;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double p1 = Math.sqrt(c[0][i] * c[0][i] + c[1][i] * c[1][i] + c[2][i] * c[2][i]);
                double p2 = Math.sqrt(c[3][i] * c[3][i] + c[4][i] * c[4][i] + c[5][i] * c[5][i]);
                double p = Math.max(p1, p2);
                sum += p;
                if (p > eMax) {
                    above++;
                }
            }
            return new MomentumStats(n, above, sum);
        }

        /**
         * @param o statistics of more events
         * @return the statistics of both
         */
        public MomentumStats plus(MomentumStats o) {
            return new MomentumStats(events + o.events, impossible + o.impossible,
                    sumLargerMomentum + o.sumLargerMomentum);
        }
    }

    /**
     * Refuses a file in which most events have a muon momentum above the total beam energy
     * E<sub>e⁻</sub> + E<sub>e⁺</sub> (impossible in e⁺e⁻ → μ⁺μ⁻X): momenta in MeV, or another
     * frame or beam setting than the selection's.
     *
     * @param file the file, for the message
     * @param stats its events' momentum statistics
     * @param beams the beams of the selection
     * @throws InvalidInputException naming the file, the beam energy and the mean momentum
     */
    public static void requirePlausibleMomenta(Path file, MomentumStats stats, BeamConfiguration beams) {
        long n = stats.events();
        long above = stats.impossible();
        if (n > 0 && above > IMPOSSIBLE_MOMENTUM_FRACTION * n) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s: %d of %d events (%.0f%%) have a muon"
                            + " momentum above the total beam energy %.2f GeV (mean of the larger muon momentum"
                            + " %.4g GeV): momenta in MeV? expected GeV, in the frame of the selection's beams",
                    file, above, n, 100.0 * above / n, beams.electronEnergy() + beams.positronEnergy(),
                    stats.sumLargerMomentum() / n));
        }
    }

    /**
     * Observed against expected in the whole selected spectrum.
     *
     * @param samples the selected samples
     * @param systematics the normalisation uncertainties
     * @return a warning, or empty if they agree within {@value #Z_WARN} σ
     */
    public static Optional<String> spectrum(SearchSamples samples, Systematics systematics) {
        double b = 0;
        double var = 0;
        double norm2 = 0;
        for (SelectedSample s : samples.backgrounds()) {
            double y = s.total();
            double[] w = s.weights();
            for (double x : w) {
                var += x * x;
            }
            b += y;
            double u = systematics.backgroundNormalisation(s.name()) * y;
            norm2 += u * u;
        }
        double lumi = systematics.luminosity() * b;
        return compare("whole selected spectrum", samples.data().total(), b, var + norm2 + lumi * lumi);
    }

    /**
     * Observed against expected in one window.
     *
     * @param p a mass point's inputs
     * @param systematics the normalisation uncertainties
     * @return a warning, or empty if they agree within {@value #Z_WARN} σ
     */
    public static Optional<String> window(MassPointInput p, Systematics systematics) {
        double b = 0;
        double var = 0;
        double norm2 = 0;
        for (SampleYield y : p.backgrounds()) {
            b += y.yield();
            var += y.sumw2();
            double u = systematics.backgroundNormalisation(y.name()) * y.yield();
            norm2 += u * u;
        }
        double lumi = systematics.luminosity() * b;
        return compare(String.format(Locale.ROOT, "window of M = %.4g GeV", p.mass()), p.observed(), b,
                var + norm2 + lumi * lumi);
    }

    /**
     * @param where what is compared, for the message
     * @param n observed
     * @param b expected background
     * @param variance variance of b
     * @return a warning if |Z| &ge; {@value #Z_WARN}
     */
    static Optional<String> compare(String where, double n, double b, double variance) {
        if (!(b > 0)) {
            return Optional.empty();
        }
        double z = (n - b) / Math.sqrt(b + variance);
        if (!(Math.abs(z) >= Z_WARN)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s: observed %s events against %s expected from"
                + " background (ratio %.3g, %+.1f sigma): %s", where, num(n), num(b), n / b, z, z < 0
                ? "a deficit this large suggests mismatched inputs (data in other units or cuts, background weights"
                + " at another luminosity than declared)"
                : "a signal, or mismatched inputs (background weights at another luminosity than declared)"));
    }

    private static String num(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * Adds the data/background warnings to a scan: the spectrum-wide ones to every point with limits,
     * and each window's own; such points get status {@link PointStatus#WARNING}.
     *
     * @param r the scan
     * @param global warnings that concern every point
     * @param systematics the normalisation uncertainties
     * @return the scan with the warnings
     */
    public static ScanResult withWarnings(ScanResult r, List<String> global, Systematics systematics) {
        List<MassPointResult> out = new ArrayList<>();
        boolean changed = false;
        for (MassPointResult p : r.points()) {
            List<String> extra = new ArrayList<>(global);
            window(p.input(), systematics).ifPresent(extra::add);
            if (!p.hasLimit() || extra.isEmpty()) {
                out.add(p);
                continue;
            }
            List<String> all = new ArrayList<>(p.warnings());
            all.addAll(extra);
            out.add(new MassPointResult(p.index(), p.input(), PointStatus.WARNING, String.join("; ", all),
                    p.normalisation(), p.limit(), all, p.local(), p.gof()));
            changed = true;
        }
        return changed ? new ScanResult(r.luminosity(), r.cl(), r.method(), r.systematics(), out) : r;
    }
}
