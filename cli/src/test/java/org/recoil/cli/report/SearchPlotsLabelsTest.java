package org.recoil.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.recoil.core.physics.DeltaAMuScenario;

/** The legend labels of the search plots: processes and (g−2)μ scenarios as a physicist names them. */
class SearchPlotsLabelsTest {

    @Test
    void samplesAreNamedByTheirProcess() {
        assertEquals("e⁺e⁻ → μ⁺μ⁻(γ)", SearchPlots.processLabel("mumu_gamma"));
        assertEquals("e⁺e⁻ → τ⁺τ⁻(γ)", SearchPlots.processLabel("tautau_gamma"));
        assertEquals("e⁺e⁻ → e⁺e⁻μ⁺μ⁻", SearchPlots.processLabel("eemumu"));
        assertEquals("my_sample", SearchPlots.processLabel("my_sample"));
    }

    @Test
    void g2BandsAreNamedByExperimentYearAndTheory() {
        assertEquals("(g−2)μ ±2σ: BNL+FNAL 2021 vs WP2020, Δaμ = (251 ± 59)×10⁻¹¹",
                SearchPlots.g2Label(DeltaAMuScenario.BNL_FNAL_2021_WP2020));
        assertEquals("(g−2)μ ±2σ: FNAL 2023 vs WP2020, Δaμ = (249 ± 48)×10⁻¹¹",
                SearchPlots.g2Label(DeltaAMuScenario.FNAL_2023_WP2020));
        assertEquals("(g−2)μ ±2σ: FNAL 2025 vs WP2025, Δaμ = (38 ± 63)×10⁻¹¹",
                SearchPlots.g2Label(DeltaAMuScenario.FNAL_2025_WP2025));
        assertEquals("(g−2)μ ±2σ: Δaμ = (100 ± 20)×10⁻¹¹", SearchPlots.g2Label(DeltaAMuScenario.custom(100, 20)));
    }
}
