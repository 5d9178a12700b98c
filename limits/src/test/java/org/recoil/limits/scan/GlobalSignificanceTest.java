package org.recoil.limits.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;

/**
 * The look-elsewhere effect on a hand-built scan of M independent, equally sensitive windows
 * (disjoint windows, the same background b, no systematics): the largest local Z of a
 * pseudo-experiment reaches the observed one exactly when some window counts at least the observed
 * n, so the global p-value is 1 − (1 − P(N ≥ n | b))<sup>M</sup>.
 */
class GlobalSignificanceTest {

    private static final Luminosity L = Luminosity.parse("276/pb");
    private static final double B = 20;
    private static final int N_EXCESS = 31;
    private static final double[] MASSES = {1, 2, 3, 4, 5, 6};

    private static List<MassPointInput> points() {
        List<MassPointInput> pts = new ArrayList<>();
        for (double m : MASSES) {
            pts.add(ScanFixtures.counting(m, m == 4 ? N_EXCESS : B, B));
        }
        for (int i = 1; i < pts.size(); i++) {
            assertTrue(pts.get(i).window().lo() > pts.get(i - 1).window().hi(), "disjoint windows");
        }
        return pts;
    }

    /** B events spread uniformly over each window, none between windows. */
    private static DoubleBinaryOperator background(List<MassPointInput> pts) {
        return (lo, hi) -> {
            double s = 0;
            for (MassPointInput p : pts) {
                double overlap = Math.min(hi, p.window().hi()) - Math.max(lo, p.window().lo());
                if (overlap > 0) {
                    s += B * overlap / p.window().width();
                }
            }
            return s;
        };
    }

    @Test
    void toyGlobalPEqualsIndependentTrialsFormula() {
        List<MassPointInput> pts = points();
        ScanOptions o = ScanOptions.defaults().withThreads(2).withSeed(3);
        ScanResult scan = MassScan.run(pts, L, Systematics.none(), o);
        MassPointResult best = scan.largestLocalExcess().orElseThrow();
        assertEquals(4.0, best.mass());
        int toys = 3000;
        GlobalSignificanceResult r = GlobalSignificance.compute(scan, pts, background(pts), o, toys,
                GlobalSignificance.DEFAULT_REFERENCE_LEVEL);
        double pLocal = PoissonDistribution.of(B).survivalProbability(N_EXCESS - 1);
        double expected = 1 - Math.pow(1 - pLocal, MASSES.length);
        double err = Math.sqrt(expected * (1 - expected) / toys);
        assertEquals(expected, r.pGlobal(), 3 * err, "global p " + r.pGlobal() + " vs " + expected);
        assertEquals(r.pGlobal(), r.trialsFactor() * r.pLocal(), 1e-12);
        assertEquals(best.local().orElseThrow().z(), r.zLocal(), 0);
        assertEquals(toys, r.toys());
        assertEquals(0, r.failedFits());
        assertTrue(r.meanUpcrossings() > 0 && r.pGlobalGrossVitells() > r.pLocal());
        assertTrue(r.trialsFactorGrossVitells() > 1 && r.trialsFactorGrossVitells() < 2 * MASSES.length,
                "Gross-Vitells trials factor " + r.trialsFactorGrossVitells());
    }

    @Test
    void pseudoExperimentsDoNotDependOnThreadsAndShareOverlappingSegments() {
        List<MassPointInput> pts = points();
        List<PointJob> jobs = MassScan.jobs(pts, L, Systematics.none(), 5);
        ScanPseudoData pseudo = ScanPseudoData.of(pts, background(pts));
        assertEquals(2 * MASSES.length - 1, pseudo.segments());
        GlobalSignificance.Toys one = GlobalSignificance.toys(jobs, pseudo, 60, 9, 1.0, 1, ScanMinimizer::new,
                (d, t) -> { });
        GlobalSignificance.Toys two = GlobalSignificance.toys(jobs, pseudo, 60, 9, 1.0, 2, ScanMinimizer::new,
                (d, t) -> { });
        assertArrayEquals(one.max(), two.max(), 0);
        assertArrayEquals(one.upcrossings(), two.upcrossings());
        // overlapping windows read the same segment counts
        MassPointInput a = ScanFixtures.counting(2.0, 20, 20);
        MassPointInput b = new MassPointInput(2.05, MassWindow.around(2.05, core(), 2.0), 20, a.backgrounds(), 0.2,
                0.0, 10.0, 0.5);
        assertTrue(b.window().lo() < a.window().hi());
        ScanPseudoData shared = ScanPseudoData.of(List.of(a, b), (lo, hi) -> hi - lo);
        assertEquals(3, shared.segments());
        double[] seg = {1, 10, 100};
        double[] out = new double[1];
        shared.pointCounts(seg, 0, out);
        assertEquals(11, out[0]);
        shared.pointCounts(seg, 1, out);
        assertEquals(110, out[0]);
    }

    @Test
    void rangesOfBatchesJoinToTheLocalPseudoExperimentsBitForBit() {
        List<MassPointInput> pts = points();
        List<PointJob> jobs = MassScan.jobs(pts, L, Systematics.none(), 5);
        ScanPseudoData pseudo = ScanPseudoData.of(pts, background(pts));
        GlobalSignificance.Request r = new GlobalSignificance.Request(80, 9, 1.0);
        assertEquals(4, r.batches());
        GlobalSignificance.Toys all = GlobalSignificance.toys(jobs, pseudo, 80, 9, 1.0, 2, ScanMinimizer::new,
                (d, t) -> { });
        GlobalSignificance.Toys joined = GlobalSignificance.Toys.concat(List.of(
                GlobalSignificance.batches(jobs, pseudo, r, 0, 1, ScanMinimizer::new),
                GlobalSignificance.batches(jobs, pseudo, r, 1, 3, ScanMinimizer::new)));
        assertArrayEquals(all.max(), joined.max(), 0);
        assertArrayEquals(all.upcrossings(), joined.upcrossings());
        assertEquals(all.failedFits(), joined.failedFits());
        // the default executor method is the local run
        GlobalSignificance.Toys viaExecutor = ScanExecutor.local().pseudoExperiments(jobs, pseudo, r,
                ScanOptions.defaults().withThreads(1));
        assertArrayEquals(all.max(), viaExecutor.max(), 0);
        assertArrayEquals(all.upcrossings(), viaExecutor.upcrossings());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GlobalSignificance.batches(jobs, pseudo, r, 3, 2, ScanMinimizer::new));
        assertEquals("pseudo-experiment batches [3, 5) outside [0, 4)", e.getMessage());
    }

    private static org.recoil.core.physics.RecoilMassResolution core() {
        return org.recoil.core.physics.RecoilMassResolution.belle2();
    }

    @Test
    void upcrossingsAndBadInput() {
        assertEquals(2, GlobalSignificance.upcrossings(new double[] {0, 2, 0.5, 1.0, 3, 4}, 1.0));
        assertEquals(0, GlobalSignificance.upcrossings(new double[] {2, 3}, 1.0));
        List<MassPointInput> pts = points();
        ScanOptions o = ScanOptions.defaults().withThreads(1);
        ScanResult scan = MassScan.run(pts, L, Systematics.none(), o);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GlobalSignificance.compute(scan, pts, background(pts), o, 0, 1.0));
        assertEquals("--lee-toys must be at least 1, got 0", e.getMessage());
    }
}
