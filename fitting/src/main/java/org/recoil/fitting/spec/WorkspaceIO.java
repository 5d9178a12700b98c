package org.recoil.fitting.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes pyhf JSON workspaces (schema 1.0.0) with Jackson. Reading checks every field and
 * reports the first problem with its location ({@code file: channel 'sr', sample 'bkg', modifier 'x'
 * (histosys): ...}); writing produces a document that reads back to an equal {@link Workspace}.
 */
public final class WorkspaceIO {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WorkspaceIO() {
    }

    /**
     * @param file a pyhf JSON workspace
     * @return the workspace
     * @throws InvalidWorkspaceException naming the file and the location of the problem
     */
    public static Workspace read(Path file) {
        return fromTree(readTree(file, "workspace"), file.toString());
    }

    /**
     * @param json the JSON text
     * @param sourceName name used in error messages (usually the file name)
     * @return the workspace
     * @throws InvalidWorkspaceException naming the source and the location of the problem
     */
    public static Workspace read(String json, String sourceName) {
        return fromTree(parseTree(json, sourceName), sourceName);
    }

    /**
     * Reads a JSON file (a workspace, a JSON patch or a patchset) into a Jackson tree.
     *
     * @param file the file
     * @param what what the file should hold, for error messages (e.g. "workspace", "JSON patch")
     * @return the parsed document
     * @throws InvalidWorkspaceException naming the file when it is missing, unreadable or not valid JSON
     *         (with line and column)
     */
    public static JsonNode readTree(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidWorkspaceException(file + ": no such " + what + " file");
        }
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidWorkspaceException(file + ": cannot read " + what + " (" + e.getMessage() + ")", e);
        }
        return parseTree(json, file.toString());
    }

    /**
     * Parses exactly one JSON document: text after it (a second document, trailing garbage) is an
     * error, as is nesting deeper than Jackson's limit ({@code StreamReadConstraints}, 1000 levels).
     *
     * @param json JSON text
     * @param sourceName name used in error messages
     * @return the parsed document
     * @throws InvalidWorkspaceException naming the source, line and column when the text is not one valid
     *         JSON document
     */
    public static JsonNode parseTree(String json, String sourceName) {
        JsonParser parser = null;
        try {
            parser = MAPPER.createParser(json);
            JsonNode root = MAPPER.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw new InvalidWorkspaceException(sourceName + ": empty document, expected JSON");
            }
            JsonToken after = parser.nextToken();
            if (after != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new InvalidWorkspaceException(sourceName + ": data after the JSON document at line "
                        + at.getLineNr() + ", column " + at.getColumnNr() + " (" + describe(after, parser.getText())
                        + "); expected one document and nothing after it");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation() != null ? e.getLocation()
                    : parser != null ? parser.currentLocation() : null;
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String what = e instanceof StreamConstraintsException
                    ? e.getOriginalMessage().replaceAll(",? ?from `[^`]*`", "") : e.getOriginalMessage();
            throw new InvalidWorkspaceException(sourceName + ": not valid JSON" + where + ": " + what, e);
        } catch (IOException e) {
            throw new InvalidWorkspaceException(sourceName + ": cannot parse JSON (" + e.getMessage() + ")", e);
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // a string source: nothing to release
                }
            }
        }
    }

    private static String describe(JsonToken t, String text) {
        return switch (t) {
            case START_OBJECT -> "a second JSON object";
            case START_ARRAY -> "a JSON array";
            default -> "'" + text + "'";
        };
    }

    /**
     * @param root a parsed JSON document
     * @param sourceName name used as the prefix of error messages (e.g. the file, or the file and its patches)
     * @return the workspace it describes
     * @throws InvalidWorkspaceException naming the source and the location of the problem
     */
    public static Workspace fromTree(JsonNode root, String sourceName) {
        try {
            return fromTree(root);
        } catch (InvalidWorkspaceException e) {
            throw new InvalidWorkspaceException(sourceName + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param root a parsed JSON document
     * @return the workspace it describes
     */
    public static Workspace fromTree(JsonNode root) {
        requireObject(root, "the workspace", Set.of("version", "channels", "observations", "measurements"));
        String version = text(root, "version", "the workspace");
        List<Channel> channels = new ArrayList<>();
        int ci = 0;
        for (JsonNode c : array(root, "channels", "the workspace")) {
            channels.add(channel(c, ci++));
        }
        List<Observation> observations = new ArrayList<>();
        int oi = 0;
        for (JsonNode o : array(root, "observations", "the workspace")) {
            String where = "observations[" + oi++ + "]";
            requireObject(o, where, Set.of("name", "data"));
            String name = text(o, "name", where);
            observations.add(new Observation(name, doubles(o.get("data"), "observation '" + name + "' data")));
        }
        List<Measurement> measurements = new ArrayList<>();
        int mi = 0;
        for (JsonNode m : array(root, "measurements", "the workspace")) {
            measurements.add(measurement(m, mi++));
        }
        return new Workspace(version, channels, observations, measurements);
    }

    private static Channel channel(JsonNode c, int index) {
        String where = "channels[" + index + "]";
        requireObject(c, where, Set.of("name", "samples"));
        String name = text(c, "name", where);
        where = "channel '" + name + "'";
        List<Sample> samples = new ArrayList<>();
        int si = 0;
        for (JsonNode s : array(c, "samples", where)) {
            samples.add(sample(s, where, si++));
        }
        try {
            return new Channel(name, samples);
        } catch (InvalidWorkspaceException e) {
            throw e.getMessage().startsWith(where) ? e : rethrow(e, where);
        }
    }

    private static Sample sample(JsonNode s, String channelWhere, int index) {
        String where = channelWhere + ", samples[" + index + "]";
        requireObject(s, where, Set.of("name", "data", "modifiers"));
        String name = text(s, "name", where);
        where = channelWhere + ", sample '" + name + "'";
        double[] data = doubles(s.get("data"), where + " data");
        List<Modifier> modifiers = new ArrayList<>();
        int mi = 0;
        for (JsonNode m : array(s, "modifiers", where)) {
            modifiers.add(modifier(m, where, mi++));
        }
        try {
            return new Sample(name, data, modifiers);
        } catch (InvalidWorkspaceException e) {
            throw rethrow(e, channelWhere);
        }
    }

    private static InvalidWorkspaceException rethrow(InvalidWorkspaceException e, String where) {
        return new InvalidWorkspaceException(where + ", " + e.getMessage(), e);
    }

    private static Modifier modifier(JsonNode m, String sampleWhere, int index) {
        String where = sampleWhere + ", modifiers[" + index + "]";
        requireObject(m, where, Set.of("name", "type", "data"));
        String name = text(m, "name", where);
        String type = text(m, "type", where);
        where = sampleWhere + ", modifier '" + name + "' (" + type + ")";
        JsonNode data = m.get("data");
        try {
            switch (type) {
                case "normfactor":
                    requireNullData(data, where);
                    return new Modifier.NormFactor(name);
                case "shapefactor":
                    requireNullData(data, where);
                    return new Modifier.ShapeFactor(name);
                case "lumi":
                    requireNullData(data, where);
                    return new Modifier.Lumi(name);
                case "normsys":
                    requireObject(data, where + " data", Set.of("hi", "lo"));
                    return new Modifier.NormSys(name, number(data, "hi", where + " data"),
                            number(data, "lo", where + " data"));
                case "histosys":
                    requireObject(data, where + " data", Set.of("hi_data", "lo_data"));
                    return new Modifier.HistoSys(name, doubles(data.get("hi_data"), where + " hi_data"),
                            doubles(data.get("lo_data"), where + " lo_data"));
                case "shapesys":
                    return new Modifier.ShapeSys(name, doubles(data, where + " data"));
                case "staterror":
                    return new Modifier.StatError(name, doubles(data, where + " data"));
                default:
                    throw new InvalidWorkspaceException(where + ": unknown modifier type '" + type
                            + "', expected one of normfactor, shapefactor, normsys, histosys, shapesys, staterror, lumi");
            }
        } catch (InvalidWorkspaceException e) {
            if (e.getMessage().startsWith(where)) {
                throw e;
            }
            String own = type + " modifier '" + name + "': ";
            String msg = e.getMessage().startsWith(own) ? e.getMessage().substring(own.length()) : e.getMessage();
            throw new InvalidWorkspaceException(where + ": " + msg, e);
        }
    }

    private static void requireNullData(JsonNode data, String where) {
        if (data != null && !data.isNull()) {
            throw new InvalidWorkspaceException(where + ": data must be null for this modifier type");
        }
    }

    private static Measurement measurement(JsonNode m, int index) {
        String where = "measurements[" + index + "]";
        requireObject(m, where, Set.of("name", "config"));
        String name = text(m, "name", where);
        where = "measurement '" + name + "'";
        JsonNode config = m.get("config");
        requireObject(config, where + " config", Set.of("poi", "parameters"));
        String poi = text(config, "poi", where + " config");
        List<ParameterConfig> params = new ArrayList<>();
        int pi = 0;
        for (JsonNode p : array(config, "parameters", where + " config")) {
            params.add(parameter(p, where + ", parameters[" + pi++ + "]"));
        }
        try {
            return new Measurement(name, new MeasurementConfig(poi, params));
        } catch (InvalidWorkspaceException e) {
            throw rethrow(e, where);
        }
    }

    private static ParameterConfig parameter(JsonNode p, String where) {
        requireObject(p, where, Set.of("name", "inits", "bounds", "fixed", "auxdata", "sigmas"));
        String name = text(p, "name", where);
        where = where.substring(0, where.lastIndexOf(", parameters[")) + ", parameter config '" + name + "'";
        double[] inits = p.has("inits") ? doubles(p.get("inits"), where + " inits") : null;
        double[] aux = p.has("auxdata") ? doubles(p.get("auxdata"), where + " auxdata") : null;
        double[] sigmas = p.has("sigmas") ? doubles(p.get("sigmas"), where + " sigmas") : null;
        Boolean fixed = null;
        if (p.has("fixed")) {
            if (!p.get("fixed").isBoolean()) {
                throw new InvalidWorkspaceException(where + ": fixed must be true or false");
            }
            fixed = p.get("fixed").booleanValue();
        }
        double[][] bounds = null;
        if (p.has("bounds")) {
            JsonNode b = p.get("bounds");
            if (!b.isArray()) {
                throw new InvalidWorkspaceException(where + ": bounds must be an array of [lower, upper] pairs");
            }
            bounds = new double[b.size()][];
            for (int i = 0; i < b.size(); i++) {
                bounds[i] = doubles(b.get(i), where + " bounds[" + i + "]");
            }
        }
        try {
            return new ParameterConfig(name, inits, bounds, fixed, aux, sigmas);
        } catch (InvalidWorkspaceException e) {
            throw new InvalidWorkspaceException(where.substring(0, where.indexOf(", parameter config")) + ", "
                    + e.getMessage(), e);
        }
    }

    private static void requireObject(JsonNode n, String where, Set<String> allowed) {
        if (n == null || !n.isObject()) {
            throw new InvalidWorkspaceException(where + ": expected a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new InvalidWorkspaceException(where + ": unknown field '" + f + "', expected only "
                        + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new InvalidWorkspaceException(where + ": missing or non-string field '" + field + "'");
        }
        return v.textValue();
    }

    private static double number(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new InvalidWorkspaceException(where + ": missing or non-numeric field '" + field + "'");
        }
        return v.doubleValue();
    }

    private static JsonNode array(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new InvalidWorkspaceException(where + ": missing field '" + field + "' (expected an array)");
        }
        return v;
    }

    private static double[] doubles(JsonNode v, String where) {
        if (v == null || !v.isArray()) {
            throw new InvalidWorkspaceException(where + ": expected an array of numbers");
        }
        double[] d = new double[v.size()];
        for (int i = 0; i < d.length; i++) {
            JsonNode x = v.get(i);
            if (!x.isNumber()) {
                throw new InvalidWorkspaceException(where + ": bin " + i + " is " + x + ", expected a number");
            }
            d[i] = x.doubleValue();
        }
        return d;
    }

    /**
     * @param ws a workspace
     * @return its JSON tree, keys in pyhf's order
     */
    public static ObjectNode toTree(Workspace ws) {
        ObjectNode root = NODES.objectNode();
        ArrayNode channels = root.putArray("channels");
        for (Channel c : ws.channels()) {
            ObjectNode cn = channels.addObject();
            cn.put("name", c.name());
            ArrayNode samples = cn.putArray("samples");
            for (Sample s : c.samples()) {
                ObjectNode sn = samples.addObject();
                sn.put("name", s.name());
                putDoubles(sn.putArray("data"), s.data());
                ArrayNode mods = sn.putArray("modifiers");
                for (Modifier m : s.modifiers()) {
                    ObjectNode mn = mods.addObject();
                    mn.put("name", m.name());
                    mn.put("type", m.type());
                    if (m instanceof Modifier.NormSys n) {
                        mn.putObject("data").put("hi", n.hi()).put("lo", n.lo());
                    } else if (m instanceof Modifier.HistoSys h) {
                        ObjectNode d = mn.putObject("data");
                        putDoubles(d.putArray("hi_data"), h.hiData());
                        putDoubles(d.putArray("lo_data"), h.loData());
                    } else if (m instanceof Modifier.ShapeSys sh) {
                        putDoubles(mn.putArray("data"), sh.data());
                    } else if (m instanceof Modifier.StatError st) {
                        putDoubles(mn.putArray("data"), st.data());
                    } else {
                        mn.putNull("data");
                    }
                }
            }
        }
        ArrayNode obs = root.putArray("observations");
        for (Observation o : ws.observations()) {
            ObjectNode on = obs.addObject();
            on.put("name", o.name());
            putDoubles(on.putArray("data"), o.data());
        }
        ArrayNode meas = root.putArray("measurements");
        for (Measurement m : ws.measurements()) {
            ObjectNode mn = meas.addObject();
            mn.put("name", m.name());
            ObjectNode cfg = mn.putObject("config");
            cfg.put("poi", m.poi());
            ArrayNode params = cfg.putArray("parameters");
            for (ParameterConfig p : m.parameters()) {
                ObjectNode pn = params.addObject();
                pn.put("name", p.name());
                if (p.inits() != null) {
                    putDoubles(pn.putArray("inits"), p.inits());
                }
                if (p.bounds() != null) {
                    ArrayNode b = pn.putArray("bounds");
                    for (double[] pair : p.bounds()) {
                        putDoubles(b.addArray(), pair);
                    }
                }
                if (p.fixed() != null) {
                    pn.put("fixed", p.fixed());
                }
                if (p.auxdata() != null) {
                    putDoubles(pn.putArray("auxdata"), p.auxdata());
                }
                if (p.sigmas() != null) {
                    putDoubles(pn.putArray("sigmas"), p.sigmas());
                }
            }
        }
        root.put("version", ws.version());
        return root;
    }

    private static void putDoubles(ArrayNode a, double[] values) {
        for (double v : values) {
            a.add(v);
        }
    }

    /**
     * @param ws a workspace
     * @return its pyhf JSON text (indented)
     */
    public static String toJson(Workspace ws) {
        return toJson(toTree(ws));
    }

    /**
     * Writes the workspace atomically: to a temporary file beside {@code file}, then renamed, so that
     * no partial file is ever left.
     *
     * @param ws the workspace
     * @param file destination
     * @throws InvalidWorkspaceException naming the file if it cannot be written
     */
    public static void write(Workspace ws, Path file) {
        writeText(toJson(ws), file);
    }

    /**
     * Writes a workspace document as it is (indented JSON), atomically as {@link #write(Workspace, Path)}.
     *
     * @param tree a workspace document (or any JSON document)
     * @param file destination
     * @throws InvalidWorkspaceException naming the file if it cannot be written
     */
    public static void write(JsonNode tree, Path file) {
        writeText(toJson(tree), file);
    }

    /**
     * @param tree a JSON document
     * @return its indented JSON text
     */
    public static String toJson(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    private static void writeText(String json, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".recoil-ws-", ".tmp");
            Files.writeString(tmp, json);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException ignored) {
                // best effort: the temporary file is hidden and will not be mistaken for output
            }
            throw new InvalidWorkspaceException(file + ": cannot write workspace (" + e.getMessage() + ")", e);
        }
    }
}
