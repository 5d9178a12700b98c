package org.recoil.core.physics;

/**
 * Spin- and polarisation-summed squared matrix element of e⁻(p1) e⁺(p2) → γ* → μ⁻(q1) μ⁺(q2) Z′(k)
 * at tree level, with the Z′ (vector coupling g′) radiated off either muon line, massive muons and
 * massless electrons, computed numerically from explicit Dirac spinors.
 *
 * <p>Amplitude (couplings stripped): {@code M = (1/s) [v̄(p2) γ_μ u(p1)] T^{μρ} ε*_ρ(k)} with the muon
 * tensor
 * <pre>
 *   T^{μρ} = ū(q1) [ γ^ρ S(q1+k) γ^μ + γ^μ S(−q2−k) γ^ρ ] v(q2),   S(p) = (p̸ + m) / (p² − m²),
 * </pre>
 * the two diagrams entering with the same sign (standard QED Feynman rules, e.g. Peskin and
 * Schroeder, "An Introduction to QFT", Sect. 4.8 and 5.5). The Z′ polarisation sum
 * {@code −g_{ρσ} + k_ρ k_σ / M²} reduces to {@code −g_{ρσ}} because {@code k_ρ T^{μρ} = 0}
 * (the muon current is conserved; checked in the tests). The e⁺e⁻ spin sum is the lepton tensor
 * {@code L_{μν} = Tr[p̸2 γ_μ p̸1 γ_ν] = 4 (p1_μ p2_ν + p2_μ p1_ν − g_{μν} p1·p2)}, so that
 * <pre>
 *   X = Σ_{spins, pol} L_{μν} T^{μρ} T^{νσ*} (−g_{ρσ})
 *     = Σ_{λ1 λ2} Σ_ρ (−g_{ρρ}) 4 [ 2 Re((p1·J)(p2·J)*) − (p1·p2) J·J* ],   J^μ = T^{μρ},
 * </pre>
 * and the physical spin-averaged {@code |M|² = e⁴ g′² X / (4 s²)}. Averaged over the beam
 * direction, {@code ⟨L^{μν}⟩ = (4/3)(Q^μ Q^ν − Q² g^{μν})} with {@code Q = p1 + p2}, and since
 * {@code Q_μ T^{μρ} = 0} (electromagnetic current conservation) the average is
 * {@code ⟨X⟩ = (4/3) s Σ g_{μμ} g_{ρρ} |T^{μρ}|²}, a Lorentz invariant of (q1, q2, k).
 *
 * <p>Spinors in the Weyl (chiral) representation with helicity eigenstates: for a particle of
 * helicity h, {@code u = (√(E − 2h|p|) ξ_h, √(E + 2h|p|) ξ_h)}; for the antiparticle
 * {@code v = (√(E − 2h|p|) ξ_h, −√(E + 2h|p|) ξ_h)} (Peskin and Schroeder, Eq. (3.53) and (3.62));
 * any orthonormal basis may be used in the spin sums.
 *
 * <p>Four-vectors are {@code double[4] = {E, px, py, pz}} in GeV. An instance keeps scratch arrays
 * (no allocation per call) and must be used by one thread at a time.
 */
public final class MuonPairZPrimeMatrixElement {
    /** Minkowski metric diag(+,−,−,−). */
    private static final double[] METRIC = {1.0, -1.0, -1.0, -1.0};
    /** Non-zero column of row i of γ^μ (Weyl representation), [μ][i]. */
    private static final int[][] GAMMA_COL = {
        {2, 3, 0, 1},
        {3, 2, 1, 0},
        {3, 2, 1, 0},
        {2, 3, 0, 1}};
    /** Real part of that entry. */
    private static final double[][] GAMMA_RE = {
        {1, 1, 1, 1},
        {1, 1, -1, -1},
        {0, 0, 0, 0},
        {1, -1, -1, 1}};
    /** Imaginary part of that entry. */
    private static final double[][] GAMMA_IM = {
        {0, 0, 0, 0},
        {0, 0, 0, 0},
        {-1, 1, 1, -1},
        {0, 0, 0, 0}};

    private final double muonMass;

