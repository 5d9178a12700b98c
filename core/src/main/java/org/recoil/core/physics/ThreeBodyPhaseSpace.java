package org.recoil.core.physics;

import org.recoil.core.InvalidInputException;

/**
 * Three-body phase space of e⁺e⁻ → μ⁻(q1) μ⁺(q2) Z′(k) in the centre-of-mass frame, generated from
 * points of the unit hypercube with a mapping that flattens the soft and collinear peaks of Z′
 * radiation, and the phase-space weight {@code dΦ₃/du} of each point.
 *
 * <p>Factorisation (e.g. PDG Review "Kinematics", Eq. (49.21)–(49.22)):
 * {@code dΦ₃ = dΦ₂(√s; m₁₂, M) (ds₁₂ / 2π) dΦ₂(m₁₂; m, m)}, with
 * {@code dΦ₂(√P²; a, b) = |p*| / (4π √P²) · dΩ / 4π} and {@code (2π)⁴δ⁴} conventions
 * {@code dΦₙ = (2π)⁴ δ⁴(P − Σp) Π d³p / ((2π)³ 2E)}.
 *
 * <p>Variables and mappings (u ∈ [0,1)⁵):
 * <ul>
 *   <li>u₀: the dimuon mass² s₁₂ through {@code y = s + M² − s₁₂ = 2√s E_k},
 *       {@code y = y_min (y_max / y_min)^{u₀}} (density ∝ 1/E_k: the soft Z′ peak), with
 *       {@code y_min = 2√s M}, {@code y_max = s + M² − 4m²};</li>
 *   <li>u₁: {@code c = cos θ*}, the angle between μ⁻ and the Z′ in the dimuon rest frame, where
 *       {@code (q1+k)² − m² = A − B c} and {@code (q2+k)² − m² = A + B c}; with {@code b = B/A} the
 *       map {@code c = tanh((2u₁ − 1) artanh b) / b} has density ∝ 1/(1 − b²c²), exactly the
 *       product of the two collinear propagators;</li>
 *   <li>u₂: the azimuth of μ⁻ around the Z′ axis in the dimuon frame;</li>
 *   <li>u₃, u₄: cos Θ and Φ of the Z′ in the centre-of-mass frame (the beams along ±z).</li>
 * </ul>
 * The reduced form ({@link #generateReduced}) uses only u₀, u₁ and returns the weight with the three
 * orientation angles integrated out (for beam-averaged matrix elements). Immutable and thread-safe.
 */
public final class ThreeBodyPhaseSpace {
    /** Number of variables of {@link #generate}. */
    public static final int DIMENSION = 5;
    /** Number of variables of {@link #generateReduced}. */
    public static final int REDUCED_DIMENSION = 2;

    private final double sqrtS;
    private final double s;
    private final double muonMass;
    private final double zPrimeMass;
    private final double yMin;
    private final double yMax;
    private final double logRatio;

    /**
     * @param sqrtS centre-of-mass energy in GeV
     * @param muonMass muon mass in GeV, positive
     * @param zPrimeMass Z′ mass in GeV, in (0, √s − 2m)
     */
    public ThreeBodyPhaseSpace(double sqrtS, double muonMass, double zPrimeMass) {
        if (!(muonMass > 0.0) || !Double.isFinite(muonMass)) {
            throw new InvalidInputException("muon mass must be positive, got " + muonMass);
        }
        if (!(sqrtS > 2.0 * muonMass) || !Double.isFinite(sqrtS)) {
            throw new InvalidInputException("sqrt(s) must exceed 2 m_mu = " + 2.0 * muonMass + " GeV, got " + sqrtS);
        }
        if (!(zPrimeMass > 0.0) || !(zPrimeMass < sqrtS - 2.0 * muonMass)) {
            throw new InvalidInputException("Z' mass must be in (0, sqrt(s) - 2 m_mu) = (0, " + (sqrtS - 2.0 * muonMass)
                    + ") GeV, got " + zPrimeMass);
        }
        this.sqrtS = sqrtS;
        this.s = sqrtS * sqrtS;
        this.muonMass = muonMass;
        this.zPrimeMass = zPrimeMass;
        this.yMin = 2.0 * sqrtS * zPrimeMass;
        this.yMax = s + zPrimeMass * zPrimeMass - 4.0 * muonMass * muonMass;
        this.logRatio = Math.log(yMax / yMin);
    }

