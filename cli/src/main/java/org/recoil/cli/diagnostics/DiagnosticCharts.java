package org.recoil.cli.diagnostics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.recoil.limits.diagnostics.Impact;
import org.recoil.limits.diagnostics.Pull;
import org.recoil.limits.diagnostics.Scan1D;
import org.recoil.limits.diagnostics.Scan2D;

/**
 * The charts of the fit diagnostics (XChart, written as PNG and SVG by the plot package's writer): pull plot,
 * impact plot, 1D and 2D profile-likelihood scans. Rendering is deterministic.
 */
public final class DiagnosticCharts {

    static final Color GREEN = new Color(0, 200, 0, 120);
    static final Color YELLOW = new Color(255, 214, 0, 140);
    private static final Color[] TYPE_COLOURS = {
        new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189),
        new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127), new Color(23, 190, 207)};
    private static final int ROW_PIXELS = 18;

    private DiagnosticCharts() {
    }

    /**
     * The pull plot: (θ̂ − θ₀)/Δθ of each constrained parameter with a horizontal bar of ± the post-fit over pre-fit
     * error, ±1σ (green) and ±2σ (yellow) bands, parameters grouped by modifier type (one colour each).
     *
     * @param pulls the pulls
     * @param title chart title
     * @return the chart
     */
    public static XYChart pulls(List<Pull> pulls, String title) {
        List<Pull> sorted = new ArrayList<>(pulls);
        sorted.sort((a, b) -> a.modifierType().equals(b.modifierType()) ? 0 : a.modifierType().compareTo(b.modifierType()));
        int n = sorted.size();
        List<String> names = sorted.stream().map(Pull::name).toList();
        double extent = 3;
        for (Pull p : sorted) {
            extent = Math.max(extent, Math.abs(p.pull()) + p.constraint() + 0.5);
        }
        XYChart chart = rowChart(title, "(θ̂ − θ₀) / Δθ", names, -extent, extent);
        bands(chart, n);
        Map<String, Integer> types = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            Pull p = sorted.get(k);
            int t = types.computeIfAbsent(p.modifierType(), key -> types.size());
            Color c = TYPE_COLOURS[t % TYPE_COLOURS.length];
            double y = n - 1 - k;
            XYSeries bar = chart.addSeries("bar " + k, new double[] {p.pull() - p.constraint(), p.pull() + p.constraint()},
                    new double[] {y, y});
            bar.setShowInLegend(false);
            bar.setMarker(SeriesMarkers.NONE);
            bar.setLineColor(c);
            bar.setLineStyle(new BasicStroke(2f));
        }
        for (Map.Entry<String, Integer> e : types.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (sorted.get(k).modifierType().equals(e.getKey())) {
                    xs.add(sorted.get(k).pull());
                    ys.add((double) (n - 1 - k));
                }
            }
            XYSeries s = chart.addSeries(e.getKey(), xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(TYPE_COLOURS[e.getValue() % TYPE_COLOURS.length]);
        }
        return chart;
    }

    /**
     * The impact plot: the top {@code top} parameters by impact, post-fit impacts (filled bars, up blue, down red)
     * and pre-fit impacts (thin lines) on μ̂ scaled to the pull axis, and the pulls with their constraints (black).
     *
     * @param impacts ranked impacts
     * @param top how many to show
     * @param poi name of the parameter of interest
     * @param title chart title
     * @return the chart
     */
    public static XYChart impacts(List<Impact> impacts, int top, String poi, String title) {
        List<Impact> shown = impacts.subList(0, Math.min(top, impacts.size()));
        int n = shown.size();
        double maxImpact = 0;
        double extent = 2.5;
        for (Impact im : shown) {
            maxImpact = Math.max(maxImpact, Math.max(im.size(), Math.max(abs(im.prefitUp()), abs(im.prefitDown()))));
            if (Double.isFinite(im.pull())) {
                extent = Math.max(extent, Math.abs(im.pull()) + im.error() / im.prefitWidth() + 0.3);
            }
        }
        double scale = maxImpact > 0 ? 2 / maxImpact : 1;
        XYChart chart = rowChart(title + String.format(" (impact axis: Δ%s = x × %.3g)", poi, 1 / scale),
                "pull (θ̂ − θ₀)/Δθ;  impact Δ" + poi + " × " + String.format("%.3g", scale),
                shown.stream().map(Impact::name).toList(), -extent, extent);
        bands(chart, n);
        for (int k = 0; k < n; k++) {
            Impact im = shown.get(k);
            double y = n - 1 - k;
            impactBar(chart, "pre+ " + k, im.prefitUp() * scale, y, new Color(31, 119, 180), 1.5f);
            impactBar(chart, "pre- " + k, im.prefitDown() * scale, y, new Color(214, 39, 40), 1.5f);
            impactBar(chart, "post+ " + k, im.postfitUp() * scale, y, new Color(31, 119, 180, 150), 9f);
            impactBar(chart, "post- " + k, im.postfitDown() * scale, y, new Color(214, 39, 40, 150), 9f);
        }
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Impact im = shown.get(k);
            double y = n - 1 - k;
            if (!Double.isFinite(im.pull())) {
                continue; // a free parameter has no pull
            }
            double pull = im.pull();
            double half = im.error() / im.prefitWidth();
            XYSeries bar = chart.addSeries("pullbar " + k, new double[] {pull - half, pull + half}, new double[] {y, y});
            bar.setShowInLegend(false);
            bar.setMarker(SeriesMarkers.NONE);
            bar.setLineColor(Color.BLACK);
            bar.setLineStyle(new BasicStroke(1.5f));
            px.add(pull);
            py.add(y);
        }
        XYSeries pulls = chart.addSeries("pull", px, py);
        pulls.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        pulls.setMarker(SeriesMarkers.CIRCLE);
        pulls.setMarkerColor(Color.BLACK);
        legendLine(chart, "post-fit impact +1σ", new Color(31, 119, 180, 150), 9f);
        legendLine(chart, "post-fit impact −1σ", new Color(214, 39, 40, 150), 9f);
        legendLine(chart, "pre-fit impact ±1σ (thin)", new Color(31, 119, 180), 1.5f);
        return chart;
    }

    private static double abs(double v) {
        return Double.isFinite(v) ? Math.abs(v) : 0;
    }

    private static void impactBar(XYChart chart, String name, double x, double y, Color c, float width) {
        if (!Double.isFinite(x)) {
            return;
        }
        XYSeries s = chart.addSeries(name, new double[] {0, x}, new double[] {y, y});
        s.setShowInLegend(false);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
    }

    private static void legendLine(XYChart chart, String name, Color c, float width) {
        XYSeries s = chart.addSeries(name, new double[] {Double.NaN}, new double[] {Double.NaN});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
        s.setLineStyle(new BasicStroke(width));
    }

    /**
     * A 1D profile-likelihood scan with the 68% (−2Δln L = 1) and 95% (3.84) levels and their crossings.
     *
     * @param scan the scan
     * @param title chart title
     * @return the chart
     */
    public static XYChart scan1d(Scan1D scan, String title) {
        XYChart chart = new XYChartBuilder().width(800).height(600).title(title).xAxisTitle(scan.name())
                .yAxisTitle("−2 Δln L").build();
        style(chart);
        double[] x = scan.x();
        XYSeries s = chart.addSeries("profile likelihood", x, scan.deltaTwiceNll());
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(Color.BLACK);
        s.setMarkerColor(Color.BLACK);
        level(chart, "68% (1.00)", x[0], x[x.length - 1], 1.0, new Color(0, 150, 0), scan.crossings(1.0));
        level(chart, "95% (3.84)", x[0], x[x.length - 1], 3.84, new Color(200, 150, 0), scan.crossings(3.84));
        return chart;
    }

    private static void level(XYChart chart, String name, double from, double to, double level, Color c,
                              List<Double> crossings) {
        XYSeries s = chart.addSeries(name, new double[] {from, to}, new double[] {level, level});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        int k = 0;
        for (double x : crossings) {
            XYSeries v = chart.addSeries(name + " crossing " + k++, new double[] {x, x}, new double[] {0, level});
            v.setShowInLegend(false);
            v.setMarker(SeriesMarkers.NONE);
            v.setLineColor(c);
            v.setLineStyle(new BasicStroke(1f));
        }
    }

    /**
     * A 2D profile-likelihood scan: the 68% (−2Δln L = 2.30) and 95% (5.99) contours (marching squares on the grid)
     * and the best fit.
     *
     * @param scan the scan
     * @param title chart title
     * @return the chart
     */
    public static XYChart scan2d(Scan2D scan, String title) {
        XYChart chart = new XYChartBuilder().width(800).height(700).title(title).xAxisTitle(scan.nameX())
                .yAxisTitle(scan.nameY()).build();
        style(chart);
        double[] x = scan.x();
        double[] y = scan.y();
        // frame the grid so that the axes span it
        XYSeries frame = chart.addSeries("grid", new double[] {x[0], x[x.length - 1]}, new double[] {y[0], y[y.length - 1]});
        frame.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        frame.setMarker(SeriesMarkers.NONE);
        frame.setShowInLegend(false);
        contour(chart, scan, 2.30, "68% (2.30)", new Color(0, 150, 0));
        contour(chart, scan, 5.99, "95% (5.99)", new Color(200, 150, 0));
        XYSeries best = chart.addSeries("best fit", new double[] {scan.bestX()}, new double[] {scan.bestY()});
        best.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        best.setMarker(SeriesMarkers.CROSS);
        best.setMarkerColor(Color.BLACK);
        return chart;
    }

    private static void contour(XYChart chart, Scan2D scan, double level, String name, Color c) {
        List<double[]> segments = Contours.segments(scan.x(), scan.y(), scan.deltaTwiceNll(), level);
        legendLine(chart, name, c, 2f);
        int k = 0;
        for (double[] s : segments) {
            XYSeries ser = chart.addSeries(name + " " + k++, new double[] {s[0], s[2]}, new double[] {s[1], s[3]});
            ser.setShowInLegend(false);
            ser.setMarker(SeriesMarkers.NONE);
            ser.setLineColor(c);
            ser.setLineStyle(new BasicStroke(2f));
        }
    }

    /** A chart with one row per name (top row first) and a symmetric x range. */
    private static XYChart rowChart(String title, String xTitle, List<String> names, double xmin, double xmax) {
        int n = names.size();
        int height = Math.max(300, 160 + ROW_PIXELS * n);
        XYChart chart = new XYChartBuilder().width(900).height(height).title(title).xAxisTitle(xTitle).build();
        style(chart);
        chart.getStyler().setXAxisMin(xmin).setXAxisMax(xmax).setYAxisMin(-1.0).setYAxisMax((double) n);
        // one tick per row: a spacing hint of about 0.8 of a row's height makes XChart's tick step exactly 1
        chart.getStyler().setYAxisTickMarkSpacingHint((int) Math.max(8, 0.8 * (height - 120) / (n + 1)));
        chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> {
            long k = Math.round(v);
            if (Math.abs(v - k) > 1e-6 || k < 0 || k >= n) {
                // blank, but distinct: XChart drops a tick spacing whose labels repeat
                return " ".repeat(1 + (int) Math.min(400, Math.round(4 * Math.abs(v + 1))));
            }
            return names.get((int) (n - 1 - k));
        });
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    private static void bands(XYChart chart, int n) {
        double lo = -1;
        double hi = n;
        XYSeries two = chart.addSeries("±2σ", new double[] {-2, 2, 2, -2}, new double[] {lo, lo, hi, hi});
        two.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        two.setFillColor(YELLOW);
        two.setLineColor(YELLOW);
        two.setMarker(SeriesMarkers.NONE);
        XYSeries one = chart.addSeries("±1σ", new double[] {-1, 1, 1, -1}, new double[] {lo, lo, hi, hi});
        one.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        one.setFillColor(GREEN);
        one.setLineColor(GREEN);
        one.setMarker(SeriesMarkers.NONE);
    }

    static void style(XYChart chart) {
        chart.getStyler().setPlotGridLinesVisible(false);
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setAntiAlias(true);
        chart.getStyler().setLegendBorderColor(Color.WHITE);
    }
}
