package org.recoil.fitting.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.recoil.fitting.spec.InvalidWorkspaceException;
import org.recoil.fitting.spec.WorkspaceIO;

/**
 * A pyhf patchset (schema 1.0.0, as published on HEPData): one JSON patch per signal hypothesis for a
 * background-only workspace, with metadata.
 * <pre>
 * {"metadata": {"description": ..., "digests": {"sha256": ...}, "labels": ["m_sbottom", ...],
 *               "references": {"hepdata": "ins1748602"}},
 *  "patches": [{"metadata": {"name": "sbottom_1300_850_60", "values": [1300, 850, 60]},
 *               "patch": [RFC 6902 operations]}, ...],
 *  "version": "1.0.0"}
 * </pre>
 * Reading checks what pyhf's schema and {@code PatchSet} check: the version, a non-empty list of
 * patches, unique patch names, unique value tuples, and as many values per patch as there are labels.
 * Each patch is selected by its name or by its values ({@link #select(String)}). The digests identify the
 * background-only workspace the patches were made for ({@link #verify(JsonNode, String)}; pyhf's
 * {@code PatchSet.verify}).
 *
 * @param source the file (or other source) named in error messages
 * @param description {@code metadata.description} (empty if absent)
 * @param labels {@code metadata.labels}: the name of each value dimension (e.g. the masses)
 * @param digests {@code metadata.digests}: algorithm to hexadecimal digest of the background-only workspace
 * @param references {@code metadata.references} (e.g. {@code hepdata} to an INSPIRE id)
 * @param patches the patches, in file order
 */
