package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.fitting.model.StaterrorBenchmarkWorkspace;

/**
 * Progress of fits, hypothesis tests and limits on stderr ({@link ProgressBar}, forced to draw at once with
 * {@link ProgressBar#SHOW_AFTER_PROPERTY}): stdout of {@code --json} is the same document with and without it.
 */
class ProgressOutputTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @AfterEach
    void restoreDelay() {
        System.clearProperty(ProgressBar.SHOW_AFTER_PROPERTY);
    }

    /** Runs the command with progress drawn at once. */
    private static FitCommandTest.Run forced(String... args) {
        System.setProperty(ProgressBar.SHOW_AFTER_PROPERTY, "0");
        try {
            return FitCommandTest.run(args);
        } finally {
            System.clearProperty(ProgressBar.SHOW_AFTER_PROPERTY);
        }
    }

    /** The 10 × 20 staterror model of the benchmark: 212 parameters. */
    private static String largeWorkspace(Path tmp) throws IOException {
        Path w = tmp.resolve("staterror_10x20.json");
        Files.writeString(w, StaterrorBenchmarkWorkspace.json(10, 20));
        return w.toString();
    }

    private static void assertSameJson(FitCommandTest.Run plain, FitCommandTest.Run progress) throws IOException {
        assertEquals(0, plain.exit(), plain.err());
        assertEquals(0, progress.exit(), progress.err());
        assertEquals(plain.out(), progress.out(), "stdout of --json does not depend on the progress line");
        JsonNode doc = MAPPER.readTree(progress.out());
        assertEquals(progress.out().trim(), doc.toPrettyString().trim().replace("\r", ""), "one JSON document");
        assertFalse(progress.out().contains("iteration"), progress.out());
    }

    @Test
    void fitShowsIterationsAndTwiceNll(@TempDir Path tmp) throws IOException {
        String ws = largeWorkspace(tmp);
        FitCommandTest.Run progress = forced("fit", ws, "--json");
        assertSameJson(FitCommandTest.run("fit", ws, "--json"), progress);
        assertTrue(progress.err().matches("(?s)\rfit: iteration 0, -2 ln L = [0-9.]+.*"), progress.err());
        assertTrue(progress.err().endsWith("\n"), "the line ends when the fit is done");
    }

    @Test
    void hypotestShowsTheFits(@TempDir Path tmp) throws IOException {
        String ws = largeWorkspace(tmp);
        FitCommandTest.Run progress = forced("hypotest", ws, "--mu", "1", "--json");
        assertSameJson(FitCommandTest.run("hypotest", ws, "--mu", "1", "--json"), progress);
        assertTrue(progress.err().contains("\rhypotest at mu=1.0, fit: iteration 0, -2 ln L = "), progress.err());
    }

    @Test
    void asymptoticLimitCountsHypothesisTests() throws IOException {
        String ws = HypotestCommandTest.ws("counting_shapesys");
        FitCommandTest.Run progress = forced("limit", ws, "--json");
        assertSameJson(FitCommandTest.run("limit", ws, "--json"), progress);
        int tests = MAPPER.readTree(progress.out()).get("scan").size();
        String err = progress.err();
        assertTrue(err.contains("\rlimit, fits of the data: iteration 0, -2 ln L = "), err);
        for (int k = 1; k <= tests; k++) {
            assertTrue(err.contains("\rhypothesis tests: " + k + " (mu="), "test " + k + " of " + tests + ": " + err);
        }
        assertFalse(err.contains("hypothesis tests: " + (tests + 1) + " "), err);
        assertTrue(err.endsWith("\n"), "the line ends when the limit is done");
    }

    @Test
    void toyLimitCountsHypothesisTests() throws IOException {
        String ws = HypotestCommandTest.ws("counting_shapesys");
        FitCommandTest.Run progress = forced("limit", ws, "--method", "toys", "--toys", "50", "--seed", "3", "--json");
        assertSameJson(FitCommandTest.run("limit", ws, "--method", "toys", "--toys", "50", "--seed", "3", "--json"),
                progress);
        assertTrue(progress.err().contains("\rhypothesis tests: 1 (mu="), progress.err());
        assertTrue(progress.err().contains(", toys ["), progress.err());
    }

    @Test
    void nothingForThePointsOfABatch(@TempDir Path tmp) throws IOException {
        String ws = HypotestCommandTest.ws("counting_shapesys");
        Path p1 = tmp.resolve("p1.json");
        Path p2 = tmp.resolve("p2.json");
        Files.writeString(p1, "[{\"op\": \"replace\", \"path\": \"/observations/0/data/0\", \"value\": 50}]");
        Files.writeString(p2, "[{\"op\": \"replace\", \"path\": \"/observations/0/data/0\", \"value\": 60}]");
        FitCommandTest.Run r = forced("limit", ws, "--patch", p1.toString(), "--patch", p2.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("hypothesis tests"), r.err());
        assertFalse(r.err().contains("iteration"), r.err());
    }
}
