package org.recoil.core.kinematics;

import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.PhysicsConstants;

/**
 * The colliding beams of an e⁺e⁻ collider, defining the frame in which event momenta are given.
 *
 * <p><b>Frame convention</b> (that of Belle II's {@code BeamParameters}, basf2): the z axis is the
 * detector (solenoid) axis; the beams lie in the x-z plane, each tilted by half the crossing angle
 * {@code α} towards +x. The electron (HER at SuperKEKB) moves along
 * {@code (sin(α/2), 0, cos(α/2))}, the positron (LER) along {@code (sin(α/2), 0, -cos(α/2))}, so the
 * angle between the two momenta is {@code π - α}. Beam particles carry the electron mass.
 *
 * <p>{@link #belle2()}: 7.0 GeV e⁻ on 4.0 GeV e⁺ with {@code α = 83 mrad} (DESIGN.md; SuperKEKB design).
 * Then {@code √s = 2√(E₋E₊) cos(α/2) = 10.5739 GeV} (up to electron-mass terms of order 1e-8), the
 * initial state is {@code (E, px, py, pz) = (11, 0.45637, 0, 2.99742) GeV} and the centre-of-mass
 * frame moves with {@code β = (0.041488, 0, 0.272492)}, {@code βγ = 0.2867}. (Belle II's Υ(4S)
 * running uses 7.004/4.002 GeV for {@code √s = 10.5796 GeV}; use the canonical constructor for that.)
 *
 * <p>{@link #symmetric(double)}: head-on beams of equal energy, the electron along +z and the
 * positron along -z; the frame is then the centre-of-mass frame, for event tables whose momenta are
 * already given in the CM frame (with the electron beam as z axis).
 *
 * <p>The CM frame of {@link #toCm(FourVector)} is reached by the pure boost {@code -β_cm} without
 * rotation: its axes are parallel to the lab axes (so with a crossing angle the beams are not along
 * its z axis; see {@link #cmElectronDirection()}).
 *
 * @param electronEnergy energy of the electron beam, GeV
 * @param positronEnergy energy of the positron beam, GeV
 * @param crossingAngle full crossing angle {@code α} between the beam lines, radians, in {@code [0, π)}
 */
public record BeamConfiguration(double electronEnergy, double positronEnergy, double crossingAngle) {

    /** SuperKEKB electron (HER) beam energy, GeV. */
    public static final double BELLE2_ELECTRON_ENERGY = 7.0;
    /** SuperKEKB positron (LER) beam energy, GeV. */
    public static final double BELLE2_POSITRON_ENERGY = 4.0;
    /** SuperKEKB full crossing angle, radians (83 mrad). */
    public static final double BELLE2_CROSSING_ANGLE = 0.083;

    /**
     * @throws InvalidInputException if an energy is not finite or not above the electron mass, or
     *     the crossing angle is not in {@code [0, π)}
     */
    public BeamConfiguration {
        checkEnergy("electron", electronEnergy);
        checkEnergy("positron", positronEnergy);
        if (!(crossingAngle >= 0 && crossingAngle < Math.PI)) {
            throw new InvalidInputException("beams: crossing angle must be in [0, pi) radians, got " + crossingAngle);
        }
    }

    private static void checkEnergy(String beam, double energy) {
        if (!(energy > PhysicsConstants.ELECTRON_MASS && Double.isFinite(energy))) {
            throw new InvalidInputException("beams: " + beam + " beam energy must be finite and above the electron mass, got "
                    + energy + " GeV");
        }
    }

    /** @return Belle II at SuperKEKB: 7.0 GeV e⁻, 4.0 GeV e⁺, 83 mrad crossing angle ({@code √s = 10.5739 GeV}) */
    public static BeamConfiguration belle2() {
        return new BeamConfiguration(BELLE2_ELECTRON_ENERGY, BELLE2_POSITRON_ENERGY, BELLE2_CROSSING_ANGLE);
    }

    /**
     * @param sqrtS centre-of-mass energy, GeV
     * @return head-on beams of energy {@code √s/2} each: the lab frame is the CM frame
     * @throws InvalidInputException if {@code √s} is not finite and above twice the electron mass
     */
    public static BeamConfiguration symmetric(double sqrtS) {
        return new BeamConfiguration(sqrtS / 2, sqrtS / 2, 0.0);
    }

    /** @return the electron beam four-momentum */
    public FourVector electronBeam() {
        return beam(electronEnergy, +1);
    }

    /** @return the positron beam four-momentum */
    public FourVector positronBeam() {
        return beam(positronEnergy, -1);
    }

    private FourVector beam(double energy, int zSign) {
        double m = PhysicsConstants.ELECTRON_MASS;
        double p = Math.sqrt((energy - m) * (energy + m));
        double half = 0.5 * crossingAngle;
        return new FourVector(energy, p * Math.sin(half), 0.0, zSign * p * Math.cos(half));
    }

    /** @return the total initial four-momentum {@code P = p(e⁻) + p(e⁺)} */
    public FourVector initialState() {
        return electronBeam().plus(positronBeam());
    }

    /** @return the squared centre-of-mass energy {@code s = P²}, GeV² */
    public double s() {
        return initialState().mass2();
    }

    /** @return the centre-of-mass energy {@code √s}, GeV */
    public double sqrtS() {
        return Math.sqrt(s());
    }

    /** @return the velocity of the centre-of-mass frame in this frame, {@code β_cm = P/E} */
    public ThreeVector cmVelocity() {
        return initialState().boostVector();
    }

    /** @return the boost taking lab-frame four-vectors to the CM frame (velocity {@code -β_cm}) */
    public LorentzBoost labToCm() {
        return LorentzBoost.of(cmVelocity().negate());
    }

    /** @return the boost taking CM-frame four-vectors to the lab frame (velocity {@code +β_cm}) */
    public LorentzBoost cmToLab() {
        return LorentzBoost.of(cmVelocity());
    }

    /**
     * @param lab a four-vector in this (lab) frame
     * @return the same four-vector in the CM frame
     */
    public FourVector toCm(FourVector lab) {
        return labToCm().apply(lab);
    }

    /**
     * @param cm a four-vector in the CM frame
     * @return the same four-vector in this (lab) frame
     */
    public FourVector toLab(FourVector cm) {
        return cmToLab().apply(cm);
    }

    /** @return the unit direction of the electron beam in the CM frame (the CM beam axis) */
    public ThreeVector cmElectronDirection() {
        return toCm(electronBeam()).momentum().unit();
    }
}
