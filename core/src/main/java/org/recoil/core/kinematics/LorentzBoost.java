package org.recoil.core.kinematics;

import org.recoil.core.InvalidInputException;

/**
 * A pure Lorentz boost by the velocity {@code β} (units of c): applied to a particle at rest it gives
 * the particle velocity {@code β}. With {@code γ = 1/√(1-β²)} (J. D. Jackson, <i>Classical
 * Electrodynamics</i>, 3rd ed., eq. 11.19, written as an active transformation):
 * <pre>
 *   E' = γ (E + β·p)
 *   p' = p + [γ²/(γ+1) (β·p) + γ E] β
 * </pre>
 * ({@code γ²/(γ+1) = (γ-1)/β²}, which stays finite as {@code β -> 0}). The inverse boost is
 * {@link #inverse()} (velocity {@code -β}). Immutable; {@link #apply(double, double, double, double, double[])}
 * transforms primitive components without allocation for column-wise loops.
 */
public final class LorentzBoost {
    private final double bx;
    private final double by;
    private final double bz;
    private final double gamma;
    private final double gamma2OverGammaPlus1;

    private LorentzBoost(double bx, double by, double bz) {
        double b2 = bx * bx + by * by + bz * bz;
        if (!(b2 < 1.0)) {
            throw new InvalidInputException("boost velocity |β|² = " + b2 + " must be below 1 (and finite)");
        }
        this.bx = bx;
        this.by = by;
        this.bz = bz;
        this.gamma = 1.0 / Math.sqrt(1.0 - b2);
        this.gamma2OverGammaPlus1 = gamma * gamma / (gamma + 1.0);
    }

    /**
     * @param beta the boost velocity, {@code |β| < 1}
     * @return the boost
     * @throws InvalidInputException if {@code |β| >= 1} or a component is not finite
     */
    public static LorentzBoost of(ThreeVector beta) {
        return new LorentzBoost(beta.x(), beta.y(), beta.z());
    }

    /**
     * @param bx β_x
     * @param by β_y
     * @param bz β_z
     * @return the boost
     * @throws InvalidInputException if {@code |β| >= 1} or a component is not finite
     */
    public static LorentzBoost of(double bx, double by, double bz) {
        return new LorentzBoost(bx, by, bz);
    }

    /** @return the boost velocity β */
    public ThreeVector beta() {
        return new ThreeVector(bx, by, bz);
    }

    /** @return the Lorentz factor γ */
    public double gamma() {
        return gamma;
    }

    /** @return the boost by {@code -β}, undoing this one */
    public LorentzBoost inverse() {
        return new LorentzBoost(-bx, -by, -bz);
    }

    /**
     * @param v a four-vector
     * @return the boosted four-vector
     */
    public FourVector apply(FourVector v) {
        double bp = bx * v.px() + by * v.py() + bz * v.pz();
        double f = gamma2OverGammaPlus1 * bp + gamma * v.e();
        return new FourVector(gamma * (v.e() + bp), v.px() + f * bx, v.py() + f * by, v.pz() + f * bz);
    }

    /**
     * Boosts primitive components without allocation.
     *
     * @param e energy
     * @param px momentum x
     * @param py momentum y
     * @param pz momentum z
     * @param out receives {@code {E', px', py', pz'}} (length at least 4)
     */
    public void apply(double e, double px, double py, double pz, double[] out) {
        double bp = bx * px + by * py + bz * pz;
        double f = gamma2OverGammaPlus1 * bp + gamma * e;
        out[0] = gamma * (e + bp);
        out[1] = px + f * bx;
        out[2] = py + f * by;
        out[3] = pz + f * bz;
    }

    /**
     * Energy after the boost, {@code γ (E + β·p)}, without computing the momentum.
     *
     * @param e energy
     * @param px momentum x
     * @param py momentum y
     * @param pz momentum z
     * @return the boosted energy
     */
    public double energy(double e, double px, double py, double pz) {
        return gamma * (e + (bx * px + by * py + bz * pz));
    }

    @Override
    public String toString() {
        return "LorentzBoost[beta=(" + bx + ", " + by + ", " + bz + "), gamma=" + gamma + "]";
    }
}
