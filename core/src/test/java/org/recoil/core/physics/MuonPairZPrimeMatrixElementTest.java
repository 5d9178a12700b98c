package org.recoil.core.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.recoil.core.mc.RandomStreams;

/** Gauge invariance, polarisation sums and the Born limit of the numerical helicity amplitudes. */
class MuonPairZPrimeMatrixElementTest {
    private static final double[] METRIC = {1, -1, -1, -1};
    private static final double SQRT_S = PhysicsConstants.SQRT_S_BELLE2;
    private static final double M_MU = PhysicsConstants.MUON_MASS;

    /** Random phase-space points (full orientation) at several Z′ masses. */
    private static void forRandomPoints(int n, PointCheck check) {
        UniformRandomProvider rng = RandomStreams.stream(11L, 1L);
        double[] u = new double[5];
        double[] q1 = new double[4];
        double[] q2 = new double[4];
        double[] k = new double[4];
        for (double mass : new double[] {0.05, 0.5, 2.0, 6.0, 10.0}) {
            ThreeBodyPhaseSpace ps = new ThreeBodyPhaseSpace(SQRT_S, M_MU, mass);
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 5; d++) {
                    u[d] = 0.02 + 0.96 * rng.nextDouble();
                }
                ps.generate(u, q1, q2, k);
                check.check(mass, q1, q2, k);
            }
        }
    }

    private interface PointCheck {
        void check(double mass, double[] q1, double[] q2, double[] k);
    }

    @Test
    void currentConservationZPrimeMomentumGivesZeroAmplitude() {
        MuonPairZPrimeMatrixElement me = new MuonPairZPrimeMatrixElement(M_MU);
        double[] re = new double[64];
        double[] im = new double[64];
        forRandomPoints(40, (mass, q1, q2, k) -> {
            me.amplitudeTensors(q1, q2, k, re, im);
            double maxT = 0;
            double maxKT = 0;
            double maxQT = 0;
            double[] qTot = {q1[0] + q2[0] + k[0], q1[1] + q2[1] + k[1], q1[2] + q2[2] + k[2], q1[3] + q2[3] + k[3]};
            for (int c = 0; c < 4; c++) {
                for (int mu = 0; mu < 4; mu++) {
                    // ε_ρ → k_ρ: Σ_ρ g_ρρ k^ρ T^{μρ}
                    double kr = 0;
                    double ki = 0;
                    for (int rho = 0; rho < 4; rho++) {
                        int idx = c * 16 + mu * 4 + rho;
                        kr += METRIC[rho] * k[rho] * re[idx];
                        ki += METRIC[rho] * k[rho] * im[idx];
                        maxT = Math.max(maxT, Math.hypot(re[idx], im[idx]));
                    }
                    maxKT = Math.max(maxKT, Math.hypot(kr, ki));
                }
                for (int rho = 0; rho < 4; rho++) {
                    // photon side: Q_μ T^{μρ} = 0 (electromagnetic current conservation)
                    double qr = 0;
                    double qi = 0;
                    for (int mu = 0; mu < 4; mu++) {
                        int idx = c * 16 + mu * 4 + rho;
                        qr += METRIC[mu] * qTot[mu] * re[idx];
                        qi += METRIC[mu] * qTot[mu] * im[idx];
                    }
                    maxQT = Math.max(maxQT, Math.hypot(qr, qi));
                }
            }
            assertTrue(maxT > 0.0);
            // relative to the size of each term, |k| |T|
            assertTrue(maxKT <= 1e-11 * k[0] * maxT, "k.T = " + maxKT + " vs " + k[0] * maxT + " at M=" + mass);
            assertTrue(maxQT <= 1e-11 * SQRT_S * maxT, "Q.T = " + maxQT + " at M=" + mass);
        });
    }

    @Test
    void polarisationSumOverThreePhysicalStatesEqualsMinusMetric() {
        // Σ_λ ε_ρ ε_σ* = −g_ρσ + k_ρ k_σ / M²: the k k term must not contribute.
        MuonPairZPrimeMatrixElement me = new MuonPairZPrimeMatrixElement(M_MU);
        double[] re = new double[64];
        double[] im = new double[64];
        double[] p1 = {SQRT_S / 2, 0, 0, SQRT_S / 2};
        double[] p2 = {SQRT_S / 2, 0, 0, -SQRT_S / 2};
        forRandomPoints(20, (mass, q1, q2, k) -> {
            me.amplitudeTensors(q1, q2, k, re, im);
            double[][] eps = physicalPolarisations(k, mass);
            double p1p2 = MuonPairZPrimeMatrixElement.dot(p1, p2);
            double x = 0;
            for (int c = 0; c < 4; c++) {
                for (double[] e : eps) {
                    // J^μ = T^{μρ} ε_ρ (real polarisation vectors, lowered index)
                    double[] jr = new double[4];
                    double[] ji = new double[4];
                    for (int mu = 0; mu < 4; mu++) {
                        for (int rho = 0; rho < 4; rho++) {
                            jr[mu] += re[c * 16 + mu * 4 + rho] * METRIC[rho] * e[rho];
                            ji[mu] += im[c * 16 + mu * 4 + rho] * METRIC[rho] * e[rho];
                        }
                    }
                    double a1r = 0;
                    double a1i = 0;
                    double a2r = 0;
                    double a2i = 0;
                    double jj = 0;
                    for (int mu = 0; mu < 4; mu++) {
                        a1r += METRIC[mu] * p1[mu] * jr[mu];
                        a1i += METRIC[mu] * p1[mu] * ji[mu];
                        a2r += METRIC[mu] * p2[mu] * jr[mu];
                        a2i += METRIC[mu] * p2[mu] * ji[mu];
                        jj += METRIC[mu] * (jr[mu] * jr[mu] + ji[mu] * ji[mu]);
                    }
                    x += 4 * (2 * (a1r * a2r + a1i * a2i) - p1p2 * jj);
                }
            }
            double expected = me.contracted(p1, p2, q1, q2, k);
            assertEquals(expected, x, 1e-9 * Math.abs(expected), "M=" + mass);
        });
    }

    /** Two transverse and the longitudinal polarisation vector of a massive vector (upper index). */
    private static double[][] physicalPolarisations(double[] k, double mass) {
        double kx = k[1];
        double ky = k[2];
        double kz = k[3];
        double mod = Math.sqrt(kx * kx + ky * ky + kz * kz);
        double nx = kx / mod;
        double ny = ky / mod;
        double nz = kz / mod;
        // a vector not parallel to n
        double[] a = Math.abs(nz) < 0.9 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
        double[] e1 = {a[1] * nz - a[2] * ny, a[2] * nx - a[0] * nz, a[0] * ny - a[1] * nx};
        double l1 = Math.sqrt(e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2]);
        for (int i = 0; i < 3; i++) {
            e1[i] /= l1;
        }
        double[] e2 = {ny * e1[2] - nz * e1[1], nz * e1[0] - nx * e1[2], nx * e1[1] - ny * e1[0]};
        return new double[][] {
            {0, e1[0], e1[1], e1[2]},
            {0, e2[0], e2[1], e2[2]},
            {mod / mass, k[0] / mass * nx, k[0] / mass * ny, k[0] / mass * nz}};
    }

    @Test
    void beamAverageEqualsMeanOverSixBeamAxes() {
        // X(n) is an even quadratic form in the beam direction n, so its mean over ±x, ±y, ±z is
        // its mean over the sphere; beamAveraged uses (4/3)(QQ − Q²g) and Q·T = 0 instead.
        MuonPairZPrimeMatrixElement me = new MuonPairZPrimeMatrixElement(M_MU);
        double e = SQRT_S / 2;
        double[][] axes = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        forRandomPoints(20, (mass, q1, q2, k) -> {
            double mean = 0;
            for (double[] n : axes) {
                double[] p1 = {e, e * n[0], e * n[1], e * n[2]};
                double[] p2 = {e, -e * n[0], -e * n[1], -e * n[2]};
                mean += me.contracted(p1, p2, q1, q2, k) / 6;
            }
            double avg = me.beamAveraged(q1, q2, k);
            assertEquals(mean, avg, 1e-10 * Math.abs(avg), "M=" + mass);
        });
    }

    @Test
    void bornSpinSumMatchesAnalyticMassiveFormula() {
        // spin-averaged |M|² = e⁴ [1 + cos²θ + (4m²/s) sin²θ] (Peskin and Schroeder, Eq. (5.12))
        MuonPairZPrimeMatrixElement me = new MuonPairZPrimeMatrixElement(M_MU);
        double s = SQRT_S * SQRT_S;
        double[] p1 = {SQRT_S / 2, 0, 0, SQRT_S / 2};
        double[] p2 = {SQRT_S / 2, 0, 0, -SQRT_S / 2};
        double[] q1 = new double[4];
        double[] q2 = new double[4];
        UniformRandomProvider rng = RandomStreams.stream(5L);
        for (int i = 0; i < 50; i++) {
            double[] u = {rng.nextDouble(), rng.nextDouble()};
            ThreeBodyPhaseSpace.generateTwoBody(SQRT_S, M_MU, u, q1, q2);
            double pMod = Math.sqrt(q1[1] * q1[1] + q1[2] * q1[2] + q1[3] * q1[3]);
            double c = q1[3] / pMod;
            double expected = 1 + c * c + 4 * M_MU * M_MU / s * (1 - c * c);
            double got = me.bornContracted(p1, p2, q1, q2) / (4 * s * s);
            assertEquals(expected, got, 1e-12 * expected);
        }
    }

    @Test
    void bornAlongBeamAxisAndAtNinetyDegrees() {
        // same formula at θ = π (μ⁻ exactly along −z: the special branch of the helicity spinors)
        // and at θ = 90°
        MuonPairZPrimeMatrixElement me = new MuonPairZPrimeMatrixElement(M_MU);
        double s = SQRT_S * SQRT_S;
        double e = SQRT_S / 2;
        double p = Math.sqrt(e * e - M_MU * M_MU);
        double[] p1 = {e, 0, 0, e};
        double[] p2 = {e, 0, 0, -e};
        // muon exactly along −z exercises the spinor branch for θ = π
        double[] q1 = {e, 0, 0, -p};
        double[] q2 = {e, 0, 0, p};
        assertEquals(2.0, me.bornContracted(p1, p2, q1, q2) / (4 * s * s), 1e-12);
        double[] r1 = {e, p, 0, 0};
        double[] r2 = {e, -p, 0, 0};
        assertEquals(1 + 4 * M_MU * M_MU / s, me.bornContracted(p1, p2, r1, r2) / (4 * s * s), 1e-12);
    }
}
