package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.recoil.core.physics.CrossSectionTable;
import org.recoil.core.physics.DeltaAMuScenario;
import org.recoil.core.physics.G2Band;
import org.recoil.core.physics.LmuLtauZPrime;
import org.recoil.core.physics.MuonAnomaly;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.patch.WorkspaceSource;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.interval.UpperLimit;
import org.recoil.limits.interval.UpperLimitResult;

/** The Java API example of the README, run as written, against the pyhf reference numbers. */
class ReadmeApiTest {

    @Test
    void workspaceToLimitAsInTheReadme() {
        HistFactoryModel model = HistFactoryModel.fromFile(SharedReference.resolve("pyhf/recoil_20bin_shape.json"),
                null, ModelOptions.defaults());
        FitResult fit = Minimizer.standard().fit(model, model.observed());
        assertTrue(fit.converged());
        assertEquals(46.4153151749703, fit.twiceNll(), 46.4153151749703 * 1e-6);
        AsymptoticCalculator calc = new AsymptoticCalculator(model, Minimizer.standard());
        HypoTestResult h = calc.hypotest(1.0);
        assertEquals(0.23533846541027162, h.cls(), 1e-4);
        assertEquals(0.14182282044886252, h.clsExpected().median(), 1e-4);
        UpperLimitResult ul = UpperLimit.atCl(0.90).compute(calc);
        assertEquals(1.3484481996717297, ul.observed(), 1.3484481996717297 * 1e-3);
        assertEquals(1.6538190621946696, ul.expected().plus1(), 1.6538190621946696 * 1e-3);
        assertTrue(ul.scan().size() > 2);
    }

    @Test
    void patchedPublishedLikelihoodAsInTheReadme() {
        Path dir = SharedReference.resolve("realworld/sbottom-ins1748602/RegionA");
        HistFactoryModel sbottom = WorkspaceSource.of(dir.resolve("BkgOnly.json"))
                .withPatch(dir.resolve("patch.sbottom_1300_850_60.json")).model(null, ModelOptions.defaults());
        assertEquals(64, sbottom.parameters().size());
        FitResult fit = Minimizer.standard().fit(sbottom, sbottom.observed());
        assertEquals(99.2198330184203, fit.twiceNll(), 99.2198330184203 * 1e-6);
    }

    @Test
    void zPrimePhysicsAsInTheReadme() {
        assertEquals(0.5, LmuLtauZPrime.INSTANCE.brInvisible(2.0), 0.01);
        assertEquals(34.644, CrossSectionTable.belle2().sigmaPb(2.0), 34.644 * 0.01);
        G2Band band = MuonAnomaly.band(2.0, DeltaAMuScenario.BNL_FNAL_2021_WP2020);
        assertTrue(band.hasLower() && band.lower() < band.central() && band.central() < band.upper());
    }
}
