package org.recoil.fitting.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.recoil.fitting.ReferenceFiles;
import org.recoil.fitting.spec.Channel;
import org.recoil.fitting.spec.InvalidWorkspaceException;
import org.recoil.fitting.spec.Measurement;
import org.recoil.fitting.spec.Modifier;
import org.recoil.fitting.spec.Observation;
import org.recoil.fitting.spec.ParameterConfig;
import org.recoil.fitting.spec.Sample;
import org.recoil.fitting.spec.Workspace;
import org.recoil.fitting.spec.WorkspaceIO;

class HistFactoryModelValidationTest {

    /** Every modifier type, shared names across samples and channels, normsys+histosys sharing one α. */
    static Workspace allModifiers() {
        return Workspace.of(List.of(
                Channel.of("sr",
                        Sample.of("signal", new double[] {3, 8, 2}, Modifier.normfactor("mu"), Modifier.lumi("lumi"),
                                Modifier.normsys("eff", 1.05, 0.93), Modifier.staterror("staterror_sr", new double[] {0.3, 0.5, 0.2})),
                        Sample.of("bkg1", new double[] {20, 15, 9}, Modifier.lumi("lumi"),
                                Modifier.normsys("jes", 1.1, 0.85), Modifier.histosys("jes", new double[] {22, 15.5, 8},
                                        new double[] {18.5, 14, 9.6}),
                                Modifier.staterror("staterror_sr", new double[] {1.2, 0.9, 0.7}),
                                Modifier.shapesys("bkg1_unc", new double[] {2, 0, 1.5})),
                        Sample.of("bkg2", new double[] {5, 6, 7}, Modifier.normfactor("k2"), Modifier.shapefactor("sf"),
                                Modifier.histosys("shape2", new double[] {6, 6, 6}, new double[] {4, 6.5, 8}))),
                Channel.of("cr",
                        Sample.of("bkg2", new double[] {50, 40, 30}, Modifier.normfactor("k2"), Modifier.shapefactor("sf"),
                                Modifier.normsys("jes", 1.04, 0.97), Modifier.lumi("lumi")))),
                List.of(new Observation("sr", new double[] {30, 33, 17}), new Observation("cr", new double[] {55, 37, 31})),
                List.of(Measurement.of("meas", "mu", ParameterConfig.named("lumi").withConstraint(new double[] {1},
                        new double[] {0.02}))));
    }

