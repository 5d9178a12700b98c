package org.recoil.limits.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.DoubleUnaryOperator;
import org.recoil.core.ComputationException;

/**
 * Globally adaptive Gauss–Kronrod quadrature with the 7-point Gauss / 15-point Kronrod pair, as
 * QUADPACK's QAG with key 2 (Piessens, de Doncker-Kapenga, Überhuber, Kahaner, "QUADPACK",
 * Springer 1983; nodes, weights and error estimate from QK15): the subinterval with the largest
 * error estimate is bisected until the summed estimate meets the tolerance. The estimate of one
 * piece is |K15 − G7| scaled as QUADPACK does, ε<sub>asc</sub> min(1, (200 |K15 − G7| / ε<sub>asc</sub>)<sup>1.5</sup>)
 * with ε<sub>asc</sub> the integral of |f − mean|, floored at 50 ε<sub>machine</sub> ∫|f|. Hipparchus has Gauss
 * rules but no adaptive Gauss–Kronrod scheme.
 *
 * <p>As any adaptive rule it only refines what its nodes see: the initial partition must be fine
 * enough that no feature of the integrand (a narrow peak) falls between the nodes of every piece.
 *
 * <p>Immutable and thread-safe (the integrand must be too if shared).
 */
public final class GaussKronrod {

