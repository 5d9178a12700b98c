package org.recoil.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.recoil.core.InvalidInputException;

/**
 * The local p<sub>0</sub> of the background-only hypothesis versus the Z′ mass (log scale), with
 * dashed horizontal lines at the one-sided p-values of 1σ … 5σ, p = 1 − Φ(Z) (Cowan et al.,
 * arXiv:1007.1727, Eq. (2)), labelled at the right edge: the usual way of showing where a search
 * sees its largest excess and how large it is before the look-elsewhere effect.
 */
public final class LocalP0Plot {

    /** The significance lines drawn. */
    static final int MAX_SIGMA = 5;
    private static final double X_PAD = 0.02;
    private static final Color SIGMA_LINE = new Color(150, 150, 150);

    private LocalP0Plot() {
    }

    /**
     * @param mass the masses, ascending, at least two
     * @param p0 the local p<sub>0</sub> at each mass, in (0, 1]
     * @param o title, labels, synthetic marking (a log y axis is used whatever o says)
     * @return the chart
     * @throws InvalidInputException if the arrays differ in length, have fewer than two points or p0 lies outside (0, 1]
     */
    public static XYChart chart(double[] mass, double[] p0, PlotOptions o) {
        Headless.ensure();
        if (mass.length != p0.length || mass.length < 2) {
            throw new InvalidInputException("local p0 plot: needs at least two masses with one p0 each, got "
                    + mass.length + " masses and " + p0.length + " p0 values");
        }
        double yMin = NormalDistribution.of(0, 1).survivalProbability(MAX_SIGMA + 0.3);
        for (int i = 0; i < p0.length; i++) {
            if (!(p0[i] > 0 && p0[i] <= 1)) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "local p0 plot: p0 at M = %.4g GeV must lie in (0, 1], got %s", mass[i], p0[i]));
            }
            yMin = Math.min(yMin, p0[i]);
        }
        PlotOptions opts = o.withLogY(true);
        PlotCanvas c = PlotCanvas.create(opts, LegendCorner.BOTTOM_RIGHT);
        c.legendLine("local p0 (asymptotic q0)", Color.BLACK, PlotCanvas.SOLID, SeriesMarkers.CIRCLE);
        double[] xs = {mass[0], mass[mass.length - 1]};
        double[] levels = new double[MAX_SIGMA];
        for (int k = 1; k <= MAX_SIGMA; k++) {
            levels[k - 1] = NormalDistribution.of(0, 1).survivalProbability(k);
            c.line(xs, new double[] {levels[k - 1], levels[k - 1]}, SIGMA_LINE, PlotCanvas.DASHED);
        }
        c.line(mass, p0, Color.BLACK, PlotCanvas.SOLID);
        c.markers(mass, p0, Color.BLACK, SeriesMarkers.CIRCLE);
        AxisRange x = c.xRange(Ranges.x(mass[0], mass[mass.length - 1], false, X_PAD));
        AxisRange y = c.yRange(Ranges.y(yMin, 1.0, true, false, c.topReserve(), c.bottomReserve()));
        XYChart chart = c.finish(x, y);
        double labelX = x.max() - 0.03 * (x.max() - x.min());
        for (int k = 1; k <= MAX_SIGMA; k++) {
            if (levels[k - 1] > y.min() && levels[k - 1] < y.max()) {
                chart.addAnnotation(new AnnotationText(k + "σ", labelX, levels[k - 1] * 1.25, false));
            }
        }
        return chart;
    }

    /**
     * Writes {@link #chart} as {@code basePath.png} and {@code basePath.svg}.
     *
     * @param mass the masses
     * @param p0 the local p<sub>0</sub> values
     * @param o title, labels
     * @param basePath the output path without extension
     * @return the files written
     */
    public static PlotFiles write(double[] mass, double[] p0, PlotOptions o, Path basePath) {
        return PlotWriter.write(chart(mass, p0, o), basePath);
    }
}