    // scratch: two helicities x 4 components
    private final double[] ubarRe = new double[8];
    private final double[] ubarIm = new double[8];
    private final double[] vRe = new double[8];
    private final double[] vIm = new double[8];
    // a[h][ρ][j] = (ū_h γ^ρ)_j, b[h][μ][i] = (γ^μ v_h)_i
    private final double[] aRe = new double[32];
    private final double[] aIm = new double[32];
    private final double[] bRe = new double[32];
    private final double[] bIm = new double[32];
    // aS1[h][ρ][j] = (ū_h γ^ρ S1)_j, s2b[h][ρ][i] = (S2 γ^ρ v_h)_i
    private final double[] as1Re = new double[32];
    private final double[] as1Im = new double[32];
    private final double[] s2bRe = new double[32];
    private final double[] s2bIm = new double[32];
    // 4x4 propagator numerators, row-major
    private final double[] s1Re = new double[16];
    private final double[] s1Im = new double[16];
    private final double[] s2Re = new double[16];
    private final double[] s2Im = new double[16];
    // T[(h1*2+h2)][μ][ρ]
    private final double[] tRe = new double[64];
    private final double[] tIm = new double[64];

    /**
     * @param muonMass the muon mass in GeV (positive; {@link PhysicsConstants#MUON_MASS} for physics,
     *     a small value for the massless-limit checks)
     */
    public MuonPairZPrimeMatrixElement(double muonMass) {
        if (!(muonMass > 0.0) || !Double.isFinite(muonMass)) {
            throw new org.recoil.core.InvalidInputException("muon mass must be positive and finite, got " + muonMass);
        }
        this.muonMass = muonMass;
    }

    /** @return the muon mass in GeV */
    public double muonMass() {
        return muonMass;
    }

    /**
     * The full contraction {@code X = Σ L_{μν} T^{μρ} T^{νσ*} (−g_{ρσ})} for given beam momenta.
     *
     * @param p1 electron four-momentum (massless)
     * @param p2 positron four-momentum (massless)
     * @param q1 μ⁻ four-momentum
     * @param q2 μ⁺ four-momentum
     * @param k Z′ four-momentum
     * @return X in GeV² (L in GeV², T dimensionless: spinor bilinears in GeV times a propagator in GeV⁻¹)
     */
    public double contracted(double[] p1, double[] p2, double[] q1, double[] q2, double[] k) {
        amplitudeTensors(q1, q2, k);
        double p1p2 = dot(p1, p2);
        double x = 0.0;
        for (int c = 0; c < 4; c++) {
            int base = c * 16;
            for (int rho = 0; rho < 4; rho++) {
                double p1jRe = 0.0;
                double p1jIm = 0.0;
                double p2jRe = 0.0;
                double p2jIm = 0.0;
                double jj = 0.0;
                for (int mu = 0; mu < 4; mu++) {
                    double re = tRe[base + mu * 4 + rho];
                    double im = tIm[base + mu * 4 + rho];
                    double g = METRIC[mu];
                    p1jRe += g * p1[mu] * re;
                    p1jIm += g * p1[mu] * im;
                    p2jRe += g * p2[mu] * re;
                    p2jIm += g * p2[mu] * im;
                    jj += g * (re * re + im * im);
                }
                double cross = p1jRe * p2jRe + p1jIm * p2jIm;
                x += -METRIC[rho] * 4.0 * (2.0 * cross - p1p2 * jj);
            }
        }
        return x;
    }

    /**
     * The contraction averaged over the direction of the (unpolarised, massless) beams in the
     * centre-of-mass frame: {@code ⟨X⟩ = (4/3) Q² Σ g_{μμ} g_{ρρ} |T^{μρ}|²}, {@code Q = q1 + q2 + k}.
     *
     * @param q1 μ⁻ four-momentum
     * @param q2 μ⁺ four-momentum
     * @param k Z′ four-momentum
     * @return ⟨X⟩ (see class doc)
     */
    public double beamAveraged(double[] q1, double[] q2, double[] k) {
        amplitudeTensors(q1, q2, k);
        double e = q1[0] + q2[0] + k[0];
        double px = q1[1] + q2[1] + k[1];
        double py = q1[2] + q2[2] + k[2];
        double pz = q1[3] + q2[3] + k[3];
        double s = e * e - px * px - py * py - pz * pz;
        double total = 0.0;
        for (int c = 0; c < 4; c++) {
            int base = c * 16;
            for (int mu = 0; mu < 4; mu++) {
                for (int rho = 0; rho < 4; rho++) {
                    double re = tRe[base + mu * 4 + rho];
                    double im = tIm[base + mu * 4 + rho];
                    total += METRIC[mu] * METRIC[rho] * (re * re + im * im);
                }
            }
        }
        return 4.0 / 3.0 * s * total;
    }

