package org.recoil.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.recoil.core.InvalidInputException;

/**
 * The recoil-mass distribution: stacked backgrounds as filled steps (first sample at the bottom),
 * the statistical uncertainty of the stack as a see-through grey band around its top, each signal
 * as a step line on top of the stack (background + signal) over the bins where it is above 1/1000
 * of its peak, data as black points with vertical error bars at the bin centres. Legend in reading
 * order: data, backgrounds from the top of the stack down, the uncertainty band, signals. On a log
 * y axis, empty bins and the bottom of the stack sit on the lower edge of the plot and data points
 * with zero events are not drawn.
 */
final class RecoilMassPlot {

    private static final String WHERE = "recoil-mass histogram";
    private static final BasicStroke ERROR_BAR = new BasicStroke(1.5f);
    /** On a log axis, values below this fraction of the largest one do not set the axis bottom. */
    private static final double LOG_DYNAMIC_RANGE = 1e-6;
    /** Signal tails below this fraction of the signal's peak do not set the axis bottom. */
    private static final double SIGNAL_TAIL = 1e-3;

    private RecoilMassPlot() {
    }

    static XYChart chart(StackedHistogram h, PlotOptions o) {
        double[] e = h.edges();
        int n = h.bins();
        if (o.logX()) {
            Inputs.positiveOnLogAxis(WHERE, "edges", e, "x");
        }
        List<String> names = new ArrayList<>(h.backgrounds().keySet());
        List<double[]> tops = new ArrayList<>();
        double[] cumulative = new double[n];
        for (double[] yields : h.backgrounds().values()) {
            cumulative = cumulative.clone();
            for (int i = 0; i < n; i++) {
                cumulative[i] += yields[i];
            }
            tops.add(cumulative);
        }
        double[] total = cumulative;
        double[] stackErr = h.stackErr();
        double[] data = h.data();
        double[] err = h.dataErrors();
        Map<String, double[]> signals = h.signals();

        double max = 0;
        double minPositive = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, total[i] + (stackErr == null ? 0 : stackErr[i]));
            if (total[i] > 0) {
                minPositive = Math.min(minPositive, total[i]);
            }
            if (data != null) {
                max = Math.max(max, data[i] + err[i]);
                if (data[i] > 0) {
                    minPositive = Math.min(minPositive, data[i]);
                }
            }
        }
        for (double[] s : signals.values()) {
            double peak = peak(s);
            for (int i = 0; i < n; i++) {
                max = Math.max(max, total[i] + s[i]);
                if (s[i] > 0 && s[i] >= SIGNAL_TAIL * peak) {
                    minPositive = Math.min(minPositive, total[i] + s[i]);
                }
            }
        }
        if (o.logY() && !(max > 0)) {
            throw new InvalidInputException(WHERE + ": every bin is empty, which a logarithmic y axis cannot show;"
                    + " expected at least one positive yield or count (or use a linear y axis)");
        }
        if (!(max > 0)) {
            max = 1;
        }

        PlotCanvas c = PlotCanvas.create(o, LegendCorner.TOP_RIGHT);
        if (data != null) {
            c.legendMarker(StackedHistogram.DATA_LABEL, Color.BLACK, SeriesMarkers.CIRCLE);
        }
        for (int k = names.size() - 1; k >= 0; k--) {
            c.legendBox(names.get(k), Palette.background(k));
        }
        if (stackErr != null) {
            c.legendBox(h.stackErrLabel(), Palette.STACK_ERROR);
        }
        int si = 0;
        for (String label : signals.keySet()) {
            c.legendLine(label, Palette.signal(si), Palette.signalStroke(si), SeriesMarkers.NONE);
            si++;
        }

        double lowest = o.logY() ? Math.max(minPositive, max * LOG_DYNAMIC_RANGE) : 0;
        AxisRange y = c.yRange(Ranges.y(lowest, max, o.logY(), true, c.topReserve()));
        double floor = y.min();
        double base = o.logY() ? floor : 0;

        double[] below = new double[n];
        for (int k = 0; k < tops.size(); k++) {
            double[] top = o.logY() ? Shapes.atLeast(tops.get(k), floor) : tops.get(k);
            double[] bottom = k == 0 ? filled(n, base) : (o.logY() ? Shapes.atLeast(below, floor) : below);
            Shapes.XY layer = Shapes.stepBand(e, bottom, top);
            c.polygon(layer.x(), layer.y(), Palette.background(k));
            below = tops.get(k);
        }
        for (int k = 0; k < tops.size(); k++) {
            Shapes.XY edge = Shapes.steps(e, o.logY() ? Shapes.atLeast(tops.get(k), floor) : tops.get(k));
            c.line(edge.x(), edge.y(), Palette.outline(Palette.background(k)), PlotCanvas.THIN);
        }
        if (stackErr != null) {
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                lo[i] = o.logY() ? Math.max(total[i] - stackErr[i], floor) : Math.max(total[i] - stackErr[i], 0);
                hi[i] = o.logY() ? Math.max(total[i] + stackErr[i], floor) : total[i] + stackErr[i];
            }
            Shapes.XY band = Shapes.stepBand(e, lo, hi);
            c.polygon(band.x(), band.y(), Palette.STACK_ERROR);
        }
        double[] stackTop = o.logY() ? Shapes.atLeast(total, floor) : total;
        si = 0;
        for (double[] s : signals.values()) {
            Shapes.XY line = Shapes.onTop(e, s, stackTop, SIGNAL_TAIL * peak(s));
            if (line != null) {
                c.line(line.x(), line.y(), Palette.signal(si), Palette.signalStroke(si));
            }
            si++;
        }
        if (data != null) {
            double[] centre = new double[n];
            double[] low = new double[n];
            double[] high = new double[n];
            double[] point = new double[n];
            for (int i = 0; i < n; i++) {
                centre[i] = o.logX() ? Math.sqrt(e[i] * e[i + 1]) : 0.5 * (e[i] + e[i + 1]);
                low[i] = o.logY() ? Math.max(data[i] - err[i], floor) : data[i] - err[i];
                high[i] = data[i] + err[i];
                point[i] = o.logY() && data[i] <= 0 ? Double.NaN : data[i];
                if (high[i] <= low[i]) {
                    low[i] = Double.NaN; // no visible bar
                }
            }
            Shapes.XY bars = Shapes.errorBars(centre, low, high);
            c.line(bars.x(), bars.y(), Color.BLACK, ERROR_BAR);
            c.markers(centre, point, Color.BLACK, SeriesMarkers.CIRCLE);
        }
        return c.finish(c.xRange(Ranges.x(e[0], e[n], o.logX(), 0.0)), y);
    }

    private static double peak(double[] v) {
        double peak = 0;
        for (double x : v) {
            peak = Math.max(peak, x);
        }
        return peak;
    }

    private static double[] filled(int n, double value) {
        double[] v = new double[n];
        Arrays.fill(v, value);
        return v;
    }
}
