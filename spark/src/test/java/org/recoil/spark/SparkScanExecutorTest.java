package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;
import org.recoil.core.physics.RecoilMassResolution;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.FitStatus;
import org.recoil.limits.scan.GlobalSignificance;
import org.recoil.limits.scan.GlobalSignificanceResult;
import org.recoil.limits.scan.LimitMethod;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.MassPointResult;
import org.recoil.limits.scan.MassScan;
import org.recoil.limits.scan.MassWindow;
import org.recoil.limits.scan.PointJob;
import org.recoil.limits.scan.PointStatus;
import org.recoil.limits.scan.SampleYield;
import org.recoil.limits.scan.ScanExecutor;
import org.recoil.limits.scan.ScanOptions;
import org.recoil.limits.scan.ScanPseudoData;
import org.recoil.limits.scan.ScanResult;
import org.recoil.limits.scan.Systematics;

/**
 * One Spark task per mass point gives the local scan, point for point, for every limit method; the
 * look-elsewhere pseudo-experiments in Spark tasks give the local ones, toy for toy.
 */
class SparkScanExecutorTest extends SparkSessionTest {

    private static final Luminosity L = Luminosity.parse("276/pb");




    /** A point with two backgrounds (MC errors 5%), efficiency 0.2 ± 1%, σ(g′=1) = 10 pb, BR 0.5. */
    private static MassPointInput point(double mass, double observed, double b0, double b1) {
        List<SampleYield> bkg = new ArrayList<>();
        bkg.add(new SampleYield("b0", b0, 0.05 * 0.05 * b0 * b0, 400));
        bkg.add(new SampleYield("b1", b1, 0.05 * 0.05 * b1 * b1, 400));
        return new MassPointInput(mass, MassWindow.around(mass, RecoilMassResolution.belle2(), 2.0), observed, bkg,
                0.2, 0.01, 10.0, 0.5);
    }