    /**
     * Born contraction for e⁻(p1) e⁺(p2) → γ* → μ⁻(q1) μ⁺(q2) with the same spinors and lepton
     * tensor: {@code X_B = Σ_{λ1 λ2} 4 [2 Re((p1·J)(p2·J)*) − (p1·p2) J·J*]},
     * {@code J^μ = ū(q1) γ^μ v(q2)}; the spin-averaged {@code |M|² = e⁴ X_B / (4 s²)}.
     *
     * @param p1 electron four-momentum
     * @param p2 positron four-momentum
     * @param q1 μ⁻ four-momentum
     * @param q2 μ⁺ four-momentum
     * @return X_B
     */
    public double bornContracted(double[] p1, double[] p2, double[] q1, double[] q2) {
        spinors(q1, q2);
        double p1p2 = dot(p1, p2);
        double x = 0.0;
        for (int h1 = 0; h1 < 2; h1++) {
            for (int h2 = 0; h2 < 2; h2++) {
                double p1jRe = 0.0;
                double p1jIm = 0.0;
                double p2jRe = 0.0;
                double p2jIm = 0.0;
                double jj = 0.0;
                for (int mu = 0; mu < 4; mu++) {
                    double re = 0.0;
                    double im = 0.0;
                    int ao = h1 * 16 + mu * 4;
                    for (int j = 0; j < 4; j++) {
                        double ar = aRe[ao + j];
                        double ai = aIm[ao + j];
                        double vr = vRe[h2 * 4 + j];
                        double vi = vIm[h2 * 4 + j];
                        re += ar * vr - ai * vi;
                        im += ar * vi + ai * vr;
                    }
                    double g = METRIC[mu];
                    p1jRe += g * p1[mu] * re;
                    p1jIm += g * p1[mu] * im;
                    p2jRe += g * p2[mu] * re;
                    p2jIm += g * p2[mu] * im;
                    jj += g * (re * re + im * im);
                }
                x += 4.0 * (2.0 * (p1jRe * p2jRe + p1jIm * p2jIm) - p1p2 * jj);
            }
        }
        return x;
    }

    /**
     * Computes the muon tensors {@code T^{μρ}} for the four helicity combinations (for the tests,
     * which contract them with the Z′ momentum or with explicit polarisation vectors).
     *
     * @param q1 μ⁻ four-momentum
     * @param q2 μ⁺ four-momentum
     * @param k Z′ four-momentum
     * @param outRe output, length 64, laid out {@code [(λ1*2+λ2)*16 + μ*4 + ρ]} (upper indices)
     * @param outIm output, imaginary parts
     */
    void amplitudeTensors(double[] q1, double[] q2, double[] k, double[] outRe, double[] outIm) {
        amplitudeTensors(q1, q2, k);
        System.arraycopy(tRe, 0, outRe, 0, 64);
        System.arraycopy(tIm, 0, outIm, 0, 64);
    }

