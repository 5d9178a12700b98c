package org.recoil.limits.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.FitStatus;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.spec.Workspace;
import org.recoil.limits.interpret.InterpretedLimit;
import org.recoil.limits.interpret.SignalNormalisation;

class MassScanTest {

    private static final Luminosity L = Luminosity.parse("276/pb");

    /**
     * Median expected CLs limit on the signal count of a counting experiment with known background
     * b from the Asimov dataset (Cowan et al., arXiv:1007.1727, Eqs. (97), (66)):
     * 2(s − b ln(1 + s/b)) = Φ⁻¹(1 − α/2)², solved by bisection.
     */
    static double asimovSignalLimit(double b, double cl) {
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - cl) / 2);
        double lo = 0;
        double hi = 100 * Math.sqrt(b) + 100;
        for (int i = 0; i < 200; i++) {
            double s = 0.5 * (lo + hi);
            double q = 2 * (s - b * Math.log1p(s / b));
            if (q < z * z) {
                lo = s;
            } else {
                hi = s;
            }
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void countingLimitMatchesTheAsimovClosedFormAndIsInterpretedConsistently() {
        for (double b : new double[] {20, 400, 10_000}) {
            MassPointInput p = ScanFixtures.counting(2.0, b, b);
            MassPointResult r = MassScan.point(0, p, L, Systematics.none(), ScanOptions.defaults());
            assertEquals(PointStatus.OK, r.status(), r.message());
            InterpretedLimit l = r.limit().orElseThrow();
            SignalNormalisation n = r.normalisation().orElseThrow();
            double expected = asimovSignalLimit(b, 0.90);
            assertEquals(expected, l.muExpected().median() * n.expectedSignalEvents(), 2e-3 * expected, "b = " + b);
            // observed = b: the observed limit is the median expected one
            assertEquals(l.muExpected().median(), l.muObserved(), 2e-3 * l.muObserved());
            // sigma x BR = N_UL / (eff L); g' = g'_ref sqrt(mu)
            double nUl = l.muObserved() * n.expectedSignalEvents();
            assertEquals(nUl / (0.2 * 276.0), l.sigmaTimesBrObservedPb(), 1e-9 * l.sigmaTimesBrObservedPb());
            assertEquals(Math.sqrt(l.sigmaTimesBrObservedPb() / (10.0 * 0.5)), l.gPrimeObserved(), 1e-9);
            // the reference signal is 3 + 2 sqrt(b) events
            assertEquals(3 + 2 * Math.sqrt(b), n.expectedSignalEvents(), 1e-9 * b);
            double[] band = l.muExpected().toArray();
            for (int i = 1; i < band.length; i++) {
                assertTrue(band[i] > band[i - 1]);
            }
        }
    }

    @Test
    void systematicsWeakenTheLimit() {
        MassPointInput p = ScanFixtures.point(3.0, 100, 60, 40);
        double stat = MassScan.point(0, p, L, Systematics.none(), ScanOptions.defaults()).limit().orElseThrow()
                .sigmaTimesBrExpectedPb().median();
        double syst = MassScan.point(0, p, L, Systematics.defaults(), ScanOptions.defaults()).limit().orElseThrow()
                .sigmaTimesBrExpectedPb().median();
        assertTrue(syst > stat * 1.001, "syst " + syst + " stat " + stat);
    }

    @Test
    void everyPointIsReportedWithItsStatusInGridOrder() {
        List<MassPointInput> pts = new ArrayList<>();
        pts.add(ScanFixtures.point(1.0, 12, 8, 3));
        pts.add(ScanFixtures.point(2.0, 0, 0.0, 0.0)); // no background MC in the window
        MassPointInput noSignal = ScanFixtures.point(3.0, 5, 4);
        pts.add(new MassPointInput(noSignal.mass(), noSignal.window(), 5, noSignal.backgrounds(), 0.0, 0.0, 10, 0.5));
        pts.add(ScanFixtures.point(4.0, 30, 20, 10));
        ScanResult r = MassScan.run(pts, L, Systematics.defaults(), ScanOptions.defaults().withThreads(2));
        assertEquals(4, r.points().size());
        assertEquals(List.of(PointStatus.OK, PointStatus.NO_BACKGROUND, PointStatus.NO_SIGNAL, PointStatus.OK),
                r.points().stream().map(MassPointResult::status).toList());
        for (int i = 0; i < 4; i++) {
            assertEquals(i, r.points().get(i).index());
            assertEquals(pts.get(i).mass(), r.points().get(i).mass());
        }
        MassPointResult empty = r.points().get(1);
        assertFalse(empty.hasLimit());
        assertTrue(empty.message().contains("no background") && empty.message().contains("M = 2"), empty.message());
        assertTrue(r.points().get(2).message().contains("efficiency"), r.points().get(2).message());
        assertEquals(2, r.withLimits().size());
        assertEquals(2, r.withoutLimits().size());
        assertEquals(2, r.limitMasses().length);
    }

    @Test
    void aFailedFitBecomesAFailedPointWithTheReason() {
        Minimizer broken = (model, data, init, fixed) -> new FitResult(init, new double[init.length],
                new double[init.length][init.length], Double.NaN, FitStatus.FAILED, 0, "forced failure for the test");
        ScanOptions o = ScanOptions.defaults().withThreads(2);
        o = new ScanOptions(o.cl(), o.method(), o.threads(), o.seed(), () -> broken, o.progress(), o.executor());
        List<MassPointInput> pts = List.of(ScanFixtures.point(1.0, 10, 9), ScanFixtures.point(2.0, 10, 9));
        ScanResult r = MassScan.run(pts, L, Systematics.defaults(), o);
        assertEquals(2, r.points().size());
        for (MassPointResult p : r.points()) {
            assertEquals(PointStatus.FAILED, p.status());
            assertTrue(p.message().contains("forced failure for the test"), p.message());
            assertTrue(p.message().startsWith("M = "), p.message());
            assertTrue(p.normalisation().isPresent());
        }
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        List<MassPointInput> pts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pts.add(ScanFixtures.point(1.0 + i, 20 + 3 * i, 15 + i, 4));
        }
        ScanResult one = MassScan.run(pts, L, Systematics.defaults(), ScanOptions.defaults().withThreads(1));
        ScanResult two = MassScan.run(pts, L, Systematics.defaults(), ScanOptions.defaults().withThreads(2));
        assertEquals(one.points().size(), two.points().size());
        for (int i = 0; i < pts.size(); i++) {
            assertEquals(one.points().get(i).limit().orElseThrow(), two.points().get(i).limit().orElseThrow());
        }
    }

    /** A stand-in for a remote executor: jobs shipped as workspace JSON and solved in reverse order. */
    private static final class ReversedJsonExecutor implements ScanExecutor {
        final List<Integer> solvedIndices = new ArrayList<>();

        @Override
        public List<PointOutcome> solve(List<PointJob> jobs, ScanOptions options) {
            PointOutcome[] out = new PointOutcome[jobs.size()];
            for (int k = jobs.size() - 1; k >= 0; k--) {
                PointJob j = jobs.get(k);
                Workspace shipped = org.recoil.fitting.spec.WorkspaceIO.read(
                        org.recoil.fitting.spec.WorkspaceIO.toJson(j.workspace()), "point " + j.index());
                out[k] = MassScan.solve(new PointJob(j.index(), j.mass(), shipped, j.seed()), options.method(),
                        options.minimizer().get(), options.cl());
                solvedIndices.add(j.index());
            }
            return List.of(out);
        }

        @Override
        public String describe(int threads) {
            return "reversed";
        }
    }

    @Test
    void anotherExecutorGivesTheLocalResultsPointForPoint() {
        List<MassPointInput> pts = new ArrayList<>();
        pts.add(ScanFixtures.point(1.0, 12, 8, 3));
        pts.add(ScanFixtures.point(2.0, 0, 0.0, 0.0)); // no background: prepared, never shipped
        for (int i = 0; i < 3; i++) {
            pts.add(ScanFixtures.point(3.0 + i, 20 + 3 * i, 15 + i, 4));
        }
        ScanOptions o = ScanOptions.defaults().withMethod(new LimitMethod.Toys(100)).withSeed(5L).withThreads(2);
        ScanResult local = MassScan.run(pts, L, Systematics.defaults(), o);
        ReversedJsonExecutor ex = new ReversedJsonExecutor();
        ScanResult shipped = MassScan.run(pts, L, Systematics.defaults(), o.withExecutor(ex));
        assertEquals(List.of(4, 3, 2, 0), ex.solvedIndices);
        assertEquals(local.points().size(), shipped.points().size());
        for (int i = 0; i < pts.size(); i++) {
            MassPointResult a = local.points().get(i);
            MassPointResult b = shipped.points().get(i);
            assertEquals(a.status(), b.status());
            assertEquals(a.message(), b.message());
            assertEquals(a.limit(), b.limit(), "M = " + a.mass());
            assertEquals(a.normalisation(), b.normalisation());
        }
        assertEquals(4, shipped.withLimits().size());
    }

    @Test
    void anExecutorThatLosesPointsIsAnError() {
        ScanExecutor lossy = new ScanExecutor() {
            @Override
            public List<PointOutcome> solve(List<PointJob> jobs, ScanOptions options) {
                return List.of();
            }

            @Override
            public String describe(int threads) {
                return "lossy";
            }
        };
        List<MassPointInput> pts = List.of(ScanFixtures.point(1.0, 10, 9));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MassScan.run(pts, L, Systematics.defaults(), ScanOptions.defaults().withExecutor(lossy)));
        assertTrue(e.getMessage().contains("0 outcomes for 1 mass points"), e.getMessage());
    }

    @Test
    void toysAreSeededPerPoint() {
        ScanOptions o = ScanOptions.defaults().withMethod(new LimitMethod.Toys(200)).withSeed(11L);
        List<MassPointInput> pts = List.of(ScanFixtures.counting(2.0, 6, 5), ScanFixtures.counting(3.0, 6, 5));
        ScanResult a = MassScan.run(pts, L, Systematics.none(), o.withThreads(2));
        ScanResult b = MassScan.run(pts, L, Systematics.none(), o.withThreads(1));
        assertEquals(a.points().get(0).limit(), b.points().get(0).limit());
        assertEquals("toys", a.method());
        // the two points have identical inputs but their own seeds
        assertFalse(a.points().get(0).limit().orElseThrow().muObserved()
                == a.points().get(1).limit().orElseThrow().muObserved());
    }

    @Test
    void rejectsAnEmptyOrUnorderedGrid() {
        assertThrows(InvalidInputException.class,
                () -> MassScan.run(List.of(), L, Systematics.none(), ScanOptions.defaults()));
        List<MassPointInput> bad = List.of(ScanFixtures.point(2.0, 1, 1), ScanFixtures.point(1.0, 1, 1));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MassScan.run(bad, L, Systematics.none(), ScanOptions.defaults()));
        assertTrue(e.getMessage().contains("increasing"), e.getMessage());
    }

    @Test
    void workspaceHasOneWindowChannelWithTheDocumentedModifiers() {
        MassPointInput p = ScanFixtures.point(2.0, 10, 6, 0.0, 3);
        Workspace ws = SearchWorkspace.build(p, 7.0, Systematics.defaults(), MassScan.POI_UPPER);
        assertEquals(List.of(SearchWorkspace.CHANNEL), ws.channelNames());
        // the empty background b1 is left out
        assertEquals(List.of(SearchWorkspace.SIGNAL, "b0", "b2"), ws.sampleNames());
        HistFactoryModel m = HistFactoryModel.of(ws);
        List<String> names = m.parameters().names();
        assertTrue(names.containsAll(List.of("mu", "lumi", "signal_efficiency", "norm_b0", "norm_b2",
                "staterror_window")), names.toString());
        HistFactoryModel statOnly = HistFactoryModel.of(SearchWorkspace.build(p, 7.0, Systematics.none(),
                MassScan.POI_UPPER));
        assertEquals(List.of("lumi", "mu"), statOnly.parameters().names().stream().sorted().toList());
        assertTrue(statOnly.parameters().isFixed(statOnly.parameters().indexOf("lumi")));
        double[] nominal = m.expectedMain(m.parameters().inits());
        assertEquals(7.0 + 6 + 3, nominal[0], 1e-12); // mu init 1
    }

    /** Helene's flat-prior Bayesian limit for n events on a known background b: solves 1 − P(≤n | s+b)/P(≤n | b) = CL. */
    static double heleneLimit(int n, double b, double cl) {
        java.util.function.DoubleUnaryOperator cdf = mean -> {
            double term = Math.exp(-mean);
            double sum = term;
            for (int k = 1; k <= n; k++) {
                term *= mean / k;
                sum += term;
            }
            return sum;
        };
        double lo = 0;
        double hi = 100 + 20 * n;
        for (int i = 0; i < 200; i++) {
            double s = 0.5 * (lo + hi);
            if (1 - cdf.applyAsDouble(s + b) / cdf.applyAsDouble(b) < cl) {
                lo = s;
            } else {
                hi = s;
            }
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void bayesianLimitOfACountingPointIsHelenesFormula() {
        ScanOptions o = ScanOptions.defaults().withMethod(LimitMethod.byName("bayesian", 40)).withSeed(3L);
        for (int n : new int[] {2, 7}) {
            MassPointResult r = MassScan.point(0, ScanFixtures.counting(2.0, n, 4.0), L, Systematics.none(), o);
            assertTrue(r.hasLimit(), r.message());
            double nUl = r.limit().orElseThrow().muObserved() * r.normalisation().orElseThrow().expectedSignalEvents();
            double expected = heleneLimit(n, 4.0, 0.90);
            assertEquals(expected, nUl, 1e-3 * expected, "n = " + n);
            double[] band = r.limit().orElseThrow().muExpected().toArray();
            for (int i = 1; i < 5; i++) {
                assertTrue(band[i] >= band[i - 1]);
            }
        }
        assertEquals("bayesian", o.method().name());
    }
}
