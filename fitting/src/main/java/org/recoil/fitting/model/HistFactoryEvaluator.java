package org.recoil.fitting.model;

import org.apache.commons.numbers.gamma.LogGamma;
import org.recoil.core.InvalidInputException;

/**
 * −2 ln L of a {@link HistFactoryModel} for one dataset, with its analytic gradient. Data-dependent
 * constants (Σ 2 ln Γ(n+1) of the main and Poisson-auxiliary counts) are computed once; all scratch
 * arrays are allocated once, so evaluations allocate nothing. Not thread-safe: one per fit.
 *
 * <p>Gradient: with w_i = 2(1 − n_i/ν_i), ∂(−2 ln L)/∂θ = Σ_i w_i ∂ν_i/∂θ + constraint terms; the
 * derivative of a product of factors uses leave-one-out products, so factors equal to 0 (μ = 0) are exact.
 */
final class HistFactoryEvaluator implements TwiceNllFunction {
    private final HistFactoryModel m;
    private final double[] n;
    private final double[] aux;
    private final double constant;
    private final double[] blockFactor;
    private final double[] fval;
    private final double[] fder;
    private final double[] prefix;
    private final double[] base;
    private final double[] binFactor;
    private final double[] nu;
    private final double[] w;
    private final double[] hsOut;
    private final double[] nsOut = new double[2];

