package org.recoil.core.hist;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recoil.core.InvalidInputException;

/**
 * JSON form of a {@link Histogram}:
 * <pre>{@code
 * {"binning": {"bins": 3, "lo": 0.0, "hi": 3.0},        (or {"edges": [...]})
 *  "contents": [1.0, 2.0, 0.5], "sumw2": [1.0, 2.0, 0.25],
 *  "underflow": 0.0, "underflow_sumw2": 0.0, "overflow": 1.0, "overflow_sumw2": 1.0}
 * }</pre>
 * On reading, {@code sumw2} may be omitted (then Poisson errors, {@code sumw2 = contents}) and the
 * flows default to 0; unknown keys are rejected. Doubles are written in Java's shortest exact form,
 * so a write/read round trip reproduces the histogram exactly.
 */
public final class HistogramJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private HistogramJson() {
    }

    /**
     * The serialised form of a histogram; a Jackson-ready record that can be embedded in larger
     * documents (e.g. a map from sample name to histogram).
     *
     * @param binning the axis
     * @param contents sum of weights per bin
     * @param sumw2 sum of squared weights per bin (null on input: Poisson, equal to contents)
     * @param underflow sum of weights below the axis (null on input: 0)
     * @param underflowSumw2 sum of squared weights below the axis (null on input: 0)
     * @param overflow sum of weights above the axis (null on input: 0)
     * @param overflowSumw2 sum of squared weights above the axis (null on input: 0)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonPropertyOrder({"binning", "contents", "sumw2", "underflow", "underflow_sumw2", "overflow", "overflow_sumw2"})
    public record HistogramDto(
            @JsonProperty("binning") BinningSpec binning,
            @JsonProperty("contents") double[] contents,
            @JsonProperty("sumw2") double[] sumw2,
            @JsonProperty("underflow") Double underflow,
            @JsonProperty("underflow_sumw2") Double underflowSumw2,
            @JsonProperty("overflow") Double overflow,
            @JsonProperty("overflow_sumw2") Double overflowSumw2) {
    }

    /**
     * @param h a histogram
     * @return its serialised form
     */
    public static HistogramDto toDto(Histogram h) {
        return new HistogramDto(BinningSpec.of(h.binning()), h.contents(), h.sumw2(), h.underflow(),
                h.underflowSumw2(), h.overflow(), h.overflowSumw2());
    }

    /**
     * @param dto the serialised form
     * @param where what is being read, for error messages (file name and path in the document)
     * @return the histogram
     * @throws InvalidInputException if a required part is missing or a value is invalid
     */
    public static Histogram fromDto(HistogramDto dto, String where) {
        if (dto.binning() == null) {
            throw new InvalidInputException(where + ": missing 'binning'");
        }
        if (dto.contents() == null) {
            throw new InvalidInputException(where + ": missing 'contents'");
        }
        Binning b = dto.binning().toBinning(where + ": binning");
        double[] w2 = dto.sumw2() != null ? dto.sumw2() : dto.contents();
        try {
            return Histogram.of(b, dto.contents(), w2, orZero(dto.underflow()), orZero(dto.underflowSumw2()),
                    orZero(dto.overflow()), orZero(dto.overflowSumw2()));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage(), e);
        }
    }

    private static double orZero(Double d) {
        return d == null ? 0.0 : d;
    }

    /**
     * @param h a histogram
     * @return its JSON text (indented)
     */
    public static String toJson(Histogram h) {
        try {
            return MAPPER.writeValueAsString(toDto(h));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise histogram", e);
        }
    }

    /**
     * @param json JSON text of one histogram
     * @param where what is being read, for error messages
     * @return the histogram
     * @throws InvalidInputException if the text is not a valid histogram
     */
    public static Histogram fromJson(String json, String where) {
        try {
            return fromDto(MAPPER.readValue(json, HistogramDto.class), where);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(where + ": unknown key '" + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds() + ")", e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where + ": not a valid histogram: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads the {@code "histograms"} object of a histogram-set document, as written by
     * {@code recoil histogram}: {@code {"histograms": {"name": {histogram}, ...}, ...}}. Other
     * top-level keys (metadata such as the cut flow) are not read.
     *
     * @param file the JSON file
     * @return name to histogram, in file order
     * @throws InvalidInputException if the file cannot be read or a histogram is invalid (the
     *     message names the file and the histogram)
     */
    public static Map<String, Histogram> readSet(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read histograms: " + e.getMessage(), e);
        }
        JsonNode hs = root == null ? null : root.get("histograms");
        if (hs == null || !hs.isObject()) {
            throw new InvalidInputException(file + ": no 'histograms' object");
        }
        Map<String, Histogram> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = hs.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = file + ": histograms." + e.getKey();
            try {
                out.put(e.getKey(), fromDto(MAPPER.treeToValue(e.getValue(), HistogramDto.class), where));
            } catch (UnrecognizedPropertyException ex) {
                throw new InvalidInputException(where + ": unknown key '" + ex.getPropertyName() + "'", ex);
            } catch (JsonProcessingException ex) {
                throw new InvalidInputException(where + ": not a valid histogram: " + ex.getOriginalMessage(), ex);
            }
        }
        return out;
    }

    /**
     * @param file a JSON file holding one histogram
     * @return the histogram
     * @throws InvalidInputException if the file cannot be read or is not a valid histogram
     */
    public static Histogram read(Path file) {
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
