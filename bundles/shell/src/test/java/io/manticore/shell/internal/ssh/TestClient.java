package io.manticore.shell.internal.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/** An SSH client for tests that uses only the credentials it is given (never ~/.ssh). */
final class TestClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What an exec channel produced. */
    record Outcome(String out, String err, Integer status) {
    }

    private final SshClient client = SshClient.setUpDefaultClient();

    TestClient() {
        client.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    /** Logs in as {@code user} with the key and/or password given (either may be null). */
    ClientSession login(int port, String user, KeyPair key, String password) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", port).verify(TIMEOUT).getSession();
        try {
            if (key != null) {
                session.addPublicKeyIdentity(key);
            }
            if (password != null) {
                session.addPasswordIdentity(password);
            }
            session.auth().verify(TIMEOUT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    static Outcome exec(ClientSession session, String command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ClientChannel channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(TIMEOUT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            return new Outcome(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    channel.getExitStatus());
        }
    }

    /**
     * Opens an interactive shell with a terminal and types each of {@code lines} (ending it in
     * a carriage return, as a terminal does) once the prompt for it is shown; then types
     * {@code last} and returns all the shell printed until it closed.
     */
    static Outcome shell(ClientSession session, String prompt, List<String> lines, String last)
            throws IOException, InterruptedException {
        Screen screen = new Screen();
        try (ClientChannel channel = session.createShellChannel()) {
            channel.setOut(screen);
            channel.setErr(screen);
            channel.open().verify(TIMEOUT);
            OutputStream keyboard = channel.getInvertedIn();
            for (int i = 0; i < lines.size(); i++) {
                screen.awaitCount(prompt, i + 1);
                keyboard.write((lines.get(i) + "\r").getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
            }
            screen.awaitCount(prompt, lines.size() + 1);
            keyboard.write(last.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            return new Outcome(screen.text(), "", channel.getExitStatus());
        }
    }

    /** What the shell printed so far; lets a test wait for a prompt. */
    private static final class Screen extends OutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized void awaitCount(String wanted, int count) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (occurrences(text(), wanted) < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + count + " x '" + wanted + "' in: " + text());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    static int occurrences(String text, String wanted) {
        int count = 0;
        for (int at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + wanted.length())) {
            count++;
        }
        return count;
    }

    @Override
    public void close() throws IOException {
        client.stop();
    }
}