    /** @return √s in GeV */
    public double sqrtS() {
        return sqrtS;
    }

    /** @return the muon mass in GeV */
    public double muonMass() {
        return muonMass;
    }

    /** @return the Z′ mass in GeV */
    public double zPrimeMass() {
        return zPrimeMass;
    }

    /**
     * Generates a full phase-space point.
     *
     * @param u point of [0,1)⁵
     * @param muMinus output four-momentum of μ⁻ (centre-of-mass frame, e⁻ beam along +z)
     * @param muPlus output four-momentum of μ⁺
     * @param zPrime output four-momentum of the Z′
     * @return {@code dΦ₃/d⁵u} in GeV², 0 at the boundary
     */
    public double generate(double[] u, double[] muMinus, double[] muPlus, double[] zPrime) {
        return point(u[0], u[1], 2.0 * Math.PI * u[2], 2.0 * u[3] - 1.0, 2.0 * Math.PI * u[4],
                muMinus, muPlus, zPrime);
    }

    /**
     * Generates a point with a fixed orientation (Z′ along +z, μ⁻ in the x–z plane) and returns the
     * weight with the three orientation angles integrated: exact for integrands that do not depend
     * on the orientation (beam-averaged matrix elements, total cross sections).
     *
     * @param u point of [0,1)²
     * @param muMinus output four-momentum of μ⁻
     * @param muPlus output four-momentum of μ⁺
     * @param zPrime output four-momentum of the Z′
     * @return {@code dΦ₃/d²u} (orientation integrated) in GeV²
     */
    public double generateReduced(double[] u, double[] muMinus, double[] muPlus, double[] zPrime) {
        return point(u[0], u[1], 0.0, 1.0, 0.0, muMinus, muPlus, zPrime);
    }

