package org.recoil.fitting.patch;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.flipkart.zjsonpatch.CompatibilityFlags;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.recoil.fitting.spec.InvalidWorkspaceException;
import org.recoil.fitting.spec.WorkspaceIO;

/**
 * One JSON Patch document (IETF RFC 6902): an ordered list of {@code add}, {@code remove},
 * {@code replace}, {@code move}, {@code copy} and {@code test} operations on a JSON document, addressed
 * by JSON Pointers (RFC 6901). HEPData publishes full likelihoods as a background-only pyhf workspace plus
 * one such patch per signal hypothesis (ATL-PHYS-PUB-2019-029; pyhf's {@code pyhf patchset}); applying
 * the patch gives the signal-plus-background workspace.
 *
 * <p>Operations are applied by zjsonpatch one at a time, so that an error names the operation: a patch
 * that does not apply throws an {@link InvalidWorkspaceException} naming the patch's source, the index of
 * the operation, its {@code op} and its {@code path}, and the reason. As RFC 6902 requires, a patch is
 * atomic: the input document is never modified, and on error no partially patched document is returned.
 * Two RFC details that the library relaxes are enforced here: {@code remove} of a missing object member
 * fails (RFC 6902, Sec. 4.2), and {@code test} compares numbers by value, so {@code 1} equals {@code 1.0}
 * (Sec. 4.6).
 *
 * <p>Immutable: the operations are copied on construction and on access.
 */
public final class WorkspacePatch {

