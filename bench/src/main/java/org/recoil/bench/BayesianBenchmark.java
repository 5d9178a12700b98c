package org.recoil.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.bayes.BayesianCalculator;
import org.recoil.limits.bayes.BayesianExpected;
import org.recoil.limits.bayes.BayesianResult;
import org.recoil.limits.bayes.McmcOptions;
import org.recoil.limits.calc.ToyOptions;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/**
 * Bayesian limits with their expected bands (200 background-only pseudo-experiments), the models of
 * {@code examples/bayesian}: two nuisance parameters marginalised by quadrature
 * ({@code two_nuisance.json}; target: whole process under 3 s) and 40 staterror bins by Hamiltonian
 * Monte Carlo ({@code staterror_40bins.json}; target under 5 s). Single shot: each call is one full
 * observed limit plus band, as {@code recoil limit --method bayesian} computes it.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar BayesianBenchmark -f 1 -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class BayesianBenchmark {

    private HistFactoryModel twoNuisance;
    private HistFactoryModel staterror40;

    /** The two example models, built in code as in {@code examples/bayesian}. */
    @Setup
    public void setup() {
        twoNuisance = HistFactoryModel.of(WorkspaceIO.read("{\"channels\":[{\"name\":\"sr\",\"samples\":["
                + "{\"name\":\"signal\",\"data\":[2.0,1.0],\"modifiers\":[{\"name\":\"mu\",\"type\":\"normfactor\","
                + "\"data\":null},{\"name\":\"sig_eff\",\"type\":\"normsys\",\"data\":{\"hi\":1.05,\"lo\":0.95}}]},"
                + "{\"name\":\"bkg\",\"data\":[5.0,8.0],\"modifiers\":[{\"name\":\"bkg_norm\",\"type\":\"normsys\","
                + "\"data\":{\"hi\":1.1,\"lo\":0.9}}]}]}],\"observations\":[{\"name\":\"sr\",\"data\":[6.0,7.0]}],"
                + "\"measurements\":[{\"name\":\"m\",\"config\":{\"poi\":\"mu\",\"parameters\":[]}}],"
                + "\"version\":\"1.0.0\"}", "two_nuisance"));
        int n = 40;
        StringBuilder sig = new StringBuilder();
        StringBuilder bkg = new StringBuilder();
        StringBuilder obs = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String sep = i == 0 ? "" : ",";
            double b = 4.0 + (i * 37 % 11);
            sig.append(sep).append(0.3 + 0.05 * (i % 7));
            bkg.append(sep).append(b);
            obs.append(sep).append((double) Math.round(b + Math.sqrt(b) * Math.sin(1.3 * i)));
            err.append(sep).append(String.format(Locale.ROOT, "%.17g", (0.05 + 0.01 * (i % 5)) * b));
        }
        staterror40 = HistFactoryModel.of(WorkspaceIO.read("{\"channels\":[{\"name\":\"sr\",\"samples\":["
                + "{\"name\":\"signal\",\"data\":[" + sig + "],\"modifiers\":[{\"name\":\"mu\",\"type\":\"normfactor\","
                + "\"data\":null}]},{\"name\":\"bkg\",\"data\":[" + bkg + "],\"modifiers\":[{\"name\":\"staterror_sr\","
                + "\"type\":\"staterror\",\"data\":[" + err + "]}]}]}],\"observations\":[{\"name\":\"sr\",\"data\":["
                + obs + "]}],\"measurements\":[{\"name\":\"m\",\"config\":{\"poi\":\"mu\",\"parameters\":[]}}],"
                + "\"version\":\"1.0.0\"}", "staterror40"));
    }

    private static double limitWithBand(HistFactoryModel model) {
        BayesianCalculator calc = new BayesianCalculator(model, new PointEstimateMinimizer())
                .withMcmc(McmcOptions.defaults(0));
        BayesianResult observed = calc.upperLimit(0.90);
        BayesianExpected band = calc.expectedUpperLimits(0.90, ToyOptions.of(200, 0));
        return observed.upperLimit() + band.expected().median();
    }

    /** @return observed limit plus expected median: two nuisance parameters by quadrature, 200 toys */
    @Benchmark
    public double twoNuisanceQuadratureWithBand() {
        return limitWithBand(twoNuisance);
    }

    /** @return observed limit plus expected median: 40 staterror bins by HMC, 200 toys */
    @Benchmark
    public double fortyBinMcmcWithBand() {
        return limitWithBand(staterror40);
    }
}
