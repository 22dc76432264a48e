package io.manticore.shell.internal.ssh;

import java.io.IOError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shell channel ({@code ssh admin@host}): reads lines with JLine over a terminal built on
 * the channel's streams and runs each in one session, until "exit", "logout" or end of input.
 */
final class InteractiveShell extends AbstractCommandSupport {

    static final String PROMPT = "manticore> ";

    private static final Logger LOG = LoggerFactory.getLogger(InteractiveShell.class);

    private final CommandRunner runner;

    InteractiveShell(CommandRunner runner) {
        super(null, null);
        this.runner = runner;
    }

    @Override
    public void run() {
        int status;
        try (Terminal terminal = openTerminal()) {
            status = readEvalPrint(terminal);
        } catch (IOException | RuntimeException e) {
            LOG.warn("SSH shell session from {} failed: {}", getServerSession().getClientAddress(), e.toString());
            status = CommandLines.FAILURE;
        }
        onExit(status);
    }

    private int readEvalPrint(Terminal terminal) {
        PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("manticore").build();
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
        CommandRunner.Session session;
        try {
            session = runner.open(terminal.input(), out, out);
        } catch (RuntimeException e) {
            out.println("Error: " + CommandLines.oneLine(e));
            return CommandLines.FAILURE;
        }
        try (session) {
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT).strip();
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return CommandLines.SUCCESS;
                } catch (IOError e) {
                    // JLine's way of saying the channel went away while it waited for a key.
                    return CommandLines.FAILURE;
                }
                if (line.equals("exit") || line.equals("logout")) {
                    return CommandLines.SUCCESS;
                }
                if (!line.isEmpty()) {
                    CommandLines.run(session, line, out, out);
                }
            }
        }
    }

    private Terminal openTerminal() throws IOException {
        Environment env = getEnvironment();
        String type = env.getEnv().getOrDefault(Environment.ENV_TERM, "dumb");
        // Not TerminalBuilder: its provider lookup goes through the context class loader, which is wrong in OSGi.
        Terminal terminal = new ExternalTerminal("manticore", type, getInputStream(), getOutputStream(), StandardCharsets.UTF_8);
        terminal.setSize(size(env.getEnv()));
        env.addSignalListener((channel, signal) -> {
            terminal.setSize(size(env.getEnv()));
            terminal.raise(Terminal.Signal.WINCH);
        }, Signal.WINCH);
        return terminal;
    }

    private static Size size(Map<String, String> env) {
        return new Size(number(env.get(Environment.ENV_COLUMNS), 80), number(env.get(Environment.ENV_LINES), 24));
    }

    private static int number(String value, int otherwise) {
        try {
            int n = value == null ? 0 : Integer.parseInt(value.strip());
            return n > 0 ? n : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