    private void amplitudeTensors(double[] q1, double[] q2, double[] k) {
        spinors(q1, q2);
        double m = muonMass;
        // S1 = (q1 + k + m) / ((q1+k)² − m²), S2 = (−q2 − k + m) / ((q2+k)² − m²)
        double e1 = q1[0] + k[0];
        double x1 = q1[1] + k[1];
        double y1 = q1[2] + k[2];
        double z1 = q1[3] + k[3];
        double d1 = dot(k, k) + 2.0 * dot(q1, k);
        fillSlashPlusMass(e1, x1, y1, z1, m, 1.0 / d1, s1Re, s1Im);
        double e2 = q2[0] + k[0];
        double x2 = q2[1] + k[1];
        double y2 = q2[2] + k[2];
        double z2 = q2[3] + k[3];
        double d2 = dot(k, k) + 2.0 * dot(q2, k);
        fillSlashPlusMass(-e2, -x2, -y2, -z2, m, 1.0 / d2, s2Re, s2Im);
        // aS1[h][ρ] = a[h][ρ] S1 ; s2b[h][ρ] = S2 b[h][ρ]
        for (int h = 0; h < 2; h++) {
            for (int r = 0; r < 4; r++) {
                int o = h * 16 + r * 4;
                for (int j = 0; j < 4; j++) {
                    double re = 0.0;
                    double im = 0.0;
                    double sr = 0.0;
                    double si = 0.0;
                    for (int i = 0; i < 4; i++) {
                        double ar = aRe[o + i];
                        double ai = aIm[o + i];
                        double mr = s1Re[i * 4 + j];
                        double mi = s1Im[i * 4 + j];
                        re += ar * mr - ai * mi;
                        im += ar * mi + ai * mr;
                        double nr = s2Re[j * 4 + i];
                        double ni = s2Im[j * 4 + i];
                        double br = bRe[o + i];
                        double bi = bIm[o + i];
                        sr += nr * br - ni * bi;
                        si += nr * bi + ni * br;
                    }
                    as1Re[o + j] = re;
                    as1Im[o + j] = im;
                    s2bRe[o + j] = sr;
                    s2bIm[o + j] = si;
                }
            }
        }
        // T^{μρ} = (ū γ^ρ S1)·(γ^μ v) + (ū γ^μ)·(S2 γ^ρ v)
        for (int h1 = 0; h1 < 2; h1++) {
            for (int h2 = 0; h2 < 2; h2++) {
                int base = (h1 * 2 + h2) * 16;
                for (int mu = 0; mu < 4; mu++) {
                    int am = h1 * 16 + mu * 4;
                    int bm = h2 * 16 + mu * 4;
                    for (int rho = 0; rho < 4; rho++) {
                        int ar = h1 * 16 + rho * 4;
                        int br = h2 * 16 + rho * 4;
                        double re = 0.0;
                        double im = 0.0;
                        for (int j = 0; j < 4; j++) {
                            double xr = as1Re[ar + j];
                            double xi = as1Im[ar + j];
                            double yr = bRe[bm + j];
                            double yi = bIm[bm + j];
                            re += xr * yr - xi * yi;
                            im += xr * yi + xi * yr;
                            double ur = aRe[am + j];
                            double ui = aIm[am + j];
                            double wr = s2bRe[br + j];
                            double wi = s2bIm[br + j];
                            re += ur * wr - ui * wi;
                            im += ur * wi + ui * wr;
                        }
                        tRe[base + mu * 4 + rho] = re;
                        tIm[base + mu * 4 + rho] = im;
                    }
                }
            }
        }
    }

    /** Fills ū(q1, λ) γ^ρ (a) and γ^μ v(q2, λ) (b) for both helicities. */
    private void spinors(double[] q1, double[] q2) {
        // particle spinor u(q1, h), then ū = u† γ^0: ū_j = conj(u_{j xor 2})
        helicitySpinors(q1, false, vRe, vIm);
        for (int h = 0; h < 2; h++) {
            for (int j = 0; j < 4; j++) {
                ubarRe[h * 4 + j] = vRe[h * 4 + (j ^ 2)];
                ubarIm[h * 4 + j] = -vIm[h * 4 + (j ^ 2)];
            }
        }
        helicitySpinors(q2, true, vRe, vIm);
        for (int h = 0; h < 2; h++) {
            for (int g = 0; g < 4; g++) {
                int o = h * 16 + g * 4;
                for (int i = 0; i < 4; i++) {
                    int c = GAMMA_COL[g][i];
                    double gr = GAMMA_RE[g][i];
                    double gi = GAMMA_IM[g][i];
                    // (ū γ^g)_c = ū_i γ^g_{ic}
                    double ur = ubarRe[h * 4 + i];
                    double ui = ubarIm[h * 4 + i];
                    aRe[o + c] = ur * gr - ui * gi;
                    aIm[o + c] = ur * gi + ui * gr;
                    // (γ^g v)_i = γ^g_{ic} v_c
                    double vr = vRe[h * 4 + c];
                    double vi = vIm[h * 4 + c];
                    bRe[o + i] = gr * vr - gi * vi;
                    bIm[o + i] = gr * vi + gi * vr;
                }
            }
        }
    }

