package org.recoil.limits.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.model.Parameters;

/**
 * The correlation matrix ρ_ij = C_ij / √(C_ii C_jj) of a fit's covariance C (the inverse Hessian of −ln L at the
 * minimum; James, "Statistical Methods in Experimental Physics", 2nd ed., section 9.3), over the parameters that
 * were free in the fit (fixed parameters have no variance and are left out).
 *
 * @param parameters names of the free parameters, in model order
 * @param matrix the symmetric correlation matrix, unit diagonal, rows and columns as {@code parameters}
 */
public record CorrelationMatrix(List<String> parameters, double[][] matrix) {

    /** Copies the inputs and checks that the matrix is square of the right size. */
    public CorrelationMatrix {
        parameters = List.copyOf(parameters);
        if (matrix.length != parameters.size()) {
            throw new IllegalArgumentException("matrix has " + matrix.length + " rows for " + parameters.size()
                    + " parameters");
        }
        double[][] c = new double[matrix.length][];
        for (int i = 0; i < c.length; i++) {
            if (matrix[i].length != c.length) {
                throw new IllegalArgumentException("row " + i + " has " + matrix[i].length + " entries");
            }
            c[i] = matrix[i].clone();
        }
        matrix = c;
    }

    /**
     * @param fit a fit with its covariance (fixed parameters have error 0)
     * @param parameters the model's parameters (names)
     * @return the correlations of the free parameters; NaN entries if the fit has no valid covariance
     */
    public static CorrelationMatrix of(FitResult fit, Parameters parameters) {
        double[][] cov = fit.covariance();
        double[] err = fit.errors();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < err.length; i++) {
            if (!(err[i] == 0)) {
                free.add(i);
            }
        }
        int m = free.size();
        double[][] rho = new double[m][m];
        List<String> names = new ArrayList<>(m);
        for (int a = 0; a < m; a++) {
            int i = free.get(a);
            names.add(parameters.names().get(i));
            for (int b = 0; b < m; b++) {
                int j = free.get(b);
                rho[a][b] = a == b && Double.isFinite(err[i]) ? 1.0 : cov[i][j] / (err[i] * err[j]);
            }
        }
        return new CorrelationMatrix(names, rho);
    }

    /** @return number of parameters */
    public int size() {
        return parameters.size();
    }

    /** @return ρ between parameters {@code a} and {@code b} (indices into {@link #parameters()}) */
    public double get(int a, int b) {
        return matrix[a][b];
    }

    /** @return ρ between two named parameters */
    public double get(String a, String b) {
        return matrix[index(a)][index(b)];
    }

    private int index(String name) {
        int i = parameters.indexOf(name);
        if (i < 0) {
            throw new org.recoil.core.InvalidInputException("no free parameter named '" + name + "' in the correlation"
                    + " matrix; parameters are " + parameters);
        }
        return i;
    }

    /** @return a copy of the matrix */
    @Override
    public double[][] matrix() {
        double[][] c = new double[matrix.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = matrix[i].clone();
        }
        return c;
    }

    /**
     * The parameters with some off-diagonal |ρ| of at least {@code threshold} (as cabinetry's correlation plot
     * prunes the matrix), and the matrix restricted to them.
     *
     * @param threshold minimum |ρ| with some other parameter, in [0, 1]
     * @return the pruned matrix
     */
    public CorrelationMatrix pruned(double threshold) {
        List<Integer> keep = new ArrayList<>();
        for (int a = 0; a < size(); a++) {
            for (int b = 0; b < size(); b++) {
                if (a != b && Math.abs(matrix[a][b]) >= threshold) {
                    keep.add(a);
                    break;
                }
            }
        }
        double[][] m = new double[keep.size()][keep.size()];
        List<String> names = new ArrayList<>();
        for (int a = 0; a < keep.size(); a++) {
            names.add(parameters.get(keep.get(a)));
            for (int b = 0; b < keep.size(); b++) {
                m[a][b] = matrix[keep.get(a)][keep.get(b)];
            }
        }
        return new CorrelationMatrix(names, m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorrelationMatrix c && parameters.equals(c.parameters)
                && java.util.Arrays.deepEquals(matrix, c.matrix);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode() * 31 + java.util.Arrays.deepHashCode(matrix);
    }

    @Override
    public String toString() {
        return "CorrelationMatrix" + parameters;
    }
}
