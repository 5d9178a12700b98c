package org.recoil.fitting.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.spec.InvalidWorkspaceException;
import org.recoil.fitting.spec.Workspace;
import org.recoil.fitting.spec.WorkspaceIO;

/**
 * Where a workspace comes from: a pyhf JSON file, optionally with one patch of a pyhf patchset (selected
 * by name or values) and any number of RFC 6902 patch files. This is how HEPData publishes full
 * likelihoods (a background-only workspace plus a patch per signal hypothesis; ATL-PHYS-PUB-2019-029), so
 * {@code WorkspaceSource.of(bkgOnly).withPatch(signalPatch).read()} is the signal-plus-background
 * workspace that pyhf builds with {@code jsonpatch.apply_patch(bkg, patch)}.
 *
 * <p>Order: the patchset's patch is applied first (after checking the patchset's digest of the
 * background-only workspace, as pyhf does), then the patch files in the given order. The patched JSON
 * document is validated and parsed into a {@link Workspace}; errors name the workspace file and the
 * patches applied to it.
 *
 * @param workspace the pyhf JSON workspace file
 * @param patches RFC 6902 patch files, applied in order after the patchset's patch
 * @param patchset a pyhf patchset file, or null
 * @param point the patch of {@code patchset} to apply: its name or comma-separated values (null without a patchset)
 */
public record WorkspaceSource(Path workspace, List<Path> patches, Path patchset, String point) {

    /** Checks that a patchset comes with a point and vice versa. */
    public WorkspaceSource {
        Objects.requireNonNull(workspace, "workspace");
        patches = List.copyOf(patches);
        if (patchset != null && (point == null || point.isBlank())) {
            throw new InvalidWorkspaceException(patchset + ": a patchset needs a point: give its patch name or its"
                    + " values (--point NAME or --point V1,V2,...)");
        }
        if (patchset == null && point != null) {
            throw new InvalidWorkspaceException("--point " + point + " needs a patchset (--patchset FILE)");
        }
    }

    /**
     * @param workspace a pyhf JSON workspace file
     * @return the unpatched source
     */
    public static WorkspaceSource of(Path workspace) {
        return new WorkspaceSource(workspace, List.of(), null, null);
    }

    /**
     * @param patch an RFC 6902 patch file to apply after the patches already listed
     * @return a copy with the patch appended
     */
    public WorkspaceSource withPatch(Path patch) {
        List<Path> p = new ArrayList<>(patches);
        p.add(patch);
        return new WorkspaceSource(workspace, p, patchset, point);
    }

    /**
     * @param file a pyhf patchset file
     * @param pointName the patch to apply: name or comma-separated values
     * @return a copy with the patchset's patch applied first
     */
    public WorkspaceSource withPatchset(Path file, String pointName) {
        return new WorkspaceSource(workspace, patches, file, pointName);
    }

    /** @return whether any patch is applied */
    public boolean isPatched() {
        return patchset != null || !patches.isEmpty();
    }

    /**
     * @return a name for messages and reports: {@code BkgOnly.json}, or
     *         {@code BkgOnly.json + patchset.json[sbottom_1300_850_60] + patch.json}
     */
    public String name() {
        StringBuilder sb = new StringBuilder(workspace.toString());
        if (patchset != null) {
            sb.append(" + ").append(patchset).append('[').append(point).append(']');
        }
        for (Path p : patches) {
            sb.append(" + ").append(p);
        }
        return sb.toString();
    }

    /**
     * Reads the workspace and applies the patches.
     *
     * @return the patched JSON document
     * @throws InvalidWorkspaceException naming the file (and patch operation) that is wrong
     */
    public JsonNode tree() {
        JsonNode doc = WorkspaceIO.readTree(workspace, "workspace");
        List<WorkspacePatch> all = new ArrayList<>();
        if (patchset != null) {
            PatchSet set = PatchSet.read(patchset);
            PatchSet.Entry entry = set.select(point);
            set.verify(doc, workspace.toString());
            all.add(entry.patch());
        }
        for (Path p : patches) {
            all.add(WorkspacePatch.read(p));
        }
        return all.isEmpty() ? doc : WorkspacePatch.applyAll(doc, all);
    }

    /**
     * @return the (patched) workspace
     * @throws InvalidWorkspaceException naming the files and the location of the problem
     */
    public Workspace read() {
        return WorkspaceIO.fromTree(tree(), name());
    }

    /**
     * Reads, patches and compiles a measurement of the workspace.
     *
     * @param measurement measurement name, or null for the first one
     * @param options interpolation codes and POI choice
     * @return the model
     * @throws InvalidWorkspaceException naming the files and what is wrong
     */
    public HistFactoryModel model(String measurement, ModelOptions options) {
        Workspace ws = read();
        try {
            return HistFactoryModel.of(ws, measurement, options);
        } catch (InvalidWorkspaceException e) {
            throw new InvalidWorkspaceException(name() + ": " + e.getMessage(), e);
        }
    }
}
