package org.recoil.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.recoil.core.InvalidInputException;

/**
 * Bad plot input gives an {@link InvalidInputException} whose message names the element, the array,
 * the index and what was expected, and no file is written.
 */
class PlotInputTest {

    private static final double[] X = {1, 2, 3, 4, 5};
    private static final double[] M2 = {50, 50, 50, 50, 50};
    private static final double[] M1 = {70, 70, 70, 70, 70};
    private static final double[] MED = {100, 100, 100, 100, 100};
    private static final double[] P1 = {140, 140, 140, 140, 140};
    private static final double[] P2 = {200, 200, 200, 200, 200};
    private static final PlotOptions LINEAR = PlotOptions.of("t", "M [GeV]", "limit [fb]");

    @TempDir
    Path dir;

    private static void assertMessage(Executable e, String... fragments) {
        InvalidInputException ex = assertThrows(InvalidInputException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message '" + ex.getMessage() + "' lacks '" + f + "'");
        }
    }

    private void assertNothingWritten() {
        assertEquals(List.of(), PlotAssertions.filesIn(dir), "files left after a failure");
    }

    @Test
    void mismatchedBandLengthsNameTheArray() {
        assertMessage(() -> new BandSeries(X, null, M2, M1, MED, new double[] {140, 140, 140, 140}, P2),
                "Brazil band", "'plus1' has 4 values; expected 5", "'x'");
        assertMessage(() -> new BandSeries(X, new double[] {1, 2}, M2, M1, MED, P1, P2), "'observed' has 2 values");
    }

    @Test
    void emptyAndNonFiniteArraysAreRejected() {
        double[] none = {};
        assertMessage(() -> new BandSeries(none, null, none, none, none, none, none), "'x' is empty");
        assertMessage(() -> new BandSeries(X, null, M2, M1, new double[] {100, 100, Double.NaN, 100, 100}, P1, P2),
                "median[2] = NaN", "finite");
        assertMessage(() -> new Curve("c", new double[] {}, new double[] {}), "curve 'c'", "'x' is empty");
        assertMessage(() -> new Curve("c", X, new double[] {1, 2, Double.POSITIVE_INFINITY, 4, 5}), "y[2] = Infinity");
        assertMessage(() -> new BandSeries(null, null, M2, M1, MED, P1, P2), "'x' is missing");
    }

    @Test
    void quantilesOutOfOrderAreRejected() {
        assertMessage(() -> new BandSeries(X, null, M2, new double[] {70, 70, 120, 70, 70}, MED, P1, P2),
                "x[2] = 3.0", "out of order", "minus2 <= minus1 <= median <= plus1 <= plus2");
    }

    @Test
    void scanPointsMustIncrease() {
        assertMessage(() -> new BandSeries(new double[] {1, 2, 2, 4, 5}, null, M2, M1, MED, P1, P2),
                "x[2] = 2.0 is not greater than x[1] = 2.0");
        assertMessage(() -> new Curve("c", new double[] {3, 1}, new double[] {1, 1}), "x[1] = 1.0");
    }

