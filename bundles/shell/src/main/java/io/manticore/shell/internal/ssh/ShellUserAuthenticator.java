package io.manticore.shell.internal.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Supplier;

import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.config.UserConfig;

/** Password login: configured users with {@code shellAdmin} and a password. */
final class ShellUserAuthenticator implements PasswordAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ShellUserAuthenticator.class);

    private final Supplier<List<UserConfig>> users;

    ShellUserAuthenticator(Supplier<List<UserConfig>> users) {
        this.users = users;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        for (UserConfig u : users.get()) {
            if (u.name().equals(username) && u.shellAdmin() && u.password() != null
                    && MessageDigest.isEqual(u.password().getBytes(StandardCharsets.UTF_8), given)) {
                return true;
            }
        }
        LOG.warn("SSH shell refused a password for user {} from {}", username, session.getClientAddress());
        return false;
    }
}
