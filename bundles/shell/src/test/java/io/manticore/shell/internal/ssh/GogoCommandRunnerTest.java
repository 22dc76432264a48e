package io.manticore.shell.internal.ssh;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.manticore.shell.internal.command.MountsCommand;
import io.manticore.shell.internal.command.StatsReport;

public class GogoCommandRunnerTest {

    /** Commands in the shapes Gogo meets: printing, returning text, returning records already printed. */
    public static final class Sample {

        public void shout(String word) {
            System.out.println(word.toUpperCase());
        }

        public String greet(String name) {
            return "hello " + name;
        }

        public StatsReport report() {
            System.out.println("table");
            return new StatsReport(List.of(), List.of());
        }
    }

    private final ThreadIOImpl threadIo = new ThreadIOImpl();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    private CommandProcessorImpl processor;

    @Before
    public void startGogo() {
        threadIo.start();
        processor = new CommandProcessorImpl(threadIo);
        Sample sample = new Sample();
        processor.addCommand("test", sample, "shout");
        processor.addCommand("test", sample, "greet");
        processor.addCommand("test", sample, "report");
        processor.addCommand("nas", new MountsCommand(), "mounts");
    }

    @After
    public void stopGogo() {
        processor.stop();
        threadIo.stop();
    }

    @Test
    public void whatACommandPrintsReachesTheSessionsOutput() {
        assertEquals(0, run("test:shout quiet"));
        assertEquals("QUIET\n", text(out));
    }

    @Test
    public void aReturnedValueIsPrintedAsGogosConsoleWould() {
        assertEquals(0, run("test:greet world"));
        assertEquals("hello world\n", text(out));
    }

    @Test
    public void aResultTheCommandPrintedIsNotPrintedAgain() {
        assertEquals(0, run("test:report"));
        assertEquals("table\n", text(out));
    }

    @Test
    public void aCommandsExceptionBecomesOneErrorLine() {
        assertEquals(1, run("nas:mounts"));
        assertEquals("", text(out));
        assertEquals("Error: core is not running\n", text(err));
    }

    @Test
    public void anUnknownCommandIsAnError() {
        assertEquals(1, run("nas:nothing"));
        assertEquals("Error: Command not found: nas:nothing\n", text(err));
    }

    @Test
    public void withoutGogoOpeningASessionFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new GogoCommandRunner(() -> null).open(null, outStream, errStream));

        assertEquals("the Gogo command processor is not running", e.getMessage());
    }

    private int run(String line) {
        GogoCommandRunner runner = new GogoCommandRunner(() -> processor);
        try (CommandRunner.Session session = runner.open(new ByteArrayInputStream(new byte[0]), outStream, errStream)) {
            return CommandLines.run(session, line, outStream, errStream);
        }
    }

    private static String text(ByteArrayOutputStream buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
