package org.recoil.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.recoil.core.InvalidInputException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Strict reading of YAML/JSON configuration files into records with Jackson.
 *
 * <p>Unknown keys are rejected before any value is converted, with a message naming the key, where
 * it is and the keys allowed there, e.g. {@code "analysis.yaml: unknown key 'max_extra_enrgy' in
 * 'cuts' (allowed: max_extra_energy, muon_momentum, ...)"}. (Checking keys first matters: Jackson
 * builds records before it reports unknown keys, so a misspelt key would otherwise surface as a
 * confusing "missing value" from the record's own validation.) Invalid values give messages naming
 * the path of the value; {@link InvalidInputException}s thrown by record constructors are reported
 * with their own message, prefixed by the file and path.
 */
public final class ConfigReader {
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(new ObjectMapper());

    private ConfigReader() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /**
     * Reads a config file: JSON for {@code .json}, YAML otherwise.
     *
     * @param <T> the config type
     * @param file the file
     * @param type the config type (a record or bean with Jackson annotations)
     * @return the config; an empty file gives {@code null}
     * @throws InvalidInputException if the file cannot be read or is not a valid config
     */
    public static <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read config: " + e.getMessage(), e);
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(text, json, type, file.toString());
    }

    /**
     * @param <T> the config type
     * @param text the config text
     * @param json true for JSON, false for YAML
     * @param type the config type
     * @param where the source, for error messages (e.g. the file name)
     * @return the config; empty text gives {@code null}
     * @throws InvalidInputException if the text is not a valid config
     */
    public static <T> T parse(String text, boolean json, Class<T> type, String where) {
        ObjectMapper mapper = json ? JSON : YAML;
        String format = json ? "JSON" : "YAML";
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where + ": " + syntaxError(e, format), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return null;
        }
        checkKeys(mapper, tree, mapper.constructType(type), "", where);
        try {
            return mapper.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(where + ": unknown key '" + e.getPropertyName() + "'"
                    + location(path(e.getPath().subList(0, e.getPath().size() - 1))), e);
        } catch (JsonMappingException e) {
            String at = path(e.getPath());
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof InvalidInputException invalid) {
                    // a message already starting with the key it is about does not need that key again
                    String msg = invalid.getMessage();
                    String prefix = at;
                    int dot = at.lastIndexOf('.');
                    if (msg.startsWith(at.substring(dot + 1) + ":")) {
                        prefix = dot < 0 ? "" : at.substring(0, dot);
                    }
                    throw new InvalidInputException(where + ": " + (prefix.isEmpty() ? "" : prefix + ": ") + msg, e);
                }
            }
            if (e instanceof InvalidFormatException f && f.getValue() instanceof Number
                    && isWholeNumberType(f.getTargetType())) {
                throw new InvalidInputException(where + ": " + (at.isEmpty() ? "" : at + ": ")
                        + "expected a whole number, got " + f.getValue(), e);
            }
            throw new InvalidInputException(where + ": invalid value" + (at.isEmpty() ? "" : " at '" + at + "'") + ": "
                    + firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where + ": " + syntaxError(e, format), e);
        }
    }

    private static boolean isWholeNumberType(Class<?> t) {
        return t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class
                || t == short.class;
    }

    /**
     * One line for a syntax error: line, column and what is wrong (SnakeYAML's multi-line report with
     * its context and a caret drawing folded into one line); duplicate keys named as such.
     */
    static String syntaxError(JsonProcessingException e, String format) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException y && y.getProblemMark() != null) {
                Mark at = y.getProblemMark();
                String context = y.getContext() == null ? "" : " (" + y.getContext()
                        + (y.getContextMark() == null ? "" : " started at line " + (y.getContextMark().getLine() + 1)
                        + ", column " + (y.getContextMark().getColumn() + 1)) + ")";
                String problem = oneLine(y.getProblem());
                String hint = problem.contains("<block") ? "; check the indentation" : "";
                return format + " syntax error at line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1)
                        + ": " + problem + (context.isEmpty() ? "" : " " + oneLine(context)) + hint;
            }
        }
        JsonLocation loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column "
                + loc.getColumnNr();
        String msg = firstLine(e.getOriginalMessage());
        if (e instanceof MismatchedInputException && msg.startsWith("Duplicate field '")) {
            int end = msg.indexOf('\'', "Duplicate field '".length());
            return "key '" + msg.substring("Duplicate field '".length(), end) + "' given twice" + where
                    + " (each key may appear once in a mapping)";
        }
        return "not valid " + format + where + ": " + msg;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }

    private static String location(String path) {
        return path.isEmpty() ? " at the top level" : " in '" + path + "'";
    }

    /** Rejects object keys that are not properties of the target type, recursively. */
    private static void checkKeys(ObjectMapper m, JsonNode node, JavaType type, String path, String where) {
        if (node.isArray() && type.getContentType() != null) {
            for (int i = 0; i < node.size(); i++) {
                checkKeys(m, node.get(i), type.getContentType(), path + "[" + i + "]", where);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (type.isMapLikeType()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                checkKeys(m, f.getValue(), type.getContentType(), join(path, f.getKey()), where);
            }
            return;
        }
        Class<?> raw = type.getRawClass();
        if (raw.isPrimitive() || raw.isEnum() || raw.getName().startsWith("java.") || JsonNode.class.isAssignableFrom(raw)) {
            return;
        }
        BeanDescription d = m.getDeserializationConfig().introspect(type);
        Map<String, JavaType> props = new TreeMap<>();
        for (BeanPropertyDefinition p : d.findProperties()) {
            if (p.couldDeserialize() || p.hasConstructorParameter()) {
                props.put(p.getName(), p.getPrimaryType());
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            JavaType t = props.get(f.getKey());
            if (t == null) {
                throw new InvalidInputException(where + ": unknown key '" + f.getKey() + "'" + location(path)
                        + " (allowed: " + String.join(", ", List.copyOf(props.keySet())) + ")");
            }
            checkKeys(m, f.getValue(), t, join(path, f.getKey()), where);
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
