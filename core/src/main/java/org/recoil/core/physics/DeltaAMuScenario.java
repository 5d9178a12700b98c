package org.recoil.core.physics;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.recoil.core.InvalidInputException;

/**
 * A value of the muon anomaly discrepancy Δa<sub>μ</sub> = a<sub>μ</sub>(exp) − a<sub>μ</sub>(SM) with
 * its uncertainty, in units of 10⁻¹¹ ({@link #UNIT}).
 *
 * <p>Three published scenarios are provided as constants (values from
 * {@code reference/physics.json}); user-supplied values are made with {@link #custom}.
 *
 * @param name identifier, e.g. {@code "fnal_2023_wp2020"} or {@code "custom"}
 * @param central central value of Δa<sub>μ</sub> in units of 10⁻¹¹ (finite; may be ≤ 0)
 * @param sigma one-standard-deviation uncertainty in units of 10⁻¹¹ (finite and &gt; 0)
 */
public record DeltaAMuScenario(String name, double central, double sigma) {

    /** The unit of {@link #central} and {@link #sigma}: 10⁻¹¹. */
    public static final double UNIT = 1e-11;

    /**
     * BNL E821 + FNAL Run 1 world average (2021), a<sub>μ</sub> = 116592061(41) × 10⁻¹¹, against the
     * Muon g−2 Theory Initiative White Paper 2020 (Phys. Rept. 887 (2020) 1), 116591810(43):
     * Δa<sub>μ</sub> = 251(59) × 10⁻¹¹.
     */
    public static final DeltaAMuScenario BNL_FNAL_2021_WP2020 = new DeltaAMuScenario("bnl_fnal_2021_wp2020", 251, 59);

    /** World average 2023 (FNAL Run 1–3), 116592059(22) × 10⁻¹¹, against WP2020: 249(48) × 10⁻¹¹. */
    public static final DeltaAMuScenario FNAL_2023_WP2020 = new DeltaAMuScenario("fnal_2023_wp2020", 249, 48);

    /**
     * FNAL final world average (2025), 116592071.5(14.5) × 10⁻¹¹, against the Theory Initiative
     * White Paper 2025 (lattice-QCD hadronic vacuum polarisation), 116592033(62): 38(63) × 10⁻¹¹.
     * Here central − 2σ &lt; 0, so the favoured band has only an upper edge.
     */
    public static final DeltaAMuScenario FNAL_2025_WP2025 = new DeltaAMuScenario("fnal_2025_wp2025", 38, 63);

    /** The published scenarios, oldest first. */
    public static final List<DeltaAMuScenario> PUBLISHED =
            List.of(BNL_FNAL_2021_WP2020, FNAL_2023_WP2020, FNAL_2025_WP2025);

    /** The scenario used when none is named: the most recent, {@link #FNAL_2025_WP2025}. */
    public static final DeltaAMuScenario DEFAULT = FNAL_2025_WP2025;

    /** Validates the fields ({@link InvalidInputException} when out of range). */
    public DeltaAMuScenario {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("Delta a_mu scenario: the name must not be blank");
        }
        if (!Double.isFinite(central)) {
            throw new InvalidInputException("Delta a_mu scenario '" + name + "': central value (1e-11) must be finite, got " + central);
        }
        if (!(sigma > 0.0) || Double.isInfinite(sigma)) {
            throw new InvalidInputException("Delta a_mu scenario '" + name + "': sigma (1e-11) must be finite and > 0, got " + sigma);
        }
    }

    /**
     * @param central central Δa<sub>μ</sub> in units of 10⁻¹¹
     * @param sigma its uncertainty in units of 10⁻¹¹ (&gt; 0)
     * @return a user-supplied scenario named {@code "custom"}
     */
    public static DeltaAMuScenario custom(double central, double sigma) {
        return new DeltaAMuScenario("custom", central, sigma);
    }

    /**
     * Looks up a published scenario by name (case-insensitive).
     *
     * @param name e.g. {@code "bnl_fnal_2021_wp2020"}
     * @return the scenario
     * @throws InvalidInputException naming the known scenarios if there is none of that name
     */
    public static DeltaAMuScenario byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (DeltaAMuScenario s : PUBLISHED) {
            if (s.name.equals(key)) {
                return s;
            }
        }
        throw new InvalidInputException("unknown Delta a_mu scenario '" + name + "'; expected one of "
                + PUBLISHED.stream().map(DeltaAMuScenario::name).collect(Collectors.joining(", ")));
    }

    /** @return the central value as a plain number (central × 10⁻¹¹) */
    public double centralValue() {
        return central * UNIT;
    }

    /** @return the uncertainty as a plain number (σ × 10⁻¹¹) */
    public double sigmaValue() {
        return sigma * UNIT;
    }
}