    HistFactoryEvaluator(HistFactoryModel model, Data data) {
        this.m = model;
        if (data.mainSize() != model.mainSize || data.auxSize() != model.auxSize()) {
            throw new InvalidInputException("dataset has " + data.mainSize() + " main bins and " + data.auxSize()
                    + " auxiliary data, the model expects " + model.mainSize + " and " + model.auxSize());
        }
        this.n = data.main();
        this.aux = data.aux();
        double c = model.gConstant;
        for (double x : n) {
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw new InvalidInputException("dataset main count " + x + " is not a finite count >= 0");
            }
            c += 2 * LogGamma.value(x + 1);
        }
        for (int j = 0; j < model.pParam.length; j++) {
            double a = aux[model.pAux[j]];
            if (!(a >= 0) || Double.isInfinite(a)) {
                throw new InvalidInputException("auxiliary datum " + a + " of a Poisson constraint is not a finite count >= 0");
            }
            c += 2 * LogGamma.value(a + 1);
        }
        this.constant = c;
        int nsf = model.sfParam.length;
        int e = model.nominal.length;
        blockFactor = new double[model.nBlocks];
        fval = new double[nsf];
        fder = new double[nsf];
        prefix = new double[nsf];
        base = new double[e];
        binFactor = new double[e];
        nu = new double[model.mainSize];
        w = new double[model.mainSize];
        hsOut = new double[2 * model.histosysKernel.size()];
    }

    @Override
    public int dimension() {
        return m.parameters().size();
    }

    @Override
    public double value(double[] pars) {
        return evaluate(pars, null);
    }

    @Override
    public double valueAndGradient(double[] pars, double[] gradient) {
        return evaluate(pars, gradient);
    }

    /** Steps 1-4: factors, shifted nominal, per-bin factors, expected rates per main bin. */
    private void rates(double[] x) {
        final HistFactoryModel md = m;
        final int[] sfStart = md.sfStart;
        final int[] sfParam = md.sfParam;
        final int[] sfNormsys = md.sfNormsys;
        for (int k = 0; k < md.nBlocks; k++) {
            double g = 1;
            for (int j = sfStart[k]; j < sfStart[k + 1]; j++) {
                double v = x[sfParam[j]];
                int t = sfNormsys[j];
                if (t < 0) {
                    fval[j] = v;
                    fder[j] = 1;
                } else {
                    md.normsysKernel.shift(v, t, nsOut, 0);
                    fval[j] = 1 + nsOut[0];
                    fder[j] = nsOut[1];
                }
                g *= fval[j];
            }
            blockFactor[k] = g;
        }
        System.arraycopy(md.nominal, 0, base, 0, base.length);
        final int[] blockStart = md.blockStart;
        for (int h = 0; h < md.hsParam.length; h++) {
            double alpha = x[md.hsParam[h]];
            int k = md.hsBlock[h];
            int start = blockStart[k];
            int len = blockStart[k + 1] - start;
            int t0 = md.hsTriple[h];
            for (int b = 0; b < len; b++) {
                int t = t0 + b;
                md.histosysKernel.shift(alpha, t, hsOut, 2 * t);
                base[start + b] += hsOut[2 * t];
            }
        }
        final int[] bfStart = md.bfStart;
        final int[] bfParam = md.bfParam;
        for (int e = 0; e < base.length; e++) {
            double h = 1;
            for (int q = bfStart[e]; q < bfStart[e + 1]; q++) {
                h *= x[bfParam[q]];
            }
            binFactor[e] = h;
        }
        java.util.Arrays.fill(nu, 0);
        final int[] binMain = md.binMain;
        for (int k = 0; k < md.nBlocks; k++) {
            double g = blockFactor[k];
            for (int e = blockStart[k]; e < blockStart[k + 1]; e++) {
                nu[binMain[e]] += g * binFactor[e] * base[e];
            }
        }
    }

    double[] expected(double[] pars) {
        rates(pars);
        return nu.clone();
    }

    double[] expectedPerBlockBin(double[] pars) {
        rates(pars);
        double[] r = new double[base.length];
        for (int k = 0; k < m.nBlocks; k++) {
            for (int e = m.blockStart[k]; e < m.blockStart[k + 1]; e++) {
                r[e] = blockFactor[k] * binFactor[e] * base[e];
            }
        }
        return r;
    }

    private double evaluate(double[] x, double[] grad) {
        final HistFactoryModel md = m;
        if (x.length != md.parameters().size()) {
            throw new InvalidInputException("parameter vector has " + x.length + " entries, expected "
                    + md.parameters().size());
        }
        rates(x);
        double val = constant;
        for (int i = 0; i < nu.length; i++) {
            double v = nu[i];
            double ni = n[i];
            if (v > 0) {
                val += 2 * (ni > 0 ? v - ni * Math.log(v) : v);
                w[i] = 2 * (1 - ni / v);
            } else if (v == 0 && ni == 0) {
                w[i] = 2;
            } else {
                return Double.POSITIVE_INFINITY;
            }
        }
        final int[] gParam = md.gParam;
        final int[] gAux = md.gAux;
        final double[] gInvVar = md.gInvVar;
        for (int j = 0; j < gParam.length; j++) {
            double d = x[gParam[j]] - aux[gAux[j]];
            val += d * d * gInvVar[j];
        }
        final int[] pParam = md.pParam;
        final int[] pAux = md.pAux;
        final double[] pTau = md.pTau;
        for (int j = 0; j < pParam.length; j++) {
            double r = x[pParam[j]] * pTau[j];
            double a = aux[pAux[j]];
            if (r > 0) {
                val += 2 * (a > 0 ? r - a * Math.log(r) : r);
            } else if (a > 0 || r < 0) {
                return Double.POSITIVE_INFINITY;
            }
        }
        if (grad == null) {
            return val;
        }
        java.util.Arrays.fill(grad, 0);
        for (int j = 0; j < gParam.length; j++) {
            grad[gParam[j]] += 2 * (x[gParam[j]] - aux[gAux[j]]) * gInvVar[j];
        }
        for (int j = 0; j < pParam.length; j++) {
            double tau = pTau[j];
            double r = x[pParam[j]] * tau;
            grad[pParam[j]] += r > 0 ? 2 * tau * (1 - aux[pAux[j]] / r) : 2 * tau;
        }
        final int[] blockStart = md.blockStart;
        final int[] binMain = md.binMain;
        final int[] bfStart = md.bfStart;
        final int[] bfParam = md.bfParam;
        final int[] sfStart = md.sfStart;
        final int[] sfParam = md.sfParam;
        for (int k = 0; k < md.nBlocks; k++) {
            double g = blockFactor[k];
            double s = 0;
            for (int e = blockStart[k]; e < blockStart[k + 1]; e++) {
                double we = w[binMain[e]];
                s += we * binFactor[e] * base[e];
                int q0 = bfStart[e];
                int q1 = bfStart[e + 1];
                if (q1 == q0 + 1) {
                    grad[bfParam[q0]] += we * g * base[e];
                } else if (q1 > q0) {
                    for (int q = q0; q < q1; q++) {
                        double others = 1;
                        for (int r = q0; r < q1; r++) {
                            if (r != q) {
                                others *= x[bfParam[r]];
                            }
                        }
                        grad[bfParam[q]] += we * g * base[e] * others;
                    }
                }
            }
            int j0 = sfStart[k];
            int j1 = sfStart[k + 1];
            double p = 1;
            for (int j = j0; j < j1; j++) {
                prefix[j] = p;
                p *= fval[j];
            }
            double suffix = 1;
            for (int j = j1 - 1; j >= j0; j--) {
                grad[sfParam[j]] += s * prefix[j] * suffix * fder[j];
                suffix *= fval[j];
            }
        }
        for (int h = 0; h < md.hsParam.length; h++) {
            int k = md.hsBlock[h];
            int start = blockStart[k];
            int len = blockStart[k + 1] - start;
            int t0 = md.hsTriple[h];
            double g = blockFactor[k];
            double sum = 0;
            for (int b = 0; b < len; b++) {
                int e = start + b;
                sum += w[binMain[e]] * binFactor[e] * hsOut[2 * (t0 + b) + 1];
            }
            grad[md.hsParam[h]] += g * sum;
        }
        return val;
    }
}
