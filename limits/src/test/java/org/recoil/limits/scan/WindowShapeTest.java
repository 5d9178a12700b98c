package org.recoil.limits.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;
import org.recoil.core.physics.RecoilMassResolution;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.limits.projection.LuminosityProjection;
import org.recoil.limits.projection.SystematicsScenario;

/** The shape-fit option: a window split into bins of M_rec². */
class WindowShapeTest {

    private static final Luminosity L = Luminosity.parse("276/pb");
    private static final MassWindow W = MassWindow.around(2.0, RecoilMassResolution.belle2(), 2.0);

    private static MassPointInput shaped(double[] background, double[] observed, double[] fractions) {
        double b = java.util.Arrays.stream(background).sum();
        double n = java.util.Arrays.stream(observed).sum();
        double[] edges = new double[background.length + 1];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = W.lo() + W.width() * i / background.length;
        }
        WindowShape s = new WindowShape(edges, observed, List.of(background), List.of(new double[background.length]),
                fractions);
        return new MassPointInput(2.0, W, n, List.of(new SampleYield("bkg", b, 0, 1000)), 0.2, 0, 10, 0.5,
                Optional.of(s));
    }

    private static double expectedSignalLimit(MassPointInput p) {
        MassPointResult r = MassScan.point(0, p, L, Systematics.none(), ScanOptions.defaults());
        assertTrue(r.hasLimit(), r.message());
        return r.limit().orElseThrow().muExpected().median() * r.normalisation().orElseThrow().expectedSignalEvents();
    }

    @Test
    void signalShapedLikeTheBackgroundGivesTheCountingLimit() {
        // s_i / b_i constant: the total count is a sufficient statistic, the limit is the counting one
        double[] b = {30, 60, 90, 20};
        double[] f = {0.15, 0.30, 0.45, 0.10};
        double shape = expectedSignalLimit(shaped(b, b, f));
        double counting = expectedSignalLimit(ScanFixtures.counting(2.0, 200, 200));
        assertEquals(counting, shape, 2e-3 * counting);
    }

    @Test
    void aPeakedSignalOnAFlatBackgroundGivesAStrongerLimit() {
        double[] b = {50, 50, 50, 50};
        double[] f = {0.05, 0.45, 0.45, 0.05};
        double shape = expectedSignalLimit(shaped(b, b, f));
        double counting = expectedSignalLimit(ScanFixtures.counting(2.0, 200, 200));
        assertTrue(shape < 0.85 * counting, "shape " + shape + " vs counting " + counting);
    }

    @Test
    void theWorkspaceHasOneBinPerShapeBin() {
        double[] b = {5, 10, 5};
        MassPointInput p = shaped(b, new double[] {4, 12, 6}, new double[] {0.2, 0.6, 0.2});
        HistFactoryModel m = HistFactoryModel.of(SearchWorkspace.build(p, 10, Systematics.defaults(), 10));
        assertEquals(3, m.mainSize());
        assertEquals(List.of(4.0, 12.0, 6.0), java.util.Arrays.stream(m.observed().main()).boxed().toList());
        double[] nominal = m.expectedMain(m.parameters().inits());
        assertEquals(5 + 2.0, nominal[0], 1e-12);
        assertEquals(10 + 6.0, nominal[1], 1e-12);
    }

    @Test
    void projectionScalesEveryBinAndUsesAsimovDataPerBin() {
        double[] b = {5, 10, 5};
        MassPointInput p = shaped(b, new double[] {4, 12, 6}, new double[] {0.2, 0.6, 0.2});
        MassPointInput q = LuminosityProjection.scaledInputs(List.of(p), 100, new SystematicsScenario.Fixed()).get(0);
        WindowShape s = q.shape().orElseThrow();
        assertEquals(List.of(500.0, 1000.0, 500.0), java.util.Arrays.stream(s.observed()).boxed().toList());
        assertEquals(2000.0, q.observed(), 1e-9);
        assertEquals(1000.0, s.backgrounds().get(0)[1], 1e-9);
    }

    @Test
    void inconsistentShapesAreRejected() {
        double[] e = {0, 1, 2};
        assertThrows(InvalidInputException.class, () -> new WindowShape(e, new double[] {1, 1}, List.of(),
                List.of(), new double[] {0.5, 0.6}));
        assertThrows(InvalidInputException.class, () -> new WindowShape(new double[] {0, 2, 1}, new double[] {1, 1},
                List.of(), List.of(), new double[] {0.5, 0.5}));
        WindowShape s = new WindowShape(e, new double[] {1, 1}, List.of(new double[] {3, 3}),
                List.of(new double[] {0, 0}), new double[] {0.5, 0.5});
        InvalidInputException x = assertThrows(InvalidInputException.class, () -> new MassPointInput(2.0, W, 2,
                List.of(new SampleYield("bkg", 5, 0, 10)), 0.2, 0, 10, 0.5, Optional.of(s)));
        assertTrue(x.getMessage().contains("bkg"), x.getMessage());
    }
}
