package io.manticore.protocol.smb.internal.session;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.crypto.digests.MD4Digest;

import io.manticore.api.config.UserConfig;
import io.manticore.api.cred.Cred;
import io.manticore.protocol.smb.internal.SmbOptions;
import io.manticore.protocol.smb.internal.SmbServer;
import io.manticore.protocol.smb.internal.auth.UserDirectory;

/** The configured users as NTLM sees them (NT hashes, MS-NLMP 3.3.1) and as the VFS sees them (a Cred). */
public final class ConfigUsers implements UserDirectory {

    private final SmbServer server;

    public ConfigUsers(SmbServer server) {
        this.server = server;
    }

    @Override
    public Optional<byte[]> ntHash(String user) {
        UserConfig found = find(user);
        if (found == null) {
            return Optional.empty();
        }
        if (found.ntHash() != null && !found.ntHash().isEmpty()) {
            return Optional.of(HexFormat.of().parseHex(found.ntHash()));
        }
        if (found.password() == null) {
            return Optional.empty();
        }
        return Optional.of(ntowf(found.password()));
    }

    @Override
    public boolean guestAllowed() {
        SmbOptions options = server.options();
        return options.guest() && find(options.guestUser()) != null;
    }

    /** The identity requests of {@code user} run as; null when the user is not configured. */
    public Cred cred(String user) {
        UserConfig found = find(user);
        if (found == null) {
            return null;
        }
        int[] groups = found.groups().stream().mapToInt(Integer::intValue).toArray();
        return new Cred(found.uid(), found.gid(), groups);
    }

    /** The identity of guest and anonymous sessions. */
    public Cred guestCred() {
        return cred(server.options().guestUser());
    }

    /** NT one-way function: MD4 of the UTF-16LE password (MS-NLMP 3.3.1). */
    public static byte[] ntowf(String password) {
        byte[] utf16 = password.getBytes(StandardCharsets.UTF_16LE);
        MD4Digest md4 = new MD4Digest();
        md4.update(utf16, 0, utf16.length);
        byte[] out = new byte[16];
        md4.doFinal(out, 0);
        return out;
    }

    /** User names match ignoring case, as Windows account names do. */
    private UserConfig find(String user) {
        if (user == null) {
            return null;
        }
        String wanted = user.toLowerCase(Locale.ROOT);
        for (UserConfig u : server.config().current().users()) {
            if (u.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return u;
            }
        }
        return null;
    }
}
