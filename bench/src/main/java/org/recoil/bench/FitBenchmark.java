package org.recoil.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.spec.Channel;
import org.recoil.fitting.spec.Modifier;
import org.recoil.fitting.spec.Observation;
import org.recoil.fitting.spec.ParameterConfig;
import org.recoil.fitting.spec.Sample;
import org.recoil.fitting.spec.Workspace;

/**
 * Free maximum-likelihood fit of a 50-bin, one-channel HistFactory model: a Gaussian signal peak with
 * a normfactor and one normsys, a falling background with a shapesys per bin (Poisson-constrained γ)
 * and a normsys, a flat background with a normsys: 54 parameters. The workspace is built in Java
 * (as the end-to-end search builds it from histograms) and the observed counts are drawn with a fixed
 * seed. Target: median below 5 ms (pyhf with numpy+scipy: about 0.25 s per fit on the same machine).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar FitBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FitBenchmark {

    private HistFactoryModel model;
    private Data data;
    private Minimizer minimizer;

    /**
     * The benchmark workspace: 50 bins, signal + two backgrounds, shapesys per bin, three normsys.
     *
     * @param seed seed of the observed counts
     * @return the workspace
     */
    public static Workspace fiftyBinWorkspace(long seed) {
        int nbins = 50;
        double[] sig = new double[nbins];
        double[] bkg1 = new double[nbins];
        double[] bkg1Unc = new double[nbins];
        double[] bkg2 = new double[nbins];
        double[] obs = new double[nbins];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (int b = 0; b < nbins; b++) {
            double x = (b + 0.5) / nbins;
            sig[b] = 25 * Math.exp(-0.5 * Math.pow((x - 0.4) / 0.05, 2));
            bkg1[b] = 200 * Math.exp(-3 * x);
            bkg1Unc[b] = 0.05 * bkg1[b];
            bkg2[b] = 15;
            double mean = sig[b] + bkg1[b] + bkg2[b];
            obs[b] = PoissonSampler.of(rng, mean).sample();
        }
        List<Sample> samples = new ArrayList<>();
        samples.add(Sample.of("signal", sig, Modifier.normfactor("mu"), Modifier.normsys("sig_eff", 1.05, 0.95)));
        samples.add(Sample.of("bkg1", bkg1, Modifier.normsys("bkg1_norm", 1.10, 0.90),
                Modifier.shapesys("bkg1_stat", bkg1Unc)));
        samples.add(Sample.of("bkg2", bkg2, Modifier.normsys("bkg2_norm", 1.20, 0.85)));
        return Workspace.of(List.of(new Channel("recoil", samples)), List.of(new Observation("recoil", obs)),
                List.of(org.recoil.fitting.spec.Measurement.of("meas", "mu",
                        ParameterConfig.named("mu").withScalar(1, 0, 10))));
    }

    /** Compiles the model once. */
    @Setup
    public void setup() {
        model = HistFactoryModel.of(fiftyBinWorkspace(20240601L));
        data = model.observed();
        minimizer = Minimizer.standard();
        FitResult r = minimizer.fit(model, data);
        if (!r.converged() || model.parameters().size() != 54) {
            throw new IllegalStateException("benchmark model does not fit: " + r);
        }
    }

    /** @return a free fit (with errors from the Hessian) of the 54-parameter model */
    @Benchmark
    public FitResult freeFit() {
        return minimizer.fit(model, data);
    }
}
