package io.manticore.shell.internal.ssh;

import java.io.InputStream;
import java.io.PrintStream;

/** Runs shell command lines: Gogo in the server, a stand-in in tests. */
interface CommandRunner {

    /**
     * Opens a session whose commands read {@code in} and print to {@code out} and {@code err}.
     *
     * @throws IllegalStateException when no interpreter is available
     */
    Session open(InputStream in, PrintStream out, PrintStream err);

    /** One interpreter session; variables live as long as it does. */
    interface Session extends AutoCloseable {

        /**
         * Runs {@code line}; returns the text to show for its result, or null when there is
         * none (no result, or the command printed it already).
         */
        CharSequence execute(String line) throws Exception;

        @Override
        void close();
    }
}
