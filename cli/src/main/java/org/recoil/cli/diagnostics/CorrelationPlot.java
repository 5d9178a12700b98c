package org.recoil.cli.diagnostics;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.recoil.limits.diagnostics.CorrelationMatrix;

/**
 * The correlation matrix as a heat map (blue −1, white 0, red +1, values printed), pruned as cabinetry prunes it:
 * only parameters with some |ρ| above a threshold with another parameter, at most {@code maxParameters} of them
 * (those with the largest such |ρ|), in model order.
 */
public final class CorrelationPlot {
    private CorrelationPlot() {
    }

    /**
     * @param matrix the full correlation matrix
     * @param threshold minimum off-diagonal |ρ| for a parameter to be shown
     * @param maxParameters most parameters shown
     * @param title chart title
     * @return the chart, or null if no parameter passes the threshold
     */
    public static HeatMapChart chart(CorrelationMatrix matrix, double threshold, int maxParameters, String title) {
        CorrelationMatrix pruned = matrix.pruned(threshold);
        int n = pruned.size();
        if (n == 0) {
            return null;
        }
        double[] strongest = new double[n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a != b && Double.isFinite(pruned.get(a, b))) {
                    strongest[a] = Math.max(strongest[a], Math.abs(pruned.get(a, b)));
                }
            }
        }
        List<Integer> keep = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer a) -> -strongest[a])).limit(maxParameters).sorted().toList();
        int m = keep.size();
        List<String> names = new ArrayList<>();
        keep.forEach(a -> names.add(pruned.parameters().get(a)));
        List<String> yNames = new ArrayList<>(names);
        java.util.Collections.reverse(yNames);
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double v = pruned.get(keep.get(i), keep.get(m - 1 - j));
                cells.add(new Number[] {i, j, Double.isFinite(v) ? Math.round(v * 100) / 100.0 : 0.0});
            }
        }
        int size = Math.max(500, 200 + 28 * m);
        HeatMapChart chart = new HeatMapChartBuilder().width(size + 150).height(size).title(title).build();
        chart.getStyler().setMin(-1).setMax(1);
        chart.getStyler().setRangeColors(new Color[] {new Color(33, 102, 172), Color.WHITE, new Color(178, 24, 43)});
        chart.getStyler().setShowValue(m <= 25);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.addSeries("correlation", names, yNames, cells);
        return chart;
    }

    /**
     * Writes the chart as PNG and SVG.
     *
     * @param chart the chart
     * @param png the PNG file
     * @param svg the SVG file
     */
    public static void write(HeatMapChart chart, Path png, Path svg) {
        try {
            byte[] p = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, s, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            Files.write(png, p);
            Files.write(svg, s.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + " / " + svg, e);
        }
    }
}