    /**
     * Helicity spinors u(p, ±) (or v(p, ±) when {@code antiparticle}) in the Weyl representation.
     * Output layout {@code [h*4 + component]}, h = 0 for helicity +1/2, 1 for −1/2.
     */
    private void helicitySpinors(double[] p, boolean antiparticle, double[] re, double[] im) {
        double e = p[0];
        double px = p[1];
        double py = p[2];
        double pz = p[3];
        double mod = Math.sqrt(px * px + py * py + pz * pz);
        double m2 = muonMass * muonMass;
        double plus = Math.sqrt(e + mod);
        double minus = Math.sqrt(m2 / (e + mod));
        // two-component helicity eigenstates ξ+ and ξ−
        double xpRe0;
        double xpIm0;
        double xpRe1;
        double xpIm1;
        double xmRe0;
        double xmIm0;
        double xmRe1;
        double xmIm1;
        double apz = mod + pz;
        if (apz > 1e-12 * (mod + 1e-300)) {
            double norm = 1.0 / Math.sqrt(2.0 * mod * apz);
            xpRe0 = apz * norm;
            xpIm0 = 0.0;
            xpRe1 = px * norm;
            xpIm1 = py * norm;
            xmRe0 = -px * norm;
            xmIm0 = py * norm;
            xmRe1 = apz * norm;
            xmIm1 = 0.0;
        } else {
            // along −z (or at rest): θ = π, φ = 0
            xpRe0 = 0.0;
            xpIm0 = 0.0;
            xpRe1 = 1.0;
            xpIm1 = 0.0;
            xmRe0 = -1.0;
            xmIm0 = 0.0;
            xmRe1 = 0.0;
            xmIm1 = 0.0;
        }
        double sign = antiparticle ? -1.0 : 1.0;
        // helicity +: (√(E−|p|) ξ+, ±√(E+|p|) ξ+)
        re[0] = minus * xpRe0;
        im[0] = minus * xpIm0;
        re[1] = minus * xpRe1;
        im[1] = minus * xpIm1;
        re[2] = sign * plus * xpRe0;
        im[2] = sign * plus * xpIm0;
        re[3] = sign * plus * xpRe1;
        im[3] = sign * plus * xpIm1;
        // helicity −: (√(E+|p|) ξ−, ±√(E−|p|) ξ−)
        re[4] = plus * xmRe0;
        im[4] = plus * xmIm0;
        re[5] = plus * xmRe1;
        im[5] = plus * xmIm1;
        re[6] = sign * minus * xmRe0;
        im[6] = sign * minus * xmIm0;
        re[7] = sign * minus * xmRe1;
        im[7] = sign * minus * xmIm1;
    }

    /** Fills {@code scale * (p̸ + m)} in the Weyl representation, row-major 4x4. */
    private static void fillSlashPlusMass(double e, double px, double py, double pz, double m, double scale,
                                          double[] re, double[] im) {
        java.util.Arrays.fill(re, 0.0);
        java.util.Arrays.fill(im, 0.0);
        re[0] = m * scale;
        re[5] = m * scale;
        re[10] = m * scale;
        re[15] = m * scale;
        // upper right: p·σ = [[E − pz, −px + i py], [−px − i py, E + pz]]
        re[2] = (e - pz) * scale;
        re[3] = -px * scale;
        im[3] = py * scale;
        re[6] = -px * scale;
        im[6] = -py * scale;
        re[7] = (e + pz) * scale;
        // lower left: p·σ̄ = [[E + pz, px − i py], [px + i py, E − pz]]
        re[8] = (e + pz) * scale;
        re[9] = px * scale;
        im[9] = -py * scale;
        re[12] = px * scale;
        im[12] = py * scale;
        re[13] = (e - pz) * scale;
    }

    /** Minkowski product. */
    static double dot(double[] a, double[] b) {
        return a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3];
    }
}
