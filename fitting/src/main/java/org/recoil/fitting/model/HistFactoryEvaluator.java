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
 * Histosys shifts of the additive codes (0, 2, 4p) are evaluated as S α + A B(α) with B computed once per
 * parameter ({@link InterpolationKernel#hasLinearBasis()}). The Fisher information and the exact Hessian
 * ({@link #fisherInformation}, {@link #hessian}) reuse the same factorisation through the Jacobian ∂ν/∂θ.
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
    /** additive histosys: B'(α) of each parameter group, from the last {@link #rates} */
    private final double[] hlDerivative;
    /** additive histosys: w-weighted factor of each block bin, for the gradient */
    private final double[] binWeight;
    private final double[] basisOut = new double[2];
    /** ∂ν/∂θ, row-major mainSize × n, allocated on first use by {@link #fisherInformation} */
    private double[] jacobian;
    /** Π of the scalar factors after j in its block (leave-one-out products with {@link #prefix}) */
    private final double[] sfSuffix;
    /** ∂(Π of the scalar factors of its block)/∂θ of scalar factor j */
    private final double[] sfFirst;
    // Hessian scratch, allocated on first use
    private double[] gradScratch;
    private double[] sfSecond;
    private double[] bfOthers;

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
        sfSuffix = new double[nsf];
        sfFirst = new double[nsf];
        base = new double[e];
        binFactor = new double[e];
        nu = new double[model.mainSize];
        w = new double[model.mainSize];
        hsOut = new double[2 * model.histosysKernel.size()];
        hlDerivative = model.hsLinear ? new double[model.hlParam.length] : null;
        binWeight = model.hsLinear ? new double[e] : null;
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
        if (md.hsLinear) {
            final int[] hlStart = md.hlStart;
            final int[] hlBin = md.hlBin;
            final double[] hlLinear = md.hlLinear;
            final double[] hlBasis = md.hlBasis;
            final InterpolationCode code = md.histosysKernel.code();
            for (int j = 0; j < md.hlParam.length; j++) {
                double alpha = x[md.hlParam[j]];
                InterpolationKernel.basis(code, alpha, basisOut);
                double b = basisOut[0];
                hlDerivative[j] = basisOut[1];
                for (int q = hlStart[j]; q < hlStart[j + 1]; q++) {
                    base[hlBin[q]] += hlLinear[q] * alpha + hlBasis[q] * b;
                }
            }
        }
        for (int h = 0; !md.hsLinear && h < md.hsParam.length; h++) {
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

    /**
     * Fisher information 2 Σ_i J_ia J_ib / ν_i + constraint curvatures, with the Jacobian J = ∂ν/∂θ computed
     * analytically by the same factorisation as the gradient: Gaussian constraints add 2/σ², the Poisson
     * constraint Pois(a | γτ) adds its expected curvature 2τ/γ. Bins with ν = 0 carry no information.
     */
    @Override
    public boolean fisherInformation(double[] x, double[] out) {
        final HistFactoryModel md = m;
        final int np = checkMatrixArguments(x, out, "Fisher information");
        rates(x);
        final int nm = md.mainSize;
        final double[] jac = fillJacobian(x);
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < nm; i++) {
            if (!(nu[i] > 0)) {
                continue;
            }
            addOuter(out, jac, i, np, 2 / nu[i]);
        }
        addGaussianCurvatures(out, np);
        for (int j = 0; j < md.pParam.length; j++) {
            int p = md.pParam[j];
            out[p * np + p] += 2 * md.pTau[j] / Math.max(x[p], 1e-10);
        }
        return true;
    }

    /**
     * Exact Hessian of −2 ln L. With w_i = 2(1 − n_i/ν_i), ∂²(−2 ln L)/∂θ_a∂θ_b = Σ_i [2 n_i/ν_i² J_ia J_ib
     * + w_i ∂²ν_i/∂θ_a∂θ_b] + constraint curvatures (2/σ² for Gaussians, 2a/γ² for Poisson(a | γτ)).
     * ν is a sum over sample bins of G·H·base (scalar factors G = Π f_j, per-bin factors H = Π γ_q,
     * base = nominal + Σ histosys shifts); its second derivatives are the pairwise products of first
     * derivatives of distinct factors (leave-two-out products, exact at factors equal to 0), the second
     * derivatives of each normsys factor and histosys shift, and the mixed terms of factors with shifts.
     */
    @Override
    public boolean hessian(double[] x, double[] out) {
        final HistFactoryModel md = m;
        final int np = checkMatrixArguments(x, out, "the Hessian");
        int nsf = md.sfParam.length;
        if (gradScratch == null) {
            gradScratch = new double[np];
            sfSecond = new double[nsf];
            bfOthers = new double[md.bfParam.length];
        }
        double v = evaluate(x, gradScratch);
        if (!Double.isFinite(v)) {
            java.util.Arrays.fill(out, Double.NaN);
            return true;
        }
        final double[] jac = fillJacobian(x);
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < md.mainSize; i++) {
            if (nu[i] > 0 && n[i] > 0) {
                addOuter(out, jac, i, np, 2 * n[i] / (nu[i] * nu[i]));
            }
        }
        final int[] blockStart = md.blockStart;
        final int[] binMain = md.binMain;
        final int[] bfStart = md.bfStart;
        final int[] bfParam = md.bfParam;
        final int[] sfStart = md.sfStart;
        final int[] sfParam = md.sfParam;
        final int[] sfNormsys = md.sfNormsys;
        for (int k = 0; k < md.nBlocks; k++) {
            double g = blockFactor[k];
            int j0 = sfStart[k];
            int j1 = sfStart[k + 1];
            scalarFactorDerivatives(j0, j1);
            for (int j = j0; j < j1; j++) {
                sfSecond[j] = sfNormsys[j] < 0 ? 0 : md.normsysKernel.curvature(x[sfParam[j]], sfNormsys[j]);
            }
            double sumWT = 0;
            for (int e = blockStart[k]; e < blockStart[k + 1]; e++) {
                sumWT += w[binMain[e]] * binFactor[e] * base[e];
            }
            // scalar × scalar
            for (int a = j0; a < j1; a++) {
                addSym(out, np, sfParam[a], sfParam[a], 0.5 * sumWT * prefix[a] * sfSuffix[a] * sfSecond[a]);
                double mid = 1;
                for (int b = a + 1; b < j1; b++) {
                    addSym(out, np, sfParam[a], sfParam[b], sumWT * prefix[a] * mid * sfSuffix[b] * fder[a] * fder[b]);
                    mid *= fval[b];
                }
            }
            for (int e = blockStart[k]; e < blockStart[k + 1]; e++) {
                double we = w[binMain[e]];
                int q0 = bfStart[e];
                int q1 = bfStart[e + 1];
                for (int q = q0; q < q1; q++) {
                    double others = perBinOthers(x, q0, q1, q);
                    bfOthers[q] = others;
                    // scalar × per-bin
                    double c = we * base[e] * others;
                    for (int a = j0; a < j1; a++) {
                        addSym(out, np, sfParam[a], bfParam[q], c * sfFirst[a]);
                    }
                    // per-bin × per-bin (distinct factors of one bin)
                    for (int r = q + 1; r < q1; r++) {
                        double two = 1;
                        for (int t = q0; t < q1; t++) {
                            if (t != q && t != r) {
                                two *= x[bfParam[t]];
                            }
                        }
                        addSym(out, np, bfParam[q], bfParam[r], we * g * base[e] * two);
                    }
                }
            }
        }
        if (md.hsLinear) {
            final InterpolationCode code = md.histosysKernel.code();
            for (int j = 0; j < md.hlParam.length; j++) {
                int pa = md.hlParam[j];
                double db = hlDerivative[j];
                double d2b = InterpolationKernel.basisCurvature(code, x[pa]);
                for (int q = md.hlStart[j]; q < md.hlStart[j + 1]; q++) {
                    int e = md.hlBin[q];
                    histosysTerms(out, np, x, pa, e, md.binBlock[e], md.hlLinear[q] + db * md.hlBasis[q],
                            md.hlBasis[q] * d2b);
                }
            }
        } else {
            for (int h = 0; h < md.hsParam.length; h++) {
                int k = md.hsBlock[h];
                int start = blockStart[k];
                int len = blockStart[k + 1] - start;
                int pa = md.hsParam[h];
                for (int b = 0; b < len; b++) {
                    int t = md.hsTriple[h] + b;
                    histosysTerms(out, np, x, pa, start + b, k, hsOut[2 * t + 1],
                            md.histosysKernel.curvature(x[pa], t));
                }
            }
        }
        addGaussianCurvatures(out, np);
        for (int j = 0; j < md.pParam.length; j++) {
            int p = md.pParam[j];
            double gamma = x[p];
            out[p * np + p] += 2 * aux[md.pAux[j]] / (gamma * gamma);
        }
        return true;
    }

    /**
     * The w-weighted second-derivative terms of one histosys shift of block bin e (parameter pa, first and
     * second derivatives of the shift d1, d2) with itself, with the scalar factors of its block and with the
     * per-bin factors of its bin. Uses sfFirst, bfOthers of the current point.
     */
    private void histosysTerms(double[] out, int np, double[] x, int pa, int e, int k, double d1, double d2) {
        final HistFactoryModel md = m;
        double we = w[md.binMain[e]];
        double g = blockFactor[k];
        out[pa * np + pa] += we * g * binFactor[e] * d2;
        double c = we * binFactor[e] * d1;
        for (int a = md.sfStart[k]; a < md.sfStart[k + 1]; a++) {
            addSym(out, np, md.sfParam[a], pa, c * sfFirst[a]);
        }
        double cg = we * g * d1;
        for (int q = md.bfStart[e]; q < md.bfStart[e + 1]; q++) {
            addSym(out, np, md.bfParam[q], pa, cg * bfOthers[q]);
        }
    }

    /** @return the number of parameters, after checking x has that many and out is that square */
    private int checkMatrixArguments(double[] x, double[] out, String what) {
        int np = m.parameters().size();
        if (x.length != np || out.length != np * np) {
            throw new InvalidInputException(what + " needs " + np + " parameters and an output of " + np * np
                    + ", got " + x.length + " and " + out.length);
        }
        return np;
    }

    /** out += the curvature 2/σ² of each Gaussian constraint term on its parameter's diagonal entry. */
    private void addGaussianCurvatures(double[] out, int np) {
        final int[] gParam = m.gParam;
        for (int j = 0; j < gParam.length; j++) {
            int p = gParam[j];
            out[p * np + p] += 2 * m.gInvVar[j];
        }
    }

    /** out[a][b] += v and out[b][a] += v (twice v on the diagonal: a cross term of two factors of one parameter). */
    private static void addSym(double[] out, int np, int a, int b, double v) {
        out[a * np + b] += v;
        out[b * np + a] += v;
    }

    /** out += c J_i J_iᵀ for main bin i (skipping zero entries of J_i). */
    private static void addOuter(double[] out, double[] jac, int i, int np, double c) {
        int row = i * np;
        for (int a = 0; a < np; a++) {
            double ja = jac[row + a];
            if (ja == 0) {
                continue;
            }
            double cja = c * ja;
            int outRow = a * np;
            for (int b = 0; b < np; b++) {
                out[outRow + b] += cja * jac[row + b];
            }
        }
    }

    /**
     * Derivatives of the product of the scalar factors [j0, j1) of one block by each factor, from
     * leave-one-out products (exact at factors equal to 0, e.g. μ = 0): prefix[j] = Π<sub>i&lt;j</sub> f<sub>i</sub>,
     * sfSuffix[j] = Π<sub>i&gt;j</sub> f<sub>i</sub>, sfFirst[j] = prefix[j] · sfSuffix[j] · f′<sub>j</sub>.
     */
    private void scalarFactorDerivatives(int j0, int j1) {
        double p = 1;
        for (int j = j0; j < j1; j++) {
            prefix[j] = p;
            p *= fval[j];
        }
        double suffix = 1;
        for (int j = j1 - 1; j >= j0; j--) {
            sfSuffix[j] = suffix;
            sfFirst[j] = prefix[j] * suffix * fder[j];
            suffix *= fval[j];
        }
    }

    /** Π of the per-bin factors θ of entries [q0, q1) of one bin but entry q: the product's derivative by θ_q. */
    private double perBinOthers(double[] x, int q0, int q1, int q) {
        final int[] bfParam = m.bfParam;
        double others = 1;
        for (int r = q0; r < q1; r++) {
            if (r != q) {
                others *= x[bfParam[r]];
            }
        }
        return others;
    }

    /** J = ∂ν/∂θ (mainSize × n, row-major) at the point of the last {@link #rates} call. */
    private double[] fillJacobian(double[] x) {
        final HistFactoryModel md = m;
        final int np = md.parameters().size();
        final int nm = md.mainSize;
        if (jacobian == null) {
            jacobian = new double[nm * np];
        }
        final double[] jac = jacobian;
        java.util.Arrays.fill(jac, 0);
        final int[] blockStart = md.blockStart;
        final int[] binMain = md.binMain;
        final int[] bfStart = md.bfStart;
        final int[] bfParam = md.bfParam;
        final int[] sfStart = md.sfStart;
        final int[] sfParam = md.sfParam;
        for (int k = 0; k < md.nBlocks; k++) {
            double g = blockFactor[k];
            int j0 = sfStart[k];
            int j1 = sfStart[k + 1];
            scalarFactorDerivatives(j0, j1);
            for (int j = j0; j < j1; j++) {
                double coef = sfFirst[j];
                int col = sfParam[j];
                for (int e = blockStart[k]; e < blockStart[k + 1]; e++) {
                    jac[binMain[e] * np + col] += coef * binFactor[e] * base[e];
                }
            }
            for (int e = blockStart[k]; e < blockStart[k + 1]; e++) {
                int row = binMain[e] * np;
                int q0 = bfStart[e];
                int q1 = bfStart[e + 1];
                for (int q = q0; q < q1; q++) {
                    jac[row + bfParam[q]] += g * base[e] * perBinOthers(x, q0, q1, q);
                }
            }
        }
        if (md.hsLinear) {
            final int[] binBlock = md.binBlock;
            for (int j = 0; j < md.hlParam.length; j++) {
                int col = md.hlParam[j];
                double db = hlDerivative[j];
                for (int q = md.hlStart[j]; q < md.hlStart[j + 1]; q++) {
                    int e = md.hlBin[q];
                    jac[binMain[e] * np + col] += blockFactor[binBlock[e]] * binFactor[e]
                            * (md.hlLinear[q] + db * md.hlBasis[q]);
                }
            }
        } else {
            for (int h = 0; h < md.hsParam.length; h++) {
                int k = md.hsBlock[h];
                int start = blockStart[k];
                int len = blockStart[k + 1] - start;
                int t0 = md.hsTriple[h];
                int col = md.hsParam[h];
                for (int b = 0; b < len; b++) {
                    int e = start + b;
                    jac[binMain[e] * np + col] += blockFactor[k] * binFactor[e] * hsOut[2 * (t0 + b) + 1];
                }
            }
        }
        return jac;
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
                        grad[bfParam[q]] += we * g * base[e] * perBinOthers(x, q0, q1, q);
                    }
                }
            }
            int j0 = sfStart[k];
            int j1 = sfStart[k + 1];
            scalarFactorDerivatives(j0, j1);
            for (int j = j0; j < j1; j++) {
                grad[sfParam[j]] += s * sfFirst[j];
            }
        }
        if (md.hsLinear) {
            final int[] binBlock = md.binBlock;
            for (int e = 0; e < binWeight.length; e++) {
                binWeight[e] = w[binMain[e]] * blockFactor[binBlock[e]] * binFactor[e];
            }
            final int[] hlStart = md.hlStart;
            final int[] hlBin = md.hlBin;
            final double[] hlLinear = md.hlLinear;
            final double[] hlBasis = md.hlBasis;
            for (int j = 0; j < md.hlParam.length; j++) {
                double sumLinear = 0;
                double sumBasis = 0;
                for (int q = hlStart[j]; q < hlStart[j + 1]; q++) {
                    double c = binWeight[hlBin[q]];
                    sumLinear += c * hlLinear[q];
                    sumBasis += c * hlBasis[q];
                }
                grad[md.hlParam[j]] += sumLinear + hlDerivative[j] * sumBasis;
            }
            return val;
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