    /** Kronrod abscissae on [−1, 1] (non-negative half, descending; even indices are Kronrod-only). */
    private static final double[] XGK = {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0};
    /** Kronrod weights, matching {@link #XGK}. */
    private static final double[] WGK = {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
    /** Gauss 7-point weights of the abscissae XGK[1], XGK[3], XGK[5], XGK[7]. */
    private static final double[] WG = {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

    private static final double EPSILON = Math.ulp(1.0);
    private static final Comparator<Piece> BY_ERROR_DESCENDING = Comparator.comparingDouble(Piece::error).reversed();

    private final double relativeTolerance;
    private final double absoluteTolerance;
    private final int maxIntervals;

    /**
     * @param relativeTolerance target relative error of the integral
     * @param absoluteTolerance target absolute error of the integral
     * @param maxIntervals largest number of subintervals before giving up
     */
    public GaussKronrod(double relativeTolerance, double absoluteTolerance, int maxIntervals) {
        if (!(relativeTolerance >= 0) || !(absoluteTolerance >= 0) || relativeTolerance + absoluteTolerance == 0
                || maxIntervals < 1) {
            throw new IllegalArgumentException("invalid quadrature tolerances or budget");
        }
        this.relativeTolerance = relativeTolerance;
        this.absoluteTolerance = absoluteTolerance;
        this.maxIntervals = maxIntervals;
    }

    /**
     * One subinterval with its Kronrod estimate and error estimate.
     *
     * @param a lower end
     * @param b upper end
     * @param value K15 estimate of the integral over [a, b]
     * @param error error estimate: |K15 − G7| scaled as in QUADPACK's QK15
     */
    public record Piece(double a, double b, double value, double error) {
    }

    /**
     * An integral with its error estimate and the final partition (ascending).
     *
     * @param value the integral
     * @param error estimated absolute error
     * @param pieces subintervals, ascending, covering [a, b]
     */
    public record Result(double value, double error, List<Piece> pieces) {
    }

    /**
     * The 15-point Kronrod rule with its embedded 7-point Gauss error estimate on one interval.
     *
     * @param f integrand
     * @param a lower end
     * @param b upper end
     * @return the piece
     */
    public static Piece rule(DoubleUnaryOperator f, double a, double b) {
        double centre = 0.5 * (a + b);
        double half = 0.5 * (b - a);
        double[] f1 = new double[7];
        double[] f2 = new double[7];
        double fc = f.applyAsDouble(centre);
        double kronrod = fc * WGK[7];
        double gauss = fc * WG[3];
        double resAbs = Math.abs(kronrod);
        for (int j = 0; j < 7; j++) {
            double dx = half * XGK[j];
            f1[j] = f.applyAsDouble(centre - dx);
            f2[j] = f.applyAsDouble(centre + dx);
            double sum = f1[j] + f2[j];
            kronrod += WGK[j] * sum;
            resAbs += WGK[j] * (Math.abs(f1[j]) + Math.abs(f2[j]));
            if (j % 2 == 1) {
                gauss += WG[j / 2] * sum;
            }
        }
        double mean = 0.5 * kronrod;
        double resAsc = WGK[7] * Math.abs(fc - mean);
        for (int j = 0; j < 7; j++) {
            resAsc += WGK[j] * (Math.abs(f1[j] - mean) + Math.abs(f2[j] - mean));
        }
        double h = Math.abs(half);
        kronrod *= half;
        gauss *= half;
        resAbs *= h;
        resAsc *= h;
        if (!Double.isFinite(kronrod)) {
            throw new ComputationException("integrand is not finite on [" + a + ", " + b + "]");
        }
        // QUADPACK's QK15 error estimate: |K15 - G7| scaled by the integrand's variation, with a
        // round-off floor
        double err = Math.abs(kronrod - gauss);
        if (resAsc != 0 && err != 0) {
            err = resAsc * Math.min(1.0, Math.pow(200 * err / resAsc, 1.5));
        }
        if (resAbs > Double.MIN_NORMAL / (50 * EPSILON)) {
            err = Math.max(50 * EPSILON * resAbs, err);
        }
        return new Piece(a, b, kronrod, err);
    }

    /**
     * The 15 abscissae at which {@link #rule} evaluates its integrand on [a, b], bit for bit: the centre,
     * then the pairs centre ∓ half·x<sub>j</sub> for j = 0..6 (outermost first).
     *
     * @param a lower end
     * @param b upper end
     * @return the nodes in that order
     */
    public static double[] nodes(double a, double b) {
        double centre = 0.5 * (a + b);
        double half = 0.5 * (b - a);
        double[] x = new double[15];
        x[0] = centre;
        for (int j = 0; j < 7; j++) {
            double dx = half * XGK[j];
            x[1 + 2 * j] = centre - dx;
            x[2 + 2 * j] = centre + dx;
        }
        return x;
    }

    /**
     * The polynomial of degree 14 through the values at the {@link #nodes} of [a, b] (barycentric form,
     * weights from the standardised nodes so that they neither overflow nor underflow).
     *
     * @param nodes the 15 nodes, as from {@link #nodes}
     * @param values the function's values there
     * @return the interpolant
     */
    public static DoubleUnaryOperator interpolant(double[] nodes, double[] values) {
        if (nodes.length != 15 || values.length != 15) {
            throw new IllegalArgumentException("need the 15 Kronrod nodes and their values");
        }
        double[] u = new double[15];
        u[0] = 0;
        for (int j = 0; j < 7; j++) {
            u[1 + 2 * j] = -XGK[j];
            u[2 + 2 * j] = XGK[j];
        }
        double[] w = new double[15];
        for (int k = 0; k < 15; k++) {
            double prod = 1;
            for (int j = 0; j < 15; j++) {
                if (j != k) {
                    prod *= u[k] - u[j];
                }
            }
            w[k] = 1 / prod;
        }
        double centre = nodes[0];
        double half = nodes[2] - nodes[0] != 0 ? (nodes[2] - nodes[0]) / XGK[0] : 1;
        double[] f = values.clone();
        return x -> {
            double t = (x - centre) / half;
            double num = 0;
            double den = 0;
            for (int k = 0; k < 15; k++) {
                double diff = t - u[k];
                if (diff == 0) {
                    return f[k];
                }
                double c = w[k] / diff;
                num += c * f[k];
                den += c;
            }
            return num / den;
        };
    }

    /**
     * Integrates {@code f} over [a, b], starting from {@code initialPieces} equal subintervals.
     *
     * @param f integrand, finite on [a, b]
     * @param a lower end
     * @param b upper end (&gt; a)
     * @param initialPieces number of equal subintervals to start from (≥ 1)
     * @return the integral, its error estimate and the partition
     * @throws ComputationException if the tolerance is not met within the interval budget
     */
    public Result integrate(DoubleUnaryOperator f, double a, double b, int initialPieces) {
        double[] breaks = new double[initialPieces + 1];
        for (int i = 0; i <= initialPieces; i++) {
            breaks[i] = i == initialPieces ? b : a + (b - a) * i / initialPieces;
        }
        return integrate(f, breaks);
    }

    /**
     * Integrates {@code f} over [breaks[0], breaks[last]], starting from the pieces between
     * consecutive break points (e.g. the mode and the constraint centre of a nuisance parameter, so
     * that a narrow peak always lies next to a node).
     *
     * @param f integrand, finite on the range
     * @param breaks at least two break points, strictly ascending
     * @return the integral, its error estimate and the partition
     * @throws ComputationException if the tolerance is not met within the interval budget
     */
    public Result integrate(DoubleUnaryOperator f, double[] breaks) {
        if (breaks.length < 2) {
            throw new IllegalArgumentException("need at least two break points");
        }
        double a = breaks[0];
        double b = breaks[breaks.length - 1];
        Piece[] initial = new Piece[breaks.length - 1];
        double value = 0;
        double error = 0;
        for (int i = 0; i + 1 < breaks.length; i++) {
            if (!(breaks[i] < breaks[i + 1])) {
                throw new IllegalArgumentException("break points must be strictly ascending: " + breaks[i] + ", "
                        + breaks[i + 1]);
            }
            Piece p = rule(f, breaks[i], breaks[i + 1]);
            initial[i] = p;
            value += p.value();
            error += p.error();
        }
        if (!(error > Math.max(absoluteTolerance, relativeTolerance * Math.abs(value)))) {
            // converged on the initial partition (the common case of the inner integrals of nested
            // quadrature): the pieces are already ascending and the sums above are the re-sums below
            return new Result(value, error, Arrays.asList(initial));
        }
        PriorityQueue<Piece> queue = new PriorityQueue<>(BY_ERROR_DESCENDING);
        Collections.addAll(queue, initial);
        while (error > Math.max(absoluteTolerance, relativeTolerance * Math.abs(value))) {
            if (queue.size() >= maxIntervals) {
                throw new ComputationException("adaptive Gauss-Kronrod integration over [" + a + ", " + b
                        + "] did not reach the tolerance with " + maxIntervals + " subintervals (estimate " + value
                        + " +- " + error + ")");
            }
            Piece worst = queue.poll();
            double mid = 0.5 * (worst.a() + worst.b());
            if (!(mid > worst.a() && mid < worst.b())) {
                queue.add(worst); // interval cannot be split further: accept the remaining error
                break;
            }
            Piece left = rule(f, worst.a(), mid);
            Piece right = rule(f, mid, worst.b());
            queue.add(left);
            queue.add(right);
            value += left.value() + right.value() - worst.value();
            error += left.error() + right.error() - worst.error();
        }
        // re-sum to remove the drift of the running updates
        List<Piece> pieces = new ArrayList<>(queue);
        Collections.sort(pieces, Comparator.comparingDouble(Piece::a));
        double v = 0;
        double e = 0;
        for (Piece p : pieces) {
            v += p.value();
            e += p.error();
        }
        return new Result(v, e, pieces);
    }
}
