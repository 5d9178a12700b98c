package org.recoil.fitting.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.spec.Channel;
import org.recoil.fitting.spec.Measurement;
import org.recoil.fitting.spec.Modifier;
import org.recoil.fitting.spec.Observation;
import org.recoil.fitting.spec.ParameterConfig;
import org.recoil.fitting.spec.Sample;
import org.recoil.fitting.spec.Workspace;

class MinimizerTest {

    /** One bin: s·μ + b with b known; n observed. */
    static HistFactoryModel counting(double s, double b, double n) {
        return HistFactoryModel.of(Workspace.of(
                List.of(Channel.of("sr", Sample.of("sig", new double[] {s}, Modifier.normfactor("mu")),
                        Sample.of("bkg", new double[] {b}, Modifier.normfactor("k")))),
                List.of(new Observation("sr", new double[] {n})),
                List.of(Measurement.of("m", "mu", ParameterConfig.named("mu").withScalar(1, -5, 10),
                        ParameterConfig.named("k").withFixed(true)))));
    }

    @Test
    void closedFormMinimumAndParabolicError() {
        HistFactoryModel m = counting(10, 50, 73);
        int mu = m.parameters().indexOf("mu");
        int k = m.parameters().indexOf("k");
        assertEquals(List.of("k", "mu"), m.parameters().names(), "pyhf order: samples sorted by name");
        FitResult r = new ProjectedBfgsMinimizer().fit(m, m.observed());
        assertTrue(r.converged(), r.toString());
        assertEquals(2.3, r.value(mu), 1e-7);
        // −ln L'' = n s²/ν² = s²/n at ν = n: σ(μ) = √n / s
        assertEquals(Math.sqrt(73) / 10, r.error(mu), 1e-6);
        assertEquals(0, r.error(k));
        assertEquals(0, r.covariance()[mu][k]);
        double nll = 2 * (73 - 73 * Math.log(73) + org.apache.commons.numbers.gamma.LogGamma.value(74));
        assertEquals(nll, r.twiceNll(), 1e-10 * nll);
    }

    @Test
    void minimumOutsideTheBoxLandsExactlyOnTheBound() {
        HistFactoryModel m = HistFactoryModel.of(Workspace.of(
                List.of(Channel.of("sr", Sample.of("sig", new double[] {10, 5}, Modifier.normfactor("mu")),
                        Sample.of("bkg", new double[] {50, 60}, Modifier.normsys("bn", 1.05, 0.95)))),
                List.of(new Observation("sr", new double[] {35, 50})),
                List.of(Measurement.of("m", "mu"))));
        for (Minimizer min : new Minimizer[] {new ProjectedBfgsMinimizer(), Minimizer.standard()}) {
            FitResult r = min.fit(m, m.observed());
            assertTrue(r.converged(), r.toString());
            assertEquals(0.0, r.value(m.parameters().indexOf("mu")), 0.0, "mu at its lower bound");
            double[] g = new double[2];
            m.twiceNllGradient(r.values(), m.observed(), g);
            assertTrue(g[m.parameters().indexOf("mu")] > 0, "the gradient pushes outwards at the bound");
            assertEquals(0, g[m.parameters().indexOf("bn")], 1e-6);
        }
    }

    @Test
    void fixedPoiFitHoldsThePoi() {
        HistFactoryModel m = PyhfModels.model("twochannel_staterror_lumi");
        FitResult free = Minimizer.standard().fit(m, m.observed());
        FitResult cond = Minimizer.standard().fitFixedPoi(m, m.observed(), 2.0);
        assertTrue(cond.converged());
        assertEquals(2.0, cond.value(m.parameters().poiIndex()), 0);
        assertEquals(0, cond.error(m.parameters().poiIndex()));
        assertTrue(cond.twiceNll() > free.twiceNll());
    }

    @Test
    void cascadeFallsBackWhenAStageRunsOutOfBudget() {
        HistFactoryModel m = PyhfModels.model("recoil_20bin_shape");
        CascadeMinimizer cascade = new CascadeMinimizer(List.of(
                new CascadeMinimizer.Stage("short", CascadeMinimizer.Start.INIT,
                        new ProjectedBfgsMinimizer(ConvergenceCriteria.defaults().withBudget(2, 100), false), false),
                new CascadeMinimizer.Stage("BOBYQA + BFGS", CascadeMinimizer.Start.BEST,
                        new ProjectedBfgsMinimizer(ConvergenceCriteria.defaults(), false), true)));
        FitResult r = cascade.fit(m, m.observed());
        assertTrue(r.converged(), r.toString());
        assertTrue(r.message().startsWith("converged in stage 'BOBYQA + BFGS' after short: MAX_ITERATIONS"), r.message());
        assertEquals(46.4153151749703, r.twiceNll(), 46.4153151749703e-6);
    }

    @Test
    void aFitThatCannotStartIsFailedNeverASilentNumber() {
        HistFactoryModel m = counting(10, 50, 73);
        double[] init = m.parameters().inits();
        boolean[] fixed = m.parameters().fixed();
        init[m.parameters().indexOf("k")] = 0; // background fixed at 0 ...
        init[m.parameters().indexOf("mu")] = 0; // ... and mu = 0: nothing expected, 73 observed
        fixed[m.parameters().indexOf("mu")] = true;
        FitResult r = Minimizer.standard().minimize(m, m.observed(), init, fixed);
        assertEquals(FitStatus.FAILED, r.status());
        assertTrue(r.message().contains("-2 ln L is not finite at the start point"), r.message());
    }

    /** Background-only fit: no POI, so fitFixedPoi is refused. */
    @Test
    void noPoiModel() {
        HistFactoryModel m = HistFactoryModel.of(counting(10, 50, 73).workspace(), null,
                ModelOptions.defaults().withoutPoi());
        assertEquals(-1, m.parameters().poiIndex());
        org.junit.jupiter.api.Assertions.assertThrows(org.recoil.core.InvalidInputException.class,
                () -> Minimizer.standard().fitFixedPoi(m, m.observed(), 1));
    }
}
