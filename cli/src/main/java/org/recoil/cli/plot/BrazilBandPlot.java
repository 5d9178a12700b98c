package org.recoil.cli.plot;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.recoil.core.InvalidInputException;

/**
 * The "Brazil band" plot of an upper limit versus mass: yellow ±2σ and green ±1σ expected bands,
 * the dashed black expected median, and the solid black observed limit with a marker at each scan
 * point. Legend: observed, median expected, expected ±1σ, expected ±2σ (the 16–84% and 2.5–97.5%
 * quantiles of the limit under the background-only hypothesis).
 */
final class BrazilBandPlot {

    static final String OBSERVED = "Observed";
    static final String MEDIAN = "Median expected";
    static final String ONE_SIGMA = "Expected ±1σ";
    static final String TWO_SIGMA = "Expected ±2σ";

    private static final String WHERE = "Brazil band";
    /** Room left and right of the first and last scan point, so their markers are not cut. */
    private static final double X_PAD = 0.015;

    private BrazilBandPlot() {
    }

    static XYChart chart(BandSeries b, PlotOptions o) {
        double[] x = b.x();
        if (x.length < 2) {
            throw new InvalidInputException(WHERE + ": only " + x.length
                    + " scan point; expected at least 2 to draw a band");
        }
        double[] observed = b.observed();
        double[] minus2 = b.minus2();
        double[] minus1 = b.minus1();
        double[] median = b.median();
        double[] plus1 = b.plus1();
        double[] plus2 = b.plus2();
        if (o.logX()) {
            Inputs.positiveOnLogAxis(WHERE, "x", x, "x");
        }
        if (o.logY()) {
            // minus2 is the smallest expected quantile, so checking it covers the band
            Inputs.positiveOnLogAxis(WHERE, "minus2", minus2, "y");
            if (observed != null) {
                Inputs.positiveOnLogAxis(WHERE, "observed", observed, "y");
            }
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            min = Math.min(min, minus2[i]);
            max = Math.max(max, plus2[i]);
            if (observed != null) {
                min = Math.min(min, observed[i]);
                max = Math.max(max, observed[i]);
            }
        }

        PlotCanvas c = PlotCanvas.create(o, LegendCorner.TOP_RIGHT);
        if (observed != null) {
            c.legendLine(OBSERVED, Color.BLACK, PlotCanvas.SOLID, SeriesMarkers.CIRCLE);
        }
        c.legendLine(MEDIAN, Color.BLACK, PlotCanvas.DASHED, SeriesMarkers.NONE);
        c.legendBox(ONE_SIGMA, Palette.GREEN);
        c.legendBox(TWO_SIGMA, Palette.YELLOW);

        Shapes.XY outer = Shapes.band(x, minus2, plus2);
        c.polygon(outer.x(), outer.y(), Palette.YELLOW);
        Shapes.XY inner = Shapes.band(x, minus1, plus1);
        c.polygon(inner.x(), inner.y(), Palette.GREEN);
        c.line(x, median, Color.BLACK, PlotCanvas.DASHED);
        if (observed != null) {
            c.line(x, observed, Color.BLACK, PlotCanvas.SOLID);
            c.markers(x, observed, Color.BLACK, SeriesMarkers.CIRCLE);
        }
        AxisRange xr = Ranges.x(x[0], x[x.length - 1], o.logX(), observed != null ? X_PAD : 0.0);
        return c.finish(c.xRange(xr), c.yRange(Ranges.y(min, max, o.logY(), true, c.topReserve())));
    }
}
