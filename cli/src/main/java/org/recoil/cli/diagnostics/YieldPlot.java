package org.recoil.cli.diagnostics;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processor;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.recoil.limits.diagnostics.YieldTable;

/**
 * Data versus the stacked pre- or post-fit prediction of one channel, with the prediction's uncertainty band
 * (propagated from the covariance) and a data/prediction ratio panel below; written as one PNG and one SVG.
 */
public final class YieldPlot {

    private static final int WIDTH = 800;
    private static final int MAIN_HEIGHT = 560;
    private static final int RATIO_HEIGHT = 240;
    private static final Color[] FILL = {
        new Color(100, 149, 237), new Color(255, 165, 79), new Color(102, 194, 165), new Color(231, 138, 195),
        new Color(166, 216, 84), new Color(255, 217, 47), new Color(229, 196, 148), new Color(179, 179, 179)};

    private final XYChart main;
    private final XYChart ratio;

    private YieldPlot(XYChart main, XYChart ratio) {
        this.main = main;
        this.ratio = ratio;
    }

    /** @return the upper panel (stack, band, data) */
    public XYChart main() {
        return main;
    }

    /** @return the ratio panel */
    public XYChart ratio() {
        return ratio;
    }

    /**
     * @param table the yields
     * @param channel the channel to draw
     * @param title chart title
     * @return the two panels
     */
    public static YieldPlot of(YieldTable table, String channel, String title) {
        YieldTable.ChannelData cd = table.channels().stream().filter(c -> c.channel().equals(channel)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no channel " + channel));
        double[] data = cd.data();
        int bins = data.length;
        List<String> samples = cd.samples();
        double[][] cumulative = new double[samples.size()][bins];
        for (int s = 0; s < samples.size(); s++) {
            List<YieldTable.Row> rows = table.rows(channel, samples.get(s));
            for (int b = 0; b < bins; b++) {
                cumulative[s][b] = rows.get(b).yield() + (s > 0 ? cumulative[s - 1][b] : 0);
            }
        }
        List<YieldTable.Row> total = table.rows(channel, YieldTable.TOTAL);
        XYChart main = new XYChartBuilder().width(WIDTH).height(MAIN_HEIGHT).title(title).yAxisTitle("Events / bin")
                .build();
        DiagnosticCharts.style(main);
        main.getStyler().setXAxisMin(0.0).setXAxisMax((double) bins).setYAxisMin(0.0);
        for (int s = samples.size() - 1; s >= 0; s--) {
            double[][] step = step(cumulative[s]);
            XYSeries ser = main.addSeries(samples.get(s), step[0], step[1]);
            ser.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            ser.setMarker(SeriesMarkers.NONE);
            ser.setFillColor(FILL[s % FILL.length]);
            ser.setLineColor(FILL[s % FILL.length].darker());
        }
        double[] lo = new double[bins];
        double[] hi = new double[bins];
        double[] rlo = new double[bins];
        double[] rhi = new double[bins];
        double[] ratioValue = new double[bins];
        double[] ratioErr = new double[bins];
        double[] dataErr = new double[bins];
        double[] centres = new double[bins];
        for (int b = 0; b < bins; b++) {
            double t = total.get(b).yield();
            double e = total.get(b).error();
            lo[b] = t - e;
            hi[b] = t + e;
            rlo[b] = t > 0 ? 1 - e / t : 1;
            rhi[b] = t > 0 ? 1 + e / t : 1;
            dataErr[b] = Math.sqrt(Math.max(0, data[b]));
            ratioValue[b] = t > 0 ? data[b] / t : Double.NaN;
            ratioErr[b] = t > 0 ? dataErr[b] / t : 0;
            centres[b] = b + 0.5;
        }
        band(main, "uncertainty", lo, hi);
        XYSeries d = main.addSeries("data", centres, data, dataErr);
        d.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        d.setMarker(SeriesMarkers.CIRCLE);
        d.setMarkerColor(Color.BLACK);

        XYChart ratio = new XYChartBuilder().width(WIDTH).height(RATIO_HEIGHT).xAxisTitle(channel + " bin")
                .yAxisTitle("data / pred.").build();
        DiagnosticCharts.style(ratio);
        ratio.getStyler().setLegendVisible(false);
        double rmax = 1.5;
        double rmin = 0.5;
        for (int b = 0; b < bins; b++) {
            if (Double.isFinite(ratioValue[b])) {
                rmax = Math.max(rmax, Math.min(3, ratioValue[b] + ratioErr[b] + 0.05));
                rmin = Math.min(rmin, Math.max(0, ratioValue[b] - ratioErr[b] - 0.05));
            }
        }
        ratio.getStyler().setXAxisMin(0.0).setXAxisMax((double) bins).setYAxisMin(rmin).setYAxisMax(rmax);
        band(ratio, "uncertainty", rlo, rhi);
        XYSeries one = ratio.addSeries("1", new double[] {0, bins}, new double[] {1, 1});
        one.setMarker(SeriesMarkers.NONE);
        one.setLineColor(Color.GRAY);
        XYSeries r = ratio.addSeries("ratio", centres, ratioValue, ratioErr);
        r.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        r.setMarker(SeriesMarkers.CIRCLE);
        r.setMarkerColor(Color.BLACK);
        return new YieldPlot(main, ratio);
    }

    private static void band(XYChart chart, String name, double[] lo, double[] hi) {
        int bins = lo.length;
        double[] xs = new double[4 * bins];
        double[] ys = new double[4 * bins];
        for (int b = 0; b < bins; b++) {
            xs[2 * b] = b;
            xs[2 * b + 1] = b + 1;
            ys[2 * b] = hi[b];
            ys[2 * b + 1] = hi[b];
            int k = 4 * bins - 1 - 2 * b;
            xs[k] = b;
            xs[k - 1] = b + 1;
            ys[k] = lo[b];
            ys[k - 1] = lo[b];
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(new Color(60, 60, 60, 90));
        s.setLineColor(new Color(60, 60, 60, 90));
        s.setMarker(SeriesMarkers.NONE);
    }

    private static double[][] step(double[] v) {
        double[] x = new double[2 * v.length];
        double[] y = new double[2 * v.length];
        for (int b = 0; b < v.length; b++) {
            x[2 * b] = b;
            x[2 * b + 1] = b + 1;
            y[2 * b] = v[b];
            y[2 * b + 1] = v[b];
        }
        return new double[][] {x, y};
    }

    /**
     * Writes both panels stacked as {@code png} and {@code svg}.
     *
     * @param png the PNG file
     * @param svg the SVG file
     */
    public void write(Path png, Path svg) {
        int h = MAIN_HEIGHT + RATIO_HEIGHT;
        BufferedImage img = new BufferedImage(WIDTH, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paint(g);
        g.dispose();
        VectorGraphics2D vg = new VectorGraphics2D();
        paint(vg);
        Processor p = Processors.get("svg");
        Document doc = p.getDocument(vg.getCommands(), new PageSize(0.0, 0.0, WIDTH, h));
        try {
            ByteArrayOutputStream pngBytes = new ByteArrayOutputStream();
            ImageIO.write(img, "png", pngBytes);
            ByteArrayOutputStream svgBytes = new ByteArrayOutputStream();
            doc.writeTo(svgBytes);
            Files.write(png, pngBytes.toByteArray());
            Files.write(svg, svgBytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + " / " + svg, e);
        }
    }

    private void paint(Graphics2D g) {
        main.paint(g, WIDTH, MAIN_HEIGHT);
        Graphics2D r = (Graphics2D) g.create(0, MAIN_HEIGHT, WIDTH, RATIO_HEIGHT);
        ratio.paint(r, WIDTH, RATIO_HEIGHT);
        r.dispose();
    }
}
