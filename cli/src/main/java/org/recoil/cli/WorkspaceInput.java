package org.recoil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.patch.PatchSet;
import org.recoil.fitting.patch.WorkspacePatch;
import org.recoil.fitting.patch.WorkspaceSource;
import org.recoil.fitting.spec.InvalidWorkspaceException;
import org.recoil.fitting.spec.Workspace;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.fitting.spec.Workspace;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The workspace a command works on, shared by {@code recoil fit}, {@code hypotest}, {@code limit} and
 * {@code workspace inspect} (a picocli mixin): a pyhf JSON file, optionally patched as HEPData publishes
 * signal hypotheses, by RFC 6902 patch files ({@code --patch}, repeatable, applied in order) and/or one
 * patch of a pyhf patchset ({@code --patchset FILE --point NAME|V1,V2,...}, applied first), and the
 * measurement to compile.
 */
public final class WorkspaceInput {

    @Parameters(index = "0", paramLabel = "WS.json", description = "pyhf JSON workspace (schema 1.0.0), e.g. a"
            + " background-only workspace from HEPData")
    Path workspace;

    @Option(names = "--patch", paramLabel = "PATCH.json",
            description = "RFC 6902 JSON patch to apply to the workspace (repeatable, applied in order)")
    List<Path> patches = new ArrayList<>();

    @Option(names = "--patchset", paramLabel = "FILE", description = "pyhf patchset file; apply its patch --point")
    Path patchset;

    @Option(names = "--point", paramLabel = "NAME|V1,V2,..",
            description = "patch of the --patchset, by name (sbottom_1300_850_60) or by its values (1300,850,60)")
    String point;

    @Option(names = "--measurement", paramLabel = "M", description = "measurement name (default: the first)")
    String measurement;

    /** @return where the workspace comes from: the file and its patches */
    public WorkspaceSource source() {
        return new WorkspaceSource(workspace, patches, patchset, point);
    }

    /** @return a name for messages: the file, and the patches applied to it */
    public String name() {
        return source().name();
    }

    /** @return the (patched) workspace; an InvalidWorkspaceException (exit 2) names the file and problem */
    public Workspace read() {
        return source().read();
    }

    /**
     * @param options interpolation codes and POI choice
     * @return the compiled model of the chosen measurement
     */
    public HistFactoryModel model(ModelOptions options) {
        return source().model(measurement, options);
    }

    /** @return the measurement name given, or null for the first */
    public String measurement() {
        return measurement;
    }

    /**
     * A signal point of a batch: its name (the patchset's patch name, or the patch file's name without
     * {@code patch.} and {@code .json}) and how to make its workspace: the background-only document (read
     * once for the whole batch) with the point's patch applied, exactly as {@link WorkspaceSource} does for a
     * single point.
     *
     * @param name the point's name, the {@code "point"} field of its output
     * @param sourceName the workspace and patch, for messages (as {@link WorkspaceSource#name()})
     * @param background the background-only document (not modified)
     * @param patch the point's patch; read when the point runs, so that a bad patch fails only its point
     */
    public record Point(String name, String sourceName, JsonNode background, Supplier<WorkspacePatch> patch) {

        /**
         * @param measurement measurement name, or null for the first
         * @param options interpolation codes and POI choice
         * @return the point's compiled model
         * @throws InvalidWorkspaceException naming the patch or workspace and what is wrong
         */
        public HistFactoryModel model(String measurement, ModelOptions options) {
            Workspace ws = WorkspaceIO.fromTree(WorkspacePatch.applyAll(background, List.of(patch.get())), sourceName);
            try {
                return HistFactoryModel.of(ws, measurement, options);
            } catch (InvalidWorkspaceException e) {
                throw new InvalidWorkspaceException(sourceName + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param allPoints whether {@code --all-points} was given
     * @return whether the command runs a batch of points: {@code --all-points}, or {@code --patch} given more
     *         than once (each patch is then one point, applied alone to the workspace)
     */
    public boolean isBatch(boolean allPoints) {
        return allPoints || patches.size() > 1;
    }

    /**
     * The points of a batch ({@link #isBatch}): every patch of the {@code --patchset} with {@code --all-points},
     * else one point per {@code --patch}. The workspace is read, and the patchset's digest of it checked, once.
     *
     * @param allPoints whether {@code --all-points} was given
     * @return the points, in the order given (patchset order)
     * @throws InvalidInputException for options that do not make a batch, or a patchset made for another workspace
     */
    public List<Point> points(boolean allPoints) {
        List<Point> out = new ArrayList<>();
        if (allPoints) {
            if (patchset == null) {
                throw new InvalidInputException("--all-points needs a patchset: give --patchset FILE");
            }
            if (point != null) {
                throw new InvalidInputException("--all-points runs every patch of the patchset; drop --point " + point);
            }
            if (!patches.isEmpty()) {
                throw new InvalidInputException("--all-points runs every patch of the patchset; drop --patch");
            }
            PatchSet set = PatchSet.read(patchset);
            JsonNode background = WorkspaceIO.readTree(workspace, "workspace");
            set.verify(background, workspace.toString());
            for (PatchSet.Entry e : set.patches()) {
                String sourceName = new WorkspaceSource(workspace, List.of(), patchset, e.name()).name();
                out.add(new Point(e.name(), sourceName, background, e::patch));
            }
            return out;
        }
        if (patchset != null) {
            throw new InvalidInputException("--patch given " + patches.size() + " times runs one point per patch; a"
                    + " --patchset is run point by point with --all-points, not combined with several --patch");
        }
        JsonNode background = WorkspaceIO.readTree(workspace, "workspace");
        Map<String, Integer> count = new HashMap<>();
        patches.forEach(p -> count.merge(stem(p), 1, Integer::sum));
        for (Path p : patches) {
            String name = count.get(stem(p)) > 1 ? p.toString() : stem(p);
            String sourceName = WorkspaceSource.of(workspace).withPatch(p).name();
            out.add(new Point(name, sourceName, background, () -> WorkspacePatch.read(p)));
        }
        return out;
    }

    /** {@code patch.sbottom_1300_850_60.json} -> {@code sbottom_1300_850_60}. */
    private static String stem(Path patch) {
        return patch.getFileName().toString().replaceFirst("^patch\\.", "").replaceFirst("\\.json$", "");
    }
}
