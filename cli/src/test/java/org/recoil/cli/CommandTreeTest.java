package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Fast start: a run builds only the command it names; help and usage errors see every command. */
class CommandTreeTest {

    private static final List<String> ALL = List.of("help", "g2", "widths", "fit", "workspace", "xsec", "histogram",
            "demo", "scan", "project", "hypotest", "limit", "significance", "diagnostics", "nll-scan", "events");

    @Test
    void aRunBuildsOnlyItsCommand() {
        assertEquals(List.of("hypotest"), List.copyOf(RecoilCli.commandLine(new String[] {"hypotest", "ws.json"})
                .getSubcommands().keySet()));
        assertEquals(List.of("workspace"), List.copyOf(RecoilCli.commandLine(new String[] {"workspace", "digest"})
                .getSubcommands().keySet()));
        assertEquals(ALL, List.copyOf(RecoilCli.commandLine().getSubcommands().keySet()));
        assertEquals(ALL, List.copyOf(RecoilCli.commandLine(new String[] {"help", "fit"}).getSubcommands().keySet()));
        assertEquals(ALL, List.copyOf(RecoilCli.commandLine(new String[] {"fitt"}).getSubcommands().keySet()));
        assertEquals(ALL, List.copyOf(RecoilCli.commandLine(new String[] {}).getSubcommands().keySet()));
    }

    private static FitCommandTest.Run run(String... args) {
        CommandLine cl = RecoilCli.commandLine(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new FitCommandTest.Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void theLazyTreeBehavesAsTheWholeTree() {
        FitCommandTest.Run unknown = run("fitt");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("Unmatched argument at index 0: 'fitt'"), unknown.err());
        FitCommandTest.Run help = run("help", "hypotest");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("--all-points"), help.out());
        FitCommandTest.Run verbose = run("fit", "/nonexistent.json", "--verbose");
        assertEquals(2, verbose.exit());
        assertTrue(verbose.err().contains("InvalidWorkspaceException"), "--verbose is inherited: " + verbose.err());
        FitCommandTest.Run usage = run();
        assertEquals(0, usage.exit());
        assertTrue(usage.out().contains("hypotest") && usage.out().contains("workspace"), usage.out());
    }
}
