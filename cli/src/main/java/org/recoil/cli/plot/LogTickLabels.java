package org.recoil.cli.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Draws the tick labels of one logarithmic axis ({@link LogTicks}) where XChart draws its own.
 *
 * <p>XChart 3.8 formats logarithmic ticks with a {@link java.text.DecimalFormat} only (its tick
 * label formatting function switches the axis to linear ticks), which cannot write 10³. So
 * {@link PlotCanvas} keeps XChart's tick marks and the room its labels take but paints them
 * transparent, and this annotation, painted after the axes, writes the labels in their place: below
 * the plot area centred on the tick (x), or left of it right-aligned and centred on the tick (y),
 * all on the baseline of plain digits so that exponents do not shift a label.
 * The ticks are read from the chart's axis range at paint time, as {@link PlotWriter} reads them
 * for the SVG's description.
 */
final class LogTickLabels extends Annotation {

    private final boolean xAxis;
    private final Font font;
    private final Color color;

    /**
     * @param xAxis true for the x axis, false for the y axis
     * @param font the tick label font
     * @param color the tick label colour
     */
    LogTickLabels(boolean xAxis, Font font, Color color) {
        super(true);
        this.xAxis = xAxis;
        this.font = font;
        this.color = color;
    }

    /**
     * @param s the styler of a chart
     * @param xAxis true for the x axis, false for the y axis
     * @return the labelled ticks of that axis of the chart, empty if it is not logarithmic with a fixed range
     */
    static List<LogTicks.Tick> ticks(AxesChartStyler s, boolean xAxis) {
        boolean log = xAxis ? s.isXAxisLogarithmic() : s.isYAxisLogarithmic();
        Double min = xAxis ? s.getXAxisMin() : s.getYAxisMin();
        Double max = xAxis ? s.getXAxisMax() : s.getYAxisMax();
        if (!log || min == null || max == null) {
            return List.of();
        }
        return LogTicks.of(min, max, xAxis ? s.isXAxisLogarithmicDecadeOnly() : s.isYAxisLogarithmicDecadeOnly());
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible) {
            return;
        }
        AxesChartStyler s = (AxesChartStyler) styler;
        int gap = s.getAxisTickMarkLength() + s.getAxisTickPadding();
        double left = getXAxisScreenValue(s.getXAxisMin());
        double bottom = getYAxisScreenValue(s.getYAxisMin());
        Object hint = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(color);
        Rectangle2D digits = new TextLayout("10", font, g.getFontRenderContext()).getOutline(null).getBounds2D();
        for (LogTicks.Tick t : ticks(s, xAxis)) {
            Shape outline = new TextLayout(t.label(), font, g.getFontRenderContext()).getOutline(null);
            Rectangle2D b = outline.getBounds2D();
            double x;
            double y;
            if (xAxis) {
                x = getXAxisScreenValue(t.value()) - b.getWidth() / 2 - b.getX();
                y = bottom + gap - digits.getY();
            } else {
                x = left - gap - b.getWidth() - b.getX();
                y = getYAxisScreenValue(t.value()) - digits.getHeight() / 2 - digits.getY();
            }
            AffineTransform saved = g.getTransform();
            g.translate(x, y);
            g.fill(outline);
            g.setTransform(saved);
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, hint);
    }
}
