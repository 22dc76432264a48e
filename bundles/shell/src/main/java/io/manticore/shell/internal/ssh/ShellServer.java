package io.manticore.shell.internal.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import java.util.function.Supplier;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.config.ShellConfig;
import io.manticore.api.config.UserConfig;

/**
 * The SSH shell: Apache MINA SSHD serving exec and shell channels to a {@link CommandRunner},
 * with its host key, the local administrator's key and the bound port under {@code var/ssh}.
 * {@link #apply} starts, restarts or stops it as the settings say; a bind failure is logged in
 * one line and leaves it stopped.
 */
final class ShellServer implements AutoCloseable {

    static final String HOST_KEY_FILE = "host_key";

    private static final Logger LOG = LoggerFactory.getLogger(ShellServer.class);

    private final Path sshDirectory;
    private final CommandRunner runner;
    private final Supplier<List<UserConfig>> users;
    private ShellConfig applied;
    private SshServer server;
    private int boundPort = -1;
    private boolean closed;

    /**
     * @param varDirectory the server's {@code var/}; the shell keeps its files in {@code var/ssh}
     * @param runner       runs the command lines
     * @param users        the configured users in force, read at each password login
     */
    ShellServer(Path varDirectory, CommandRunner runner, Supplier<List<UserConfig>> users) {
        this.sshDirectory = varDirectory.resolve("ssh");
        this.runner = runner;
        this.users = users;
    }

    /** Serves as {@code settings} say; does nothing when they did not change. */
    public synchronized void apply(ShellConfig settings) {
        if (closed || settings.equals(applied)) {
            return;
        }
        applied = settings;
        stopServer();
        if (settings.sshEnabled()) {
            // sshd finds its security providers through the context class loader; in OSGi that
            // must be sshd's own bundle, not the application class path.
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(SshServer.class.getClassLoader());
            try {
                startServer(settings);
            } finally {
                thread.setContextClassLoader(previous);
            }
        } else {
            LOG.info("SSH shell disabled");
        }
    }

    /** The port bound, or -1 when not listening. */
    public synchronized int boundPort() {
        return boundPort;
    }

    /** Stops listening and drops every session at once. */
    @Override
    public synchronized void close() {
        closed = true;
        stopServer();
    }

    private void startServer(ShellConfig settings) {
        String where = settings.sshAddress() + ":" + settings.sshPort();
        SshServer sshd = null;
        try {
            PrivateFiles.createDirectory(sshDirectory);
            KeyPair adminKey = AdminKey.loadOrCreate(sshDirectory);
            sshd = SshServer.setUpDefaultServer();
            sshd.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
            sshd.setHost(settings.sshAddress());
            sshd.setPort(settings.sshPort());
            sshd.setKeyPairProvider(hostKeys());
            sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
            sshd.setPublickeyAuthenticator(new AdminKeyAuthenticator(adminKey.getPublic()));
            sshd.setPasswordAuthenticator(new ShellUserAuthenticator(users));
            sshd.setCommandFactory((channel, command) -> new ExecCommand(command, runner));
            sshd.setShellFactory(channel -> new InteractiveShell(runner));
            sshd.start();
            server = sshd;
            boundPort = portOf(sshd);
            PortFile.write(sshDirectory, settings.sshAddress(), boundPort);
            LOG.info("SSH shell listening on {}:{}", settings.sshAddress(), boundPort);
        } catch (IOException | GeneralSecurityException | RuntimeException | LinkageError e) {
            LOG.error("SSH shell cannot start on {}: {}", where, e.toString());
            if (sshd != null) {
                stop(sshd);
            }
            server = null;
            boundPort = -1;
        }
    }

    private SimpleGeneratorHostKeyProvider hostKeys() {
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(sshDirectory.resolve(HOST_KEY_FILE));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(256);
        // Generates the key now, so it exists on disk from the first start (clients check it there).
        hostKeys.loadKeys(null);
        return hostKeys;
    }

    private void stopServer() {
        if (server == null) {
            return;
        }
        stop(server);
        server = null;
        boundPort = -1;
        try {
            PortFile.delete(sshDirectory);
        } catch (IOException e) {
            LOG.warn("SSH shell could not remove {}: {}", sshDirectory.resolve(PortFile.NAME), e.toString());
        }
        LOG.info("SSH shell stopped");
    }

    private static void stop(SshServer sshd) {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            LOG.warn("SSH shell did not stop cleanly: {}", e.toString());
        }
    }

    private static int portOf(SshServer sshd) {
        for (SocketAddress address : sshd.getBoundAddresses()) {
            if (address instanceof InetSocketAddress inet) {
                return inet.getPort();
            }
        }
        return sshd.getPort();
    }
}
