package org.recoil.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.recoil.core.InvalidInputException;

/**
 * The size of each systematic uncertainty from event-level variations versus the Z′ mass: the up
 * (solid) and down (dashed) change of a sample's yield in the search window, in percent of the
 * nominal yield, one colour per variation and sample, with a grey line at zero. The table behind
 * it is {@code systematics.csv}.
 */
public final class SystematicsPlot {

    private static final double X_PAD = 0.02;
    private static final Color ZERO_LINE = new Color(150, 150, 150);

    private SystematicsPlot() {
    }

    /**
     * @param mass the masses, ascending, at least one
     * @param up per legend label (e.g. {@code momentum_scale (signal)}), the up change in percent at each mass
     * @param down per legend label (same keys), the down change in percent
     * @param o title, labels, synthetic marking
     * @return the chart
     * @throws InvalidInputException if the series do not match the masses or there is none
     */
    public static XYChart chart(double[] mass, Map<String, double[]> up, Map<String, double[]> down, PlotOptions o) {
        Headless.ensure();
        if (mass.length < 1 || up.isEmpty() || !up.keySet().equals(down.keySet())) {
            throw new InvalidInputException("systematics plot: needs at least one mass and matching up and down series");
        }
        double lo = 0;
        double hi = 0;
        for (String k : up.keySet()) {
            if (up.get(k).length != mass.length || down.get(k).length != mass.length) {
                throw new InvalidInputException("systematics plot: series '" + k + "' has not one value per mass");
            }
            for (int i = 0; i < mass.length; i++) {
                lo = Math.min(lo, Math.min(up.get(k)[i], down.get(k)[i]));
                hi = Math.max(hi, Math.max(up.get(k)[i], down.get(k)[i]));
            }
        }
        if (!(hi > lo)) {
            hi = 1;
            lo = -1;
        }
        PlotCanvas c = PlotCanvas.create(o.withLogY(false), LegendCorner.TOP_RIGHT);
        boolean points = mass.length == 1;
        double x0 = points ? mass[0] - 0.5 : mass[0];
        double x1 = points ? mass[0] + 0.5 : mass[mass.length - 1];
        c.line(new double[] {x0, x1}, new double[] {0, 0}, ZERO_LINE, PlotCanvas.THIN);
        int i = 0;
        for (String k : up.keySet()) {
            Color col = Palette.line(i++);
            c.legendLine(k + ": up / down", col, PlotCanvas.SOLID, points ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            if (points) {
                c.markers(mass, up.get(k), col, SeriesMarkers.CIRCLE);
                c.markers(mass, down.get(k), col, SeriesMarkers.DIAMOND);
            } else {
                c.line(mass, up.get(k), col, PlotCanvas.SOLID);
                c.line(mass, down.get(k), col, PlotCanvas.DASHED);
            }
        }
        AxisRange x = c.xRange(Ranges.x(x0, x1, false, X_PAD));
        AxisRange y = c.yRange(Ranges.y(lo, hi, false, false, c.topReserve(), c.bottomReserve()));
        return c.finish(x, y);
    }

    /**
     * Writes {@link #chart} as {@code basePath.png} and {@code basePath.svg}.
     *
     * @param mass the masses
     * @param up the up changes in percent, per label
     * @param down the down changes in percent, per label
     * @param o title, labels
     * @param basePath the output path without extension
     * @return the files written
     */
    public static PlotFiles write(double[] mass, Map<String, double[]> up, Map<String, double[]> down, PlotOptions o,
                                  Path basePath) {
        return PlotWriter.write(chart(mass, up, down, o), basePath);
    }
}
