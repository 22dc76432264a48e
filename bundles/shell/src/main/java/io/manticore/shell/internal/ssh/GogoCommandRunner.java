package io.manticore.shell.internal.ssh;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

import io.manticore.shell.internal.command.Printed;

/** Runs command lines in Gogo sessions, showing results as Gogo's own console does. */
final class GogoCommandRunner implements CommandRunner {

    private final Supplier<CommandProcessor> processor;

    GogoCommandRunner(Supplier<CommandProcessor> processor) {
        this.processor = processor;
    }

    @Override
    public Session open(InputStream in, PrintStream out, PrintStream err) {
        CommandProcessor p = processor.get();
        if (p == null) {
            throw new IllegalStateException("the Gogo command processor is not running");
        }
        CommandSession session = p.createSession(in, out, err);
        return new Session() {
            @Override
            public CharSequence execute(String line) throws Exception {
                Object result = session.execute(line);
                if (result == null || result instanceof Printed) {
                    return null;
                }
                return session.format(result, Converter.INSPECT);
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }
}