    @Test
    void nonPositiveValuesOnALogAxisAreRejectedBeforeWriting() {
        BandSeries withZero = new BandSeries(X, null, new double[] {50, 0, 50, 50, 50}, M1, MED, P1, P2);
        assertMessage(() -> Plots.writeBrazilBand(withZero, LINEAR.withLogY(true), dir.resolve("band")),
                "minus2[1] = 0.0", "logarithmic y axis", "> 0");
        assertNothingWritten();
        BandSeries negativeObserved = new BandSeries(X, new double[] {5, 5, -1, 5, 5}, M2, M1, MED, P1, P2);
        assertMessage(() -> Plots.writeBrazilBand(negativeObserved, LINEAR.withLogY(true), dir.resolve("band")),
                "observed[2] = -1.0", "logarithmic y axis");
        assertNothingWritten();
        Curve fromZero = new Curve("Observed", new double[] {0, 1, 2}, new double[] {0.1, 0.2, 0.3});
        CouplingLimitData d = new CouplingLimitData(fromZero, null, List.of(), List.of());
        assertMessage(() -> Plots.writeCouplingLimit(d, LINEAR.withLogX(true), dir.resolve("g")),
                "curve 'Observed'", "x[0] = 0.0", "logarithmic x axis");
        assertNothingWritten();
        FavouredBand zeroUpper = new FavouredBand("band", X, null, new double[] {1, 1, 0, 1, 1});
        CouplingLimitData withBand = new CouplingLimitData(new Curve("Observed", X, X), null, List.of(),
                List.of(zeroUpper));
        assertMessage(() -> Plots.writeCouplingLimit(withBand, LINEAR.withLogY(true), dir.resolve("g")),
                "favoured band 'band'", "upper[2] = 0.0");
        assertNothingWritten();
        LuminosityScan lumi = new LuminosityScan(List.of(new Curve("1 GeV", X, new double[] {5, 4, 3, 2, 0})),
                List.of());
        assertMessage(() -> Plots.writeLuminosity(lumi, LINEAR.withLogY(true), dir.resolve("l")),
                "curve '1 GeV'", "y[4] = 0.0");
        assertNothingWritten();
        // the same data are fine on linear axes
        Plots.brazilBandChart(withZero, LINEAR);
        Plots.luminosityChart(lumi, LINEAR);
    }

    @Test
    void histogramChecksBinCountsAndSigns() {
        double[] edges = {0, 1, 2, 3, 4};
        Map<String, double[]> bkg = new LinkedHashMap<>();
        bkg.put("mumu", new double[] {1, 2, 3, 4});
        assertMessage(() -> new StackedHistogram(edges, bkg, new double[] {1, 2, 3}, null, Map.of()),
                "'data' has 3 values; expected 4 (one per bin of the 5 edges)");
        assertMessage(() -> new StackedHistogram(edges, Map.of("tautau", new double[] {1, -2, 3, 4}), null, null,
                Map.of()), "background 'tautau'", "yields[1] = -2.0 is negative");
        assertMessage(() -> new StackedHistogram(edges, Map.of("s", new double[] {1, 2}), null, null, Map.of()),
                "background 's'", "'yields' has 2 values; expected 4");
        assertMessage(() -> new StackedHistogram(new double[] {0, 2, 1}, bkg, null, null, Map.of()),
                "edges[2] = 1.0 is not greater than edges[1] = 2.0");
        assertMessage(() -> new StackedHistogram(new double[] {0}, Map.of(), null, null, Map.of()),
                "at least 2 edges");
        assertMessage(() -> new StackedHistogram(edges, bkg, null, new double[] {1, 1, 1, 1}, Map.of()),
                "'dataErr' is given without 'data'");
        assertMessage(() -> new StackedHistogram(edges, Map.of("Data", new double[] {1, 2, 3, 4}),
                new double[] {1, 2, 3, 4}, null, Map.of()), "called 'Data'");
        assertMessage(() -> new StackedHistogram(edges, bkg, null, null, Map.of("mumu", new double[] {1, 1, 1, 1})),
                "signal 'mumu'", "used twice");
        assertMessage(() -> new StackedHistogram(edges, Map.of(), null, null, Map.of()), "nothing to draw");
    }

    @Test
    void anEmptyHistogramCannotBeDrawnOnALogAxis() {
        StackedHistogram empty = new StackedHistogram(new double[] {0, 1, 2}, Map.of("b", new double[] {0, 0}),
                new double[] {0, 0}, null, Map.of());
        assertMessage(() -> Plots.writeRecoilMass(empty, LINEAR.withLogY(true), dir.resolve("h")),
                "every bin is empty", "logarithmic y axis");
        assertNothingWritten();
        Plots.recoilMassChart(empty, LINEAR);
    }

