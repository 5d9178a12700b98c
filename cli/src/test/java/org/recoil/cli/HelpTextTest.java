package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.cli.testing.HelpTexts;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code recoil --help} and every subcommand's {@code --help}: no picocli warning, whole-sentence summaries. */
class HelpTextTest {

    @Test
    void everyCommandsHelpIsClean() {
        CommandLine cl = RecoilCli.commandLine();
        List<String> names = HelpTexts.commandNames(cl);
        assertTrue(names.containsAll(List.of("recoil", "recoil scan", "recoil demo", "recoil workspace prune")), names::toString);
        assertEquals(List.of(), HelpTexts.problems(RecoilCli::commandLine));
    }

    /** The checker itself finds what it is meant to find (the help of issue 21 before the fix). */
    @Test
    void theCheckerFindsAnUnescapedPercentAndACutSummary() {
        List<String> problems = HelpTexts.problems(() -> new CommandLine(new Broken()));
        assertEquals(4, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("picocli printed: [picocli WARN] Could not format"), problems.get(0));
        assertTrue(problems.get(1).contains("not a complete sentence"), problems.get(1));
        assertTrue(problems.get(2).contains("unescaped '%'"), problems.get(2));
        assertTrue(problems.get(3).contains("broken by hand"), problems.get(3));
        assertFalse(HelpTexts.problems(() -> new CommandLine(new Fine())).iterator().hasNext());
    }

    @Command(name = "broken", description = {"Limits at 90% CL per Z' mass;"})
    static final class Broken implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "fine", description = {"Limits at 90%% CL per Z' mass.", "  fine --example"})
    static final class Fine implements Runnable {
        @Override
        public void run() {
        }
    }
}