    private static List<MassPointInput> grid() {
        List<MassPointInput> pts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pts.add(point(1.0 + i, 18 + 3 * i, 14 + i, 4));
        }
        // no background Monte Carlo in the window: reported by the driver, never shipped
        pts.add(point(6.0, 0, 0.0, 0.0));
        return pts;
    }

    private static void assertSamePoints(ScanResult local, ScanResult dist) {
        assertEquals(local.points().size(), dist.points().size());
        for (int i = 0; i < local.points().size(); i++) {
            MassPointResult a = local.points().get(i);
            MassPointResult b = dist.points().get(i);
            assertEquals(a.index(), b.index());
            assertEquals(a.status(), b.status(), b.message());
            assertEquals(a.message(), b.message());
            assertEquals(a.warnings(), b.warnings());
            assertEquals(a.normalisation(), b.normalisation());
            // records of doubles: bit-for-bit equality of observed and expected limits on mu, sigma x BR, g'
            assertEquals(a.limit(), b.limit(), "M = " + a.mass());
            assertEquals(a.local(), b.local(), "local p0 at M = " + a.mass());
        }
        assertEquals(local.method(), dist.method());
    }

    private static void compare(LimitMethod method) {
        ScanOptions o = ScanOptions.defaults().withMethod(method).withSeed(17L).withThreads(2);
        ScanResult local = MassScan.run(grid(), L, Systematics.defaults(), o);
        ScanResult dist = MassScan.run(grid(), L, Systematics.defaults(),
                o.withExecutor(new SparkScanExecutor(spark)));
        assertSamePoints(local, dist);
        assertEquals(5, dist.withLimits().size(), method.name());
        assertEquals(PointStatus.NO_BACKGROUND, dist.points().get(5).status());
    }

    @Test
    void asymptoticScanEqualsTheLocalScan() {
        compare(new LimitMethod.Asymptotic());
    }

    @Test
    void progressCountsTheFinishedTasks() {
        List<long[]> updates = java.util.Collections.synchronizedList(new ArrayList<>());
        ScanOptions o = ScanOptions.defaults().withProgress((done, total) -> updates.add(new long[] {done, total}))
                .withExecutor(new SparkScanExecutor(spark));
        MassScan.run(grid(), L, Systematics.defaults(), o);
        // five points are shipped (the sixth has no background and is reported by the driver)
        assertTrue(!updates.isEmpty());
        long[] last = updates.get(updates.size() - 1);
        assertEquals(5, last[0]);
        assertEquals(5, last[1]);
        for (long[] u : updates) {
            assertTrue(u[0] >= 1 && u[0] <= 5 && u[1] == 5, java.util.Arrays.toString(u));
        }
    }

    @Test
    void toyScanEqualsTheLocalScanToyForToy() {
        compare(new LimitMethod.Toys(40));
    }

    @Test
    void bayesianScanEqualsTheLocalScan() {
        compare(new LimitMethod.Bayesian(4));
    }

    @Test
    void aPointWhoseFitFailsIsReportedAsLocally() {
        // mu = 1 signal of ~1e-300 events: the limit search cannot bracket, as in the local scan
        List<MassPointInput> pts = List.of(point(1.0, 20, 15, 4), point(2.0, 1e6, 5, 1));
        ScanOptions o = ScanOptions.defaults().withSeed(3L).withThreads(1);
        ScanResult local = MassScan.run(pts, L, Systematics.defaults(), o);
        ScanResult dist = MassScan.run(pts, L, Systematics.defaults(), o.withExecutor(new SparkScanExecutor(spark)));
        assertSamePoints(local, dist);
        assertEquals(PointStatus.OK, dist.points().get(0).status());
        assertEquals(PointStatus.FAILED, dist.points().get(1).status(), dist.points().get(1).message());
    }

    /** Each point's background spread uniformly over its window (the grid's windows are disjoint). */
    private static java.util.function.DoubleBinaryOperator background(List<MassPointInput> pts) {
        return (lo, hi) -> {
            double s = 0;
            for (MassPointInput p : pts) {
                double overlap = Math.min(hi, p.window().hi()) - Math.max(lo, p.window().lo());
                if (overlap > 0) {
                    s += p.backgrounds().stream().mapToDouble(SampleYield::yield).sum() * overlap
                            / p.window().width();
                }
            }
            return s;
        };
    }

    @Test
    void lookElsewherePseudoExperimentsEqualTheLocalOnesWhateverTheTasks() {
        List<MassPointInput> pts = grid();
        ScanOptions o = ScanOptions.defaults().withSeed(17L).withThreads(2);
        List<PointJob> jobs = MassScan.jobs(pts, L, Systematics.defaults(), 17L);
        assertEquals(5, jobs.size());
        ScanPseudoData pseudo = ScanPseudoData.of(jobs.stream().map(j -> pts.get(j.index())).toList(), background(pts));
        GlobalSignificance.Request request = new GlobalSignificance.Request(110, 17L, 1.0);
        GlobalSignificance.Toys local = ScanExecutor.local().pseudoExperiments(jobs, pseudo, request, o);
        assertEquals(110, local.max().length);
        for (int tasks : new int[] {1, 2, 8}) {
            List<long[]> updates = java.util.Collections.synchronizedList(new ArrayList<>());
            GlobalSignificance.Toys dist = new SparkScanExecutor(spark, tasks).pseudoExperiments(jobs, pseudo, request,
                    o.withProgress((done, total) -> updates.add(new long[] {done, total})));
            assertArrayEquals(local.max(), dist.max(), 0, tasks + " task(s)");
            assertArrayEquals(local.upcrossings(), dist.upcrossings(), tasks + " task(s)");
            assertEquals(local.failedFits(), dist.failedFits());
            assertArrayEquals(new long[] {110, 110}, updates.get(updates.size() - 1));
        }
        // a mismatch of points and generator is bad input, returned by the task at its first attempt
        ScanPseudoData four = ScanPseudoData.of(pts.subList(0, 4), background(pts));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SparkScanExecutor(spark, 2).pseudoExperiments(jobs, four, request, o));
        assertEquals("pseudo-data of 4 mass points for 5 prepared points", e.getMessage());
        // and through the scan options: the same global significance, bit for bit
        ScanResult scan = MassScan.run(pts, L, Systematics.defaults(), o);
        GlobalSignificanceResult a = GlobalSignificance.compute(scan, pts, background(pts), o, 60, 1.0);
        GlobalSignificanceResult b = GlobalSignificance.compute(scan, pts, background(pts),
                o.withExecutor(new SparkScanExecutor(spark)), 60, 1.0);
        assertEquals(a, b);
    }

    @Test
    void anotherMinimiserIsRefused() {
        ScanOptions o = ScanOptions.defaults();
        ScanOptions custom = new ScanOptions(o.cl(), o.method(), 1, 1L,
                () -> (model, data, init, fixed) -> new FitResult(init, new double[init.length],
                        new double[init.length][init.length], Double.NaN, FitStatus.FAILED, 0, "unused"),
                o.progress(), new SparkScanExecutor(spark));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MassScan.run(List.of(point(1.0, 20, 15, 4)), L, Systematics.defaults(), custom));
        assertTrue(e.getMessage().contains("ScanMinimizer"), e.getMessage());
    }
}
