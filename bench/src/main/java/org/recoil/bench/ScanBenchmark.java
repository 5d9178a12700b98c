package org.recoil.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.recoil.limits.analysis.AnalysisConfig;
import org.recoil.limits.analysis.AnalysisPipeline;
import org.recoil.limits.analysis.AnalysisSettings;
import org.recoil.limits.analysis.SearchSamples;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.MassScan;
import org.recoil.limits.scan.ScanOptions;
import org.recoil.limits.scan.ScanResult;

/**
 * The asymptotic mass scan of the search: 100 Z′ masses from 0.2 to 8 GeV on the synthetic dataset at
 * 276 pb⁻¹ (default selection, ±2σ windows, default systematics), observed and expected ±1σ ±2σ
 * limits on μ, σ × BR and g′ per point, on 1 and 2 threads. The samples are generated and selected
 * once in the setup (moderate MC sizes); the benchmark times {@link MassScan#run} only. Target:
 * below 5 s for the 100 points on this 2-core machine.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ScanBenchmark -f 1 -wi 2 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScanBenchmark {

    /** Worker threads of the scan. */
    @Param({"1", "2"})
    public int threads;

    private AnalysisSettings settings;
    private List<MassPointInput> points;

    /** Generates and selects the synthetic samples and builds the 100 mass points. */
    @Setup(Level.Trial)
    public void setUp() {
        String config = String.join("\n",
                "inputs:",
                "  synthetic: {seed: 20200410, mumu_gamma_events: 500000, tautau_gamma_events: 200000,",
                "              eemumu_events: 100000, signal_events: 5000}",
                "mass_grid: {min: 0.2, max: 8.0, points: 100}",
                "");
        settings = AnalysisSettings.resolve(AnalysisConfig.parse(config, "ScanBenchmark"), null, "ScanBenchmark");
        SearchSamples samples = AnalysisPipeline.prepare(settings, 2, ProgressListener.NONE);
        points = AnalysisPipeline.massPoints(settings, samples);
        if (points.size() != 100) {
            throw new IllegalStateException("expected 100 mass points, got " + points.size());
        }
    }

    /** @return the scan of 100 points with full expected bands */
    @Benchmark
    public ScanResult asymptoticScan100Points() {
        ScanResult r = MassScan.run(points, settings.luminosity(), settings.systematics(),
                ScanOptions.defaults().withThreads(threads));
        if (r.withLimits().size() != 100) {
            throw new IllegalStateException("points without limits: " + r.withoutLimits().size());
        }
        return r;
    }
}
