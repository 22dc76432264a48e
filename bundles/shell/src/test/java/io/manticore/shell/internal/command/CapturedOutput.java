package io.manticore.shell.internal.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.rules.ExternalResource;

/** Points System.out at a buffer during a test, as Gogo points it at a session's output. */
final class CapturedOutput extends ExternalResource {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private PrintStream original;

    @Override
    protected void before() {
        original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    @Override
    protected void after() {
        System.setOut(original);
    }

    String text() {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
