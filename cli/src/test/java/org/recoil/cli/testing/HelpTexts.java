package org.recoil.cli.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks the help of a picocli command tree as a user reads it: {@code --help} of every command
 * prints no picocli warning, every description line is a string that picocli can format (a
 * {@code %} is written {@code %%}), and every command's one-line summary (its first description
 * line, which the parent's command list shows) is one complete sentence ending with a period.
 * Further description lines are complete sentences too, or indented examples, so that picocli
 * wraps whole paragraphs instead of lines broken by hand. Used by the cli and spark modules' tests.
 */
public final class HelpTexts {

    private HelpTexts() {
    }

    /**
     * Builds the command line and renders every command's usage help with picocli's warnings going
     * into a buffer, then checks the description strings.
     *
     * @param factory builds the command line, e.g. {@code RecoilCli::commandLine}
     * @return one line per problem, naming the command (empty: the help is clean)
     */
    public static List<String> problems(Supplier<CommandLine> factory) {
        List<String> problems = new ArrayList<>();
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        CommandLine root = withTracerInto(warnings, () -> {
            CommandLine cl = factory.get();
            renderAll(cl, new IdentityHashMap<>());
            return cl;
        });
        for (String line : warnings.toString(StandardCharsets.UTF_8).lines().toList()) {
            problems.add("picocli printed: " + line);
        }
        visit(root, problems, new IdentityHashMap<>());
        return problems;
    }

    /**
     * @param root the command line
     * @return the qualified names of every command in the tree, the root first
     */
    public static List<String> commandNames(CommandLine root) {
        List<String> names = new ArrayList<>();
        collect(root, names, new IdentityHashMap<>());
        return names;
    }

    private static void collect(CommandLine cl, List<String> names, Map<Object, Boolean> seen) {
        if (seen.put(cl.getCommandSpec(), true) != null) {
            return;
        }
        names.add(cl.getCommandSpec().qualifiedName());
        cl.getSubcommands().values().forEach(sub -> collect(sub, names, seen));
    }

    private static void visit(CommandLine cl, List<String> problems, Map<Object, Boolean> seen) {
        CommandSpec spec = cl.getCommandSpec();
        if (seen.put(spec, true) != null) {
            return;
        }
        String name = spec.qualifiedName();
        String[] description = spec.usageMessage().description();
        String[] header = spec.usageMessage().header();
        String summary = header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
        if (summary.isBlank()) {
            problems.add(name + ": no one-line summary (description)");
        } else if (!isSentence(summary)) {
            problems.add(name + ": the one-line summary is not a complete sentence ending with a period: '"
                    + summary + "'");
        }
        for (String line : description) {
            checkFormat(name + " description", line, problems);
            if (!line.startsWith(" ") && !line.replace("%n", "").isBlank() && !isSentence(line)) {
                problems.add(name + ": description line broken by hand (not a whole sentence or an indented"
                        + " example): '" + line + "'");
            }
        }
        for (ArgSpec arg : spec.args()) {
            String what = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
            for (String line : arg.description()) {
                checkFormat(name + " " + what, line, problems);
            }
        }
        cl.getSubcommands().values().forEach(sub -> visit(sub, problems, seen));
    }

    private static boolean isSentence(String line) {
        String s = line.replace("%n", " ").strip();
        return !s.isEmpty() && Character.isUpperCase(s.codePointAt(0)) && s.endsWith(".");
    }

    /** A description is a format string to picocli: {@code %%} and {@code %n} are the only escapes we use. */
    private static void checkFormat(String where, String line, List<String> problems) {
        if (line.replace("%%", "").replace("%n", "").contains("%")) {
            problems.add(where + ": unescaped '%' (write %%): '" + line + "'");
        }
    }

    private static void renderAll(CommandLine cl, Map<Object, Boolean> seen) {
        if (seen.put(cl.getCommandSpec(), true) == null) {
            cl.getUsageMessage();
            cl.getSubcommands().values().forEach(sub -> renderAll(sub, seen));
        }
    }

    /**
     * Runs the action with System.err writing into the buffer: picocli's tracer, which prints the
     * warnings, takes System.err afresh each time it is used (unless a program configured it).
     */
    private static <T> T withTracerInto(ByteArrayOutputStream buffer, Supplier<T> action) {
        PrintStream previous = System.err;
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return action.get();
        } finally {
            System.setErr(previous);
        }
    }
}
