package org.recoil.cli.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.recoil.core.InvalidInputException;

/**
 * The two plots of a trained event classifier: its ROC curve (signal efficiency against background
 * efficiency on the held-out test split, with the area under it) and its output distributions for signal
 * and background, training and test split overlaid: the usual check that the classifier separates and did
 * not learn the training sample by heart (the test histograms follow the training ones).
 */
public final class MvaPlots {

    private static final Color SIGNAL = new Color(0, 90, 200);
    private static final Color BACKGROUND = new Color(200, 40, 40);
    private static final Color CHANCE = new Color(150, 150, 150);

    private MvaPlots() {
    }

    /**
     * @param backgroundEfficiency background efficiency at each threshold, in [0, 1]
     * @param signalEfficiency signal efficiency at each threshold, in [0, 1], same length
     * @param auc the area under the curve
     * @param o title, labels, synthetic marking
     * @return the chart
     * @throws InvalidInputException if the lengths differ, there are fewer than two points or a value lies outside [0, 1]
     */
    public static XYChart roc(double[] backgroundEfficiency, double[] signalEfficiency, double auc, PlotOptions o) {
        Headless.ensure();
        if (backgroundEfficiency.length != signalEfficiency.length || backgroundEfficiency.length < 2) {
            throw new InvalidInputException("ROC plot: needs at least two points with both efficiencies, got "
                    + backgroundEfficiency.length + " and " + signalEfficiency.length);
        }
        for (int i = 0; i < signalEfficiency.length; i++) {
            if (!(backgroundEfficiency[i] >= 0 && backgroundEfficiency[i] <= 1 && signalEfficiency[i] >= 0
                    && signalEfficiency[i] <= 1)) {
                throw new InvalidInputException("ROC plot: efficiencies must lie in [0, 1], point " + i + " is ("
                        + backgroundEfficiency[i] + ", " + signalEfficiency[i] + ")");
            }
        }
        PlotCanvas c = PlotCanvas.create(o, LegendCorner.BOTTOM_RIGHT);
        c.legendLine(String.format(Locale.ROOT, "test split, AUC = %.4f", auc), SIGNAL, PlotCanvas.SOLID,
                SeriesMarkers.NONE);
        c.legendLine("no separation", CHANCE, PlotCanvas.DASHED, SeriesMarkers.NONE);
        c.line(new double[] {0, 1}, new double[] {0, 1}, CHANCE, PlotCanvas.DASHED);
        c.line(backgroundEfficiency, signalEfficiency, SIGNAL, PlotCanvas.SOLID);
        AxisRange x = c.xRange(new AxisRange(0, 1));
        AxisRange y = c.yRange(Ranges.y(0, 1, false, true, c.topReserve(), c.bottomReserve()));
        return c.finish(x, y);
    }

    /**
     * @param edges the edges of the output histograms (n + 1, ascending)
     * @param signalTrain normalised signal histogram, training split (n)
     * @param signalTest the same, test split
     * @param backgroundTrain background, training split
     * @param backgroundTest background, test split
     * @param o title, labels, synthetic marking
     * @return the chart: test splits solid, training splits dashed
     * @throws InvalidInputException if a histogram does not have one entry per bin, or an entry is negative or not finite
     */
    public static XYChart output(double[] edges, double[] signalTrain, double[] signalTest, double[] backgroundTrain,
                                 double[] backgroundTest, PlotOptions o) {
        Headless.ensure();
        double max = 0;
        for (double[] h : new double[][] {signalTrain, signalTest, backgroundTrain, backgroundTest}) {
            if (h.length != edges.length - 1) {
                throw new InvalidInputException("classifier output plot: " + (edges.length - 1) + " bins but a"
                        + " histogram of " + h.length);
            }
            for (double v : h) {
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new InvalidInputException("classifier output plot: bin contents must be finite and >= 0,"
                            + " got " + v);
                }
                max = Math.max(max, v);
            }
        }
        PlotCanvas c = PlotCanvas.create(o, LegendCorner.TOP_RIGHT);
        c.legendLine("signal, test split", SIGNAL, PlotCanvas.SOLID, SeriesMarkers.NONE);
        c.legendLine("signal, training split", SIGNAL, PlotCanvas.DASHED, SeriesMarkers.NONE);
        c.legendLine("background, test split", BACKGROUND, PlotCanvas.SOLID, SeriesMarkers.NONE);
        c.legendLine("background, training split", BACKGROUND, PlotCanvas.DASHED, SeriesMarkers.NONE);
        step(c, edges, signalTrain, SIGNAL, PlotCanvas.DASHED);
        step(c, edges, backgroundTrain, BACKGROUND, PlotCanvas.DASHED);
        step(c, edges, signalTest, SIGNAL, PlotCanvas.SOLID);
        step(c, edges, backgroundTest, BACKGROUND, PlotCanvas.SOLID);
        AxisRange x = c.xRange(new AxisRange(edges[0], edges[edges.length - 1]));
        AxisRange y = c.yRange(Ranges.y(0, max > 0 ? max : 1, false, true, c.topReserve(), c.bottomReserve()));
        return c.finish(x, y);
    }

    /** Draws a histogram as a step line. */
    private static void step(PlotCanvas c, double[] edges, double[] h, Color color, java.awt.BasicStroke stroke) {
        int n = h.length;
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = edges[i];
            x[2 * i + 1] = edges[i + 1];
            y[2 * i] = h[i];
            y[2 * i + 1] = h[i];
        }
        c.line(x, y, color, stroke);
    }

    /**
     * Writes a chart as {@code basePath.png} and {@code basePath.svg}.
     *
     * @param chart the chart
     * @param basePath the output path without extension
     * @return the files written
     */
    public static PlotFiles write(XYChart chart, Path basePath) {
        return PlotWriter.write(chart, basePath);
    }
}
