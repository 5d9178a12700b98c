package org.recoil.limits.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.TestSupport;

/**
 * The published ATLAS sbottom likelihoods (../shared/reference/realworld): asymptotic q~ CLs at
 * mu_SIG = 1, observed and expected band, against pyhf 0.7 within 1e-4 absolute (60-66 parameters).
 */
class SbottomHypotestTest {

    /** Applies the RFC 6902 operations these patch files use: "add" and "remove" on array elements. */
    private static JsonNode patched(JsonNode workspace, JsonNode patch) {
        JsonNode doc = workspace.deepCopy();
        for (JsonNode op : patch) {
            String[] tokens = op.get("path").asText().substring(1).split("/");
            JsonNode node = doc;
            for (int i = 0; i < tokens.length - 1; i++) {
                node = node.isArray() ? node.get(Integer.parseInt(tokens[i])) : node.get(tokens[i]);
            }
            ArrayNode target = (ArrayNode) node;
            String where = tokens[tokens.length - 1];
            String kind = op.get("op").asText();
            if (kind.equals("add") && where.equals("-")) {
                target.add(op.get("value"));
            } else if (kind.equals("add")) {
                target.insert(Integer.parseInt(where), op.get("value"));
            } else if (kind.equals("remove")) {
                target.remove(Integer.parseInt(where));
            } else {
                throw new IllegalArgumentException("patch operation not supported by this test: " + op);
            }
        }
        return doc;
    }

    @ParameterizedTest
    @CsvSource({"RegionA, sbottom_1300_850_60, 0", "RegionA, sbottom_1000_250_60, 1",
        "RegionB, sbottom_1300_1050_60, 2", "RegionC, sbottom_1300_1150_60, 3"})
    void hypotestAtMuOneMatchesPyhf(String region, String point, int index) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Path dir = TestSupport.referenceDir().resolve("realworld/sbottom-ins1748602");
        JsonNode ws = mapper.readTree(dir.resolve(region).resolve("BkgOnly.json").toFile());
        JsonNode patch = mapper.readTree(dir.resolve(region).resolve("patch." + point + ".json").toFile());
        JsonNode ref = mapper.readTree(dir.resolve("expected.json").toFile()).get("cases").get(index);
        assertEquals(point, ref.get("point").asText());
        HistFactoryModel model = HistFactoryModel.of(WorkspaceIO.fromTree(patched(ws, patch)));
        HypoTestResult r = new AsymptoticCalculator(model, TestSupport.minimizer()).hypotest(1.0);
        assertEquals(ref.get("cls_obs").asDouble(), r.cls(), 1e-4, point + " observed CLs");
        double[] band = r.clsExpected().toArray();
        for (int k = 0; k < 5; k++) {
            assertEquals(ref.get("cls_exp").get(k).asDouble(), band[k], 1e-4, point + " expected CLs " + k);
        }
    }
}
