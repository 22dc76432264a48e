package io.manticore.protocol.smb.internal;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.manticore.api.config.ConfigService;
import io.manticore.api.lease.LeaseManager;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.smb.internal.session.FoldedNames;
import io.manticore.protocol.smb.internal.session.LeaseGrants;
import io.manticore.protocol.smb.internal.session.Session;
import io.manticore.protocol.smb.internal.wire.FileTime;

/** What every SMB connection shares: the VFS, the config, the lease manager, the server's identity and the sessions. */
public final class SmbServer {

    /** The most sessions the server holds: bounds what clients can grow. */
    public static final int MAX_SESSIONS = 65536;

    private final Vfs vfs;
    private final ConfigService config;
    private final LeaseManager leases;
    private final Supplier<SmbOptions> options;
    private final byte[] serverGuid = new byte[16];
    private final long startTime = FileTime.now();
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong nextSessionId;
    private final FoldedNames folded = new FoldedNames();
    private final LeaseGrants leaseGrants = new LeaseGrants();

    public SmbServer(Vfs vfs, ConfigService config, LeaseManager leases, Supplier<SmbOptions> options) {
        this.vfs = vfs;
        this.config = config;
        this.leases = leases;
        this.options = options;
        UUID guid = UUID.randomUUID();
        for (int i = 0; i < 8; i++) {
            serverGuid[i] = (byte) (guid.getMostSignificantBits() >>> (8 * i));
            serverGuid[8 + i] = (byte) (guid.getLeastSignificantBits() >>> (8 * i));
        }
        // Session ids start at a random point so ids of a previous run are not taken for live ones.
        nextSessionId = new AtomicLong((new SecureRandom().nextLong() & 0x0000_FFFF_FFFF_0000L) | 1);
    }

    public Vfs vfs() {
        return vfs;
    }

    /** The leases the clients hold, by lease key. */
    public LeaseGrants leaseGrants() {
        return leaseGrants;
    }

    /** The case-folded names of folders searched lately, for case-insensitive lookups. */
    public FoldedNames folded() {
        return folded;
    }

    public ConfigService config() {
        return config;
    }

    public LeaseManager leases() {
        return leases;
    }

    public SmbOptions options() {
        return options.get();
    }

    public byte[] serverGuid() {
        return serverGuid.clone();
    }

    /** The server's start as FILETIME. */
    public long startTime() {
        return startTime;
    }

    /** A new session in progress; null when the server holds {@value #MAX_SESSIONS} already. */
    public Session newSession() {
        if (sessions.size() >= MAX_SESSIONS) {
            return null;
        }
        Session session = new Session(nextSessionId.getAndIncrement());
        sessions.put(session.id(), session);
        return session;
    }

    public Session session(long id) {
        return sessions.get(id);
    }

    public void remove(Session session) {
        sessions.remove(session.id());
    }

    public Collection<Session> sessions() {
        return sessions.values();
    }
}
