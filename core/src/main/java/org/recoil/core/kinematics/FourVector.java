package org.recoil.core.kinematics;

import org.recoil.core.InvalidInputException;

/**
 * A four-momentum {@code (E, px, py, pz)} in GeV, metric {@code (+, -, -, -)}.
 *
 * <p>Angles follow the usual collider convention: the polar angle {@code θ} is measured from the
 * {@code +z} axis, in {@code [0, π]}; the azimuth {@code φ} from the {@code +x} axis towards {@code +y},
 * in {@code (-π, π]}. All components must be finite.
 *
 * @param e energy
 * @param px momentum x component
 * @param py momentum y component
 * @param pz momentum z component
 */
public record FourVector(double e, double px, double py, double pz) {

    /**
     * @throws InvalidInputException if a component is NaN or infinite
     */
    public FourVector {
        if (!(Double.isFinite(e) && Double.isFinite(px) && Double.isFinite(py) && Double.isFinite(pz))) {
            throw new InvalidInputException("four-vector components must be finite, got (E=" + e + ", px=" + px
                    + ", py=" + py + ", pz=" + pz + ")");
        }
    }

    /**
     * A particle of known mass from its momentum components, {@code E = √(m² + p²)}.
     *
     * @param mass rest mass, {@code >= 0}
     * @param px momentum x
     * @param py momentum y
     * @param pz momentum z
     * @return the four-momentum
     */
    public static FourVector fromMassAndMomentum(double mass, double px, double py, double pz) {
        return new FourVector(Math.sqrt(mass * mass + px * px + py * py + pz * pz), px, py, pz);
    }

    /**
     * A particle of known mass from its momentum magnitude and direction.
     *
     * @param mass rest mass, {@code >= 0}
     * @param p momentum magnitude, {@code >= 0}
     * @param theta polar angle from +z, radians
     * @param phi azimuth from +x, radians
     * @return the four-momentum
     */
    public static FourVector fromPThetaPhi(double mass, double p, double theta, double phi) {
        ThreeVector v = ThreeVector.fromRThetaPhi(p, theta, phi);
        return fromMassAndMomentum(mass, v.x(), v.y(), v.z());
    }

    /** @return the momentum 3-vector */
    public ThreeVector momentum() {
        return new ThreeVector(px, py, pz);
    }

    /** @return {@code |p|²} */
    public double p2() {
        return px * px + py * py + pz * pz;
    }

    /** @return {@code |p|} */
    public double p() {
        return Math.sqrt(p2());
    }

    /** @return the transverse momentum {@code √(px² + py²)} with respect to the z axis */
    public double pt() {
        return Math.hypot(px, py);
    }

    /** @return the invariant mass squared {@code E² - |p|²} (may be slightly negative from rounding or resolution) */
    public double mass2() {
        return e * e - p2();
    }

    /**
     * @return the invariant mass, signed: {@code √(m²)} for {@code m² >= 0} and {@code -√(-m²)} for a
     *     spacelike vector (the ROOT {@code TLorentzVector::M} convention; never NaN)
     */
    public double mass() {
        return RecoilMass.signedSqrt(mass2());
    }

    /** @return the polar angle from +z in {@code [0, π]} */
    public double theta() {
        return Math.atan2(pt(), pz);
    }

    /** @return the azimuth from +x in {@code (-π, π]} */
    public double phi() {
        return Math.atan2(py, px);
    }

    /**
     * @param o another four-vector
     * @return the sum
     */
    public FourVector plus(FourVector o) {
        return new FourVector(e + o.e, px + o.px, py + o.py, pz + o.pz);
    }

    /**
     * @param o another four-vector
     * @return the difference
     */
    public FourVector minus(FourVector o) {
        return new FourVector(e - o.e, px - o.px, py - o.py, pz - o.pz);
    }

    /**
     * @param o another four-vector
     * @return the Minkowski product {@code E E' - p·p'}
     */
    public double dot(FourVector o) {
        return e * o.e - px * o.px - py * o.py - pz * o.pz;
    }

    /**
     * @return the velocity {@code β = p/E} of the rest frame of this four-momentum
     * @throws InvalidInputException if {@code E <= 0}
     */
    public ThreeVector boostVector() {
        if (!(e > 0)) {
            throw new InvalidInputException("four-vector with energy " + e + " has no rest-frame velocity");
        }
        return new ThreeVector(px / e, py / e, pz / e);
    }

    /**
     * Applies the Lorentz boost of velocity {@code β} (see {@link LorentzBoost}): boosting a particle
     * at rest by {@code β} gives it velocity {@code β}; boosting by {@code -boostVector()} brings this
     * four-momentum to rest.
     *
     * @param beta the boost velocity, {@code |β| < 1}
     * @return the boosted four-vector
     * @throws InvalidInputException if {@code |β| >= 1}
     */
    public FourVector boost(ThreeVector beta) {
        return LorentzBoost.of(beta).apply(this);
    }
}
