package io.manticore.shell.internal.ssh;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class CommandLinesTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    public void aResultIsPrintedOnItsOwnLine() {
        int status = run("value");

        assertEquals(0, status);
        assertEquals("42\n", text(out));
        assertEquals("", text(err));
    }

    @Test
    public void aFailureIsTheFirstLineOfItsMessageOnErr() {
        int status = run("fail");

        assertEquals(1, status);
        assertEquals("", text(out));
        assertEquals("Error: it failed\n", text(err));
    }

    @Test
    public void anExceptionWithoutMessageIsNamedByItsType() {
        assertEquals("NullPointerException", CommandLines.oneLine(new NullPointerException()));
    }

    private int run(String line) {
        try (CommandRunner.Session session = new ScriptedRunner().open(null, outStream, errStream)) {
            return CommandLines.run(session, line, outStream, errStream);
        }
    }

    private static String text(ByteArrayOutputStream buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
