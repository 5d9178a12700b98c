package org.recoil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/**
 * JSON output of the CLI's {@code --json} contract: one indented document on stdout and nothing else
 * there. Public so that the Spark module's commands print exactly as the plain CLI does.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** @return the shared, configured-once mapper (thread-safe for writing) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Prints {@code value} (a Map, record or tree) as one JSON document.
     *
     * @param out where to print (the command's stdout)
     * @param value what to print
     */
    public static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }
}
