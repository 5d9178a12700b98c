package org.recoil.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The coupling limit versus mass: favoured bands as semi-transparent fills with solid edges
 * (behind everything), the expected limit's ±2σ (yellow) and ±1σ (green) bands, projections as
 * coloured dashed lines, the expected limit dashed black and the observed limit solid black. The x range is that of the limit curves; bands are clipped to
 * it. Where a band has no lower bound it reaches down to the bottom of the plot. A limit of a single
 * mass point (a one-point scan) is drawn as a marker: observed a filled black circle, expected a black
 * diamond, a projection a marker in its colour; its legend entry is that marker.
 */
final class CouplingLimitPlot {

    private static final Marker OBSERVED_MARKER = SeriesMarkers.CIRCLE;
    private static final Marker EXPECTED_MARKER = SeriesMarkers.DIAMOND;

    private CouplingLimitPlot() {
    }

    /** The legend entry of a limit curve: its line, or its marker for a single point. */
    private static void legend(PlotCanvas c, Curve curve, Color color, BasicStroke stroke, Marker marker) {
        if (curve.x().length == 1) {
            c.legendMarker(curve.label(), color, marker);
        } else {
            c.legendLine(curve.label(), color, stroke, SeriesMarkers.NONE);
        }
    }

    /** Draws a limit curve as a line, or a single point as a marker. */
    private static void draw(PlotCanvas c, Curve curve, Color color, BasicStroke stroke, Marker marker) {
        if (curve.x().length == 1) {
            c.markers(curve.x(), curve.y(), color, marker);
        } else {
            c.line(curve.x(), curve.y(), color, stroke);
        }
    }

    static XYChart chart(CouplingLimitData d, PlotOptions o) {
        List<Curve> curves = d.limitCurves();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Curve curve : curves) {
            String where = "coupling-limit plot, curve '" + curve.label() + "'";
            double[] x = curve.x();
            double[] y = curve.y();
            if (o.logX()) {
                Inputs.positiveOnLogAxis(where, "x", x, "x");
            }
            if (o.logY()) {
                Inputs.positiveOnLogAxis(where, "y", y, "y");
            }
            xMin = Math.min(xMin, x[0]);
            xMax = Math.max(xMax, x[x.length - 1]);
            for (double v : y) {
                yMin = Math.min(yMin, v);
                yMax = Math.max(yMax, v);
            }
        }
        for (FavouredBand band : d.favouredBands()) {
            String where = "coupling-limit plot, favoured band '" + band.label() + "'";
            double[] x = band.x();
            double[] lower = band.lower();
            double[] upper = band.upper();
            if (o.logX()) {
                Inputs.positiveOnLogAxis(where, "x", x, "x");
            }
            if (o.logY()) {
                Inputs.positiveOnLogAxis(where, "upper", upper, "y");
            }
            for (int i = 0; i < x.length; i++) {
                if (x[i] >= xMin && x[i] <= xMax) {
                    yMax = Math.max(yMax, upper[i]);
                    yMin = Math.min(yMin, lower[i] > 0 || !o.logY() ? lower[i] : upper[i]);
                }
            }
        }

        BandSeries expectedBand = d.expectedBand();
        if (expectedBand != null) {
            if (o.logY()) {
                Inputs.positiveOnLogAxis("coupling-limit plot, expected band", "minus2", expectedBand.minus2(), "y");
            }
            double[] bx = expectedBand.x();
            double[] lo = expectedBand.minus2();
            double[] hi = expectedBand.plus2();
            for (int i = 0; i < bx.length; i++) {
                yMin = Math.min(yMin, lo[i]);
                yMax = Math.max(yMax, hi[i]);
            }
        }

        PlotCanvas c = PlotCanvas.create(o, LegendCorner.TOP_LEFT);
        if (d.observed() != null) {
            legend(c, d.observed(), Color.BLACK, PlotCanvas.SOLID, OBSERVED_MARKER);
        }
        if (d.expected() != null) {
            legend(c, d.expected(), Color.BLACK, PlotCanvas.DASHED, EXPECTED_MARKER);
        }
        if (expectedBand != null) {
            c.legendBox(CouplingLimitData.ONE_SIGMA, Palette.GREEN);
            c.legendBox(CouplingLimitData.TWO_SIGMA, Palette.YELLOW);
        }
        for (int i = 0; i < d.projections().size(); i++) {
            legend(c, d.projections().get(i), Palette.projection(i), Palette.projectionStroke(i),
                    Palette.marker(i));
        }
        for (int i = 0; i < d.favouredBands().size(); i++) {
            c.legendBox(d.favouredBands().get(i).label(), Palette.bandFill(i));
        }

        AxisRange y = c.yRange(Ranges.y(yMin, yMax, o.logY(), true, c.topReserve()));
        double floor = y.min();
        for (int i = 0; i < d.favouredBands().size(); i++) {
            FavouredBand band = d.favouredBands().get(i);
            double[] x = band.x();
            double[] lower = band.lower();
            double[] drawnLower = o.logY() ? Shapes.atLeast(lower, floor) : lower;
            Shapes.XY fill = Shapes.band(x, drawnLower, band.upper());
            c.polygon(fill.x(), fill.y(), Palette.bandFill(i));
            c.line(x, band.upper(), Palette.bandEdge(i), PlotCanvas.THIN);
            if (band.hasLowerBound()) {
                double[] edge = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                    edge[j] = lower[j] > 0 ? lower[j] : Double.NaN; // no edge where there is no bound
                }
                c.line(x, edge, Palette.bandEdge(i), PlotCanvas.THIN);
            }
        }
        if (expectedBand != null) {
            Shapes.XY outer = Shapes.band(expectedBand.x(), expectedBand.minus2(), expectedBand.plus2());
            c.polygon(outer.x(), outer.y(), Palette.YELLOW);
            Shapes.XY inner = Shapes.band(expectedBand.x(), expectedBand.minus1(), expectedBand.plus1());
            c.polygon(inner.x(), inner.y(), Palette.GREEN);
        }
        for (int i = 0; i < d.projections().size(); i++) {
            Curve p = d.projections().get(i);
            draw(c, p, Palette.projection(i), Palette.projectionStroke(i), Palette.marker(i));
        }
        if (d.expected() != null) {
            draw(c, d.expected(), Color.BLACK, PlotCanvas.DASHED, EXPECTED_MARKER);
        }
        if (d.observed() != null) {
            draw(c, d.observed(), Color.BLACK, PlotCanvas.SOLID, OBSERVED_MARKER);
        }
        return c.finish(c.xRange(Ranges.x(xMin, xMax, o.logX(), 0.0)), y);
    }
}
