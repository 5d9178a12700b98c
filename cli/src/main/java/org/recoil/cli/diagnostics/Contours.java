package org.recoil.cli.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * Contour lines of a function sampled on a rectangular grid by marching squares (Lorensen and Cline's idea in two
 * dimensions), with linear interpolation along cell edges.
 */
final class Contours {
    private Contours() {
    }

    /**
     * @param x grid in x (ascending)
     * @param y grid in y (ascending)
     * @param z values, {@code z[ix][iy]}
     * @param level the contour level
     * @return line segments {x1, y1, x2, y2}
     */
    static List<double[]> segments(double[] x, double[] y, double[][] z, double level) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i + 1 < x.length; i++) {
            for (int j = 0; j + 1 < y.length; j++) {
                // corners counter-clockwise: (i,j), (i+1,j), (i+1,j+1), (i,j+1)
                double[] cx = {x[i], x[i + 1], x[i + 1], x[i]};
                double[] cy = {y[j], y[j], y[j + 1], y[j + 1]};
                double[] cz = {z[i][j] - level, z[i + 1][j] - level, z[i + 1][j + 1] - level, z[i][j + 1] - level};
                List<double[]> pts = new ArrayList<>(4);
                for (int e = 0; e < 4; e++) {
                    int f = (e + 1) % 4;
                    if ((cz[e] < 0) != (cz[f] < 0)) {
                        double t = cz[e] / (cz[e] - cz[f]);
                        pts.add(new double[] {cx[e] + t * (cx[f] - cx[e]), cy[e] + t * (cy[f] - cy[e])});
                    }
                }
                if (pts.size() == 2) {
                    out.add(new double[] {pts.get(0)[0], pts.get(0)[1], pts.get(1)[0], pts.get(1)[1]});
                } else if (pts.size() == 4) {
                    // saddle: pair the crossings by the cell-centre value
                    double centre = 0.25 * (cz[0] + cz[1] + cz[2] + cz[3]);
                    boolean firstInside = cz[0] < 0;
                    if ((centre < 0) == firstInside) {
                        out.add(seg(pts.get(0), pts.get(1)));
                        out.add(seg(pts.get(2), pts.get(3)));
                    } else {
                        out.add(seg(pts.get(0), pts.get(3)));
                        out.add(seg(pts.get(1), pts.get(2)));
                    }
                }
            }
        }
        return out;
    }

    private static double[] seg(double[] a, double[] b) {
        return new double[] {a[0], a[1], b[0], b[1]};
    }
}
