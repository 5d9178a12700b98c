package org.recoil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.patch.WorkspacePatch;
import org.recoil.fitting.patch.WorkspaceSource;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/**
 * A published likelihood as HEPData distributes it: the ATLAS sbottom search (INSPIRE 1748602), RegionA's
 * background-only workspace with a signal patch (RFC 6902) applied: 64 parameters (52 α with histosys and
 * normsys, 6 staterror γ, lumi, 3 normfactors...), 2 channels, 6 bins. Measured:
 * <ul>
 *   <li>{@code hypotest}: a full asymptotic q̃ hypothesis test at μ = 1 with the expected CLs band, as
 *       {@code recoil hypotest} runs it (calculator set-up with free, background-only and Asimov free fits,
 *       then the two conditional fits). Target below 15 ms; pyhf 0.7 (numpy + scipy) takes about 1.5 s on
 *       the same machine ({@code expected.json}).</li>
 *   <li>{@code patchAndCompile}: applying the patch to the parsed background-only JSON tree, validating it
 *       into workspace records and compiling the model (no file I/O).</li>
 * </ul>
 * The set-up checks the hypotest against pyhf's CLs (1e-4). The reference folder is found from
 * {@code -Drecoil.root=<project root>} or by walking up from the working directory to the project root, whose
 * {@code reference/} folder holds the copies of the reference numbers.
 *
 * <p>Run from the project root: {@code java -jar bench/target/benchmarks.jar PatchedHypotest -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PatchedHypotestBenchmark {

    /** The signal point of RegionA (a patch file {@code patch.<point>.json}). */
    @Param({"sbottom_1300_850_60"})
    public String point;

    private HistFactoryModel model;
    private Minimizer minimizer;
    private JsonNode background;
    private WorkspacePatch patch;

    /**
     * @return {@code <root>/reference}, from {@code recoil.root} or by walking up from user.dir
     */
    static Path referenceDir() {
        String root = System.getProperty("recoil.root");
        if (root != null && Files.isDirectory(Paths.get(root).resolve("reference"))) {
            return Paths.get(root).toAbsolutePath().resolve("reference").normalize();
        }
        for (Path d = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isRegularFile(d.resolve("reference/README.md"))) {
                return d.resolve("reference").normalize();
            }
        }
        throw new IllegalStateException("cannot find the project's reference/ folder: run from the project root or"
                + " pass -Drecoil.root=<project root>");
    }

    /** Patches and compiles the model once and checks CLs at μ = 1 against pyhf. */
    @Setup
    public void setup() {
        Path dir = referenceDir().resolve("realworld/sbottom-ins1748602");
        Path bkg = dir.resolve("RegionA/BkgOnly.json");
        Path patchFile = dir.resolve("RegionA/patch." + point + ".json");
        model = WorkspaceSource.of(bkg).withPatch(patchFile).model(null, org.recoil.fitting.model.ModelOptions.defaults());
        background = WorkspaceIO.readTree(bkg, "workspace");
        patch = WorkspacePatch.read(patchFile);
        minimizer = new PointEstimateMinimizer();
        HypoTestResult r = hypotest();
        try {
            for (JsonNode c : new ObjectMapper().readTree(dir.resolve("expected.json").toFile()).get("cases")) {
                if (c.get("region").asText().equals("RegionA") && c.get("point").asText().equals(point)
                        && Math.abs(c.get("cls_obs").asDouble() - r.cls()) > 1e-4) {
                    throw new IllegalStateException("CLs " + r.cls() + " differs from pyhf's " + c.get("cls_obs"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (model.parameters().size() != 64) {
            throw new IllegalStateException("expected the 64-parameter RegionA model, got " + model);
        }
    }

    /** @return an asymptotic q~ hypothesis test at mu = 1 with the expected CLs band */
    @Benchmark
    public HypoTestResult hypotest() {
        return new AsymptoticCalculator(model, minimizer).hypotest(1.0);
    }

    /** @return the model of the patched workspace: patch applied to the JSON tree, validated, compiled */
    @Benchmark
    public HistFactoryModel patchAndCompile() {
        return HistFactoryModel.of(WorkspaceIO.fromTree(WorkspacePatch.applyAll(background, List.of(patch)), point));
    }
}
