package org.recoil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** An Error escaping a command becomes one line and an exit code, never a stack trace. */
class ErrorGuardTest {

    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void errorsEscapePicocliSoMainCatchesThem() {
        CommandLine cl = new CommandLine(new Boom());
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThrows(OutOfMemoryError.class, cl::execute);
    }

    @Test
    void outOfMemoryIsOneLineWithExitThree() {
        StringWriter err = new StringWriter();
        int code = RecoilCli.reportError(new OutOfMemoryError("Java heap space"), new PrintWriter(err, true));
        assertEquals(RecoilCli.EXIT_COMPUTATION, code);
        String text = err.toString().trim();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("recoil: could not compute: out of memory (Java heap space)") && text.contains("MB"),
                text);
    }

    @Test
    void otherErrorsAreInternalErrorsWithExitOne() {
        StringWriter err = new StringWriter();
        int code = RecoilCli.reportError(new StackOverflowError(), new PrintWriter(err, true));
        assertEquals(RecoilCli.EXIT_INTERNAL, code);
        assertEquals(1, err.toString().trim().lines().count());
        assertTrue(err.toString().contains("internal error: java.lang.StackOverflowError"), err.toString());
    }
}
