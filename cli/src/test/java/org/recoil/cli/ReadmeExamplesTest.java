package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.recoil.core.testing.SharedReference;

/**
 * The README's command-line examples, run as written, print what the README shows.
 *
 * <p>Every {@code ```}-fenced block of {@code README.md} is read as a terminal session: a line
 * {@code $ ./recoil ARGS} is a command, the lines after it up to the next {@code $ } line or the end
 * of the block are its output: stdout, then the {@code recoil:} lines of stderr (errors and
 * warnings; progress bars, which appear only when a step takes over a second, are left out). {@code $ cd DIR}
 * changes the folder later commands run in (the project root at the start of each block), and a
 * command may end in {@code ; echo "exit=$?"}, which adds the line {@code exit=N}. Each command runs
 * in this JVM through {@link RecoilCli#commandLine()}: arguments naming an existing file are passed as
 * absolute paths and the folder is cut off again in the output, so the output is what the command
 * prints in that folder.
 *
 * <p>A shown line ending in {@value #VARIES} is one that legitimately differs from run to run
 * (timings, absolute paths): there every number and every absolute path may differ, the rest of
 * the line must match. Not run here: {@code ./recoil demo} (a minute on a loaded machine; its
 * output format is tested by {@link SearchCommandsTest}) and {@code ./recoil-spark} (the spark
 * module's own tests run its commands).
 */
class ReadmeExamplesTest {