    @Test
    void parameterLayoutFollowsPyhf() {
        HistFactoryModel m = HistFactoryModel.of(allModifiers());
        assertEquals(List.of("jes", "shape2", "lumi", "k2", "mu", "eff", "sf[0]", "sf[1]", "sf[2]", "bkg1_unc[0]",
                "bkg1_unc[1]", "bkg1_unc[2]", "staterror_sr[0]", "staterror_sr[1]", "staterror_sr[2]"),
                m.parameters().names());
        assertEquals(List.of("cr", "sr"), m.channelNames());
        assertEquals(3, m.channelOffset("sr"));
        Parameters p = m.parameters();
        assertEquals(4, p.poiIndex());
        assertArrayEquals(new double[] {0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1}, p.inits());
        assertEquals(-5, p.lower(0));
        assertEquals(0.9, p.lower(2), 1e-12);
        assertEquals(1e-10, p.lower(9));
        assertEquals(10, p.upper(12));
        // shapesys bin 1 has zero uncertainty: fixed, as pyhf
        assertTrue(p.isFixed(10));
        assertEquals(ConstraintType.POISSON, m.constraintType(9));
        assertEquals(1 / Math.sqrt(20 * 20 / 4.0), m.constraintWidth(9), 1e-15);
        // staterror: sqrt(0.3^2 + 1.2^2) / (3 + 20)
        assertEquals(Math.sqrt(0.09 + 1.44) / 23, m.constraintWidth(12), 1e-15);
        assertEquals(ConstraintType.NONE, m.constraintType(3));
        // aux data: alphas 0, lumi 1, shapesys tau, staterror 1
        assertArrayEquals(new double[] {0, 0, 1, 0, 100, 1, 36, 1, 1, 1}, m.observed().aux(), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(InterpolationCode.class)
    void analyticGradientMatchesCentralFiniteDifferences(InterpolationCode code) {
        ModelOptions opt = ModelOptions.defaults().withHistosysCode(code)
                .withNormsysCode(code == InterpolationCode.CODE4P ? InterpolationCode.CODE4 : code);
        HistFactoryModel m = HistFactoryModel.of(allModifiers(), null, opt);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        Data data = m.observed();
        int n = m.parameters().size();
        for (int trial = 0; trial < 20; trial++) {
            double[] x = m.parameters().inits();
            for (int i = 0; i < n; i++) {
                x[i] = m.parameters().isFixed(i) ? x[i] : switch (m.constraintType(i)) {
                    case GAUSSIAN -> m.constraintCentre(i) + (rng.nextDouble() - 0.5) * (i < 2 ? 3 : 0.1);
                    default -> 0.6 + 0.8 * rng.nextDouble();
                };
            }
            if (trial == 0) {
                x[4] = 0; // mu = 0: the leave-one-out products must still give the exact gradient
            }
            double[] g = new double[n];
            double v = m.twiceNllGradient(x, data, g);
            assertEquals(m.twiceNll(x, data), v, 0);
            for (int i = 0; i < n; i++) {
                double h = 1e-6 * Math.max(1, Math.abs(x[i]));
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[i] += h;
                xm[i] -= h;
                double fd = (m.twiceNll(xp, data) - m.twiceNll(xm, data)) / (2 * h);
                assertEquals(fd, g[i], 1e-5 * Math.max(1, Math.abs(fd)), code + " d/d" + m.parameters().names().get(i));
            }
        }
    }

    @Test
    void asimovDataAreTheExpectationAndFitBackExactly() {
        HistFactoryModel m = HistFactoryModel.of(allModifiers());
        double[] x = m.parameters().inits();
        x[0] = 0.4;
        x[4] = 1.7;
        x[13] = 1.02;
        Data a = m.asimov(x);
        assertArrayEquals(m.expectedMain(x), a.main(), 0);
        assertEquals(0.4, a.aux(0));
        assertEquals(1.02, a.aux(8), 1e-15);
        double[] g = new double[x.length];
        m.twiceNllGradient(x, a, g);
        for (int i = 0; i < g.length; i++) {
            assertEquals(0, g[i], 1e-9, "the Asimov data are stationary at their generating point: " + i);
        }
        double[][] bySample = m.expectedBySample(x);
        assertEquals(List.of("cr/bkg2", "sr/bkg1", "sr/bkg2", "sr/signal"), m.blockLabels());
        assertEquals(a.main(3), bySample[1][0] + bySample[2][0] + bySample[3][0], 1e-12);
    }

    @Test
    void samplingIsReproducibleAndCentredOnTheExpectation() {
        HistFactoryModel m = HistFactoryModel.of(allModifiers());
        double[] x = m.parameters().inits();
        Data d1 = m.sample(x, RandomSource.XO_RO_SHI_RO_128_PP.create(99L));
        Data d2 = m.sample(x, RandomSource.XO_RO_SHI_RO_128_PP.create(99L));
        assertEquals(d1, d2);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        double[] mean = new double[m.mainSize()];
        double[] auxMean = new double[m.auxSize()];
        int toys = 4000;
        for (int t = 0; t < toys; t++) {
            Data d = m.sample(x, rng);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += d.main(i) / toys;
            }
            for (int i = 0; i < auxMean.length; i++) {
                auxMean[i] += d.aux(i) / toys;
            }
        }
        double[] mu = m.expectedMain(x);
        for (int i = 0; i < mu.length; i++) {
            assertEquals(mu[i], mean[i], 5 * Math.sqrt(mu[i] / toys), "main bin " + i);
        }
        double[] aux = m.observed().aux();
        assertEquals(aux[4], auxMean[4], 5 * Math.sqrt(100.0 / toys)); // Poisson tau
        assertEquals(aux[0], auxMean[0], 5 / Math.sqrt(toys)); // unit Gaussian
    }

    private static String error(Workspace ws) {
        return assertThrows(InvalidWorkspaceException.class, () -> HistFactoryModel.of(ws)).getMessage();
    }

    private static Workspace oneChannel(Sample s, double[] obs, Measurement meas) {
        return Workspace.of(List.of(Channel.of("sr", s)), List.of(new Observation("sr", obs)), List.of(meas));
    }

    @Test
    void buildingRejectsBadModelsWithPreciseMessages() {
        Measurement meas = Measurement.of("m", "mu");
        assertEquals("channel 'sr', sample 's', bin 1: negative nominal yield -2.0, expected >= 0",
                error(oneChannel(Sample.of("s", new double[] {1, -2}, Modifier.normfactor("mu")), new double[] {1, 2}, meas)));
        assertEquals("channel 'sr', bin 1: 3.0 events observed but every sample expects 0 there (the likelihood would"
                        + " vanish); add a background or merge the bin",
                error(oneChannel(Sample.of("s", new double[] {1, 0}, Modifier.normfactor("mu")), new double[] {1, 3}, meas)));
        assertEquals("the parameter of interest 'mu' of measurement 'm' is not a modifier of the workspace"
                        + " (parameters are [nf]); fit without a POI for a background-only workspace (ModelOptions.withoutPoi(),"
                        + " CLI --no-poi)",
                error(oneChannel(Sample.of("s", new double[] {1, 2}, Modifier.normfactor("nf")), new double[] {1, 2}, meas)));
        assertEquals("modifier name 'mu' is used with incompatible types lumi and normfactor (channel 'sr', sample 's',"
                        + " modifier 'mu' (normfactor)); only normsys and histosys may share a parameter",
                error(oneChannel(Sample.of("s", new double[] {1, 2}, Modifier.normfactor("mu"), Modifier.lumi("mu")),
                        new double[] {1, 2}, meas)));
        assertEquals("parameter config 'mu': inconsistent bounds[0] = [3.0, 2.0], expected lower <= upper",
                assertThrows(InvalidWorkspaceException.class,
                        () -> new ParameterConfig("mu", null, new double[][] {{3, 2}}, null, null, null)).getMessage());
        assertEquals("measurement 'm', parameter 'mu' (normfactor) inits: 2 values given, expected 1",
                error(oneChannel(Sample.of("s", new double[] {1, 2}, Modifier.normfactor("mu")), new double[] {1, 2},
                        Measurement.of("m", "mu", new ParameterConfig("mu", new double[] {1, 2}, null, null, null, null)))));
        assertEquals("measurement 'm', parameter 'mu': init 12.0 is outside its bounds [0.0, 10.0]",
                error(oneChannel(Sample.of("s", new double[] {1, 2}, Modifier.normfactor("mu")), new double[] {1, 2},
                        Measurement.of("m", "mu", ParameterConfig.named("mu").withScalar(12, 0, 10)))));
        assertEquals("measurement 'm': the lumi parameter 'lumi' needs a parameter config with auxdata and sigmas",
                error(oneChannel(Sample.of("s", new double[] {1, 2}, Modifier.normfactor("mu"), Modifier.lumi("lumi")),
                        new double[] {1, 2}, meas)));
        assertEquals("channel 'sr', sample 's', modifier 'n' (normsys): interpolation code4 needs positive nominal, up"
                        + " and down values, got down=0.0, nominal=1.0, up=1.1 (use an additive code such as 4p)",
                error(oneChannel(Sample.of("s", new double[] {1, 2}, Modifier.normfactor("mu"), Modifier.normsys("n", 1.1, 0)),
                        new double[] {1, 2}, meas)));
        assertEquals("channel 'sr', sample 'b', modifier 'u' (shapesys): shapesys 'u' also appears in channel 'sr',"
                        + " sample 'a', modifier 'u' (shapesys); shapesys parameters are per sample (pyhf does not share"
                        + " them): give each a unique name",
                error(Workspace.of(List.of(Channel.of("sr",
                        Sample.of("a", new double[] {1, 2}, Modifier.normfactor("mu"), Modifier.shapesys("u", new double[] {1, 1})),
                        Sample.of("b", new double[] {1, 2}, Modifier.shapesys("u", new double[] {1, 1})))),
                        List.of(new Observation("sr", new double[] {1, 2})), List.of(meas))));
    }

    @Test
    void backgroundOnlyWorkspaceCompilesWithoutPoiAndHasPyhfParameterCount() {
        Workspace ws = WorkspaceIO.read(ReferenceFiles.sbottom("RegionA"));
        InvalidWorkspaceException e = assertThrows(InvalidWorkspaceException.class, () -> HistFactoryModel.of(ws));
        assertTrue(e.getMessage().startsWith("the parameter of interest 'mu_SIG' of measurement 'NormalMeasurement' is"
                + " not a modifier of the workspace"), e.getMessage());
        HistFactoryModel m = HistFactoryModel.of(ws, null, ModelOptions.defaults().withoutPoi());
        assertEquals(-1, m.parameters().poiIndex());
        assertEquals(List.of("CRtt_meff", "SR_meff", "VRtt_meff"), m.channelNames());
        // pyhf: 64 parameters with the signal patch, which adds mu_SIG and SigRad (+2) and removes channel
        // VRtt_meff with its 3 staterror gammas (-3): 65 without
        assertEquals(65, m.parameters().size());
    }
}
