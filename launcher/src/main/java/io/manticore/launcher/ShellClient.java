package io.manticore.launcher;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * {@code ./manticore shell <command...>}: runs one shell command in the server running from
 * this home, over its SSH shell, as the local administrator (the key pair the server wrote to
 * {@code var/ssh/admin_key}). The server must present the host key of
 * {@code var/ssh/host_key}; any other key is refused. Prints nothing but the command's own
 * output (and one line on stderr when it cannot run it), and exits with the command's exit
 * status; 3 when the server is not running, 2 on a usage error, unreadable keys or a refused
 * login, 1 when the connection broke.
 *
 * <p>Usage: {@code ShellClient [--home <dir>] <command words...>} (default home: the working
 * directory).
 */
public final class ShellClient {

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_NOT_RUNNING = 3;

    private static final String USER = "admin";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A command may wait for mounts to drain (10 s each); past this the server is stuck. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private ShellClient() {
    }

    public static void main(String[] args) {
        quietLogging();
        Path home = Path.of("").toAbsolutePath();
        List<String> command = Arrays.asList(args);
        if (args.length >= 2 && args[0].equals("--home")) {
            home = Path.of(args[1]).toAbsolutePath().normalize();
            command = command.subList(2, args.length);
        }
        System.exit(run(home, command, System.out, System.err));
    }

    /** Runs {@code command} (words joined by spaces) in the server of {@code home}; returns the exit status. */
    public static int run(Path home, List<String> command, PrintStream out, PrintStream err) {
        if (command.isEmpty()) {
            err.println("usage: ShellClient [--home <dir>] <command words...>");
            return EXIT_USAGE;
        }
        Path ssh = home.resolve("var").resolve("ssh");
        Path portFile = ssh.resolve("port");
        if (!Files.isRegularFile(portFile)) {
            err.println("manticore is not running (no var/ssh/port)");
            return EXIT_NOT_RUNNING;
        }
        String host;
        int port;
        KeyPair adminKey;
        PublicKey hostKey;
        try {
            String[] where = Files.readString(portFile, StandardCharsets.US_ASCII).strip().split("\\s+");
            if (where.length != 2) {
                throw new IOException("expected \"host port\" in " + portFile);
            }
            host = where[0];
            port = Integer.parseInt(where[1]);
            adminKey = readKeyPair(ssh.resolve("admin_key"));
            hostKey = readKeyPair(ssh.resolve("host_key")).getPublic();
        } catch (IOException | GeneralSecurityException | NumberFormatException e) {
            err.println("manticore shell: " + e.getMessage());
            return EXIT_USAGE;
        }
        return execute(host, port, adminKey, hostKey, String.join(" ", command), out, err);
    }

    private static int execute(String host, int port, KeyPair adminKey, PublicKey hostKey, String command,
                               PrintStream out, PrintStream err) {
        AtomicBoolean strangeHost = new AtomicBoolean();
        SshClient client = SshClient.setUpDefaultClient();
        // Only what this home holds counts: no ~/.ssh/config, no ~/.ssh/id_* keys, no password prompts.
        client.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.setServerKeyVerifier((session, address, serverKey) -> {
            boolean known = KeyUtils.compareKeys(hostKey, serverKey);
            strangeHost.set(!known);
            return known;
        });
        client.start();
        String where = host + ":" + port;
        try (ClientSession session = client.connect(USER, host, port).verify(TIMEOUT).getSession()) {
            session.addPublicKeyIdentity(adminKey);
            try {
                session.auth().verify(TIMEOUT);
            } catch (IOException e) {
                err.println(strangeHost.get()
                        ? "manticore shell: the server at " + where + " does not hold the key of var/ssh/host_key"
                        : "manticore shell: login to " + where + " with var/ssh/admin_key failed: " + e.getMessage());
                return EXIT_USAGE;
            }
            return exec(session, command, out, err);
        } catch (IOException e) {
            if (refused(e)) {
                err.println("manticore is not running at " + where);
                return EXIT_NOT_RUNNING;
            }
            err.println("manticore shell: " + where + ": " + e.getMessage());
            return EXIT_FAILED;
        } finally {
            client.stop();
        }
    }

    private static int exec(ClientSession session, String command, PrintStream out, PrintStream err) throws IOException {
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(new KeptOpen(out));
            channel.setErr(new KeptOpen(err));
            channel.open().verify(TIMEOUT);
            // The command gets no input: end it at once so a command that reads does not wait.
            channel.getInvertedIn().close();
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), COMMAND_TIMEOUT.toMillis());
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                err.println("the command did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s: " + command);
                return EXIT_FAILED;
            }
            out.flush();
            err.flush();
            Integer status = channel.getExitStatus();
            return status == null ? EXIT_FAILED : status;
        }
    }

    private static KeyPair readKeyPair(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new GeneralSecurityException("no key in " + file);
            }
            return it.next();
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e, e);
        }
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Keeps SSHD's log lines off the terminal: the command's output is all this prints. */
    private static void quietLogging() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }

    /** Passes output on, but stays open when the channel closes its streams. */
    private static final class KeptOpen extends FilterOutputStream {

        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
