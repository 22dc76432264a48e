package io.manticore.shell.internal.ssh;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.sshd.server.command.AbstractCommandSupport;

/**
 * An exec channel ({@code ssh admin@host 'nas:mounts'}): runs the line in a fresh session;
 * exit status 0, or 1 with "Error: ..." on stderr when the command failed.
 */
final class ExecCommand extends AbstractCommandSupport {

    private final CommandRunner runner;

    ExecCommand(String command, CommandRunner runner) {
        super(command, null);
        this.runner = runner;
    }

    @Override
    public void run() {
        PrintStream out = new PrintStream(getOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(getErrorStream(), true, StandardCharsets.UTF_8);
        int status;
        try (CommandRunner.Session session = runner.open(getInputStream(), out, err)) {
            status = CommandLines.run(session, getCommand(), out, err);
        } catch (RuntimeException e) {
            err.println("Error: " + CommandLines.oneLine(e));
            err.flush();
            status = CommandLines.FAILURE;
        }
        onExit(status);
    }
}
