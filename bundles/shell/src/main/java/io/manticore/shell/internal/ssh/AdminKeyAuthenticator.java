package io.manticore.shell.internal.ssh;

import java.security.PublicKey;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/** Public-key login: exactly the local administrator's key, as user {@value AdminKey#USER}. */
final class AdminKeyAuthenticator implements PublickeyAuthenticator {

    private final PublicKey adminKey;

    AdminKeyAuthenticator(PublicKey adminKey) {
        this.adminKey = adminKey;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        return AdminKey.USER.equals(username) && KeyUtils.compareKeys(adminKey, key);
    }
}
