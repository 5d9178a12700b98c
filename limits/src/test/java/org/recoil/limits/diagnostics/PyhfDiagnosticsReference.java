package org.recoil.limits.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.patch.WorkspaceSource;

/**
 * The pyhf 0.7 reference numbers of {@code diagnostics/pyhf_reference.json} (test resource, made by
 * {@code limits/src/test/python/diagnostics_reference.py}; versions and method inside the file) and the models
 * they belong to (tests only).
 */
final class PyhfDiagnosticsReference {

    private static final JsonNode ROOT = load();

    private PyhfDiagnosticsReference() {
    }

    private static JsonNode load() {
        try (InputStream in = PyhfDiagnosticsReference.class.getResourceAsStream("/diagnostics/pyhf_reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the whole document */
    static JsonNode root() {
        return ROOT;
    }

    /** @return the names of the workspaces with reference numbers */
    static List<String> workspaces() {
        List<String> out = new ArrayList<>();
        ROOT.get("workspaces").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** @return the entry of one workspace */
    static JsonNode entry(String key) {
        return ROOT.get("workspaces").get(key);
    }

    /** @return the compiled (patched) model of an entry, pyhf's default options */
    static HistFactoryModel model(String key) {
        JsonNode e = entry(key);
        WorkspaceSource src = WorkspaceSource.of(SharedReference.resolve(e.get("workspace").asText()));
        if (!e.get("patch").isNull()) {
            src = src.withPatch(SharedReference.resolve(e.get("patch").asText()));
        }
        return src.model(null, ModelOptions.defaults());
    }
}
