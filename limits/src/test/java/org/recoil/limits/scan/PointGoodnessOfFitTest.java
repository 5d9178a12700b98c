package org.recoil.limits.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.recoil.core.physics.Luminosity;
import org.recoil.core.physics.RecoilMassResolution;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.diagnostics.GoodnessOfFit;
import org.recoil.limits.diagnostics.GoodnessOfFitResult;

/** The per-point goodness of fit of a mass scan equals {@link GoodnessOfFit} on the point's own workspace. */
class PointGoodnessOfFitTest {

    private static final Luminosity L = Luminosity.parse("276/pb");
    private static final double[] SIGNAL_FRACTIONS = {0.05, 0.2, 0.5, 0.2, 0.05};

    /** A shape point in 5 bins: two backgrounds, data = background × {@code distortion} per bin. */
    static MassPointInput shapePoint(double mass, double[] distortion) {
        MassWindow w = MassWindow.around(mass, RecoilMassResolution.belle2(), 2.0);
        int n = SIGNAL_FRACTIONS.length;
        double[] edges = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            edges[i] = w.lo() + (w.hi() - w.lo()) * i / n;
        }
        double[] b0 = {40, 42, 45, 47, 50};
        double[] b1 = {10, 9, 8, 7, 6};
        double[] obs = new double[n];
        double[] v0 = new double[n];
        double[] v1 = new double[n];
        for (int i = 0; i < n; i++) {
            obs[i] = Math.rint((b0[i] + b1[i]) * distortion[i]);
            v0[i] = 0.05 * 0.05 * b0[i] * b0[i];
            v1[i] = 0.05 * 0.05 * b1[i] * b1[i];
        }
        double y0 = java.util.Arrays.stream(b0).sum();
        double y1 = java.util.Arrays.stream(b1).sum();
        List<SampleYield> bkg = List.of(new SampleYield("b0", y0, java.util.Arrays.stream(v0).sum(), 400),
                new SampleYield("b1", y1, java.util.Arrays.stream(v1).sum(), 400));
        WindowShape shape = new WindowShape(edges, obs, List.of(b0, b1), List.of(v0, v1), SIGNAL_FRACTIONS);
        return new MassPointInput(mass, w, java.util.Arrays.stream(obs).sum(), bkg, 0.2, 0.01, 10.0, 0.5,
                Optional.of(shape));
    }

    static List<MassPointInput> grid() {
        List<MassPointInput> points = new ArrayList<>();
        points.add(shapePoint(1.0, new double[] {1, 1, 1, 1, 1}));
        points.add(shapePoint(2.0, new double[] {1.6, 0.5, 1.0, 0.5, 1.7}));   // badly modelled window
        points.add(shapePoint(3.0, new double[] {0.9, 1.1, 1.3, 1.0, 0.95}));
        points.add(ScanFixtures.counting(4.0, 30, 25));
        return points;
    }

    @Test
    void gofOfEveryPointEqualsGoodnessOfFitOnItsExportedWorkspace() {
        List<MassPointInput> points = grid();
        Systematics syst = Systematics.defaults();
        ScanOptions options = ScanOptions.defaults().withThreads(2).withSeed(11);
        ScanResult scan = MassScan.run(points, L, syst, options);
        List<PointJob> jobs = MassScan.jobs(points, L, syst, options.seed());
        assertEquals(points.size(), jobs.size());
        for (PointJob job : jobs) {
            MassPointResult r = scan.points().get(job.index());
            assertTrue(r.hasLimit(), r.message());
            PointGoodnessOfFit g = r.gof().orElseThrow();
            // the workspace as `scan --save-workspaces` writes it, read back
            HistFactoryModel model = HistFactoryModel.of(WorkspaceIO.read(WorkspaceIO.toJson(job.workspace()),
                    "M = " + job.mass()));
            FitResult fit = new ScanMinimizer().fit(model, model.observed());
            GoodnessOfFitResult ref = new GoodnessOfFit(1).test(model, model.observed(), fit,
                    model.parameters().fixed(), 0, 0L);
            assertEquals(ref.statistic(), g.statistic(), 1e-9, "t at M = " + job.mass());
            assertEquals(ref.dof(), g.dof(), "dof at M = " + job.mass());
            if (r.input().shape().isPresent()) {
                assertEquals(4, g.dof(), "5 bins - mu");
                assertTrue(g.defined());
                assertEquals(ref.pAsymptotic(), g.p(), 1e-9, "p at M = " + job.mass());
                assertTrue(g.p() >= 0 && g.p() <= 1, "p = " + g.p());
                assertTrue(g.statistic() >= 0, "t = " + g.statistic());
            } else {
                // a count with mu free: 0 degrees of freedom, no p-value
                assertEquals(0, g.dof());
                assertFalse(g.defined());
                assertTrue(Double.isNaN(g.p()));
            }
        }
        MassPointResult worst = scan.worstGoodnessOfFit().orElseThrow();
        assertEquals(2.0, worst.mass());
        assertTrue(worst.gof().orElseThrow().p() < 1e-3, worst.gof().toString());
        assertTrue(scan.points().get(0).gof().orElseThrow().p() > 0.5, scan.points().get(0).gof().toString());
    }

    @Test
    void aScanOfCountsHasNoWorstWindow() {
        ScanResult scan = MassScan.run(List.of(ScanFixtures.counting(1.0, 12, 10), ScanFixtures.counting(2.0, 3, 10)),
                L, Systematics.none(), ScanOptions.defaults().withThreads(1));
        assertTrue(scan.points().stream().allMatch(p -> p.gof().orElseThrow().dof() == 0));
        assertTrue(scan.worstGoodnessOfFit().isEmpty());
    }
}
