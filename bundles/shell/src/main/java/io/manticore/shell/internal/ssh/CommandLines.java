package io.manticore.shell.internal.ssh;

import java.io.PrintStream;

/** Runs one command line as a console would: its result on out, a failure as one line on err. */
final class CommandLines {

    static final int SUCCESS = 0;
    static final int FAILURE = 1;

    private CommandLines() {
    }

    /** Runs {@code line} in {@code session}; returns the exit status. */
    static int run(CommandRunner.Session session, String line, PrintStream out, PrintStream err) {
        try {
            CharSequence text = session.execute(line);
            if (text != null && !text.isEmpty()) {
                out.println(text);
            }
            return SUCCESS;
        } catch (Exception e) {
            err.println("Error: " + oneLine(e));
            return FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The first line of the exception's message, or its type when it has none. */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElse(message);
    }
}
