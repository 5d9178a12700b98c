package org.recoil.fitting.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.StatModel;
import org.recoil.fitting.model.TwiceNllFunction;

/**
 * A fallback cascade of minimisations, in the spirit of CMS Combine's minimiser strategies: the first
 * stage that converges gives the result; every later stage starts from the best point found so far
 * (or from the inits). The standard cascade is
 * <ol>
 *   <li>projected BFGS from the start point;</li>
 *   <li>projected BFGS restarted from the best point with a fresh Hessian approximation and a doubled
 *       budget;</li>
 *   <li>derivative-free BOBYQA (Powell 2009, Hipparchus) within the bounds from the best point, then
 *       projected BFGS from its result;</li>
 *   <li>projected BFGS from the start point again with a looser stall tolerance.</li>
 * </ol>
 * Errors and covariance are computed once, from the Hessian at the final point. If no stage
 * converges, the result has status {@link FitStatus#FAILED} (or {@link FitStatus#MAX_ITERATIONS}) at the
 * best point, and its message lists what each stage reported. Stateless and thread-safe.
 */
public final class CascadeMinimizer implements Minimizer {

    /** Where a stage starts. */
    public enum Start {
        /** From the caller's start point. */
        INIT,
        /** From the best point of the earlier stages. */
        BEST
    }

    /**
     * One stage of the cascade.
     *
     * @param name label used in result messages
     * @param start where it starts
     * @param minimizer what it runs (should not compute errors)
     * @param bobyqaFirst whether to run BOBYQA first (derivative-free pre-fit)
     */
    public record Stage(String name, Start start, Minimizer minimizer, boolean bobyqaFirst) {
    }

    private final List<Stage> stages;
    /** null: no progress reported */
    private final MinimizerListener listener;

    /** @param stages the stages, tried in order */
    public CascadeMinimizer(List<Stage> stages) {
        this(stages, null);
    }

