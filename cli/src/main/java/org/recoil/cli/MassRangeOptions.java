package org.recoil.cli;

import java.math.BigDecimal;
import org.recoil.core.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * Options {@code --from A --to B (--step S | --points N [--log])} describing a grid of Z′ masses,
 * shared by the {@code --table} forms of the physics commands.
 */
final class MassRangeOptions {

    /** Upper bound on the number of grid points, to keep a mistyped step from filling the disk. */
    static final int MAX_POINTS = 1_000_000;

    @Option(names = "--from", paramLabel = "A", description = "First mass of the table in GeV.")
    Double from;

    @Option(names = "--to", paramLabel = "B", description = "Last mass of the table in GeV (included).")
    Double to;

    @Option(names = "--step", paramLabel = "S", description = "Mass step in GeV (A, A+S, ... up to B).")
    Double step;

    @Option(names = "--points", paramLabel = "N", description = "Number of masses from A to B (instead of --step).")
    Integer points;

    @Option(names = "--log", description = "With --points: logarithmic instead of linear spacing.")
    boolean log;

    /** @return whether any range option was given */
    boolean anyGiven() {
        return from != null || to != null || step != null || points != null || log;
    }

    /**
     * @return the masses in GeV, ascending
     * @throws InvalidInputException if the range is incomplete or invalid
     */
    double[] masses() {
        if (from == null || to == null) {
            throw new InvalidInputException("--table needs --from A and --to B (masses in GeV)");
        }
        if (!(from > 0.0) || Double.isInfinite(from) || !(to >= from) || Double.isInfinite(to)) {
            throw new InvalidInputException("--from and --to need 0 < A <= B < inf, got A = " + from + ", B = " + to);
        }
        if ((step == null) == (points == null)) {
            throw new InvalidInputException("--table needs exactly one of --step S or --points N");
        }
        if (step != null) {
            if (log) {
                throw new InvalidInputException("--log goes with --points N, not with --step");
            }
            if (!(step > 0.0) || Double.isInfinite(step)) {
                throw new InvalidInputException("--step must be finite and > 0 GeV, got " + step);
            }
            // decimal arithmetic, so that 0.1 + 2 * 0.1 prints as 0.3
            BigDecimal a = BigDecimal.valueOf(from);
            BigDecimal b = BigDecimal.valueOf(to);
            BigDecimal s = BigDecimal.valueOf(step);
            BigDecimal steps = b.subtract(a).divideToIntegralValue(s);
            if (steps.compareTo(BigDecimal.valueOf(MAX_POINTS)) >= 0) {
                throw new InvalidInputException("the mass table from " + from + " to " + to + " GeV in steps of " + step
                        + " would have more than " + MAX_POINTS + " rows");
            }
            int n = steps.intValueExact() + 1;
            double[] m = new double[n];
            for (int i = 0; i < n; i++) {
                m[i] = a.add(s.multiply(BigDecimal.valueOf(i))).doubleValue();
            }
            return m;
        }
        if (points < 1 || (points == 1 && !from.equals(to)) || (points > 1 && from.equals(to))) {
            throw new InvalidInputException("--points must be >= 2 for a range A < B (1 only when A = B), got " + points);
        }
        if (points > MAX_POINTS) {
            throw new InvalidInputException("--points " + points + ": at most " + MAX_POINTS + " rows allowed");
        }
        double[] m = new double[points];
        for (int i = 0; i < points; i++) {
            double t = points == 1 ? 0.0 : (double) i / (points - 1);
            m[i] = log ? from * Math.pow(to / from, t) : from + t * (to - from);
        }
        m[points - 1] = to;
        return m;
    }
}
