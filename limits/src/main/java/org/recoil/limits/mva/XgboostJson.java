package org.recoil.limits.mva;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a model saved by XGBoost in its JSON format ({@code Booster.save_model("m.json")}, what
 * {@link #save} writes) into a {@link TreeEnsemble} without XGBoost itself, so that a saved
 * classifier can be applied where XGBoost is not on the class path (the Spark job jar). Each tree's
 * node arrays ({@code left_children}, {@code right_children}, {@code split_indices},
 * {@code split_conditions}, which for a leaf holds its value, {@code default_left}) become the JSON tree
 * dump that {@link TreeEnsemble#fromXgboostDump} reads; the base margin is the logit of
 * {@code learner_model_param.base_score} (the objective must be {@code binary:logistic}). A test checks
 * the result against XGBoost's own prediction.
 */
public final class XgboostJson {

    private XgboostJson() {
    }

    /**
     * @param file where to write the model (XGBoost JSON, loadable by any XGBoost)
     * @param t the model
     */
    public static void save(Path file, XgboostModel.Trained t) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, t.modelJson());
        } catch (IOException e) {
            throw new org.recoil.core.InvalidInputException("cannot write the MVA model to " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * @param file a model file in XGBoost's JSON format
     * @param features the features the analysis gives it
     * @return the model bytes and its ensemble
     * @throws org.recoil.core.InvalidInputException if the file is missing, not an XGBoost JSON model, not
     *         {@code binary:logistic}, or has another number of features
     */
    public static XgboostModel.Trained load(Path file, int features) {
        if (!Files.isRegularFile(file)) {
            throw new org.recoil.core.InvalidInputException("selection.mva.model: model file " + file + " not found");
        }
        try {
            byte[] raw = Files.readAllBytes(file);
            return new XgboostModel.Trained(raw, ensemble(raw, features, file.toString()));
        } catch (IOException e) {
            throw new org.recoil.core.InvalidInputException("selection.mva.model: cannot read " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * @param modelJson a model in XGBoost's JSON format
     * @param features the features the analysis gives it
     * @param where the model's name in messages
     * @return its ensemble
     */
    public static TreeEnsemble ensemble(byte[] modelJson, int features, String where) {
        String at = "selection.mva.model: " + where + ": ";
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(modelJson);
        } catch (IOException e) {
            throw new org.recoil.core.InvalidInputException(at + "not an XGBoost JSON model (" + e.getMessage() + ")",
                    e);
        }
        JsonNode learner = root == null ? null : root.get("learner");
        if (learner == null || !learner.has("gradient_booster") || !learner.has("learner_model_param")) {
            throw new org.recoil.core.InvalidInputException(at + "not an XGBoost JSON model (no learner)");
        }
        String objective = learner.path("objective").path("name").asText("");
        if (!objective.equals("binary:logistic")) {
            throw new org.recoil.core.InvalidInputException(at + "objective '" + objective
                    + "', expected binary:logistic");
        }
        JsonNode param = learner.get("learner_model_param");
        int nf = Integer.parseInt(param.path("num_feature").asText("-1"));
        if (nf != features) {
            throw new org.recoil.core.InvalidInputException(at + "trained on " + nf + " features, the MVA selection"
                    + " gives " + features + " (" + String.join(", ", MvaFeatures.NAMES) + ")");
        }
        // base_score: "5E-1" (XGBoost 1-2) or "[5E-1]" (XGBoost 3), a probability for binary:logistic
        String bs = param.path("base_score").asText("0.5").replace("[", "").replace("]", "").trim();
        double p = Double.parseDouble(bs);
        double baseMargin = Math.log(p / (1 - p));
        JsonNode trees = learner.path("gradient_booster").path("model").path("trees");
        if (!trees.isArray() || trees.isEmpty()) {
            throw new org.recoil.core.InvalidInputException(at + "no trees (only gbtree models are supported)");
        }
        ObjectMapper json = new ObjectMapper();
        String[] dumps = new String[trees.size()];
        for (int k = 0; k < dumps.length; k++) {
            JsonNode t = trees.get(k);
            dumps[k] = node(json, t.get("left_children"), t.get("right_children"), t.get("split_indices"),
                    t.get("split_conditions"), t.get("default_left"), 0).toString();
        }
        return TreeEnsemble.fromXgboostDump(dumps, features, baseMargin);
    }

    /** Node {@code i} and its subtree in XGBoost's JSON dump format. */
    private static ObjectNode node(ObjectMapper json, JsonNode left, JsonNode right, JsonNode split, JsonNode cond,
                                   JsonNode defaultLeft, int i) {
        ObjectNode n = json.createObjectNode();
        n.put("nodeid", i);
        int l = left.get(i).asInt();
        if (l < 0) {
            n.put("leaf", cond.get(i).asDouble());
            return n;
        }
        int r = right.get(i).asInt();
        n.put("split", "f" + split.get(i).asInt());
        n.put("split_condition", cond.get(i).asDouble());
        n.put("yes", l);
        n.put("no", r);
        n.put("missing", defaultLeft.get(i).asInt() != 0 ? l : r);
        n.putArray("children").add(node(json, left, right, split, cond, defaultLeft, l))
                .add(node(json, left, right, split, cond, defaultLeft, r));
        return n;
    }
}