    private double point(double u0, double u1, double phiStar, double cosTheta, double phi,
                         double[] q1, double[] q2, double[] k) {
        double m = muonMass;
        double mz = zPrimeMass;
        double y = yMin * Math.exp(u0 * logRatio);
        if (y > yMax) {
            y = yMax;
        }
        double s12 = s + mz * mz - y;
        double dS12 = y * logRatio;
        // Z′ in the centre-of-mass frame: E_k = y / (2√s), |k| = √((E−M)(E+M))
        double ek = y / (2.0 * sqrtS);
        double kMod = Math.sqrt(Math.max(0.0, (y - yMin) / (2.0 * sqrtS) * (ek + mz)));
        // dimuon rest frame
        double w = Math.sqrt(s12);
        double eStar = 0.5 * w;
        double pStar = 0.5 * Math.sqrt(Math.max(0.0, yMax - y));
        double ekStar = (y - 2.0 * mz * mz) / (2.0 * w);
        double kStar = sqrtS * kMod / w;
        // collinear propagators: A ∓ B c
        double a = mz * mz + 2.0 * eStar * ekStar;
        double b = 2.0 * pStar * kStar;
        double aMinusB = mz * mz + 2.0 * (m * m * ekStar * ekStar + mz * mz * eStar * eStar - m * m * mz * mz)
                / (eStar * ekStar + pStar * kStar);
        double c;
        double dc;
        double ratio = b / a;
        if (ratio < 1e-8) {
            c = 2.0 * u1 - 1.0;
            dc = 2.0;
        } else {
            double atanh = 0.5 * Math.log((a + b) / aMinusB);
            c = Math.tanh((2.0 * u1 - 1.0) * atanh) / ratio;
            if (c > 1.0) {
                c = 1.0;
            } else if (c < -1.0) {
                c = -1.0;
            }
            // 1 − b²c² computed as ((A − Bc)(A + Bc))/A²
            dc = 2.0 * atanh / ratio * ((a - b * c) * (a + b * c)) / (a * a);
        }
        double sinStar = Math.sqrt(Math.max(0.0, (1.0 - c) * (1.0 + c)));
        // orientation of the Z′: n = (sinΘ cosΦ, sinΘ sinΦ, cosΘ); transverse basis e1, e2
        double sinTheta = Math.sqrt(Math.max(0.0, (1.0 - cosTheta) * (1.0 + cosTheta)));
        double cosPhi = Math.cos(phi);
        double sinPhi = Math.sin(phi);
        double nx = sinTheta * cosPhi;
        double ny = sinTheta * sinPhi;
        double nz = cosTheta;
        double e1x = cosTheta * cosPhi;
        double e1y = cosTheta * sinPhi;
        double e1z = -sinTheta;
        double e2x = -sinPhi;
        double e2y = cosPhi;
        double tx = pStar * sinStar * Math.cos(phiStar);
        double ty = pStar * sinStar * Math.sin(phiStar);
        double pl = pStar * c;
        // boost from the dimuon frame to the CM frame: velocity −|k|/(√s − E_k) along n
        double gamma = (sqrtS - ek) / w;
        double gammaBeta = kMod / w;
        double e1 = gamma * eStar - gammaBeta * pl;
        double l1 = gamma * pl - gammaBeta * eStar;
        double e2 = gamma * eStar + gammaBeta * pl;
        double l2 = -gamma * pl - gammaBeta * eStar;
        q1[0] = e1;
        q1[1] = l1 * nx + tx * e1x + ty * e2x;
        q1[2] = l1 * ny + tx * e1y + ty * e2y;
        q1[3] = l1 * nz + tx * e1z;
        q2[0] = e2;
        q2[1] = l2 * nx - tx * e1x - ty * e2x;
        q2[2] = l2 * ny - tx * e1y - ty * e2y;
        q2[3] = l2 * nz - tx * e1z;
        k[0] = ek;
        k[1] = kMod * nx;
        k[2] = kMod * ny;
        k[3] = kMod * nz;
        // dΦ₂(√s; m₁₂, M) = |k| / (4π √s); ds₁₂ / 2π; dΦ₂(m₁₂; m, m) = p* / (4π m₁₂) · (dc dφ*) / 4π
        double phiZ = kMod / (4.0 * Math.PI * sqrtS);
        double phiMuMu = pStar / (4.0 * Math.PI * w);
        return phiZ * dS12 / (2.0 * Math.PI) * phiMuMu * dc * 0.5;
    }

    /**
     * Two-body phase space for e⁺e⁻ → μ⁻μ⁺ (the Born process), uniform in cos θ and φ.
     *
     * @param sqrtS centre-of-mass energy in GeV
     * @param muonMass muon mass in GeV
     * @param u point of [0,1)²
     * @param muMinus output four-momentum of μ⁻
     * @param muPlus output four-momentum of μ⁺
     * @return {@code dΦ₂/d²u = β/(8π)}
     */
    public static double generateTwoBody(double sqrtS, double muonMass, double[] u, double[] muMinus,
                                         double[] muPlus) {
        double e = 0.5 * sqrtS;
        double p = Math.sqrt((e - muonMass) * (e + muonMass));
        double c = 2.0 * u[0] - 1.0;
        double sn = Math.sqrt(Math.max(0.0, (1.0 - c) * (1.0 + c)));
        double phi = 2.0 * Math.PI * u[1];
        muMinus[0] = e;
        muMinus[1] = p * sn * Math.cos(phi);
        muMinus[2] = p * sn * Math.sin(phi);
        muMinus[3] = p * c;
        muPlus[0] = e;
        muPlus[1] = -muMinus[1];
        muPlus[2] = -muMinus[2];
        muPlus[3] = -muMinus[3];
        // dΦ₂ = |p| / (4π √s) · dΩ / 4π, dΩ = 4π d²u
        return p / (4.0 * Math.PI * sqrtS);
    }
}
