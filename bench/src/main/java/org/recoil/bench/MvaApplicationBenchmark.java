package org.recoil.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.recoil.core.events.EventTable;
import org.recoil.core.physics.RecoilMassResolution;
import org.recoil.core.selection.Selection;
import org.recoil.core.selection.SelectionConfig;
import org.recoil.core.selection.SelectionResult;
import org.recoil.core.sim.DetectorSmearing;
import org.recoil.core.sim.MuMuGammaGenerator;
import org.recoil.core.sim.SignalGenerator;
import org.recoil.core.sim.SyntheticDataset;
import org.recoil.core.sim.TauPairGenerator;
import org.recoil.limits.mva.MvaFeatures;
import org.recoil.limits.mva.TreeEnsemble;
import org.recoil.limits.mva.XgboostJson;
import org.recoil.limits.mva.XgboostModel;

/**
 * Applying the MVA selection's classifier (issue 20: at least 10 M events/s): the flat
 * {@link TreeEnsemble} on {@value #N} rows of {@link MvaFeatures}, score in rows (events) per second.
 *
 * <p>The rows are those the example analysis ({@code examples/analysis-mva.yaml}) evaluates: synthetic
 * mu mu (gamma), tau tau (gamma) and signal (0.5-7 GeV) events after its loose preselection, each at the
 * grid mass (0.5-7 GeV, step 0.25) nearest to its recoil mass. The models:
 * <ul>
 *   <li>{@code example}: the model the example trains (100 trees, {@code max_depth} 3, learning rate 0.1,
 *       5.9 splits per tree), saved by {@code recoil scan --config examples/analysis-mva.yaml} with
 *       {@code save_model: mva-example-100x3.json} added under {@code selection: mva:};</li>
 *   <li>{@code default}: the same scan with {@code trees}, {@code max_depth} and {@code learning_rate}
 *       removed, i.e. the default hyper-parameters (60 trees, {@code max_depth} 4, learning rate 0.3; 11.1
 *       splits per tree; {@code save_model: mva-default-60x4.json});</li>
 *   <li>{@code full60x4}: 60 trees of depth 4 (11.2 splits per tree), trained here on the same rows with
 *       unit weights.</li>
 * </ul>
 * Both stored models were saved after the training weights were rescaled to a mean of 1 (before, XGBoost's
 * {@code min_child_weight} stopped every tree after 1-2 splits).
 *
 * <p>Run: {@code mvn -B -q -o -pl bench -am package -DskipTests -Dnotebooks.skip=true && java -jar
 * bench/target/benchmarks.jar MvaApplication -f 1 -wi 3 -i 5 -w 2 -r 2}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MvaApplicationBenchmark {
    /** Rows per call. */
    static final int N = 2_000_000;

    /** The model. */
    @Param({"example", "default", "full60x4"})
    public String model;

    TreeEnsemble ensemble;
    float[] rows;

    /** Generates the events, trains the model, builds the rows (seeded). */
    @Setup
    public void setup() {
        SelectionConfig d = SyntheticDataset.defaultSelection();
        Selection loose = Selection.fromConfig(new SelectionConfig(d.beams(), d.columns(),
                d.cuts().withTauSuppression(null), d.histogram()));
        DetectorSmearing det = DetectorSmearing.belle2();
        RecoilMassResolution res = RecoilMassResolution.belle2();
        List<float[]> sig = new ArrayList<>();
        List<float[]> bkg = new ArrayList<>();
        double[] signalMasses = {0.5, 1, 2, 3, 4, 5, 6, 7};
        for (int k = 0; k < signalMasses.length; k++) {
            double m = signalMasses[k];
            sig.add(features(loose, SignalGenerator.of(m, loose.beams(), det).generate(5000, 11 + k, 276)
                    .toEventTable(), res, m));
        }
        bkg.add(features(loose, MuMuGammaGenerator.belle2().generate(500_000, 1, 276).toEventTable(), res, -1));
        bkg.add(features(loose, TauPairGenerator.belle2().generate(200_000, 2, 276).toEventTable(), res, -1));
        int nf = MvaFeatures.COUNT;
        int ns = sig.stream().mapToInt(a -> a.length / nf).sum();
        int nb = bkg.stream().mapToInt(a -> a.length / nf).sum();
        float[] x = new float[(ns + nb) * nf];
        float[] label = new float[ns + nb];
        float[] weight = new float[ns + nb];
        int at = 0;
        for (List<float[]> part : List.of(sig, bkg)) {
            for (float[] a : part) {
                System.arraycopy(a, 0, x, at * nf, a.length);
                for (int r = 0; r < a.length / nf; r++, at++) {
                    label[at] = part == sig ? 1 : 0;
                    weight[at] = part == sig ? 1f / ns : 1f / nb;
                }
            }
        }
        if (model.equals("full60x4")) {
            java.util.Arrays.fill(weight, 1f);
            ensemble = XgboostModel.train(x, nf, label, weight, new XgboostModel.Params(60, 4, 0.3, 7, 2)).ensemble();
        } else {
            ensemble = saved(model.equals("example") ? "mva-example-100x3.json" : "mva-default-60x4.json");
        }
        rows = new float[N * nf];
        int have = x.length / nf;
        for (int r = 0; r < N; r++) {
            System.arraycopy(x, (int) ((r * 2654435761L) % have) * nf, rows, r * nf, nf);
        }
    }

    /** A model saved by {@code recoil scan} (a resource of this class). */
    private static TreeEnsemble saved(String name) {
        try (java.io.InputStream in = MvaApplicationBenchmark.class.getResourceAsStream(name)) {
            return XgboostJson.ensemble(in.readAllBytes(), MvaFeatures.COUNT, name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Features of the preselected events, each at its own mass (signal) or the nearest grid mass. */
    private static float[] features(Selection pre, EventTable t, RecoilMassResolution res, double mass) {
        SelectionResult r = pre.apply(t);
        int[] sel = r.selectedEvents();
        float[] x = MvaFeatures.compute(t, sel, r.recoilMass2(), r.dimuonPtStar());
        for (int k = 0; k < sel.length; k++) {
            double m = mass > 0 ? mass
                    : Math.min(7.0, Math.max(0.5, 0.25 * Math.rint(4 * Math.sqrt(Math.max(0, r.recoilMass2()[sel[k]])))));
            MvaFeatures.setHypothesis(x, k, k + 1, m, res.sigmaM2(m));
        }
        return x;
    }

    /** @return the outputs of all rows on 2 threads */
    @Benchmark
    @OperationsPerInvocation(N)
    public double[] twoThreads() {
        return ensemble.predict(rows, 2);
    }

    /** @return the outputs of all rows on 1 thread */
    @Benchmark
    @OperationsPerInvocation(N)
    public double[] oneThread() {
        return ensemble.predict(rows, 1);
    }
}
