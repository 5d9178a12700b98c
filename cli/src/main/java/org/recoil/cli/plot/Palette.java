package org.recoil.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The colours, line styles and markers of the plots. Background fills use the colour-blind-safe
 * palette of Okabe and Ito (2008); the expected-limit bands use the conventional green (±1σ) and
 * yellow (±2σ) of LHC and Belle II limit plots.
 */
final class Palette {

    /** ±1σ expected band. */
    static final Color GREEN = new Color(0, 200, 0);
    /** ±2σ expected band. */
    static final Color YELLOW = new Color(255, 214, 0);

    private static final Color[] BACKGROUND = {
        new Color(86, 180, 233), new Color(230, 159, 0), new Color(0, 158, 115), new Color(240, 228, 66),
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(204, 121, 167), new Color(153, 153, 153),
    };
    /** Ten hues that stay apart on white and from each other (after Tableau 10, darkened). */
    private static final Color[] LINE = {
        new Color(0, 80, 200), new Color(200, 20, 20), new Color(0, 140, 60), new Color(150, 0, 170),
        new Color(230, 120, 0), new Color(0, 160, 180), new Color(90, 90, 90), new Color(140, 85, 40),
        new Color(230, 90, 170), new Color(150, 150, 0),
    };
    private static final Color[] PROJECTION = {
        new Color(0, 70, 200), new Color(175, 0, 165), new Color(0, 135, 135), new Color(120, 80, 0),
    };
    private static final Color[] SIGNAL = {
        new Color(215, 0, 0), new Color(140, 0, 200), new Color(0, 120, 0), new Color(0, 0, 170),
    };
    private static final Color[] BAND = {
        new Color(225, 40, 40), new Color(0, 170, 90), new Color(235, 150, 0), new Color(120, 120, 120),
    };
    private static final BasicStroke[] SIGNAL_STROKES = {
        PlotCanvas.SOLID, PlotCanvas.DASHED, PlotCanvas.DASH_DOT, PlotCanvas.DOTTED,
    };
    private static final BasicStroke[] PROJECTION_STROKES = {
        PlotCanvas.DASHED, PlotCanvas.DASH_DOT, PlotCanvas.DOTTED,
    };
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
    };
    private static final int BAND_ALPHA = 70;
    /** The band of the stack's statistical uncertainty: dark grey, see-through. */
    static final Color STACK_ERROR = new Color(40, 40, 40, 85);

    private Palette() {
    }

    /** @return the fill of the i-th stacked background */
    static Color background(int i) {
        return BACKGROUND[i % BACKGROUND.length];
    }

    /** @return the outline of a fill: the same hue, darker */
    static Color outline(Color fill) {
        return new Color(fill.getRed() * 6 / 10, fill.getGreen() * 6 / 10, fill.getBlue() * 6 / 10);
    }

    /** @return the colour of the i-th curve (projections, luminosity curves) */
    static Color line(int i) {
        return LINE[i % LINE.length];
    }

    /** @return the colour of the i-th signal overlay */
    static Color signal(int i) {
        return SIGNAL[i % SIGNAL.length];
    }

    /** @return the line style of the i-th signal overlay */
    static BasicStroke signalStroke(int i) {
        return SIGNAL_STROKES[(i / SIGNAL.length + i) % SIGNAL_STROKES.length];
    }

    /** @return the colour of the i-th projection (hues unlike the favoured bands') */
    static Color projection(int i) {
        return PROJECTION[i % PROJECTION.length];
    }

    /** @return the line style of the i-th projection */
    static BasicStroke projectionStroke(int i) {
        return PROJECTION_STROKES[i % PROJECTION_STROKES.length];
    }

    /**
     * @return the marker of the i-th curve: shifted by one each time the {@link #line} colours wrap, so
     *     that the first {@code LINE.length × MARKERS.length} curves differ in colour or marker
     */
    static Marker marker(int i) {
        return MARKERS[(i + i / LINE.length) % MARKERS.length];
    }

    /** @return the solid edge colour of the i-th favoured band */
    static Color bandEdge(int i) {
        return BAND[i % BAND.length];
    }

    /** @return the semi-transparent fill of the i-th favoured band */
    static Color bandFill(int i) {
        Color c = bandEdge(i);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), BAND_ALPHA);
    }
}
