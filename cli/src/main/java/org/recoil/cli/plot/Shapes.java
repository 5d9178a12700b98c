package org.recoil.cli.plot;

/** Corner lists of the shapes drawn: histogram steps, stacked layers, bands and error bars. */
final class Shapes {

    private Shapes() {
    }

    /** Points of a polyline or polygon. */
    record XY(double[] x, double[] y) {
    }

    /**
     * The outline of a histogram: a horizontal segment at {@code v[i]} across each bin
     * {@code [e[i], e[i+1]]}, joined by vertical segments at the edges.
     */
    static XY steps(double[] e, double[] v) {
        int n = v.length;
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = e[i];
            x[2 * i + 1] = e[i + 1];
            y[2 * i] = v[i];
            y[2 * i + 1] = v[i];
        }
        return new XY(x, y);
    }

    /**
     * A signal drawn on top of a stack: the outline of {@code below + v} from the first to the last
     * bin where {@code v} reaches {@code threshold}, with vertical drops to {@code below} at both
     * ends. Null when no bin reaches it.
     */
    static XY onTop(double[] e, double[] v, double[] below, double threshold) {
        int first = 0;
        while (first < v.length && !(v[first] >= threshold && v[first] > 0)) {
            first++;
        }
        if (first == v.length) {
            return null;
        }
        int last = v.length - 1;
        while (!(v[last] >= threshold && v[last] > 0)) {
            last--;
        }
        int n = last - first + 1;
        double[] x = new double[2 * n + 2];
        double[] y = new double[2 * n + 2];
        x[0] = e[first];
        y[0] = below[first];
        for (int i = 0; i < n; i++) {
            x[2 * i + 1] = e[first + i];
            x[2 * i + 2] = e[first + i + 1];
            y[2 * i + 1] = below[first + i] + v[first + i];
            y[2 * i + 2] = y[2 * i + 1];
        }
        x[2 * n + 1] = e[last + 1];
        y[2 * n + 1] = below[last];
        return new XY(x, y);
    }

    /** The polygon between two histograms: along {@code upper} left to right, back along {@code lower}. */
    static XY stepBand(double[] e, double[] lower, double[] upper) {
        XY top = steps(e, upper);
        XY bottom = steps(e, lower);
        return closeAlong(top, bottom);
    }

    /** The polygon between two curves on the same abscissae. */
    static XY band(double[] x, double[] lower, double[] upper) {
        return closeAlong(new XY(x, upper), new XY(x, lower));
    }

    private static XY closeAlong(XY top, XY bottom) {
        int m = top.x().length;
        double[] x = new double[2 * m];
        double[] y = new double[2 * m];
        for (int i = 0; i < m; i++) {
            x[i] = top.x()[i];
            y[i] = top.y()[i];
            x[2 * m - 1 - i] = bottom.x()[i];
            y[2 * m - 1 - i] = bottom.y()[i];
        }
        return new XY(x, y);
    }

    /** Vertical error bars from {@code low[i]} to {@code high[i]} at {@code x[i]}, separated by NaN breaks. */
    static XY errorBars(double[] x, double[] low, double[] high) {
        int n = x.length;
        double[] px = new double[3 * n];
        double[] py = new double[3 * n];
        for (int i = 0; i < n; i++) {
            px[3 * i] = x[i];
            px[3 * i + 1] = x[i];
            px[3 * i + 2] = x[i];
            py[3 * i] = low[i];
            py[3 * i + 1] = high[i];
            py[3 * i + 2] = Double.NaN;
        }
        return new XY(px, py);
    }

    /** The values with everything below {@code floor} raised to it (drawing zeros on a log axis). */
    static double[] atLeast(double[] v, double floor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(v[i], floor);
        }
        return out;
    }
}
