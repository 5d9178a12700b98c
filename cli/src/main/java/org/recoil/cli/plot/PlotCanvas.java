package org.recoil.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.AnnotationTextPanel;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One XChart {@link XYChart} being drawn, in the house style (white background, framed plot area
 * whose edges are the axis limits, no grid, legend and text inside the frame).
 *
 * <p>XChart paints series in the order they are added and lists them in the legend in the same
 * order, while a physics plot wants fills behind lines but the legend in reading order. So the
 * legend is made of proxy series that carry only NaN ordinates (XChart skips NaN points, so they
 * draw nothing) and are added first; everything drawn is added afterwards without a legend entry.
 * Fills are closed polygons ({@link XYSeriesRenderStyle#PolygonArea}) whose corners the plot code
 * computes itself, so bands between two curves and stacked histogram layers render exactly, also
 * on logarithmic axes where XChart's own area fill would stop at y = 1.
 */
final class PlotCanvas {

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Color LABEL_COLOR = new Color(190, 0, 0);
    static final String SYNTHETIC_LABEL = "SYNTHETIC DATA";

    /** Thin solid line. */
    static final BasicStroke THIN = new BasicStroke(1.0f);
    /** Solid line for the main curves. */
    static final BasicStroke SOLID = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    /** Dashed line (expected limits). */
    static final BasicStroke DASHED = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {9f, 5f}, 0f);
    /** Dotted line. */
    static final BasicStroke DOTTED = new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
            new float[] {1.5f, 4.5f}, 0f);
    /** Dash-dotted line. */
    static final BasicStroke DASH_DOT = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {9f, 4f, 2f, 4f}, 0f);

    /** Pixel estimates for reserving room: chart furniture around the plot area, legend rows, note rows. */
    private static final int FURNITURE_HEIGHT = 115;
    private static final int LEGEND_ROW = 21;
    private static final int LEGEND_MARGIN = 24;
    private static final int LABEL_ROW = 22;
    private static final int NOTE_ROW = 18;
    private static final int INSET = 12;

    private static final int MILESTONE_GAP = 5;
    private static final double EDGE_WIDENING = 1e-9;
    private static final double LOG_EDGE_PIXELS = 2.5;
    private static final double DECADES_FOR_DECADE_LABELS = 1.3;
    private static final int FURNITURE_WIDTH = 110;
    private static final int OUTSIDE_LEGEND = 200;
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private static final Color TRANSPARENT = new Color(0, 0, 0, 0);
    private static final String XCHART_LOG_PATTERN = "0E0";

    private static final String HIDDEN_PREFIX = "\u0001series-";

    private final PlotOptions options;
    private final LegendCorner corner;
    private final XYChart chart;
    private final List<Milestone> milestones = new ArrayList<>();
    private int legendEntries;
    private int hiddenSeries;

    private PlotCanvas(PlotOptions options, LegendCorner corner, XYChart chart) {
        this.options = options;
        this.corner = corner;
        this.chart = chart;
    }

    /**
     * @param options the plot options
     * @param preferredCorner the legend corner this plot type uses when the options say AUTO
     * @return an empty canvas
     */
    static PlotCanvas create(PlotOptions options, LegendCorner preferredCorner) {
        Headless.ensure();
        LegendCorner corner = options.legend() == LegendCorner.AUTO ? preferredCorner : options.legend();
        XYChart chart = new XYChartBuilder().width(options.width()).height(options.height())
                .title(options.title()).xAxisTitle(options.xAxisLabel()).yAxisTitle(options.yAxisLabel()).build();
        XYStyler s = chart.getStyler();
        s.setLocale(Locale.ROOT);
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(Color.BLACK);
        s.setPlotGridLinesVisible(false);
        s.setPlotContentSize(1.0);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(TITLE_FONT);
        s.setChartTitleVisible(!options.title().isEmpty());
        s.setAxisTitleFont(AXIS_TITLE_FONT);
        s.setAxisTickLabelsFont(TICK_FONT);
        s.setAxisTickMarksColor(Color.BLACK);
        s.setAxisTickLabelsColor(Color.BLACK);
        s.setChartFontColor(Color.BLACK);
        s.setLegendFont(LEGEND_FONT);
        s.setLegendBorderColor(new Color(0, 0, 0, 0));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 215));
        s.setLegendSeriesLineLength(32);
        s.setLegendPosition(switch (corner) {
            case TOP_LEFT -> Styler.LegendPosition.InsideNW;
            case BOTTOM_RIGHT -> Styler.LegendPosition.InsideSE;
            case BOTTOM_LEFT -> Styler.LegendPosition.InsideSW;
            case OUTSIDE_RIGHT -> Styler.LegendPosition.OutsideE;
            default -> Styler.LegendPosition.InsideNE;
        });
        s.setMarkerSize(7);
        s.setXAxisLogarithmic(options.logX());
        s.setYAxisLogarithmic(options.logY());
        s.setAnnotationTextFont(LABEL_FONT);
        s.setAnnotationTextFontColor(LABEL_COLOR);
        s.setAnnotationTextPanelFont(NOTE_FONT);
        s.setAnnotationTextPanelFontColor(Color.BLACK);
        s.setAnnotationTextPanelBackgroundColor(new Color(255, 255, 255, 0));
        s.setAnnotationTextPanelBorderColor(new Color(255, 255, 255, 0));
        s.setAnnotationTextPanelPadding(0);
        s.setAnnotationLineColor(new Color(90, 90, 90));
        s.setAnnotationLineStroke(new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
                new float[] {2f, 4f}, 0f));
        return new PlotCanvas(options, corner, chart);
    }

    /**
     * The {@link java.text.DecimalFormat} pattern of XChart's own labels of a logarithmic axis.
     * They are painted transparent ({@link LogTickLabels} writes 10³ in their place, as XChart's
     * formats cannot), but XChart lays the axis out by their size: powers of ten ({@code 2E-3}),
     * padded with a quoted suffix where the labels drawn instead are wider, so that these never run
     * into the axis title.
     *
     * @param ticks the labels drawn instead
     * @return the pattern
     */
    static String logAxisPattern(List<LogTicks.Tick> ticks) {
        DecimalFormat xchart = new DecimalFormat(XCHART_LOG_PATTERN, DecimalFormatSymbols.getInstance(Locale.ROOT));
        double theirs = LogTicks.widest(ticks.stream().map(t -> xchart.format(t.value())).toList(), TICK_FONT, FRC);
        double ours = LogTicks.widest(ticks.stream().map(LogTicks.Tick::label).toList(), TICK_FONT, FRC);
        double zero = LogTicks.widest(List.of("0"), TICK_FONT, FRC);
        int pad = ours > theirs ? (int) Math.ceil((ours - theirs) / zero) : 0;
        return pad == 0 ? XCHART_LOG_PATTERN : XCHART_LOG_PATTERN + "'" + "0".repeat(pad) + "'";
    }

    PlotOptions options() {
        return options;
    }

    /** A legend entry drawn as a line (with an optional marker, or {@link SeriesMarkers#NONE}). */
    void legendLine(String label, Color color, BasicStroke stroke, Marker marker) {
        XYSeries s = chart.addSeries(label, new double[] {1.0}, new double[] {Double.NaN});
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setMarker(marker);
        s.setMarkerColor(color);
        legendEntries++;
    }

    /** A legend entry drawn as a marker alone (data points). */
    void legendMarker(String label, Color color, Marker marker) {
        XYSeries s = chart.addSeries(label, new double[] {1.0}, new double[] {Double.NaN});
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
        s.setLineColor(color);
        legendEntries++;
    }

    /** A legend entry drawn as a filled box. */
    void legendBox(String label, Color fill) {
        XYSeries s = chart.addSeries(label, new double[] {1.0}, new double[] {Double.NaN});
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(fill);
        s.setLineColor(fill);
        s.setMarker(SeriesMarkers.NONE);
        legendEntries++;
    }

    /** Fills the closed polygon through the given corners (no outline). */
    void polygon(double[] x, double[] y, Color fill) {
        XYSeries s = hidden(x, y);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(fill);
        s.setLineStyle(SeriesLines.NONE);
        s.setMarker(SeriesMarkers.NONE);
    }

    /** Draws a polyline; a NaN ordinate breaks it (used for error bars). */
    void line(double[] x, double[] y, Color color, BasicStroke stroke) {
        XYSeries s = hidden(x, y);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setMarker(SeriesMarkers.NONE);
    }

    /** Draws markers at the points; a NaN ordinate skips a point. */
    void markers(double[] x, double[] y, Color color, Marker marker) {
        XYSeries s = hidden(x, y);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }

    /** A vertical dotted line at the milestone's x with its label next to it near the bottom (if in range). */
    void milestone(Milestone m) {
        milestones.add(m);
    }

    private XYSeries hidden(double[] x, double[] y) {
        XYSeries s = chart.addSeries(HIDDEN_PREFIX + hiddenSeries++, x, y);
        s.setShowInLegend(false);
        return s;
    }

    /**
     * The fraction of the plot height to keep free above the data for the legend and the text
     * block when they sit at the top of the plot.
     */
    double topReserve() {
        double plotHeight = Math.max(options.height() - FURNITURE_HEIGHT, 1);
        int text = textBlockHeight();
        int legend = legendEntries * LEGEND_ROW + LEGEND_MARGIN;
        boolean legendAtTop = corner == LegendCorner.TOP_LEFT || corner == LegendCorner.TOP_RIGHT;
        int reserve = Math.max(text, legendAtTop ? legend : 0);
        return reserve == 0 ? 0.05 : Math.min(0.6, (reserve + INSET) / plotHeight);
    }

    /** The fraction of the plot height to keep free below the data for the milestone labels. */
    double bottomReserve() {
        if (milestones.isEmpty()) {
            return 0;
        }
        double plotHeight = Math.max(options.height() - FURNITURE_HEIGHT, 1);
        return (NOTE_ROW + 2 * MILESTONE_GAP) / plotHeight;
    }

    private List<String> noteLines() {
        return options.notes().stream().flatMap(String::lines).toList();
    }

    private int textBlockHeight() {
        int h = (options.synthetic() ? LABEL_ROW : 0) + noteLines().size() * NOTE_ROW;
        return h == 0 ? 0 : h + INSET;
    }

    /**
     * The x range drawn: the fixed range of the options, else {@code auto}, slightly widened so
     * that XChart labels ticks that fall on the ends of the axis.
     */
    AxisRange xRange(AxisRange auto) {
        return widen(options.xRange() != null ? options.xRange() : auto, options.logX(),
                options.width() - FURNITURE_WIDTH - (corner == LegendCorner.OUTSIDE_RIGHT ? OUTSIDE_LEGEND : 0));
    }

    /** The y range drawn: the fixed range of the options, else {@code auto}, slightly widened. */
    AxisRange yRange(AxisRange auto) {
        return widen(options.yRange() != null ? options.yRange() : auto, options.logY(),
                options.height() - FURNITURE_HEIGHT);
    }

    /**
     * XChart leaves a tick exactly on the end of an axis unlabelled (on a log axis also one less
     * than a pixel inside, as it truncates tick positions to whole pixels), and physicists expect
     * the ends (0, 8 GeV, 10⁻³) to be labelled: linear ranges grow by 1e-9 of their span, log
     * ranges by about {@value #LOG_EDGE_PIXELS} pixels.
     */
    private static AxisRange widen(AxisRange r, boolean log, int pixels) {
        if (log) {
            double lo = Math.log10(r.min());
            double hi = Math.log10(r.max());
            double d = LOG_EDGE_PIXELS / Math.max(pixels, 50) * (hi - lo);
            return new AxisRange(Math.pow(10, lo - d), Math.pow(10, hi + d));
        }
        double d = EDGE_WIDENING * (r.max() - r.min());
        return new AxisRange(r.min() - d, r.max() + d);
    }

    /**
     * Applies the axis ranges (from {@link #xRange} and {@link #yRange}), lays the chart out once
     * to learn where the plot area is, and places the "SYNTHETIC DATA" label and the notes in the
     * top corner away from the legend, and the milestone labels.
     *
     * @param x the x range drawn
     * @param y the y range drawn
     * @return the finished chart
     */
    XYChart finish(AxisRange x, AxisRange y) {
        XYStyler s = chart.getStyler();
        s.setXAxisMin(x.min());
        s.setXAxisMax(x.max());
        s.setYAxisMin(y.min());
        s.setYAxisMax(y.max());
        // a log axis spanning little more than a decade would show one label or none: label 2..9 too
        s.setXAxisLogarithmicDecadeOnly(Math.log10(x.max() / x.min()) >= DECADES_FOR_DECADE_LABELS);
        s.setYAxisLogarithmicDecadeOnly(Math.log10(y.max() / y.min()) >= DECADES_FOR_DECADE_LABELS);
        if (options.logX()) {
            s.setXAxisDecimalPattern(logAxisPattern(LogTickLabels.ticks(s, true)));
            s.setXAxisTickLabelsColor(TRANSPARENT);
            chart.addAnnotation(new LogTickLabels(true, TICK_FONT, Color.BLACK));
        }
        if (options.logY()) {
            s.setYAxisDecimalPattern(logAxisPattern(LogTickLabels.ticks(s, false)));
            s.setYAxisTickLabelsColor(TRANSPARENT);
            s.setYAxisGroupTickLabelsColorMap(0, TRANSPARENT);
            chart.addAnnotation(new LogTickLabels(false, TICK_FONT, Color.BLACK));
        }
        List<Milestone> shown = milestones.stream()
                .filter(m -> m.luminosity() > x.min() && m.luminosity() < x.max()).toList();
        for (Milestone m : shown) {
            chart.addAnnotation(new AnnotationLine(m.luminosity(), true, false));
        }
        boolean text = options.synthetic() || !options.notes().isEmpty();
        if (text || !shown.isEmpty()) {
            // a layout pass tells where the plot area is on the image
            BufferedImage scratch = new BufferedImage(options.width(), options.height(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scratch.createGraphics();
            try {
                chart.paint(g, options.width(), options.height());
            } finally {
                g.dispose();
            }
            if (text) {
                addTextBlock(x, y);
            }
            addMilestoneLabels(shown, x, y);
        }
        return chart;
    }

    private void addMilestoneLabels(List<Milestone> shown, AxisRange x, AxisRange y) {
        double left = chart.getScreenXFromChart(x.min());
        double right = chart.getScreenXFromChart(x.max());
        double top = chart.getScreenYFromChart(y.max());
        double bottom = chart.getScreenYFromChart(y.min());
        for (Milestone m : shown) {
            double at = chart.getScreenXFromChart(m.luminosity());
            double width = NOTE_FONT.getStringBounds(m.label(), FRC).getWidth();
            double textLeft = at + MILESTONE_GAP + width < right - MILESTONE_GAP ? at + MILESTONE_GAP
                    : at - MILESTONE_GAP - width;
            chart.addAnnotation(new AnnotationTextPanel(m.label(), toDataX(textLeft, x, left, right),
                    toDataY(bottom - MILESTONE_GAP, y, top), false));
        }
    }

    private void addTextBlock(AxisRange x, AxisRange y) {
        double left = chart.getScreenXFromChart(x.min());
        double right = chart.getScreenXFromChart(x.max());
        double top = chart.getScreenYFromChart(y.max());
        FontRenderContext frc = FRC;
        List<String> lines = noteLines();
        double width = lines.stream().mapToDouble(t -> NOTE_FONT.getStringBounds(t, frc).getWidth()).max().orElse(0);
        if (options.synthetic()) {
            width = Math.max(width, LABEL_FONT.getStringBounds(SYNTHETIC_LABEL, frc).getWidth());
        }
        boolean atRight = corner == LegendCorner.TOP_LEFT;
        double textLeft = atRight ? right - INSET - width : left + INSET;
        double row = top + INSET;
        if (options.synthetic()) {
            double labelWidth = LABEL_FONT.getStringBounds(SYNTHETIC_LABEL, frc).getWidth();
            chart.addAnnotation(new AnnotationText(SYNTHETIC_LABEL, toDataX(textLeft + labelWidth / 2, x, left, right),
                    toDataY(row + LABEL_ROW / 2.0, y, top), false));
            row += LABEL_ROW;
        }
        if (!lines.isEmpty()) {
            // XChart anchors a text panel at its bottom-left corner
            double bottom = row + lines.size() * NOTE_ROW;
            AnnotationTextPanel panel = new AnnotationTextPanel(String.join("\n", lines),
                    toDataX(textLeft, x, left, right), toDataY(bottom, y, top), false);
            chart.addAnnotation(panel);
        }
    }

    private double toDataX(double pixel, AxisRange x, double left, double right) {
        double f = (pixel - left) / (right - left);
        return options.logX()
                ? Math.pow(10, Math.log10(x.min()) + f * (Math.log10(x.max()) - Math.log10(x.min())))
                : x.min() + f * (x.max() - x.min());
    }

    private double toDataY(double pixel, AxisRange y, double top) {
        double bottom = chart.getScreenYFromChart(y.min());
        double f = (bottom - pixel) / (bottom - top);
        return options.logY()
                ? Math.pow(10, Math.log10(y.min()) + f * (Math.log10(y.max()) - Math.log10(y.min())))
                : y.min() + f * (y.max() - y.min());
    }
}
