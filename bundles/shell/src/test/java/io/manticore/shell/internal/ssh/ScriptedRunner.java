package io.manticore.shell.internal.ssh;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in interpreter: "echo WORDS" prints WORDS, "value" returns 42 for the caller to
 * show, "fail" throws, "quiet" prints and returns nothing. Records the lines it ran.
 */
final class ScriptedRunner implements CommandRunner {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> closed = new CopyOnWriteArrayList<>();

    @Override
    public Session open(InputStream in, PrintStream out, PrintStream err) {
        return new Session() {
            @Override
            public CharSequence execute(String line) {
                lines.add(line);
                if (line.startsWith("echo ")) {
                    out.println(line.substring(5));
                    return null;
                }
                return switch (line) {
                    case "value" -> "42";
                    case "quiet" -> null;
                    case "fail" -> throw new IllegalStateException("it failed\nsecond line");
                    default -> throw new IllegalArgumentException("Command not found: " + line);
                };
            }

            @Override
            public void close() {
                closed.add("session");
            }
        };
    }
}
