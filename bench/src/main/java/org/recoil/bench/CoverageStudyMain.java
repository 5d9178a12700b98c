package org.recoil.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.recoil.limits.analysis.AnalysisConfig;
import org.recoil.limits.analysis.AnalysisPipeline;
import org.recoil.limits.analysis.AnalysisSettings;
import org.recoil.limits.analysis.SearchSamples;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.scan.CoverageResult;
import org.recoil.limits.scan.LimitMethod;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.MassScan;
import org.recoil.limits.scan.ScanOptions;

/**
 * The bias and coverage table of the README: for a low-count and a high-count mass of an analysis
 * config, pseudo-experiments at g′ = 0 and at g′ = g′<sub>ref</sub>·√μ (the scan's reference coupling) for the
 * given μ, through asymptotic
 * CLs, CLs with toys and the Bayesian limit ({@link AnalysisPipeline#coverage}).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.recoil.bench.CoverageStudyMain ANALYSIS.yaml
 * LOW_MASS HIGH_MASS MU ASYMPTOTIC_TOYS OTHER_TOYS LIMIT_TOYS}.
 */
public final class CoverageStudyMain {

    private CoverageStudyMain() {
    }

    /**
     * @param args config, low mass, high mass, μ of the injected signal, pseudo-experiments (asymptotic), pseudo-experiments
     *             (toys, Bayesian), toys per hypothesis of the toy limits
     */
    public static void main(String[] args) {
        Path cfg = Path.of(args[0]);
        AnalysisSettings s = AnalysisSettings.resolve(AnalysisConfig.read(cfg), cfg.toAbsolutePath().getParent(),
                cfg.toString());
        int threads = Runtime.getRuntime().availableProcessors();
        SearchSamples samples = AnalysisPipeline.prepare(s, threads, ProgressListener.NONE);
        List<MassPointInput> points = AnalysisPipeline.massPoints(s, samples);
        double muSignal = Double.parseDouble(args[3]);
        int nAsym = Integer.parseInt(args[4]);
        int nOther = Integer.parseInt(args[5]);
        int limitToys = Integer.parseInt(args[6]);
        System.out.println("M [GeV]  b      g'      mu_true method      N   failed  no pull  pull mean      pull width"
                + "  coverage(" + (int) Math.round(100 * s.cl()) + "% UL)   median UL   time");
        for (String m : new String[] {args[1], args[2]}) {
            double mass = Double.parseDouble(m);
            double b = points.stream().filter(p -> Math.abs(p.mass() - mass) < 1e-9).findFirst().orElseThrow()
                    .totalBackground();
            int index = points.indexOf(points.stream().filter(p -> Math.abs(p.mass() - mass) < 1e-9).findFirst()
                    .orElseThrow());
            double gRef = MassScan.point(index, points.get(index), s.luminosity(), s.systematics(),
                    ScanOptions.defaults()).gPrimeRef();
            for (double g : new double[] {0.0, gRef * Math.sqrt(muSignal)}) {
                // the Bayesian expected band is not needed here: 2 pseudo-experiments (its minimum)
                for (LimitMethod method : List.of(new LimitMethod.Asymptotic(), new LimitMethod.Toys(limitToys),
                        new LimitMethod.Bayesian(2))) {
                    int n = method instanceof LimitMethod.Asymptotic ? nAsym : nOther;
                    long t0 = System.nanoTime();
                    CoverageResult r = AnalysisPipeline.coverage(s, points, mass, g, method, n, threads,
                            ProgressListener.NONE);
                    System.out.printf(Locale.ROOT, "%5.2f  %6.2f  %6.4f  %5.2f  %-10s %5d  %5.1f%%  %5.1f%%   %+.3f+-%.3f  %.3f"
                                    + "        %.3f+-%.3f        %.3f    %.0f s%n", mass, b, g, r.muTrue(), method.name(), n,
                            100 * r.failedFraction(), 100.0 * r.pullsUndefined() / n, r.pullMean(), r.pullMeanError(), r.pullWidth(), r.coverage(),
                            r.coverageError(), r.medianUpperLimit(), (System.nanoTime() - t0) / 1e9);
                }
            }
        }
    }
}
