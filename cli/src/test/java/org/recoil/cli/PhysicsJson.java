package org.recoil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers for the physics commands: physics.json and running the CLI in-process. */
final class PhysicsJson {

    private PhysicsJson() {
    }

    /** Result of one CLI run: exit code, stdout, stderr. */
    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not one JSON document: " + out, e);
            }
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = RecoilCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** @return the parsed ../shared/reference/physics.json */
    static JsonNode physics() {
        try {
            return new ObjectMapper().readTree(referenceDir().resolve("physics.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path referenceDir() {
        String root = System.getProperty("recoil.root");
        if (root != null) {
            Path p = Path.of(root).resolve("../shared/reference").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("../shared/reference").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find ../shared/reference from recoil.root or user.dir");
    }
}