    @Test
    void favouredBandChecksItsEdges() {
        assertMessage(() -> new FavouredBand("b", X, new double[] {1, 1, 3, 1, 1}, new double[] {2, 2, 2, 2, 2}),
                "favoured band 'b'", "x[2] = 3.0", "upper edge 2.0 is below the lower edge 3.0");
        assertMessage(() -> new FavouredBand("b", X, new double[] {0, -1, 0, 0, 0}, P1), "lower[1] = -1.0 is negative");
        assertMessage(() -> new FavouredBand(" ", X, null, P1), "label is blank");
    }

    @Test
    void plotContentsNeedCurvesWithDistinctLabels() {
        Curve a = new Curve("A", X, X);
        assertMessage(() -> new CouplingLimitData(null, null, List.of(), List.of()), "no limit curve");
        assertMessage(() -> new CouplingLimitData(a, new Curve("A", X, X), List.of(), List.of()),
                "label 'A' is used twice");
        assertMessage(() -> new LuminosityScan(List.of(), List.of()), "no curve");
        assertMessage(() -> new LuminosityScan(List.of(a, a), List.of()), "label 'A' is used twice");
        assertMessage(() -> new Milestone("50/ab", 0), "milestone '50/ab'", "expected a finite value > 0");
        Curve single = new Curve("one point", new double[] {1}, new double[] {0.1});
        // a one-point scan is drawn as a marker, its legend entry a marker too
        XYChart marker = Plots.couplingLimitChart(new CouplingLimitData(single, null, List.of(), List.of()), LINEAR);
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, marker.getSeriesMap().get("one point").getXYSeriesRenderStyle());
        assertTrue(marker.getSeriesMap().values().stream().anyMatch(s -> !s.isShowInLegend()
                && s.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.Scatter && s.getXData().length == 1
                && s.getYData()[0] == 0.1), "the point is drawn as a marker");
        BandSeries one = new BandSeries(new double[] {1}, null, new double[] {1}, new double[] {2}, new double[] {3},
                new double[] {4}, new double[] {5});
        assertMessage(() -> Plots.brazilBandChart(one, LINEAR), "at least 2");
    }

    @Test
    void optionsAreChecked() {
        assertMessage(() -> PlotOptions.of("t", " ", "y"), "axis labels must not be blank");
        assertMessage(() -> LINEAR.withSize(100, 600), "size 100x600", "200 to 4000");
        assertMessage(() -> LINEAR.withLogY(true).withYRange(0, 10), "fixed y range starts at 0.0", "logarithmic y");
        assertMessage(() -> LINEAR.withXRange(0, 10).withLogX(true), "fixed x range starts at 0.0");
        assertMessage(() -> new AxisRange(5, 5), "axis range [5.0, 5.0]");
        assertMessage(() -> new AxisRange(Double.NaN, 5), "finite");
    }

    @Test
    void recordsCopyTheirArrays() {
        double[] x = {1, 2, 3};
        double[] y = {4, 5, 6};
        Curve c = new Curve("c", x, y);
        x[0] = 99;
        y[0] = 99;
        assertArrayEquals(new double[] {1, 2, 3}, c.x());
        c.y()[1] = 42;
        assertArrayEquals(new double[] {4, 5, 6}, c.y());
        assertEquals(new Curve("c", new double[] {1, 2, 3}, new double[] {4, 5, 6}), c);
        assertEquals(new Curve("c", new double[] {1, 2, 3}, new double[] {4, 5, 6}).hashCode(), c.hashCode());

        Map<String, double[]> bkg = new LinkedHashMap<>();
        double[] b = {1, 1};
        bkg.put("b", b);
        StackedHistogram h = new StackedHistogram(new double[] {0, 1, 2}, bkg, new double[] {4, 9}, null, Map.of());
        b[0] = 7;
        bkg.put("other", new double[] {1, 1});
        assertEquals(List.of("b"), List.copyOf(h.backgrounds().keySet()));
        assertArrayEquals(new double[] {1, 1}, h.backgrounds().get("b"));
        assertArrayEquals(new double[] {2, 3}, h.dataErrors(), 0.0, "√n errors when none are given");
    }
}
