package org.recoil.limits.calc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoil.core.InvalidInputException;

/**
 * Reads and writes toy sets as JSON:
 * <pre>{"format": "recoil-toys-1", "toy_sets": [{"test_statistic": "qtilde", "mu": 1.0, "seed": 7,
 *   "observed_test_statistic": 0.43, "first_toy": 0, "signal": [0.0, 1.2, null, ...],
 *   "background": [...]}, ...]}</pre>
 * {@code null} marks a toy whose fit failed. Doubles are written in their shortest exact form, so a
 * file reads back bit-identical. Writing goes through a temporary file and an atomic move: never a
 * partial file.
 */
public final class ToySetFiles {

    /** Format tag of the files. */
    public static final String FORMAT = "recoil-toys-1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ToySetFiles() {
    }

    /**
     * @param file the file to write (replaced atomically)
     * @param sets the toy sets
     * @throws InvalidInputException if the file cannot be written
     */
    public static void write(Path file, List<ToySet> sets) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode arr = root.putArray("toy_sets");
        for (ToySet s : sets) {
            ObjectNode o = arr.addObject();
            o.put("test_statistic", s.testStatistic());
            o.put("mu", s.mu());
            o.put("seed", s.seed());
            o.put("observed_test_statistic", s.observedTestStatistic());
            o.put("first_toy", s.firstToy());
            values(o.putArray("signal"), s.signal());
            values(o.putArray("background"), s.background());
        }
        Path abs = file.toAbsolutePath();
        Path tmp = null;
        try {
            Path dir = abs.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            tmp = Files.createTempFile(dir, abs.getFileName().toString(), ".tmp");
            MAPPER.writeValue(tmp.toFile(), root);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InvalidInputException("cannot write toy file " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the error is already reported
                }
            }
        }
    }

    private static void values(ArrayNode a, double[] v) {
        for (double x : v) {
            if (Double.isNaN(x)) {
                a.addNull();
            } else {
                a.add(x);
            }
        }
    }

    /**
     * @param file a toy file
     * @return its toy sets, in file order
     * @throws InvalidInputException naming the file, set and field when the file is unreadable or malformed
     */
    public static List<ToySet> read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read toy file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText(null))) {
            throw new InvalidInputException("toy file " + file + ": expected \"format\": \"" + FORMAT + "\"");
        }
        JsonNode arr = root.get("toy_sets");
        if (arr == null || !arr.isArray()) {
            throw new InvalidInputException("toy file " + file + ": expected an array \"toy_sets\"");
        }
        List<ToySet> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode o = arr.get(i);
            String where = "toy file " + file + ", toy_sets[" + i + "]";
            out.add(new ToySet(text(o, "test_statistic", where), number(o, "mu", where).doubleValue(),
                    number(o, "seed", where).longValue(), number(o, "observed_test_statistic", where).doubleValue(),
                    number(o, "first_toy", where).intValue(), array(o, "signal", where), array(o, "background", where)));
            if (out.get(i).signal().length != out.get(i).background().length) {
                throw new InvalidInputException(where + ": signal and background have different lengths");
            }
        }
        return out;
    }

    /**
     * Reads several files and merges their toy sets per μ.
     *
     * @param files toy files, e.g. one per job
     * @return one merged toy set per μ, ascending in μ
     */
    public static List<ToySet> readMerged(List<Path> files) {
        Map<Double, List<ToySet>> byMu = new LinkedHashMap<>();
        for (Path f : files) {
            for (ToySet s : read(f)) {
                byMu.computeIfAbsent(s.mu(), k -> new ArrayList<>()).add(s);
            }
        }
        List<ToySet> out = new ArrayList<>();
        byMu.keySet().stream().sorted().forEach(mu -> out.add(ToySet.merge(byMu.get(mu))));
        return out;
    }

    private static String text(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual()) {
            throw new InvalidInputException(where + ": expected a string \"" + field + "\"");
        }
        return n.asText();
    }

    private static Number number(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.isNumber()) {
            throw new InvalidInputException(where + ": expected a number \"" + field + "\"");
        }
        return n.numberValue();
    }

    private static double[] array(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.isArray()) {
            throw new InvalidInputException(where + ": expected an array \"" + field + "\"");
        }
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = n.get(i);
            if (x.isNull()) {
                v[i] = Double.NaN;
            } else if (x.isNumber()) {
                v[i] = x.doubleValue();
            } else {
                throw new InvalidInputException(where + ": " + field + "[" + i + "] is not a number or null");
            }
        }
        return v;
    }
}