public record PatchSet(String source, String description, List<String> labels, Map<String, String> digests,
                       Map<String, String> references, List<Entry> patches) {

    /** The only patchset schema version supported. */
    public static final String VERSION = "1.0.0";

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /**
     * One patch of the set.
     *
     * @param name unique name, e.g. {@code sbottom_1300_850_60}
     * @param values its coordinates, one per label: {@link Double} or {@link String} (pyhf allows both)
     * @param patch the RFC 6902 operations
     */
    public record Entry(String name, List<Object> values, WorkspacePatch patch) {

        /** Copies the values. */
        public Entry {
            values = List.copyOf(values);
        }

        /** @return the values as text, comma-separated, integers without a fractional part ({@code 1300,850,60}) */
        public String valuesText() {
            List<String> s = new ArrayList<>();
            for (Object v : values) {
                s.add(v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                        ? Long.toString(d.longValue()) : v.toString());
            }
            return String.join(",", s);
        }
    }

    /** Validates and copies. */
    public PatchSet {
        labels = List.copyOf(labels);
        digests = Map.copyOf(digests);
        references = Map.copyOf(references);
        patches = List.copyOf(patches);
        if (patches.isEmpty()) {
            throw new InvalidWorkspaceException(source + ": the patchset has no patches, expected at least one");
        }
        Set<String> names = new HashSet<>();
        Set<List<Object>> values = new HashSet<>();
        for (Entry e : patches) {
            if (!names.add(e.name())) {
                throw new InvalidWorkspaceException(source + ": two patches are named '" + e.name()
                        + "', expected unique names");
            }
            if (!values.add(e.values())) {
                throw new InvalidWorkspaceException(source + ": patch '" + e.name() + "' has the same values ["
                        + e.valuesText() + "] as another patch, expected unique values");
            }
            if (e.values().size() != labels.size()) {
                throw new InvalidWorkspaceException(source + ": patch '" + e.name() + "' has " + e.values().size()
                        + " values, expected " + labels.size() + " (one per label " + labels + ")");
            }
        }
    }

    /**
     * @param file a pyhf patchset file
     * @return the patchset
     * @throws InvalidWorkspaceException naming the file and what is wrong (missing field, wrong version,
     *         malformed patch operation with its patch name and index, duplicate names or values)
     */
    public static PatchSet read(Path file) {
        return fromTree(WorkspaceIO.readTree(file, "patchset"), file.toString());
    }

    /**
     * @param root a parsed patchset document
     * @param source name used in error messages
     * @return the patchset
     * @throws InvalidWorkspaceException naming the source and what is wrong
     */
    public static PatchSet fromTree(JsonNode root, String source) {
        if (root.isArray()) {
            throw new InvalidWorkspaceException(source + ": is a single JSON patch (an array of operations), not a"
                    + " pyhf patchset; apply it with --patch " + source);
        }
        requireObject(root, source, "the patchset");
        JsonNode version = root.get("version");
        if (version == null || !version.isTextual() || !VERSION.equals(version.textValue())) {
            throw new InvalidWorkspaceException(source + ": patchset version " + version + " is not supported,"
                    + " expected \"" + VERSION + "\"");
        }
        JsonNode meta = root.get("metadata");
        requireObject(meta, source, "metadata");
        String description = meta.has("description") ? text(meta.get("description"), source, "metadata.description") : "";
        JsonNode labelsNode = meta.get("labels");
        if (labelsNode == null || !labelsNode.isArray()) {
            throw new InvalidWorkspaceException(source + ": metadata.labels is missing, expected an array of names");
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < labelsNode.size(); i++) {
            labels.add(text(labelsNode.get(i), source, "metadata.labels[" + i + "]"));
        }
        Map<String, String> digests = stringMap(meta.get("digests"), source, "metadata.digests");
        for (String alg : digests.keySet()) {
            if (!alg.equals("sha256") && !alg.equals("md5")) {
                throw new InvalidWorkspaceException(source + ": metadata.digests has algorithm '" + alg
                        + "', expected sha256 or md5");
            }
        }
        Map<String, String> references = stringMap(meta.get("references"), source, "metadata.references");
        JsonNode patchesNode = root.get("patches");
        if (patchesNode == null || !patchesNode.isArray()) {
            throw new InvalidWorkspaceException(source + ": missing field 'patches' (expected an array)");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < patchesNode.size(); i++) {
            JsonNode p = patchesNode.get(i);
            String where = "patches[" + i + "]";
            requireObject(p, source, where);
            JsonNode pm = p.get("metadata");
            requireObject(pm, source, where + ".metadata");
            String name = text(pm.get("name"), source, where + ".metadata.name");
            if (name.isEmpty()) {
                throw new InvalidWorkspaceException(source + ": " + where + ".metadata.name is empty");
            }
            JsonNode vs = pm.get("values");
            if (vs == null || !vs.isArray()) {
                throw new InvalidWorkspaceException(source + ": patch '" + name + "': metadata.values is missing,"
                        + " expected an array of numbers or strings");
            }
            List<Object> values = new ArrayList<>();
            for (int k = 0; k < vs.size(); k++) {
                JsonNode v = vs.get(k);
                if (v.isNumber()) {
                    values.add(v.doubleValue());
                } else if (v.isTextual()) {
                    values.add(v.textValue());
                } else {
                    throw new InvalidWorkspaceException(source + ": patch '" + name + "': metadata.values[" + k
                            + "] is " + v + ", expected a number or a string");
                }
            }
            entries.add(new Entry(name, values, WorkspacePatch.of(p.get("patch"), source + ", patch '" + name + "'")));
        }
        return new PatchSet(source, description, labels, digests, references, entries);
    }

    private static void requireObject(JsonNode n, String source, String what) {
        if (n == null || !n.isObject()) {
            throw new InvalidWorkspaceException(source + ": " + what + " is missing or not a JSON object");
        }
    }

    private static String text(JsonNode n, String source, String what) {
        if (n == null || !n.isTextual()) {
            throw new InvalidWorkspaceException(source + ": " + what + " is missing or not a string");
        }
        return n.textValue();
    }

    private static Map<String, String> stringMap(JsonNode n, String source, String what) {
        Map<String, String> m = new LinkedHashMap<>();
        if (n == null) {
            return m;
        }
        requireObject(n, source, what);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), text(e.getValue(), source, what + "." + e.getKey()));
        }
        return m;
    }

    /** @return the patch names, in file order */
    public List<String> names() {
        return patches.stream().map(Entry::name).toList();
    }

    /**
     * Selects a patch by name ({@code sbottom_1300_850_60}) or by its values, comma-separated in label
     * order ({@code 1300,850,60}; numbers compare by value, so {@code 1300.0} also matches).
     *
     * @param point a patch name or comma-separated values
     * @return the patch
     * @throws InvalidWorkspaceException naming the patchset and listing the available points (the first
     *         few) when nothing matches
     */
    public Entry select(String point) {
        if (point == null || point.isBlank()) {
            throw new InvalidWorkspaceException(source + ": no point given; choose one of " + available());
        }
        String p = point.trim();
        for (Entry e : patches) {
            if (e.name().equals(p)) {
                return e;
            }
        }
        Optional<List<Object>> wanted = parseValues(p);
        if (wanted.isPresent()) {
            for (Entry e : patches) {
                if (sameValues(e.values(), wanted.get())) {
                    return e;
                }
            }
        }
        throw new InvalidWorkspaceException(source + ": no patch named '" + p + "'"
                + (wanted.isPresent() ? " or with values (" + String.join(", ", labels) + ") = [" + p + "]" : "")
                + "; the " + patches.size() + " points are " + available());
    }

    private String available() {
        int shown = Math.min(patches.size(), 8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            Entry e = patches.get(i);
            sb.append(i == 0 ? "" : ", ").append(e.name()).append(" [").append(e.valuesText()).append(']');
        }
        if (shown < patches.size()) {
            sb.append(", ... (").append(patches.size() - shown).append(" more)");
        }
        return sb.toString();
    }

    private Optional<List<Object>> parseValues(String p) {
        String[] parts = p.split(",", -1);
        if (parts.length != labels.size()) {
            return Optional.empty();
        }
        List<Object> out = new ArrayList<>();
        for (String s : parts) {
            String t = s.trim();
            out.add(NUMBER.matcher(t).matches() ? (Object) Double.parseDouble(t) : t);
        }
        return Optional.of(out);
    }

    private static boolean sameValues(List<Object> have, List<Object> want) {
        for (int i = 0; i < have.size(); i++) {
            Object h = have.get(i);
            Object w = want.get(i);
            boolean same = h instanceof Double hd && w instanceof Double wd
                    ? hd.doubleValue() == wd.doubleValue()
                    : h.toString().equals(w.toString());
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that {@code background} is the workspace the patches were made for, by every digest in the
     * metadata (pyhf's {@code PatchSet.verify}). A patchset without digests verifies trivially.
     *
     * @param background the background-only workspace document
     * @param backgroundName its name for the error message
     * @throws InvalidWorkspaceException naming both files and the two digests if one differs
     */
    public void verify(JsonNode background, String backgroundName) {
        for (Map.Entry<String, String> d : digests.entrySet()) {
            String actual = PyhfDigest.digest(background, d.getKey());
            if (!actual.equalsIgnoreCase(d.getValue())) {
                throw new InvalidWorkspaceException(source + ": the patchset was made for a background-only"
                        + " workspace with " + d.getKey() + " " + d.getValue() + ", but " + backgroundName + " has "
                        + d.getKey() + " " + actual + "; use the workspace published with this patchset");
            }
        }
    }
}
