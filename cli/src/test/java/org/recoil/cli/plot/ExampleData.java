package org.recoil.cli.plot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.GaussianSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Realistic-looking, seeded inputs for the plot tests and the example renderings (made with
 * {@link ExamplePlots}): shapes and sizes like the Belle II 2020 invisible-Z′ search (PRL 124,
 * 141801), not a physics result.
 */
final class ExampleData {

    static final long SEED = 20200401L;
    private static final double MUON_MASS = 0.1056583755;

    private ExampleData() {
    }

    /** Recoil-mass distribution, 0–8 GeV in 40 bins: three stacked backgrounds, Poisson data, two signals. */
    static StackedHistogram recoilMass() {
        int n = 40;
        double[] edges = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            edges[i] = 0.2 * i;
        }
        double[] mumu = new double[n];
        double[] tautau = new double[n];
        double[] eemumu = new double[n];
        double[] signal2 = new double[n];
        double[] signal5 = new double[n];
        for (int i = 0; i < n; i++) {
            double m = 0.5 * (edges[i] + edges[i + 1]);
            mumu[i] = 420 * Math.exp(-m / 0.45);
            tautau[i] = 9.0 * m * m * Math.exp(-m / 1.4);
            eemumu[i] = 3.0 * Math.exp((m - 8) / 1.6) + 0.8;
            signal2[i] = 40 * gaussianFraction(edges[i], edges[i + 1], 2.0, 0.12);
            signal5[i] = 25 * gaussianFraction(edges[i], edges[i + 1], 5.0, 0.08);
        }
        Map<String, double[]> backgrounds = new LinkedHashMap<>();
        backgrounds.put("e⁺e⁻ → e⁺e⁻μ⁺μ⁻", eemumu);
        backgrounds.put("e⁺e⁻ → τ⁺τ⁻(γ)", tautau);
        backgrounds.put("e⁺e⁻ → μ⁺μ⁻(γ)", mumu);
        double[] data = new double[n];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
        for (int i = 0; i < n; i++) {
            double mean = mumu[i] + tautau[i] + eemumu[i];
            data[i] = PoissonSampler.of(rng, mean).sample();
        }
        Map<String, double[]> signals = new LinkedHashMap<>();
        signals.put("Z′ 2 GeV, g′ = 0.1", signal2);
        signals.put("Z′ 5 GeV, g′ = 0.5", signal5);
        return new StackedHistogram(edges, backgrounds, data, null, signals);
    }

    private static double gaussianFraction(double lo, double hi, double mean, double sigma) {
        // midpoint rule on a fine grid: the fraction of a normal distribution inside [lo, hi]
        int steps = 200;
        double sum = 0;
        double h = (hi - lo) / steps;
        for (int k = 0; k < steps; k++) {
            double z = (lo + (k + 0.5) * h - mean) / sigma;
            sum += Math.exp(-0.5 * z * z);
        }
        return sum * h / (sigma * Math.sqrt(2 * Math.PI));
    }

    /** σ × BR limits in fb at 31 masses 0.5–8 GeV, with typical Poisson-regime band widths. */
    static BandSeries brazil() {
        int n = 31;
        double[] x = new double[n];
        double[] obs = new double[n];
        double[] m2 = new double[n];
        double[] m1 = new double[n];
        double[] med = new double[n];
        double[] p1 = new double[n];
        double[] p2 = new double[n];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED + 1);
        ContinuousSampler gauss = GaussianSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), 0, 0.25);
        for (int i = 0; i < n; i++) {
            double m = 0.5 + 0.25 * i;
            x[i] = m;
            med[i] = 105 * (1 + 0.9 * Math.exp(-(m - 0.5) / 0.6) + 0.015 * (m - 3) * (m - 3));
            m2[i] = 0.53 * med[i];
            m1[i] = 0.72 * med[i];
            p1[i] = 1.42 * med[i];
            p2[i] = 2.0 * med[i];
            obs[i] = med[i] * Math.exp(gauss.sample());
        }
        return new BandSeries(x, obs, m2, m1, med, p1, p2);
    }

    /** Δa_μ per g′² of a Z′ of mass M (physics.json, g2_contribution), by the midpoint rule. */
    static double deltaAmuPerGprime2(double mass) {
        int steps = 4000;
        double sum = 0;
        double mu2 = MUON_MASS * MUON_MASS;
        for (int k = 0; k < steps; k++) {
            double z = (k + 0.5) / steps;
            double oneMinusZ = 1 - z;
            sum += mu2 * z * oneMinusZ * oneMinusZ / (mu2 * oneMinusZ * oneMinusZ + mass * mass * z);
        }
        return sum / steps / (4 * Math.PI * Math.PI);
    }

    /** The (g−2)_μ band of g′ for Δa_μ = central ± 2σ (units 1e-11); only an upper edge when central − 2σ ≤ 0. */
    static FavouredBand g2Band(String label, double central, double sigma, double[] masses) {
        double[] lower = new double[masses.length];
        double[] upper = new double[masses.length];
        for (int i = 0; i < masses.length; i++) {
            double f = deltaAmuPerGprime2(masses[i]);
            double lo = (central - 2 * sigma) * 1e-11;
            lower[i] = lo > 0 ? Math.sqrt(lo / f) : 0;
            upper[i] = Math.sqrt((central + 2 * sigma) * 1e-11 / f);
        }
        return new FavouredBand(label, masses, lower, upper);
    }

    /** g′ limits 0.5–6.5 GeV like Belle II 2020, projections to 50 fb⁻¹ and 50 ab⁻¹, and two (g−2) bands. */
    static CouplingLimitData coupling() {
        int n = 25;
        double[] x = new double[n];
        double[] obs = new double[n];
        double[] exp = new double[n];
        double[] fb50 = new double[n];
        double[] ab50 = new double[n];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED + 2);
        ContinuousSampler gauss = GaussianSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), 0, 0.08);
        for (int i = 0; i < n; i++) {
            double m = 0.5 + 0.25 * i;
            x[i] = m;
            // through the published points (1.16 GeV, 0.051) and (5.97 GeV, 0.994), rising again at low mass
            exp[i] = 0.051 * Math.exp(0.618 * (m - 1.16)) * (1 + 0.5 * Math.exp(-(m - 0.5) / 0.4));
            obs[i] = exp[i] * Math.exp(gauss.sample());
            // background-dominated: σ limit ∝ 1/√L, g′ ∝ √σ, so g′ ∝ L^(-1/4)
            fb50[i] = exp[i] * Math.pow(50_000 / 276.0, -0.25);
            ab50[i] = exp[i] * Math.pow(50_000_000 / 276.0, -0.25);
        }
        int nb = 120;
        double[] masses = new double[nb];
        for (int i = 0; i < nb; i++) {
            masses[i] = 0.3 * Math.pow(9.0 / 0.3, i / (nb - 1.0));
        }
        return new CouplingLimitData(
                new Curve("Observed, 276 pb⁻¹", x, obs),
                new Curve("Expected, 276 pb⁻¹", x, exp),
                List.of(new Curve("Expected, 50 fb⁻¹", x, fb50), new Curve("Expected, 50 ab⁻¹", x, ab50)),
                List.of(g2Band("(g−2)_μ ±2σ, 2021", 251, 59, masses),
                        g2Band("(g−2)_μ ±2σ, 2025", 38, 63, masses)));
    }

    static final double[] LUMINOSITIES_FB = {0.276, 1, 5, 10, 50, 100, 500, 1000, 5000, 10_000, 50_000};

    /** Expected σ limits versus luminosity at three masses, with a systematic floor. */
    static LuminosityScan luminosity() {
        double[] masses = {1.0, 3.0, 6.0};
        double[] atStart = {150, 120, 230};
        Curve[] curves = new Curve[masses.length];
        for (int k = 0; k < masses.length; k++) {
            double[] y = new double[LUMINOSITIES_FB.length];
            for (int i = 0; i < y.length; i++) {
                double l = LUMINOSITIES_FB[i];
                y[i] = atStart[k] * Math.sqrt(LUMINOSITIES_FB[0] / l) * Math.sqrt(1 + l / 3000);
            }
            curves[k] = new Curve("M_Z′ = " + (int) masses[k] + " GeV", LUMINOSITIES_FB, y);
        }
        return new LuminosityScan(List.of(curves), List.of(new Milestone("276 pb⁻¹", 0.276),
                new Milestone("50 fb⁻¹", 50), new Milestone("50 ab⁻¹", 50_000)));
    }

    static PlotOptions recoilMassOptions() {
        return PlotOptions.of("Recoil mass, μ⁺μ⁻ + missing energy", Plots.RECOIL_MASS, Plots.EVENTS_PER_BIN)
                .withSynthetic(true).withNotes("Belle II-like, 276 pb⁻¹");
    }

    static PlotOptions brazilOptions() {
        return PlotOptions.of("Invisible Z′: 90% CL upper limit", Plots.Z_PRIME_MASS, Plots.SIGMA_LIMIT_FB)
                .withLogY(true).withSynthetic(true).withNotes("276 pb⁻¹, asymptotic CLs");
    }

    static PlotOptions couplingOptions() {
        return PlotOptions.of("L_μ − L_τ Z′ → invisible: 90% CL limit on g′", Plots.Z_PRIME_MASS,
                Plots.GPRIME_LIMIT).withLogY(true).withSynthetic(true).withNotes("BR(Z′ → νν̄) from the widths");
    }

    static PlotOptions luminosityOptions() {
        return PlotOptions.of("Expected 90% CL limit versus luminosity", Plots.LUMINOSITY_FB,
                "Expected σ × BR(Z′ → inv) upper limit [fb]").withLogX(true).withLogY(true).withSynthetic(true)
                .withNotes("Systematics 1/√L, floor 1%");
    }
}
