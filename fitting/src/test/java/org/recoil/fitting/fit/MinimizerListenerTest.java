package org.recoil.fitting.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.StaterrorBenchmarkWorkspace;

/** {@link MinimizerListener}: iterations and −2 ln L of a fit, on the dense, structured and cascade paths. */
class MinimizerListenerTest {

    private static final HistFactoryModel MODEL = HistFactoryModel.of(StaterrorBenchmarkWorkspace.workspace(10, 20));

    private record Call(int iteration, double twiceNll) {
    }

    /** Fits with a recording listener; checks the calls against the result and returns them. */
    private static List<Call> fitRecording(Minimizer minimizer, boolean strictlyIncreasing) {
        List<Call> calls = new ArrayList<>();
        Minimizer listened = minimizer.withListener((it, v) -> calls.add(new Call(it, v)));
        FitResult r = listened.fit(MODEL, MODEL.observed());
        assertTrue(r.converged(), r.toString());
        assertTrue(calls.size() >= 2, "the start point and at least one step: " + calls);
        assertEquals(0, calls.get(0).iteration(), "the start point first");
        for (int k = 1; k < calls.size(); k++) {
            Call a = calls.get(k - 1);
            Call b = calls.get(k);
            assertTrue(strictlyIncreasing ? b.iteration() > a.iteration() : b.iteration() >= a.iteration(),
                    "iterations increase: " + calls);
        }
        Call last = calls.get(calls.size() - 1);
        assertEquals(r.iterations(), last.iteration(), "the last call is the result's iteration count");
        assertEquals(r.twiceNll(), last.twiceNll(), 1e-9 * Math.abs(r.twiceNll()));
        assertTrue(calls.get(0).twiceNll() > last.twiceNll(), "-2 ln L went down: " + calls);
        return calls;
    }

    @Test
    void denseBfgsReportsEveryIteration() {
        List<Call> calls = fitRecording(new ProjectedBfgsMinimizer(ConvergenceCriteria.defaults(), false,
                Integer.MAX_VALUE), true);
        for (int k = 1; k < calls.size(); k++) {
            assertTrue(calls.get(k).twiceNll() < calls.get(k - 1).twiceNll(), "accepted steps decrease -2 ln L");
        }
    }

    @Test
    void arrowNewtonReportsEveryIteration() {
        fitRecording(new ProjectedBfgsMinimizer(ConvergenceCriteria.defaults(), false, 1), true);
    }

    @Test
    void cascadeCountsOnThroughItsStages() {
        fitRecording(Minimizer.standard(), false);
    }

    @Test
    void withoutListenerTheResultIsTheSame() {
        Minimizer m = Minimizer.standard();
        FitResult plain = m.fit(MODEL, MODEL.observed());
        FitResult listened = m.withListener((it, v) -> { }).fit(MODEL, MODEL.observed());
        assertEquals(plain.twiceNll(), listened.twiceNll());
        assertEquals(plain.iterations(), listened.iterations());
    }
}
