package org.recoil.fitting.model;

import org.recoil.core.InvalidInputException;

/**
 * −2 ln L of a {@link HistFactoryModel} for one dataset, with its analytic gradient. Every Poisson term
 * (main and auxiliary) is evaluated as its deviance plus the −2 ln L of the saturated model
 * ({@link PoissonDeviance}), so that each term keeps its full relative precision for any count, e.g. a
 * shapesys constraint with τ ≈ 2·10¹¹; the data-dependent constants (saturated terms, Gaussian
 * normalisations) are computed once and added last, so the value is pyhf's full −2 ln L. All scratch
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
    /** the arrow structure of the model: global parameters and per-bin blocks */
    private final ArrowStructure arrow;
    /** parameter → position among the global parameters, or −1 */
    private final int[] gIndex;
    /** parameter → position among the local parameters, or −1 */
    private final int[] lIndex;
    /** main bin → its block of local parameters, or −1 */
    private final int[] mainBinBlock;
    private final int[] globalParams;
    private final int[] blockStarts;
    private final int[] blockParams;
    /** ∂ν/∂θ of the global parameters, row-major mainSize × k, allocated on first use */
    private double[] jacGlobal;
    /** ∂ν_i/∂θ of each local parameter (on its own main bin i), allocated on first use */
    private double[] jacLocal;
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
            c += PoissonDeviance.saturatedTwiceNll(x);
        }
        for (int j = 0; j < model.pParam.length; j++) {
            double a = aux[model.pAux[j]];
            if (!(a >= 0) || Double.isInfinite(a)) {
                throw new InvalidInputException("auxiliary datum " + a + " of a Poisson constraint is not a finite count >= 0");
            }
            c += PoissonDeviance.saturatedTwiceNll(a);
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
        arrow = model.arrowStructure();
        int np = model.parameters().size();
        gIndex = new int[np];
        lIndex = new int[np];
        java.util.Arrays.fill(gIndex, -1);
        java.util.Arrays.fill(lIndex, -1);
        int[] global = arrow.global();
        for (int g = 0; g < global.length; g++) {
            gIndex[global[g]] = g;
        }
        int[] bp = arrow.blockParam();
        for (int l = 0; l < bp.length; l++) {
            lIndex[bp[l]] = l;
        }
        globalParams = global;
        blockStarts = arrow.blockStart();
        blockParams = bp;
        mainBinBlock = new int[model.mainSize];
        java.util.Arrays.fill(mainBinBlock, -1);
        int[] bins = arrow.blockBin();
        for (int b = 0; b < bins.length; b++) {
            mainBinBlock[bins[b]] = b;
        }
    }

    @Override
    public ArrowStructure arrowStructure() {
        return arrow;
    }

    /** Symmetric accumulation target of the Fisher information and Hessian: M[a][b] += v, M[b][a] += v. */
    private interface SymmetricSink {
        void addSym(int a, int b, double v);
    }

    /** A dense row-major n × n target. */
    private static SymmetricSink dense(double[] out, int np) {
        return (a, b, v) -> {
            out[a * np + b] += v;
            out[b * np + a] += v;
        };
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
        checkMatrixArguments(x, out, "Fisher information");
        java.util.Arrays.fill(out, 0);
        fisher(x, dense(out, x.length));
        return true;
    }

    /** {@link #fisherInformation(double[], double[])} into an arrow-structured matrix (cleared first). */
    @Override
    public boolean fisherInformation(double[] x, ArrowMatrix out) {
        checkArrowArguments(x, out);
        out.clear();
        fisher(x, out::addSym);
        return true;
    }

    private void fisher(double[] x, SymmetricSink out) {
        final HistFactoryModel md = m;
        rates(x);
        fillJacobian(x);
        for (int i = 0; i < md.mainSize; i++) {
            if (!(nu[i] > 0)) {
                continue;
            }
            addOuter(out, i, 2 / nu[i]);
        }
        addGaussianCurvatures(out);
        for (int j = 0; j < md.pParam.length; j++) {
            int p = md.pParam[j];
            out.addSym(p, p, md.pTau[j] / Math.max(x[p], 1e-10));
        }
    }

    /** The diagonal 2 Σ_i J_ia² / ν_i + constraint curvatures of {@link #fisherInformation}. */
    @Override
    public boolean fisherDiagonal(double[] x, double[] out) {
        final HistFactoryModel md = m;
        final int np = md.parameters().size();
        if (x.length != np || out.length != np) {
            throw new InvalidInputException("the Fisher diagonal needs " + np + " parameters and an output of " + np
                    + ", got " + x.length + " and " + out.length);
        }
        rates(x);
        fillJacobian(x);
        java.util.Arrays.fill(out, 0);
        final int k = arrow.globalCount();
        final int[] global = globalParams;
        final int[] blockStart = blockStarts;
        final int[] blockParam = blockParams;
        for (int i = 0; i < md.mainSize; i++) {
            if (!(nu[i] > 0)) {
                continue;
            }
            double c = 2 / nu[i];
            for (int g = 0; g < k; g++) {
                double ja = jacGlobal[i * k + g];
                out[global[g]] += c * ja * ja;
            }
            int b = mainBinBlock[i];
            if (b >= 0) {
                for (int l = blockStart[b]; l < blockStart[b + 1]; l++) {
                    out[blockParam[l]] += c * jacLocal[l] * jacLocal[l];
                }
            }
        }
        for (int j = 0; j < md.gParam.length; j++) {
            out[md.gParam[j]] += 2 * md.gInvVar[j];
        }
        for (int j = 0; j < md.pParam.length; j++) {
            int p = md.pParam[j];
            out[p] += 2 * md.pTau[j] / Math.max(x[p], 1e-10);
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
        final int np = checkMatrixArguments(x, out, "the Hessian");
        java.util.Arrays.fill(out, 0);
        if (!hessian(x, dense(out, np))) {
            java.util.Arrays.fill(out, Double.NaN);
        }
        return true;
    }

    /** {@link #hessian(double[], double[])} into an arrow-structured matrix (cleared first; NaN diagonal where −2 ln L is not finite). */
    @Override
    public boolean hessian(double[] x, ArrowMatrix out) {
        checkArrowArguments(x, out);
        out.clear();
        if (!hessian(x, out::addSym)) {
            for (int p = 0; p < x.length; p++) {
                out.addDiagonal(p, Double.NaN);
            }
        }
        return true;
    }

    /** Accumulates the Hessian into {@code out} (which starts at 0); false if −2 ln L is not finite at x. */
    private boolean hessian(double[] x, SymmetricSink out) {
        final HistFactoryModel md = m;
        final int np = x.length;
        int nsf = md.sfParam.length;
        if (gradScratch == null) {
            gradScratch = new double[np];
            sfSecond = new double[nsf];
            bfOthers = new double[md.bfParam.length];
        }
        double v = evaluate(x, gradScratch);
        if (!Double.isFinite(v)) {
            return false;
        }
        fillJacobian(x);
        for (int i = 0; i < md.mainSize; i++) {
            if (nu[i] > 0 && n[i] > 0) {
                addOuter(out, i, 2 * n[i] / (nu[i] * nu[i]));
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
                out.addSym(sfParam[a], sfParam[a], 0.5 * sumWT * prefix[a] * sfSuffix[a] * sfSecond[a]);
                double mid = 1;
                for (int b = a + 1; b < j1; b++) {
                    out.addSym(sfParam[a], sfParam[b], sumWT * prefix[a] * mid * sfSuffix[b] * fder[a] * fder[b]);
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
                        out.addSym(sfParam[a], bfParam[q], c * sfFirst[a]);
                    }
                    // per-bin × per-bin (distinct factors of one bin)
                    for (int r = q + 1; r < q1; r++) {
                        double two = 1;
                        for (int t = q0; t < q1; t++) {
                            if (t != q && t != r) {
                                two *= x[bfParam[t]];
                            }
                        }
                        out.addSym(bfParam[q], bfParam[r], we * g * base[e] * two);
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
                    histosysTerms(out, x, pa, e, md.binBlock[e], md.hlLinear[q] + db * md.hlBasis[q],
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
                    histosysTerms(out, x, pa, start + b, k, hsOut[2 * t + 1],
                            md.histosysKernel.curvature(x[pa], t));
                }
            }
        }
        addGaussianCurvatures(out);
        for (int j = 0; j < md.pParam.length; j++) {
            int p = md.pParam[j];
            double gamma = x[p];
            out.addSym(p, p, aux[md.pAux[j]] / (gamma * gamma));
        }
        return true;
    }

    /**
     * The w-weighted second-derivative terms of one histosys shift of block bin e (parameter pa, first and
     * second derivatives of the shift d1, d2) with itself, with the scalar factors of its block and with the
     * per-bin factors of its bin. Uses sfFirst, bfOthers of the current point.
     */
    private void histosysTerms(SymmetricSink out, double[] x, int pa, int e, int k, double d1, double d2) {
        final HistFactoryModel md = m;
        double we = w[md.binMain[e]];
        double g = blockFactor[k];
        out.addSym(pa, pa, 0.5 * we * g * binFactor[e] * d2);
        double c = we * binFactor[e] * d1;
        for (int a = md.sfStart[k]; a < md.sfStart[k + 1]; a++) {
            out.addSym(md.sfParam[a], pa, c * sfFirst[a]);
        }
        double cg = we * g * d1;
        for (int q = md.bfStart[e]; q < md.bfStart[e + 1]; q++) {
            out.addSym(md.bfParam[q], pa, cg * bfOthers[q]);
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

    private void checkArrowArguments(double[] x, ArrowMatrix out) {
        int np = m.parameters().size();
        if (x.length != np || !out.structure().equals(arrow)) {
            throw new InvalidInputException("an arrow matrix of this model's structure and " + np
                    + " parameters are needed, got " + out.structure() + " and " + x.length);
        }
    }

    /** out += the curvature 2/σ² of each Gaussian constraint term on its parameter's diagonal entry. */
    private void addGaussianCurvatures(SymmetricSink out) {
        final int[] gParam = m.gParam;
        for (int j = 0; j < gParam.length; j++) {
            int p = gParam[j];
            out.addSym(p, p, m.gInvVar[j]);
        }
    }

    /** out += c J_i J_iᵀ for main bin i, over the nonzero entries of J_i: the global ones and the bin's block. */
    private void addOuter(SymmetricSink out, int i, double c) {
        final int k = arrow.globalCount();
        final int[] global = globalParams;
        final int row = i * k;
        for (int a = 0; a < k; a++) {
            double ja = jacGlobal[row + a];
            if (ja == 0) {
                continue;
            }
            double cja = c * ja;
            out.addSym(global[a], global[a], 0.5 * cja * ja);
            for (int b = a + 1; b < k; b++) {
                double jb = jacGlobal[row + b];
                if (jb != 0) {
                    out.addSym(global[a], global[b], cja * jb);
                }
            }
        }
        int blk = mainBinBlock[i];
        if (blk < 0) {
            return;
        }
        for (int l = blockStarts[blk]; l < blockStarts[blk + 1]; l++) {
            double jl = jacLocal[l];
            if (jl == 0) {
                continue;
            }
            double cjl = c * jl;
            int pl = blockParams[l];
            out.addSym(pl, pl, 0.5 * cjl * jl);
            for (int r = l + 1; r < blockStarts[blk + 1]; r++) {
                if (jacLocal[r] != 0) {
                    out.addSym(pl, blockParams[r], cjl * jacLocal[r]);
                }
            }
            for (int a = 0; a < k; a++) {
                double ja = jacGlobal[row + a];
                if (ja != 0) {
                    out.addSym(pl, global[a], cjl * ja);
                }
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

    /**
     * J = ∂ν/∂θ at the point of the last {@link #rates} call, in arrow form: the global columns densely
     * ({@link #jacGlobal}, mainSize × k) and one entry per local parameter ({@link #jacLocal}), the only
     * nonzero of its column.
     */
    private void fillJacobian(double[] x) {
        final HistFactoryModel md = m;
        final int nm = md.mainSize;
        if (jacGlobal == null) {
            jacGlobal = new double[nm * arrow.globalCount()];
            jacLocal = new double[arrow.localCount()];
        }
        java.util.Arrays.fill(jacGlobal, 0);
        java.util.Arrays.fill(jacLocal, 0);
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
                    addJacobian(binMain[e], col, coef * binFactor[e] * base[e]);
                }
            }
            for (int e = blockStart[k]; e < blockStart[k + 1]; e++) {
                int bin = binMain[e];
                int q0 = bfStart[e];
                int q1 = bfStart[e + 1];
                for (int q = q0; q < q1; q++) {
                    addJacobian(bin, bfParam[q], g * base[e] * perBinOthers(x, q0, q1, q));
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
                    addJacobian(binMain[e], col, blockFactor[binBlock[e]] * binFactor[e]
                            * (md.hlLinear[q] + db * md.hlBasis[q]));
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
                    addJacobian(binMain[e], col, blockFactor[k] * binFactor[e] * hsOut[2 * (t0 + b) + 1]);
                }
            }
        }
    }

    /** J[bin][p] += v. */
    private void addJacobian(int bin, int p, double v) {
        int g = gIndex[p];
        if (g >= 0) {
            jacGlobal[bin * arrow.globalCount() + g] += v;
        } else {
            jacLocal[lIndex[p]] += v;
        }
    }

    private double evaluate(double[] x, double[] grad) {
        final HistFactoryModel md = m;
        if (x.length != md.parameters().size()) {
            throw new InvalidInputException("parameter vector has " + x.length + " entries, expected "
                    + md.parameters().size());
        }
        rates(x);
        // deviances (each >= 0, full relative precision), summed apart from the constant
        double val = 0;
        for (int i = 0; i < nu.length; i++) {
            double v = nu[i];
            double ni = n[i];
            if (v > 0) {
                val += PoissonDeviance.deviance(ni, v);
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
                val += PoissonDeviance.deviance(a, r);
            } else if (a > 0 || r < 0) {
                return Double.POSITIVE_INFINITY;
            }
        }
        val += constant;
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
