package io.manticore.shell.internal.command;

import java.io.PrintStream;

/** Where commands print: the output of the Gogo session running them. */
final class SessionOutput {

    private SessionOutput() {
    }

    /** Writes text as is. */
    static void print(String text) {
        // Gogo's ThreadIO points System.out at the running session: how Gogo commands print (this bundle's only use of it).
        PrintStream out = System.out;
        out.print(text);
        out.flush();
    }

    /** Writes one line. */
    static void println(String line) {
        print(line + "\n");
    }
}