    /** The marker at the end of a shown output line whose numbers and absolute paths may vary. */
    static final String VARIES = "# varies";

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.])/[^\\s]+");
    private static final String EXIT_ECHO = "; echo \"exit=$?\"";

    record Example(int line, Path folder, String command, List<String> shown) {
    }

    @Test
    void readmeExamplesPrintWhatTheReadmeShows() throws IOException {
        Path root = SharedReference.projectRoot();
        List<Example> examples = examples(root, Files.readAllLines(root.resolve("README.md")));
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (Example e : examples) {
            if (!e.command().startsWith("./recoil ") || e.command().startsWith("./recoil demo")) {
                continue;
            }
            run++;
            List<String> printed = run(root, e);
            String diff = compare(e.shown(), printed);
            if (diff != null) {
                failures.add("README.md line " + e.line() + ": $ " + e.command() + "\n" + diff
                        + "\n--- printed:\n" + String.join("\n", printed));
            }
        }
        assertTrue(run >= 8, "only " + run + " README examples found; the parser or the README changed");
        assertEquals("", String.join("\n\n", failures));
    }

    /** The README's Java example is the class of the examples module, imports and all. */
    @Test
    void readmeJavaExampleIsTheExamplesModulesClass() throws IOException {
        Path root = SharedReference.projectRoot();
        String readme = Files.readString(root.resolve("README.md"));
        int start = readme.indexOf("```java\n");
        assertTrue(start >= 0, "README has a ```java block");
        int end = readme.indexOf("```", start + 8);
        assertEquals(Files.readString(root.resolve("examples/src/main/java/org/recoil/examples/ApiExample.java")),
                readme.substring(start + 8, end));
    }

    /** The marker lets numbers and paths differ, nothing else; without it every character counts. */
    @Test
    void theVariesMarkerAllowsOnlyNumbersAndPathsToDiffer() {
        assertEquals(null, compare(List.of("  total (wall)  10.73 s   " + VARIES), List.of("  total (wall)  67.5 s")));
        assertEquals(null, compare(List.of("files written to /work/main/out " + VARIES),
                List.of("files written to /tmp/x/out")));
        assertTrue(compare(List.of("  total (wall)  10.73 s   " + VARIES), List.of("  total (cpu)  10.73 s")) != null);
        assertTrue(compare(List.of("  observed 1.34845"), List.of("  observed 1.34846")) != null);
        assertTrue(compare(List.of("a", "b"), List.of("a")) != null);
    }

    static List<Example> examples(Path root, List<String> readme) {
        List<Example> out = new ArrayList<>();
        boolean inBlock = false;
        Path folder = root;
        String command = null;
        int commandLine = 0;
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            String line = readme.get(i);
            if (line.startsWith("```")) {
                if (inBlock && command != null) {
                    out.add(new Example(commandLine, folder, command, List.copyOf(shown)));
                }
                inBlock = !inBlock;
                folder = root;
                command = null;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            if (line.startsWith("$ ")) {
                if (command != null) {
                    out.add(new Example(commandLine, folder, command, List.copyOf(shown)));
                }
                command = null;
                String c = line.substring(2).strip();
                if (c.startsWith("cd ")) {
                    folder = folder.resolve(c.substring(3).strip()).normalize();
                    continue;
                }
                command = c;
                commandLine = i + 1;
                shown.clear();
            } else if (command != null) {
                shown.add(line);
            }
        }
        return out;
    }

    private static List<String> run(Path root, Example e) {
        String command = e.command();
        boolean echoExit = command.endsWith(EXIT_ECHO);
        if (echoExit) {
            command = command.substring(0, command.length() - EXIT_ECHO.length()).strip();
        }
        List<String> words = words(command.substring("./recoil ".length()));
        String[] args = new String[words.size()];
        for (int i = 0; i < args.length; i++) {
            Path p = e.folder().resolve(words.get(i));
            args[i] = !words.get(i).startsWith("-") && Files.exists(p) ? p.toAbsolutePath().toString() : words.get(i);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = RecoilCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        String messages = err.toString().lines().map(l -> l.substring(Math.max(0, l.lastIndexOf('\r') + 1)))
                .filter(l -> l.startsWith("recoil:")).map(l -> l + "\n").reduce("", String::concat);
        String text = out + messages;
        text = text.replace(e.folder().toAbsolutePath() + "/", "").replace(root.toAbsolutePath() + "/", "");
        List<String> lines = new ArrayList<>(text.lines().map(String::stripTrailing).toList());
        if (echoExit) {
            lines.add("exit=" + exit);
        } else if (exit != 0) {
            lines.add("(exit code " + exit + ")");
        }
        return lines;
    }

    /** Splits a command line into words, honouring single and double quotes. */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || w.length() > 0) {
                    words.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
            }
        }
        if (any || w.length() > 0) {
            words.add(w.toString());
        }
        return words;
    }

    /** @return null when the printed lines are those shown, else what differs first */
    static String compare(List<String> shown, List<String> printed) {
        List<String> expected = new ArrayList<>(shown.stream().map(String::stripTrailing).toList());
        while (!expected.isEmpty() && expected.get(expected.size() - 1).isEmpty()) {
            expected.remove(expected.size() - 1);
        }
        for (int i = 0; i < Math.max(expected.size(), printed.size()); i++) {
            String want = i < expected.size() ? expected.get(i) : null;
            String got = i < printed.size() ? printed.get(i) : null;
            if (want == null || got == null || !matches(want, got)) {
                return "output line " + (i + 1) + ": README shows " + (want == null ? "nothing" : "'" + want + "'")
                        + ", the command printed " + (got == null ? "nothing" : "'" + got + "'");
            }
        }
        return null;
    }

    private static boolean matches(String shown, String printed) {
        if (!shown.endsWith(VARIES)) {
            return shown.equals(printed);
        }
        String text = shown.substring(0, shown.length() - VARIES.length()).stripTrailing();
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile(ABSOLUTE_PATH.pattern() + "|" + NUMBER.pattern()).matcher(text);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(text.substring(last, m.start())));
            regex.append(m.group().startsWith("/") ? "/\\S+" : "\\S+");
            last = m.end();
        }
        regex.append(Pattern.quote(text.substring(last)));
        String spaced = regex.toString().replaceAll(" +", " ");
        return printed.stripTrailing().replaceAll(" +", " ").matches(spaced);
    }
}
