package io.manticore.protocol.nfs4.internal.state;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.manticore.protocol.nfs4.internal.Connection;
import io.manticore.protocol.nfs4.internal.xdr.OpResult;

/**
 * A client record (RFC 7530 9.1.1, RFC 8881 2.4): what the client said it is, the id the server
 * gave it, whether it is confirmed, its lease, and the state it holds. Mutated only by
 * {@link StateManager} under its lock.
 */
public final class NfsClient {

    private final long id;
    private final byte[] owner;
    private final long verifier;
    private final String principal;
    private final int minorVersion;
    boolean confirmed;
    long confirmVerifier;
    long renewedNanos;
    volatile InetAddress address;
    volatile String auth;
    final LongAdder calls = new LongAdder();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** NFSv4.0 SETCLIENTID's callback address (netid, universal address), kept for CLID_INUSE. */
    String callbackNetid = "tcp";
    String callbackAddress = "";
    /** NFSv4.1 CREATE_SESSION: the sequence id the next new one carries, and the last one's result. */
    int createSessionSeq = 1;
    OpResult lastCreateSession;
    boolean reclaimComplete;
    final List<Session> sessions = new ArrayList<>();
    final Map<OwnerKey, OpenOwner> owners = new HashMap<>();
    final Map<OwnerKey, LockOwnerState> lockOwners = new HashMap<>();
    final Map<Integer, HeldState> states = new HashMap<>();
    int nextIndex = 1;

    NfsClient(long id, byte[] owner, long verifier, String principal, int minorVersion, long nowNanos) {
        this.id = id;
        this.owner = owner.clone();
        this.verifier = verifier;
        this.principal = principal;
        this.minorVersion = minorVersion;
        this.renewedNanos = nowNanos;
    }

    public long id() {
        return id;
    }

    /** The client id as the lease manager's owners name their client. */
    public String key() {
        return Long.toHexString(id);
    }

    byte[] owner() {
        return owner;
    }

    OwnerKey ownerKey() {
        return new OwnerKey(owner);
    }

    public long verifier() {
        return verifier;
    }

    public String principal() {
        return principal;
    }

    public int minorVersion() {
        return minorVersion;
    }

    public boolean confirmed() {
        return confirmed;
    }

    /** The address of its latest call. */
    public InetAddress address() {
        return address;
    }

    /** The credential flavour of its latest call ("sys", "none"). */
    public String auth() {
        return auth;
    }

    public long calls() {
        return calls.sum();
    }

    /** Counts one COMPOUND made over {@code connection} with {@code flavor}. */
    public void called(Connection connection, String flavor) {
        calls.increment();
        address = connection.peer();
        auth = flavor;
        if (connections.add(connection)) {
            connections.removeIf(c -> !c.isOpen());
        }
    }

    /** Its connections that made calls and are open now. */
    public int connections() {
        return (int) connections.stream().filter(Connection::isOpen).count();
    }

    /** The client's owner string as the shell shows it: printable ASCII as is, hex otherwise. */
    public String ownerText() {
        for (byte b : owner) {
            if (b < 0x20 || b > 0x7e) {
                return HexFormat.of().formatHex(owner);
            }
        }
        return new String(owner, StandardCharsets.US_ASCII);
    }

    boolean holdsState() {
        return !states.isEmpty() || !sessions.isEmpty();
    }
}
