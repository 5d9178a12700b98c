package org.recoil.core.physics;

/**
 * Physical constants in natural units (GeV), as used by {@code reference/physics.json}.
 * Masses from the Particle Data Group (PDG 2024).
 */
public final class PhysicsConstants {
    /** Muon mass in GeV. */
    public static final double MUON_MASS = 0.1056583755;
    /** Tau mass in GeV. */
    public static final double TAU_MASS = 1.77686;
    /** Electron mass in GeV. */
    public static final double ELECTRON_MASS = 0.51099895e-3;
    /** Fine-structure constant at zero momentum transfer. */
    public static final double ALPHA = 1.0 / 137.035999;
    /** Default centre-of-mass energy √s of Belle II at the Υ(4S), in GeV. */
    public static final double SQRT_S_BELLE2 = 10.58;
    /** Conversion (ħc)²: 1 GeV⁻² = 3.893793721e8 pb. */
    public static final double GEV2_TO_PB = 3.893793721e8;

    private PhysicsConstants() {
    }
}