    private static final EnumSet<CompatibilityFlags> RFC6902 = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);
    private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private final String source;
    private final ArrayNode operations;

    private WorkspacePatch(String source, ArrayNode operations) {
        this.source = source;
        this.operations = operations;
    }

    /**
     * Reads an RFC 6902 patch file (a JSON array of operations).
     *
     * @param file the patch file
     * @return the patch, named after the file in error messages
     * @throws InvalidWorkspaceException naming the file if it is missing, not JSON, a pyhf patchset
     *         (which needs a point to be chosen), or holds a malformed operation
     */
    public static WorkspacePatch read(Path file) {
        JsonNode root = WorkspaceIO.readTree(file, "JSON patch");
        if (root.isObject() && root.has("patches")) {
            throw new InvalidWorkspaceException(file + ": is a pyhf patchset, not a single JSON patch;"
                    + " select one of its patches with --patchset " + file + " --point NAME");
        }
        return of(root, file.toString());
    }

    /**
     * @param operations a JSON array of RFC 6902 operations
     * @param source name used in error messages (a file name, or {@code patchset.json, patch 'name'})
     * @return the patch
     * @throws InvalidWorkspaceException naming the source, and the index, op and path of a malformed
     *         operation (not an object, unknown {@code op}, missing or non-string {@code path} or
     *         {@code from}, path not starting with '/', missing {@code value})
     */
    public static WorkspacePatch of(JsonNode operations, String source) {
        if (operations == null || !operations.isArray()) {
            throw new InvalidWorkspaceException(source + ": a JSON patch must be an array of operations (RFC 6902),"
                    + " got " + (operations == null ? "nothing" : operations.getNodeType().toString().toLowerCase()));
        }
        ArrayNode ops = (ArrayNode) operations.deepCopy();
        for (int i = 0; i < ops.size(); i++) {
            validate(source, i, ops.get(i));
        }
        return new WorkspacePatch(source, ops);
    }

    private static void validate(String source, int index, JsonNode op) {
        if (!op.isObject()) {
            throw new InvalidWorkspaceException(where(source, index, op) + ": malformed operation " + op
                    + ", expected an object with 'op' and 'path'");
        }
        JsonNode name = op.get("op");
        if (name == null || !name.isTextual()) {
            throw new InvalidWorkspaceException(where(source, index, op) + ": malformed operation, missing or"
                    + " non-string 'op' (expected one of add, remove, replace, move, copy, test)");
        }
        if (!OPS.contains(name.textValue())) {
            throw new InvalidWorkspaceException(where(source, index, op) + ": unknown operation '"
                    + name.textValue() + "', expected one of add, remove, replace, move, copy, test");
        }
        requirePointer(source, index, op, "path");
        String o = name.textValue();
        if (o.equals("move") || o.equals("copy")) {
            requirePointer(source, index, op, "from");
        }
        if ((o.equals("add") || o.equals("replace") || o.equals("test")) && !op.has("value")) {
            throw new InvalidWorkspaceException(where(source, index, op) + ": malformed operation, '" + o
                    + "' needs a 'value'");
        }
        try {
            JsonPatch.validate(singleton(op), RFC6902);
        } catch (JsonPatchApplicationException | IllegalArgumentException e) {
            throw new InvalidWorkspaceException(where(source, index, op) + ": malformed operation: " + e.getMessage(), e);
        }
    }

    private static void requirePointer(String source, int index, JsonNode op, String field) {
        JsonNode p = op.get(field);
        if (p == null || !p.isTextual()) {
            throw new InvalidWorkspaceException(where(source, index, op) + ": malformed operation, missing or"
                    + " non-string '" + field + "'");
        }
        String s = p.textValue();
        try {
            JsonPointer.compile(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidWorkspaceException(where(source, index, op) + ": malformed operation, '" + field
                    + "' " + quote(s) + " is not a JSON pointer (RFC 6901: empty or starting with '/')", e);
        }
    }

    /** @return the source named in error messages */
    public String source() {
        return source;
    }

    /** @return the number of operations */
    public int size() {
        return operations.size();
    }

    /** @return a copy of the operations */
    public ArrayNode operations() {
        return operations.deepCopy();
    }

    /**
     * Applies this patch to a copy of {@code document}.
     *
     * @param document a JSON document (e.g. a background-only workspace); not modified
     * @return the patched copy
     * @throws InvalidWorkspaceException naming the source, the operation index, op and path, and why
     *         the operation does not apply (path not found, index out of range, test failed)
     */
    public JsonNode applyTo(JsonNode document) {
        JsonNode doc = document.deepCopy();
        for (int i = 0; i < operations.size(); i++) {
            doc = applyOne(doc, i);
        }
        return doc;
    }

    /**
     * Applies patches in order to a copy of {@code document}.
     *
     * @param document the document; not modified
     * @param patches the patches, applied first to last
     * @return the patched copy
     * @throws InvalidWorkspaceException from the first operation that does not apply
     */
    public static JsonNode applyAll(JsonNode document, List<WorkspacePatch> patches) {
        JsonNode doc = document.deepCopy();
        for (WorkspacePatch p : patches) {
            for (int i = 0; i < p.operations.size(); i++) {
                doc = p.applyOne(doc, i);
            }
        }
        return doc;
    }

    /** Applies operation {@code i} to {@code doc} (in place where possible); returns the result. */
    private JsonNode applyOne(JsonNode doc, int i) {
        JsonNode op = operations.get(i);
        String name = op.get("op").textValue();
        JsonPointer path = JsonPointer.compile(op.get("path").textValue());
        switch (name) {
            case "test" -> {
                JsonNode actual = doc.at(path);
                if (actual.isMissingNode()) {
                    throw new InvalidWorkspaceException(where(source, i, op) + ": test failed, the path does not"
                            + " exist in the document" + missingDetail(doc, path));
                }
                if (!op.get("value").equals(BY_VALUE, actual)) {
                    throw new InvalidWorkspaceException(where(source, i, op) + ": test failed, expected value "
                            + abbreviate(op.get("value")) + " but found " + abbreviate(actual));
                }
                return doc;
            }
            case "remove", "replace" -> requireExists(doc, path, "path", i, op);
            case "move", "copy" -> {
                requireExists(doc, JsonPointer.compile(op.get("from").textValue()), "from", i, op);
                requireParent(doc, path, i, op);
            }
            default -> requireParent(doc, path, i, op);
        }
        try {
            if (path.matches()) {
                // the whole document is replaced: not possible in place
                return JsonPatch.apply(singleton(op), doc, RFC6902);
            }
            JsonPatch.applyInPlace(singleton(op), doc, RFC6902);
            return doc;
        } catch (JsonPatchApplicationException | IllegalArgumentException e) {
            throw new InvalidWorkspaceException(where(source, i, op) + ": cannot apply: " + e.getMessage(), e);
        }
    }

    private void requireExists(JsonNode doc, JsonPointer pointer, String field, int i, JsonNode op) {
        if (doc.at(pointer).isMissingNode()) {
            throw new InvalidWorkspaceException(where(source, i, op) + ": cannot apply: the " + field
                    + " does not exist in the document" + missingDetail(doc, pointer));
        }
    }

    /** The target of add/move/copy: its parent must be an object, or an array with index <= size or '-'. */
    private void requireParent(JsonNode doc, JsonPointer pointer, int i, JsonNode op) {
        if (pointer.matches()) {
            return;
        }
        JsonPointer parentPointer = pointer.head();
        JsonNode parent = doc.at(parentPointer);
        if (parent.isMissingNode()) {
            throw new InvalidWorkspaceException(where(source, i, op) + ": cannot apply: the parent "
                    + quote(parentPointer.toString()) + " of the path does not exist in the document"
                    + missingDetail(doc, parentPointer));
        }
        if (!parent.isContainerNode()) {
            throw new InvalidWorkspaceException(where(source, i, op) + ": cannot apply: the parent "
                    + quote(parentPointer.toString()) + " of the path is a "
                    + parent.getNodeType().toString().toLowerCase() + ", not an object or array");
        }
        if (parent.isArray()) {
            String last = pointer.last().getMatchingProperty();
            int index = pointer.last().getMatchingIndex();
            if (!last.equals("-") && (index < 0 || index > parent.size())) {
                throw new InvalidWorkspaceException(where(source, i, op) + ": cannot apply: array index '" + last
                        + "' is out of range, the array " + quote(parentPointer.toString()) + " has " + parent.size()
                        + " elements (valid: 0.." + parent.size() + " or '-')");
            }
        }
    }

    /** Names the first token of {@code pointer} that is not found, and what the node before it holds. */
    private static String missingDetail(JsonNode doc, JsonPointer pointer) {
        JsonNode node = doc;
        StringBuilder at = new StringBuilder();
        for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
            String token = p.getMatchingProperty();
            JsonNode next = node.at(JsonPointer.compile("/" + escape(token)));
            if (next.isMissingNode()) {
                String where = at.length() == 0 ? "the document root" : at.toString();
                if (node.isArray()) {
                    return " (" + where + " is an array of " + node.size() + " elements, no index '" + token + "')";
                }
                if (node.isObject()) {
                    return " (" + where + " has no member '" + token + "')";
                }
                return " (" + where + " is a " + node.getNodeType().toString().toLowerCase() + ")";
            }
            at.append('/').append(escape(token));
            node = next;
        }
        return "";
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static ArrayNode singleton(JsonNode op) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode(1);
        a.add(op);
        return a;
    }

    private static String where(String source, int index, JsonNode op) {
        StringBuilder sb = new StringBuilder(source).append(": operation ").append(index);
        if (op.isObject()) {
            JsonNode o = op.get("op");
            JsonNode p = op.get("path");
            sb.append(" (").append(o != null && o.isTextual() ? o.textValue() : "op ?");
            sb.append(' ').append(p != null && p.isTextual() ? quote(p.textValue()) : "path ?");
            JsonNode f = op.get("from");
            if (f != null && f.isTextual()) {
                sb.append(" from ").append(quote(f.textValue()));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String quote(String pointer) {
        return pointer.isEmpty() ? "\"\" (the whole document)" : pointer;
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return "WorkspacePatch[" + source + ", " + operations.size() + " operations]";
    }
}
