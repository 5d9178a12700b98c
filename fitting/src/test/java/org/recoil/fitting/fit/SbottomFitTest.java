package org.recoil.fitting.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.recoil.fitting.ReferenceFiles;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.spec.WorkspaceIO;

/** The published ATLAS sbottom likelihoods (HEPData, INSPIRE 1748602): 60-66 parameters, several channels. */
class SbottomFitTest {

    @ParameterizedTest
    @ValueSource(strings = {"RegionA", "RegionB", "RegionC"})
    void backgroundOnlyWorkspacesFit(String region) {
        HistFactoryModel m = HistFactoryModel.fromFile(ReferenceFiles.sbottom(region), null,
                ModelOptions.defaults().withoutPoi());
        FitResult r = Minimizer.standard().fit(m, m.observed());
        assertTrue(r.converged(), r.toString());
        double[] g = new double[m.parameters().size()];
        m.twiceNllGradient(r.values(), m.observed(), g);
        for (int i = 0; i < g.length; i++) {
            boolean atBound = r.value(i) <= m.parameters().lower(i) || r.value(i) >= m.parameters().upper(i);
            if (!m.parameters().isFixed(i) && !atBound) {
                assertEquals(0, g[i], 1e-3, region + " gradient of " + m.parameters().names().get(i));
            }
        }
        // the fit is a minimum: it is below the start point's −2 ln L
        assertTrue(r.twiceNll() < m.twiceNll(m.parameters().inits(), m.observed()));
    }

    /**
     * Test-only application of the signal patches (RFC 6902 "add"/"remove" on array elements, the only
     * operations these files use) to compare with pyhf's free fit of the signal workspaces. The patch
     * feature itself is a separate issue.
     */
    static JsonNode applyPatch(JsonNode ws, JsonNode patch) {
        JsonNode doc = ws.deepCopy();
        for (JsonNode op : patch) {
            String[] path = op.get("path").asText().substring(1).split("/");
            JsonNode parent = doc;
            for (int i = 0; i < path.length - 1; i++) {
                parent = parent.isArray() ? parent.get(Integer.parseInt(path[i])) : parent.get(path[i]);
            }
            String last = path[path.length - 1];
            ArrayNode arr = (ArrayNode) parent;
            switch (op.get("op").asText()) {
                case "add" -> {
                    if (last.equals("-")) {
                        arr.add(op.get("value"));
                    } else {
                        arr.insert(Integer.parseInt(last), op.get("value"));
                    }
                }
                case "remove" -> arr.remove(Integer.parseInt(last));
                default -> throw new IllegalArgumentException("unsupported op " + op);
            }
        }
        return doc;
    }

    @ParameterizedTest
    @CsvSource({"RegionA, sbottom_1300_850_60, 0", "RegionA, sbottom_1000_250_60, 1",
        "RegionB, sbottom_1300_1050_60, 2", "RegionC, sbottom_1300_1150_60, 3"})
    void patchedSignalWorkspacesMatchPyhf(String region, String point, int caseIndex) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Path dir = ReferenceFiles.root().resolve("realworld/sbottom-ins1748602");
        JsonNode ws = mapper.readTree(dir.resolve(region).resolve("BkgOnly.json").toFile());
        JsonNode patch = mapper.readTree(dir.resolve(region).resolve("patch." + point + ".json").toFile());
        JsonNode expected = mapper.readTree(dir.resolve("expected.json").toFile()).get("cases").get(caseIndex);
        assertEquals(point, expected.get("point").asText());
        HistFactoryModel m = HistFactoryModel.of(WorkspaceIO.fromTree(applyPatch(ws, patch)));
        assertEquals(expected.get("npars").asInt(), m.parameters().size());
        FitResult r = Minimizer.standard().fit(m, m.observed());
        assertTrue(r.converged(), r.toString());
        double tol = expected.get("twice_nll").asDouble() * 1e-6;
        assertEquals(expected.get("twice_nll").asDouble(), r.twiceNll(), tol, point + " twice_nll");
        assertEquals(expected.get("mu_hat").asDouble(), r.value(m.parameters().poiIndex()), 1e-3, point + " mu_hat");
    }
}
