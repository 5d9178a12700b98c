package org.recoil.fitting.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.recoil.fitting.spec.InvalidWorkspaceException;
import org.recoil.fitting.spec.WorkspaceIO;

/**
 * pyhf's workspace verbs on JSON documents: {@link #combine combine}, {@link #rename rename},
 * {@link #sorted sorted} and {@link #digest digest}, with the semantics of pyhf 0.7's
 * {@code Workspace.combine}, {@code Workspace.rename}, {@code Workspace.sorted} and {@code utils.digest}
 * (the functions behind {@code pyhf combine|rename|sort|digest}), so that Recoil's output equals pyhf's as
 * JSON. The verbs work on the JSON tree rather than on the {@link org.recoil.fitting.spec.Workspace} record,
 * so that members Recoil does not model are carried over exactly as pyhf carries them; every result is
 * checked to be a valid workspace before it is returned. Inputs are never modified.
 */
public final class WorkspaceEdits {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Python's {@code ==} on parsed JSON: numbers compare by value ({@code 1 == 1.0}), the rest structurally. */
    private static final Comparator<JsonNode> PYTHON_EQUALITY = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0 ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    };

    private WorkspaceEdits() {
    }

    /** How {@link #combine} joins channels, observations and measurements of the same name (pyhf's {@code join}). */
    public enum Join {
        /** No name may appear in both workspaces. */
        NONE("none"),
        /** Items of the same name must be identical (measurements: same POI, parameter configs merged). */
        OUTER("outer"),
        /** Items of the same name: the left workspace's wins. */
        LEFT_OUTER("left outer"),
        /** Items of the same name: the right workspace's wins (and the right's items come first). */
        RIGHT_OUTER("right outer");

        private final String pyhfName;

        Join(String pyhfName) {
            this.pyhfName = pyhfName;
        }

        /** @return the name pyhf uses ({@code none}, {@code outer}, {@code left outer}, {@code right outer}) */
        public String pyhfName() {
            return pyhfName;
        }

        /**
         * @param name {@code none}, {@code outer}, {@code left outer} or {@code right outer} (also with {@code -} or
         *        {@code _} for the space)
         * @return the join
         * @throws InvalidWorkspaceException for another name
         */
        public static Join of(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
            for (Join j : values()) {
                if (j.pyhfName.equals(n)) {
                    return j;
                }
            }
            throw new InvalidWorkspaceException("join '" + name + "' is not one of none, outer, 'left outer', 'right outer'");
        }
    }

    /**
     * The digest {@code pyhf digest} prints: the hash of the workspace document in pyhf's canonical JSON
     * ({@link PyhfDigest}).
     *
     * @param workspace a workspace document
     * @param algorithm {@code sha256} or {@code md5}
     * @return {@code algorithm:hex}, e.g. {@code sha256:5548c8...}
     */
    public static String digest(JsonNode workspace, String algorithm) {
        return algorithm.toLowerCase(Locale.ROOT) + ":" + PyhfDigest.digest(workspace, algorithm);
    }

    /**
     * Combines two workspaces (pyhf's {@code Workspace.combine}): channels, observations and measurements of
     * both, joined by name; with {@code mergeChannels} (outer joins only) channels of the same name get the
     * samples of both, the primary side's sample winning on a name clash.
     *
     * @param left the first workspace document
     * @param leftName its name for messages
     * @param right the second workspace document
     * @param rightName its name for messages
     * @param join how items of the same name are joined
     * @param mergeChannels whether channels of the same name are merged sample by sample
     * @return the combined workspace document
     * @throws InvalidWorkspaceException naming the clashing channel, observation, measurement or parameter
     */
    public static ObjectNode combine(JsonNode left, String leftName, JsonNode right, String rightName, Join join,
            boolean mergeChannels) {
        WorkspaceIO.fromTree(left, leftName);
        WorkspaceIO.fromTree(right, rightName);
        if (mergeChannels && join == Join.NONE) {
            throw new InvalidWorkspaceException("channels can only be merged with the outer, left outer or right outer"
                    + " join, not none");
        }
        String pair = leftName + " and " + rightName;
        if (!left.get("version").equals(right.get("version"))) {
            throw new InvalidWorkspaceException("cannot combine " + pair + ": different versions "
                    + left.get("version") + " and " + right.get("version"));
        }
        ArrayNode channels = joinItems(join, left.get("channels"), right.get("channels"), mergeChannels ? "samples" : null);
        checkJoin(join, left.get("channels"), right.get("channels"), channels, "channel", pair);
        ArrayNode observations = joinItems(join, left.get("observations"), right.get("observations"), null);
        checkJoin(join, left.get("observations"), right.get("observations"), observations, "observation", pair);
        ArrayNode measurements = joinItems(join, left.get("measurements"), right.get("measurements"), null);
        if (join == Join.NONE) {
            checkJoin(join, left.get("measurements"), right.get("measurements"), measurements, "measurement", pair);
        } else if (join == Join.OUTER) {
            // same-named measurements are merged rather than refused
            measurements = mergeMeasurements(measurements, pair);
        }
        ObjectNode out = NODES.objectNode();
        out.set("channels", channels);
        out.set("measurements", measurements);
        out.set("observations", observations);
        out.set("version", left.get("version").deepCopy());
        WorkspaceIO.fromTree(out, "the combination of " + pair);
        return out;
    }

    /** pyhf's {@code _join_items}: the primary side's items, then the secondary side's that the join lets in. */
    private static ArrayNode joinItems(Join join, JsonNode leftItems, JsonNode rightItems, String deepMergeKey) {
        JsonNode primary = join == Join.RIGHT_OUTER ? rightItems : leftItems;
        JsonNode secondary = join == Join.RIGHT_OUTER ? leftItems : rightItems;
        ArrayNode joined = (ArrayNode) primary.deepCopy();
        List<String> keys = new ArrayList<>();
        for (JsonNode item : joined) {
            keys.add(item.get("name").asText());
        }
        for (JsonNode item : secondary) {
            String name = item.get("name").asText();
            int at = keys.indexOf(name);
            if (at >= 0 && deepMergeKey != null) {
                ObjectNode target = (ObjectNode) joined.get(at);
                target.set(deepMergeKey, joinItems(Join.LEFT_OUTER, target.get(deepMergeKey), item.get(deepMergeKey), null));
            } else if (join == Join.NONE
                    || (join == Join.OUTER && !containsEqual(primary, item))
                    || ((join == Join.LEFT_OUTER || join == Join.RIGHT_OUTER) && at < 0)) {
                joined.add(item.deepCopy());
            }
        }
        return joined;
    }

    private static boolean containsEqual(JsonNode items, JsonNode item) {
        for (JsonNode i : items) {
            if (i.equals(PYTHON_EQUALITY, item)) {
                return true;
            }
        }
        return false;
    }

    /** pyhf's checks after joining: under none no shared name, under outer no name twice. */
    private static void checkJoin(Join join, JsonNode leftItems, JsonNode rightItems, JsonNode joined, String what,
            String pair) {
        if (join == Join.NONE) {
            Set<String> common = new LinkedHashSet<>(names(leftItems));
            common.retainAll(names(rightItems));
            if (!common.isEmpty()) {
                throw new InvalidWorkspaceException("cannot combine " + pair + " with --join none: both have "
                        + plural(what, common) + " " + quoted(common) + "; rename one (recoil workspace rename) or use"
                        + " --join outer, 'left outer' or 'right outer'");
            }
        } else if (join == Join.OUTER) {
            Set<String> twice = duplicates(joined);
            if (!twice.isEmpty()) {
                throw new InvalidWorkspaceException("cannot combine " + pair + " with --join outer: "
                        + plural(what, twice) + " " + quoted(twice) + " differ between the two workspaces; use --join"
                        + " 'left outer' or 'right outer' to keep one side's");
            }
        }
    }

    /** pyhf's outer join of measurements: same-named measurements need the same POI; parameter configs merged. */
    private static ArrayNode mergeMeasurements(ArrayNode measurements, String pair) {
        Map<String, List<JsonNode>> byName = new LinkedHashMap<>();
        for (JsonNode m : measurements) {
            byName.computeIfAbsent(m.get("name").asText(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<String, List<JsonNode>> e : byName.entrySet()) {
            Set<String> pois = new LinkedHashSet<>();
            e.getValue().forEach(m -> pois.add(m.at("/config/poi").asText()));
            if (pois.size() > 1) {
                throw new InvalidWorkspaceException("cannot combine " + pair + " with --join outer: measurement '"
                        + e.getKey() + "' has different POIs " + quoted(pois));
            }
        }
        ArrayNode out = NODES.arrayNode();
        for (Map.Entry<String, List<JsonNode>> e : byName.entrySet()) {
            List<JsonNode> ms = e.getValue();
            if (ms.size() == 1) {
                out.add(ms.get(0));
                continue;
            }
            ArrayNode params = joinItems(Join.OUTER, ms.get(0).at("/config/parameters"), ms.get(1).at("/config/parameters"),
                    null);
            Set<String> twice = duplicates(params);
            if (!twice.isEmpty()) {
                throw new InvalidWorkspaceException("cannot combine " + pair + " with --join outer: measurement '"
                        + e.getKey() + "' configures " + plural("parameter", twice) + " " + quoted(twice)
                        + " differently in the two workspaces");
            }
            ObjectNode m = out.addObject();
            m.put("name", e.getKey());
            ObjectNode config = m.putObject("config");
            config.set("poi", ms.get(0).at("/config/poi").deepCopy());
            config.set("parameters", params);
        }
        return out;
    }

    /**
     * Renames channels, samples, modifiers and measurements (pyhf's {@code Workspace.rename}). A modifier's new
     * name also applies to its parameter configurations and to the POI of every measurement; a channel's to its
     * observation. As in pyhf, the result keeps only the members of channels, samples and measurements that the
     * schema defines.
     *
     * @param ws a workspace document
     * @param wsName its name for messages
     * @param channels old channel name to new
     * @param samples old sample name to new
     * @param modifiers old modifier name to new
     * @param measurements old measurement name to new
     * @return the renamed workspace document
     * @throws InvalidWorkspaceException naming a name that is not in the workspace, or the resulting clash
     */
    public static ObjectNode rename(JsonNode ws, String wsName, Map<String, String> channels, Map<String, String> samples,
            Map<String, String> modifiers, Map<String, String> measurements) {
        WorkspaceIO.fromTree(ws, wsName);
        Set<String> modifierNames = new LinkedHashSet<>();
        Set<String> sampleNames = new LinkedHashSet<>();
        for (JsonNode c : ws.get("channels")) {
            for (JsonNode s : c.get("samples")) {
                sampleNames.add(s.get("name").asText());
                for (JsonNode m : s.get("modifiers")) {
                    modifierNames.add(m.get("name").asText());
                }
            }
        }
        requireKnown(modifiers.keySet(), modifierNames, "modifier", wsName);
        requireKnown(samples.keySet(), sampleNames, "sample", wsName);
        requireKnown(channels.keySet(), names(ws.get("channels")), "channel", wsName);
        requireKnown(measurements.keySet(), names(ws.get("measurements")), "measurement", wsName);

        ObjectNode out = NODES.objectNode();
        ArrayNode chs = out.putArray("channels");
        for (JsonNode c : ws.get("channels")) {
            ObjectNode cn = chs.addObject();
            cn.put("name", renamed(channels, c.get("name").asText()));
            ArrayNode ss = cn.putArray("samples");
            for (JsonNode s : c.get("samples")) {
                ObjectNode sn = ss.addObject();
                sn.put("name", renamed(samples, s.get("name").asText()));
                sn.set("data", s.get("data").deepCopy());
                ArrayNode ms = sn.putArray("modifiers");
                for (JsonNode m : s.get("modifiers")) {
                    ObjectNode mn = (ObjectNode) m.deepCopy();
                    mn.put("name", renamed(modifiers, m.get("name").asText()));
                    ms.add(mn);
                }
            }
        }
        ArrayNode meas = out.putArray("measurements");
        for (JsonNode m : ws.get("measurements")) {
            ObjectNode mn = meas.addObject();
            mn.put("name", renamed(measurements, m.get("name").asText()));
            ObjectNode config = mn.putObject("config");
            ArrayNode params = config.putArray("parameters");
            for (JsonNode p : m.at("/config/parameters")) {
                ObjectNode pn = (ObjectNode) p.deepCopy();
                pn.put("name", renamed(modifiers, p.get("name").asText()));
                params.add(pn);
            }
            config.put("poi", renamed(modifiers, m.at("/config/poi").asText()));
        }
        ArrayNode obs = out.putArray("observations");
        for (JsonNode o : ws.get("observations")) {
            ObjectNode on = (ObjectNode) o.deepCopy();
            on.put("name", renamed(channels, o.get("name").asText()));
            obs.add(on);
        }
        out.set("version", ws.get("version").deepCopy());
        WorkspaceIO.fromTree(out, wsName + " after renaming");
        return out;
    }

    /**
     * Sorts a workspace (pyhf's {@code Workspace.sorted}): channels, samples, measurements, parameter
     * configurations and observations by name, modifiers by (name, type); a stable sort by code points, as
     * Python's. Everything else is kept.
     *
     * @param ws a workspace document
     * @param wsName its name for messages
     * @return the sorted copy
     */
    public static ObjectNode sorted(JsonNode ws, String wsName) {
        WorkspaceIO.fromTree(ws, wsName);
        ObjectNode out = (ObjectNode) ws.deepCopy();
        Comparator<JsonNode> byName = Comparator.comparing(n -> n.get("name").asText(), PyhfDigest::compareCodePoints);
        sort(out.withArray("channels"), byName);
        for (JsonNode c : out.get("channels")) {
            sort((ArrayNode) c.get("samples"), byName);
            for (JsonNode s : c.get("samples")) {
                sort((ArrayNode) s.get("modifiers"), byName.thenComparing(n -> n.get("type").asText(),
                        PyhfDigest::compareCodePoints));
            }
        }
        sort(out.withArray("measurements"), byName);
        for (JsonNode m : out.get("measurements")) {
            sort((ArrayNode) m.get("config").get("parameters"), byName);
        }
        sort(out.withArray("observations"), byName);
        return out;
    }

    private static void sort(ArrayNode a, Comparator<JsonNode> order) {
        List<JsonNode> items = new ArrayList<>();
        a.forEach(items::add);
        items.sort(order); // List.sort is stable, as Python's list.sort
        a.removeAll();
        a.addAll(items);
    }

    private static String renamed(Map<String, String> map, String name) {
        return map.getOrDefault(name, name);
    }

    private static void requireKnown(Set<String> asked, Set<String> present, String what, String wsName) {
        for (String n : asked) {
            if (!present.contains(n)) {
                throw new InvalidWorkspaceException(wsName + ": cannot rename " + what + " '" + n + "': the workspace has"
                        + " no " + what + " of that name (it has " + quoted(present) + ")");
            }
        }
    }

    private static Set<String> names(JsonNode items) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode i : items) {
            names.add(i.get("name").asText());
        }
        return names;
    }

    private static Set<String> duplicates(JsonNode items) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        for (JsonNode i : items) {
            String n = i.get("name").asText();
            if (!seen.add(n)) {
                twice.add(n);
            }
        }
        return twice;
    }

    private static String plural(String what, Set<String> names) {
        return names.size() == 1 ? what : what + "s";
    }

    private static String quoted(Set<String> names) {
        List<String> q = new ArrayList<>();
        int shown = 0;
        for (String n : names) {
            if (shown++ == 10) {
                q.add("... (" + names.size() + " in all)");
                break;
            }
            q.add("'" + n + "'");
        }
        return String.join(", ", q);
    }
}
