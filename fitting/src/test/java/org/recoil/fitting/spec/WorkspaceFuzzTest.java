package org.recoil.fitting.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;

/**
 * A seeded mutation fuzz of the reference workspaces through the loader ({@link WorkspaceIO}) and
 * the model compiler ({@link HistFactoryModel}), in-process: every outcome must be a model (whose
 * −2 ln L at the initial parameters can be evaluated), an {@link InvalidInputException} or a
 * {@link ComputationException}; any other exception is a bug. Mutations: numbers replaced by edge
 * values (0, negative, huge, tiny, non-integer), values replaced by another JSON type, fields and
 * array elements removed or duplicated, unknown fields added, names and types swapped for others of
 * the same document, and raw text cut or spliced. Each failing case is reported with its seed.
 */
class WorkspaceFuzzTest {

    /** Cases and seed: fixed in the build; {@code -Drecoil.fuzz.cases=N -Drecoil.fuzz.seed=S} for longer hunts. */
    private static final int CASES = Integer.getInteger("recoil.fuzz.cases", 600);
    private static final long SEED = Long.getLong("recoil.fuzz.seed", 20_260_503L);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Mutated(String text, String what) {
    }

    @Test
    void everyMutationGivesAModelOrABadInputOrAComputationError() throws IOException {
        List<Path> files = new ArrayList<>();
        WorkspaceIOTest.referenceWorkspaces().forEach(files::add);
        List<JsonNode> roots = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f);
            texts.add(text);
            roots.add(MAPPER.readTree(text));
        }
        Map<String, String> failures = new LinkedHashMap<>();
        int models = 0;
        int invalid = 0;
        int computation = 0;
        for (int c = 0; c < CASES; c++) {
            SplittableRandom rng = new SplittableRandom(SEED + c);
            // the small pyhf workspaces mostly; the large sbottom ones (~1 MB each) in one case of 25
            int which = rng.nextInt(25) == 0 ? files.size() - 1 - rng.nextInt(3) : rng.nextInt(files.size() - 3);
            Mutated m = rng.nextInt(10) == 0 ? mutateText(texts.get(which), rng)
                    : mutateTree(roots.get(which).deepCopy(), rng);
            String label = "case " + c + " (" + files.get(which).getFileName() + ": " + m.what() + ")";
            try {
                Workspace ws = WorkspaceIO.read(m.text(), "fuzz.json");
                HistFactoryModel model = HistFactoryModel.of(ws, null, ModelOptions.defaults());
                double nll = model.twiceNll(model.parameters().inits(), model.observed());
                if (Double.isNaN(nll)) {
                    failures.putIfAbsent("NaN -2 ln L at the initial parameters of an accepted workspace " + c,
                            label);
                }
                models++;
            } catch (InvalidInputException e) {
                invalid++;
                if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n")) {
                    failures.putIfAbsent("message of " + e.getClass().getSimpleName(), label + ": '" + e.getMessage()
                            + "'");
                }
            } catch (ComputationException e) {
                computation++;
            } catch (RuntimeException | StackOverflowError e) {
                String key = e.getClass().getName() + " at " + (e.getStackTrace().length > 0
                        ? e.getStackTrace()[0].toString() : "?");
                failures.putIfAbsent(key, label + ": " + e);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " kind(s) of unexpected outcome (models " + models
                + ", bad input " + invalid + ", computation " + computation + "):\n" + String.join("\n",
                failures.entrySet().stream().map(e -> e.getKey() + "\n    " + e.getValue()).toList()));
        assertTrue(models > 0 && invalid > CASES / 4, "models " + models + ", bad input " + invalid);
    }

    // ------------------------------------------------------------------ mutations

    private static Mutated mutateText(String text, SplittableRandom rng) {
        int at = rng.nextInt(text.length());
        return switch (rng.nextInt(3)) {
            case 0 -> new Mutated(text.substring(0, at), "cut at " + at);
            case 1 -> new Mutated(text.substring(0, at) + "\"x\"" + text.substring(at), "splice at " + at);
            default -> new Mutated(text + text.substring(at), "append from " + at);
        };
    }

    private static Mutated mutateTree(JsonNode root, SplittableRandom rng) {
        List<String> what = new ArrayList<>();
        int n = 1 + rng.nextInt(3);
        for (int i = 0; i < n; i++) {
            what.add(mutateOnce(root, rng));
        }
        try {
            return new Mutated(MAPPER.writeValueAsString(root), String.join("; ", what));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every container node with the path to it. */
    private static void containers(JsonNode node, String path, List<Map.Entry<String, JsonNode>> out) {
        if (node.isContainerNode()) {
            out.add(Map.entry(path, node));
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                containers(f.getValue(), path + "." + f.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                containers(node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static void strings(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(child -> strings(child, out));
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(out::add);
        }
    }

    private static JsonNode edgeValue(SplittableRandom rng, List<String> strings) {
        return switch (rng.nextInt(16)) {
            case 0 -> NODES.numberNode(0.0);
            case 1 -> NODES.numberNode(-1.0);
            case 2 -> NODES.numberNode(1e300);
            case 3 -> NODES.numberNode(-1e300);
            case 4 -> NODES.numberNode(4.9e-324);
            case 5 -> NODES.numberNode(0.5);
            case 6 -> NODES.numberNode(Long.MAX_VALUE);
            case 7 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 8 -> NODES.nullNode();
            case 9 -> NODES.booleanNode(rng.nextBoolean());
            case 10 -> NODES.textNode("");
            case 11 -> NODES.textNode(strings.get(rng.nextInt(strings.size())));
            case 12 -> NODES.arrayNode();
            case 13 -> NODES.objectNode();
            case 14 -> NODES.arrayNode().add(1.0).add(-2.0).add(3.0);
            default -> NODES.numberNode(rng.nextDouble(-10, 1e6));
        };
    }

    /** A name, type or POI replaced by another string of the document (names collide, types mismatch). */
    private static String swapString(List<Map.Entry<String, JsonNode>> cs, List<String> strings,
                                     SplittableRandom rng) {
        List<String> paths = new ArrayList<>();
        List<Runnable> setters = new ArrayList<>();
        String replacement = strings.get(rng.nextInt(strings.size()));
        for (Map.Entry<String, JsonNode> e : cs) {
            JsonNode c = e.getValue();
            if (c.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = c.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (f.getValue().isTextual()) {
                        paths.add(e.getKey() + "." + f.getKey());
                        setters.add(() -> ((ObjectNode) c).put(f.getKey(), replacement));
                    }
                }
            }
        }
        if (paths.isEmpty()) {
            return "no string to swap";
        }
        int k = rng.nextInt(paths.size());
        setters.get(k).run();
        return paths.get(k) + " = \"" + replacement + "\"";
    }

    private static String mutateOnce(JsonNode root, SplittableRandom rng) {
        List<Map.Entry<String, JsonNode>> cs = new ArrayList<>();
        containers(root, "$", cs);
        List<String> strings = new ArrayList<>();
        strings(root, strings);
        if (rng.nextInt(3) == 0) {
            return swapString(cs, strings, rng);
        }
        Map.Entry<String, JsonNode> pick = cs.get(rng.nextInt(cs.size()));
        JsonNode c = pick.getValue();
        String path = pick.getKey();
        if (c.isObject()) {
            ObjectNode o = (ObjectNode) c;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) {
                o.set("added", edgeValue(rng, strings));
                return path + ": field added";
            }
            String f = names.get(rng.nextInt(names.size()));
            switch (rng.nextInt(4)) {
                case 0 -> {
                    o.remove(f);
                    return path + "." + f + " removed";
                }
                case 1 -> {
                    o.set("unknown_" + rng.nextInt(100), edgeValue(rng, strings));
                    return path + ": unknown field added";
                }
                case 2 -> {
                    JsonNode other = cs.get(rng.nextInt(cs.size())).getValue().deepCopy();
                    o.set(f, other);
                    return path + "." + f + " replaced by another subtree";
                }
                default -> {
                    JsonNode v = edgeValue(rng, strings);
                    o.set(f, v);
                    return path + "." + f + " = " + v;
                }
            }
        }
        ArrayNode a = (ArrayNode) c;
        if (a.isEmpty()) {
            a.add(edgeValue(rng, strings));
            return path + ": element added";
        }
        int i = rng.nextInt(a.size());
        switch (rng.nextInt(4)) {
            case 0 -> {
                a.remove(i);
                return path + "[" + i + "] removed";
            }
            case 1 -> {
                a.add(a.get(i).deepCopy());
                return path + "[" + i + "] duplicated";
            }
            case 2 -> {
                for (int k = 0; k < a.size(); k++) {
                    if (a.get(k).isNumber()) {
                        a.set(k, NODES.numberNode(a.get(k).asDouble() * (rng.nextBoolean() ? -1 : 1e10)));
                    }
                }
                return path + ": numbers negated or scaled by 1e10";
            }
            default -> {
                JsonNode v = edgeValue(rng, strings);
                a.set(i, v);
                return path + "[" + i + "] = " + v;
            }
        }
    }
}
