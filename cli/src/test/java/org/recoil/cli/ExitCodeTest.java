package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import picocli.CommandLine;

/** The exit codes of DESIGN.md and the prefix of the one stderr line that goes with each. */
class ExitCodeTest {

    @CommandLine.Command(name = "fail")
    static final class Failing implements Callable<Integer> {
        @CommandLine.Parameters(index = "0")
        String kind;

        @Override
        public Integer call() {
            switch (kind) {
                case "input" -> throw new InvalidInputException("ws.json: channel 'sr': bin 2 is negative");
                case "compute" -> throw new ComputationException("M = 2.5 GeV: the upper-limit search did not converge");
                default -> throw new IllegalStateException("a bug");
            }
        }
    }

    private static String[] run(String kind) {
        StringWriter err = new StringWriter();
        CommandLine cl = RecoilCli.commandLine();
        cl.addSubcommand(new Failing());
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("fail", kind);
        return new String[] {Integer.toString(exit), err.toString().strip()};
    }

    @Test
    void eachExitCodeHasItsPrefix() {
        String[] input = run("input");
        assertEquals("2", input[0]);
        assertEquals("recoil: error: ws.json: channel 'sr': bin 2 is negative", input[1]);
        String[] compute = run("compute");
        assertEquals("3", compute[0]);
        assertEquals("recoil: could not compute: M = 2.5 GeV: the upper-limit search did not converge", compute[1]);
        String[] bug = run("bug");
        assertEquals("1", bug[0]);
        assertEquals("recoil: internal error: java.lang.IllegalStateException: a bug (run with --verbose for details)",
                bug[1]);
    }
}
