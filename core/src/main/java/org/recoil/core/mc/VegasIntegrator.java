package org.recoil.core.mc;

import org.apache.commons.rng.UniformRandomProvider;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;

/**
 * The VEGAS adaptive Monte Carlo integrator (G. P. Lepage, J. Comput. Phys. 27 (1978) 192).
 *
 * <p>Two phases: {@link #adapt} refines a separable grid over a few iterations (the estimates of
 * these iterations are discarded); then the grid is frozen and one pooled sample of independent
 * points, grown in batches until the requested relative standard error is reached, gives an
 * unbiased estimate and its error ({@link #integrate}). The randomness comes only from the
 * {@link UniformRandomProvider} passed in.
 *
 * @param bins intervals per dimension of the grid
 * @param adaptationIterations number of grid refinements
 * @param callsPerAdaptation integrand calls per refinement
 * @param batchCalls calls of the first estimation batch (later batches are sized from its variance)
 * @param maxCalls the largest number of estimation calls before giving up
 * @param alpha grid damping exponent (Lepage's α)
 */
public record VegasIntegrator(int bins, int adaptationIterations, int callsPerAdaptation, int batchCalls,
                              long maxCalls, double alpha) {

    /** Validates the settings. */
    public VegasIntegrator {
        if (bins < 2 || adaptationIterations < 0 || callsPerAdaptation < 1 || batchCalls < 2 || maxCalls < batchCalls
                || !(alpha >= 0.0)) {
            throw new InvalidInputException("VEGAS settings out of range: bins=" + bins + ", adaptationIterations="
                    + adaptationIterations + ", callsPerAdaptation=" + callsPerAdaptation + ", batchCalls="
                    + batchCalls + ", maxCalls=" + maxCalls + ", alpha=" + alpha);
        }
    }

    /**
     * Settings that suit smooth integrands of up to about five dimensions after a good analytic mapping.
     *
     * @return 64 bins, 8 refinements of 4000 calls, first batch 20000, at most 2e8 calls, α = 1.5
     */
    public static VegasIntegrator defaults() {
        return new VegasIntegrator(64, 8, 4000, 20000, 200_000_000L, 1.5);
    }

    /**
     * @param iterations number of refinements
     * @param calls calls per refinement
     * @return a copy with another adaptation schedule
     */
    public VegasIntegrator withAdaptation(int iterations, int calls) {
        return new VegasIntegrator(bins, iterations, calls, batchCalls, maxCalls, alpha);
    }

    /**
     * Adapts a grid to {@code f}.
     *
     * @param f the integrand (must not allocate)
     * @param dimension its dimension
     * @param rng the random stream
     * @return the adapted grid
     */
    public VegasGrid adapt(Integrand f, int dimension, UniformRandomProvider rng) {
        VegasGrid grid = VegasGrid.uniform(dimension, bins);
        double[] y = new double[dimension];
        double[] x = new double[dimension];
        int[] bin = new int[dimension];
        double[] sums = new double[dimension * bins];
        for (int it = 0; it < adaptationIterations; it++) {
            java.util.Arrays.fill(sums, 0.0);
            for (int n = 0; n < callsPerAdaptation; n++) {
                for (int d = 0; d < dimension; d++) {
                    y[d] = rng.nextDouble();
                }
                double jac = grid.map(y, x, bin);
                double w = f.value(x) * jac;
                checkFinite(w, x);
                double w2 = w * w;
                for (int d = 0; d < dimension; d++) {
                    sums[d * bins + bin[d]] += w2;
                }
            }
            grid = grid.refined(sums, alpha);
        }
        return grid;
    }

    /**
     * Adapts a grid, then estimates {@code ∫ f} over the unit hypercube to a relative standard
     * error of at most {@code relativePrecision}.
     *
     * @param f the integrand (must not allocate)
     * @param dimension its dimension
     * @param relativePrecision target relative standard error, in (0, 1)
     * @param rng the random stream
     * @return the estimate, its error and the grid
     * @throws ComputationException if {@link #maxCalls} calls do not reach the precision
     */
    public VegasResult integrate(Integrand f, int dimension, double relativePrecision, UniformRandomProvider rng) {
        if (!(relativePrecision > 0.0 && relativePrecision < 1.0)) {
            throw new InvalidInputException("relative precision must be in (0, 1), got " + relativePrecision);
        }
        VegasGrid grid = adapt(f, dimension, rng);
        return estimate(f, grid, relativePrecision, rng, (long) adaptationIterations * callsPerAdaptation);
    }

    /**
     * Estimates {@code ∫ f} with a frozen grid to the requested relative standard error.
     *
     * @param f the integrand
     * @param grid the frozen grid
     * @param relativePrecision target relative standard error
     * @param rng the random stream
     * @param adaptationCalls calls already spent adapting {@code grid} (reported in the result)
     * @return the estimate
     */
    public VegasResult estimate(Integrand f, VegasGrid grid, double relativePrecision, UniformRandomProvider rng,
                                long adaptationCalls) {
        int dimension = grid.dimension();
        double[] y = new double[dimension];
        double[] x = new double[dimension];
        // Welford accumulation of mean and variance of the weights
        long n = 0;
        double mean = 0.0;
        double m2 = 0.0;
        double maxWeight = 0.0;
        long next = batchCalls;
        while (true) {
            while (n < next) {
                for (int d = 0; d < dimension; d++) {
                    y[d] = rng.nextDouble();
                }
                double jac = grid.map(y, x, null);
                double w = f.value(x) * jac;
                checkFinite(w, x);
                n++;
                double delta = w - mean;
                mean += delta / n;
                m2 += delta * (w - mean);
                if (w > maxWeight) {
                    maxWeight = w;
                }
            }
            double variance = m2 / (n - 1);
            double error = Math.sqrt(variance / n);
            if (error <= relativePrecision * Math.abs(mean) || (mean == 0.0 && variance == 0.0)) {
                return new VegasResult(mean, error, n, adaptationCalls, maxWeight, grid);
            }
            if (n >= maxCalls) {
                throw new ComputationException("VEGAS did not reach relative precision " + relativePrecision
                        + " within " + maxCalls + " calls (reached " + error / Math.abs(mean) + ")");
            }
            long needed = (long) Math.ceil(1.05 * variance / (relativePrecision * relativePrecision * mean * mean));
            next = Math.min(maxCalls, Math.max(n + batchCalls / 4, needed));
        }
    }

    private static void checkFinite(double w, double[] x) {
        if (!Double.isFinite(w)) {
            throw new ComputationException("integrand is not finite (" + w + ") at x=" + java.util.Arrays.toString(x));
        }
    }
}
