package org.recoil.cli.plot;

import java.awt.BasicStroke;
import org.knowm.xchart.XYChart;

/**
 * Expected limit versus integrated luminosity: one coloured line with markers per curve, and the
 * milestone luminosities as vertical dotted lines with their labels. Usually drawn with both axes
 * logarithmic, where a limit that scales as a power of the luminosity is a straight line.
 */
final class LuminosityPlot {

    /** Room around the first and last luminosity, so the markers are not cut. */
    private static final double X_PAD = 0.03;
    private static final BasicStroke CURVE = PlotCanvas.SOLID;

    private LuminosityPlot() {
    }

    static XYChart chart(LuminosityScan scan, PlotOptions o) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Curve curve : scan.curves()) {
            String where = "luminosity plot, curve '" + curve.label() + "'";
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
        for (Milestone m : scan.milestones()) {
            xMin = Math.min(xMin, m.luminosity());
            xMax = Math.max(xMax, m.luminosity());
        }

        PlotCanvas c = PlotCanvas.create(o, LegendCorner.TOP_RIGHT);
        for (int i = 0; i < scan.curves().size(); i++) {
            c.legendLine(scan.curves().get(i).label(), Palette.line(i), CURVE, Palette.marker(i));
        }
        for (int i = 0; i < scan.curves().size(); i++) {
            Curve curve = scan.curves().get(i);
            c.line(curve.x(), curve.y(), Palette.line(i), CURVE);
            c.markers(curve.x(), curve.y(), Palette.line(i), Palette.marker(i));
        }
        scan.milestones().forEach(c::milestone);
        return c.finish(c.xRange(Ranges.x(xMin, xMax, o.logX(), X_PAD)),
                c.yRange(Ranges.y(yMin, yMax, o.logY(), true, c.topReserve(), c.bottomReserve())));
    }
}
