package org.recoil.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.patch.WorkspaceSource;
import org.recoil.fitting.spec.InvalidWorkspaceException;
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

    /**
     * The model of a hypothesis test or a limit: as {@link #model}, and its parameter of interest must
     * float (as pyhf's {@code hypotest}, which raises {@code InvalidModel} for a fixed POI).
     *
     * @param options interpolation codes and POI choice
     * @return the compiled model of the chosen measurement
     * @throws InvalidWorkspaceException if the measurement fixes its POI ({@code "fixed": true})
     */
    public HistFactoryModel inferenceModel(ModelOptions options) {
        HistFactoryModel model = model(options);
        org.recoil.fitting.model.Parameters p = model.parameters();
        int poi = p.poiIndex();
        if (poi >= 0 && p.fixed()[poi]) {
            throw new InvalidWorkspaceException(name() + ": measurement '" + model.measurementName() + "': the POI '"
                    + p.names().get(poi) + "' is set \"fixed\": true, which makes a hypothesis test or limit on it"
                    + " impossible; remove \"fixed\" from its parameter config (pyhf raises InvalidModel)");
        }
        return model;
    }

    /** @return the measurement name given, or null for the first */
    public String measurement() {
        return measurement;
    }
}