    private CascadeMinimizer(List<Stage> stages, MinimizerListener listener) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a cascade needs at least one stage");
        }
        this.stages = List.copyOf(stages);
        this.listener = listener;
    }

    /**
     * {@inheritDoc} The stages report to {@code listener} with the iterations of the earlier stages added, so
     * that the count keeps increasing through the cascade.
     */
    @Override
    public CascadeMinimizer withListener(MinimizerListener l) {
        return new CascadeMinimizer(stages, l);
    }

    /** @return the standard cascade described in the class documentation */
    public static CascadeMinimizer standard() {
        return standard(ConvergenceCriteria.defaults());
    }

    /**
     * @param criteria criteria of the first stage (later stages derive theirs from it)
     * @return the standard cascade
     */
    public static CascadeMinimizer standard(ConvergenceCriteria criteria) {
        ConvergenceCriteria longer = criteria.withBudget(2 * criteria.maxIterations(), 2 * criteria.maxEvaluations());
        ConvergenceCriteria loose = new ConvergenceCriteria(criteria.gradientTolerance(),
                Math.max(criteria.stallGradientTolerance(), 1e-2), 2 * criteria.maxIterations(),
                2 * criteria.maxEvaluations());
        return new CascadeMinimizer(List.of(
                new Stage("BFGS", Start.INIT, new ProjectedBfgsMinimizer(criteria, false), false),
                new Stage("BFGS restart", Start.BEST, new ProjectedBfgsMinimizer(longer, false), false),
                new Stage("BOBYQA + BFGS", Start.BEST, new ProjectedBfgsMinimizer(longer, false), true),
                new Stage("BFGS loose", Start.INIT, new ProjectedBfgsMinimizer(loose, false), false)));
    }

    /** @return the stages */
    public List<Stage> stages() {
        return stages;
    }

    /**
     * What a cascade did.
     *
     * @param result the fit: the first converged stage's point with errors, or the best point with status
     *               {@link FitStatus#FAILED} / {@link FitStatus#MAX_ITERATIONS}
     * @param convergedStage name of the stage that converged, empty if none did
     * @param reports one line per stage run, in order: its name, status and message
     */
    public record Outcome(FitResult result, Optional<String> convergedStage, List<String> reports) {

        /** Copies the reports. */
        public Outcome {
            reports = List.copyOf(reports);
        }
    }

    @Override
    public FitResult minimize(StatModel model, Data data, double[] init, boolean[] fixed) {
        return run(model, data, init, fixed).result();
    }

    /**
     * Runs the cascade and reports which stage converged.
     *
     * @param model the likelihood
     * @param data the dataset to fit
     * @param init start values (fixed parameters stay at these values)
     * @param fixed which parameters are held constant (complete mask)
     * @return the result and the stages' reports
     */
    public Outcome run(StatModel model, Data data, double[] init, boolean[] fixed) {
        FitResult best = null;
        int iterations = 0;
        List<String> log = new ArrayList<>();
        for (Stage stage : stages) {
            double[] start = stage.start() == Start.BEST && best != null && Double.isFinite(best.twiceNll())
                    ? best.values() : init.clone();
            if (stage.bobyqaFirst()) {
                start = bobyqa(model, data, start, fixed, log);
            }
            Minimizer m = stage.minimizer();
            if (listener != null) {
                int before = iterations;
                m = m.withListener((it, v) -> listener.iteration(before + it, v));
            }
            FitResult r = m.minimize(model, data, start, fixed);
            iterations += r.iterations();
            log.add(stage.name() + ": " + r.status() + " (" + r.message() + ")");
            if (best == null || !(r.twiceNll() >= best.twiceNll())) {
                best = r;
            }
            if (r.converged()) {
                String msg = "converged in stage '" + stage.name() + "'" + (log.size() > 1
                        ? " after " + String.join("; ", log.subList(0, log.size() - 1)) : "") + ": " + r.message();
                return new Outcome(HessianErrors.withErrors(model, data, r.values(), fixed, r.twiceNll(),
                        FitStatus.CONVERGED, iterations, msg), Optional.of(stage.name()), log);
            }
        }
        FitStatus status = best.status() == FitStatus.MAX_ITERATIONS ? FitStatus.MAX_ITERATIONS : FitStatus.FAILED;
        return new Outcome(HessianErrors.withErrors(model, data, best.values(), fixed, best.twiceNll(), status,
                iterations, "no stage converged: " + String.join("; ", log)), Optional.empty(), log);
    }

    private static double[] bobyqa(StatModel model, Data data, double[] start, boolean[] fixed, List<String> log) {
        int[] free = ProjectedBfgsMinimizer.freeIndices(fixed);
        if (free.length < 2) {
            return start;
        }
        var p = model.parameters();
        double[] lo = new double[free.length];
        double[] hi = new double[free.length];
        double[] x0 = new double[free.length];
        double minSpan = Double.POSITIVE_INFINITY;
        for (int j = 0; j < free.length; j++) {
            lo[j] = p.lower(free[j]);
            hi[j] = p.upper(free[j]);
            x0[j] = Math.min(hi[j], Math.max(lo[j], start[free[j]]));
            minSpan = Math.min(minSpan, hi[j] - lo[j]);
        }
        TwiceNllFunction f = model.twiceNllFunction(data);
        double[] full = start.clone();
        double[] best = start.clone();
        double[] bestValue = {f.value(start)};
        ObjectiveFunction obj = new ObjectiveFunction(v -> {
            for (int j = 0; j < free.length; j++) {
                full[free[j]] = v[j];
            }
            double r = f.value(full);
            if (r < bestValue[0]) {
                bestValue[0] = r;
                System.arraycopy(full, 0, best, 0, full.length);
            }
            return Double.isFinite(r) ? r : 1e300;
        });
        try {
            double radius = Math.min(0.5, 0.4 * minSpan);
            // a pre-fit: BFGS polishes its result, so the trust region need not shrink below 1e-5
            BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * free.length + 1, radius, Math.min(1e-5, 0.1 * radius));
            PointValuePair pv = opt.optimize(new MaxEval(200 * free.length), obj, GoalType.MINIMIZE,
                    new InitialGuess(x0), new SimpleBounds(lo, hi));
            double[] out = start.clone();
            for (int j = 0; j < free.length; j++) {
                out[free[j]] = pv.getPoint()[j];
            }
            return out;
        } catch (MathRuntimeException | IllegalArgumentException e) {
            // e.g. the evaluation budget ran out: continue from the best point BOBYQA evaluated
            log.add("BOBYQA: " + e.getMessage() + (bestValue[0] < Double.POSITIVE_INFINITY
                    ? "; continuing from its best point, -2 ln L = " + bestValue[0] : ""));
            return best;
        }
    }
}
