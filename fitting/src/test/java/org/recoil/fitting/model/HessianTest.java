package org.recoil.fitting.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recoil.fitting.ReferenceFiles;
import org.recoil.fitting.patch.WorkspaceSource;
import org.recoil.fitting.spec.WorkspaceIO;

/**
 * The analytic Hessian and Fisher information of −2 ln L against central finite differences of the
 * analytic gradient, for every interpolation code, on the pyhf reference workspaces (shapesys, normsys +
 * histosys, staterror + lumi, a 20-bin shape) and a patched sbottom likelihood (64 parameters), at random
 * points and with the POI at 0.
 */
class HessianTest {

    static Stream<Arguments> models() {
        List<Arguments> out = new ArrayList<>();
        Path sbottom = ReferenceFiles.sbottom("RegionA");
        for (InterpolationCode normsys : InterpolationCode.values()) {
            for (InterpolationCode histosys : InterpolationCode.values()) {
                ModelOptions o = ModelOptions.defaults().withNormsysCode(normsys).withHistosysCode(histosys);
                boolean mixed = normsys == InterpolationCode.CODE4 || histosys == InterpolationCode.CODE4P;
                for (String name : List.of("counting_shapesys", "twobin_normsys_histosys", "twochannel_staterror_lumi",
                        "recoil_20bin_shape")) {
                    if (histosys.isMultiplicative() && !name.equals("twobin_normsys_histosys")) {
                        continue; // these workspaces have histosys with zero yields (multiplicative codes refuse them)
                    }
                    out.add(Arguments.of(name + " " + o, HistFactoryModel.of(WorkspaceIO.read(
                            ReferenceFiles.pyhf(name + ".json")), null, o)));
                }
                if (mixed && !histosys.isMultiplicative()) {
                    out.add(Arguments.of("sbottom RegionA 1300_850_60 " + o, WorkspaceSource.of(sbottom)
                            .withPatch(sbottom.getParent().resolve("patch.sbottom_1300_850_60.json")).model(null, o)));
                }
            }
        }
        return out.stream();
    }

    /** A random point: α within ±2, γ and normfactors within [0.5, 1.5], lumi within its bounds. */
    private static double[] randomPoint(HistFactoryModel m, UniformRandomProvider rng) {
        Parameters p = m.parameters();
        double[] x = p.inits();
        for (int i = 0; i < x.length; i++) {
            double lo = Math.max(p.lower(i), x[i] - (p.lower(i) < 0 ? 2 : 0.5));
            double hi = Math.min(p.upper(i), x[i] + (p.lower(i) < 0 ? 2 : 0.5));
            x[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void analyticHessianEqualsFiniteDifferencesOfTheGradient(String label, HistFactoryModel m) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(label.hashCode());
        int np = m.parameters().size();
        TwiceNllFunction f = m.twiceNllFunction(m.observed());
        double[] hess = new double[np * np];
        double[] gp = new double[np];
        double[] gm = new double[np];
        for (int trial = 0; trial < 3; trial++) {
            double[] x = randomPoint(m, rng);
            if (trial == 2 && m.parameters().poiIndex() >= 0) {
                x[m.parameters().poiIndex()] = 0; // leave-two-out products stay exact when a factor is 0
            }
            assertTrue(f.hessian(x, hess));
            double scale = 0;
            for (int i = 0; i < np; i++) {
                scale = Math.max(scale, Math.abs(hess[i * np + i]));
            }
            for (int i = 0; i < np; i++) {
                for (int j = 0; j < np; j++) {
                    assertEquals(hess[i * np + j], hess[j * np + i], 1e-12 * scale, label + " symmetry");
                }
                double h = 1e-6 * Math.max(1, Math.abs(x[i]));
                double xi = x[i];
                x[i] = xi + h;
                f.valueAndGradient(x, gp);
                x[i] = xi - h;
                f.valueAndGradient(x, gm);
                x[i] = xi;
                for (int j = 0; j < np; j++) {
                    double fd = (gp[j] - gm[j]) / (2 * h);
                    assertEquals(fd, hess[i * np + j], 1e-6 * scale + 1e-4 * Math.abs(fd),
                            label + ": d2/d" + m.parameters().names().get(i) + " d" + m.parameters().names().get(j));
                }
            }
        }
    }

    /**
     * On the Asimov dataset of θ (n = ν(θ), auxiliary data at their centres) the observed Hessian at θ is the
     * expected (Fisher) information at θ: the terms with w = 2(1 − n/ν) vanish and n/ν² = 1/ν.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void fisherInformationIsTheHessianOnTheAsimovDataset(String label, HistFactoryModel m) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(label.hashCode() + 1L);
        int np = m.parameters().size();
        double[] x = randomPoint(m, rng);
        double[] fisher = new double[np * np];
        double[] hess = new double[np * np];
        assertTrue(m.twiceNllFunction(m.observed()).fisherInformation(x, fisher));
        assertTrue(m.twiceNllFunction(m.asimov(x)).hessian(x, hess));
        for (int i = 0; i < np * np; i++) {
            assertEquals(hess[i], fisher[i], 1e-9 * (1 + Math.abs(hess[i])), label + " entry " + i);
        }
    }
}
