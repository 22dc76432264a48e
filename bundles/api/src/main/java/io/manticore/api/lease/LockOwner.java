package io.manticore.api.lease;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Who holds a lock: a protocol ({@code "nlm"}, {@code "nfs4"}, {@code "smb"}), a client of that
 * protocol (a host name or address, a client id) and an opaque owner id within that client
 * (for NLM the svid and the owner handle {@code oh}, encoded by the protocol as it likes).
 * Locks of one owner never conflict with each other. Immutable; equal when all three parts are.
 */
public final class LockOwner {

    private final String protocol;
    private final String clientId;
    private final byte[] id;
    private final int hash;

    private LockOwner(String protocol, String clientId, byte[] id) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.id = id;
        this.hash = 31 * (31 * protocol.hashCode() + clientId.hashCode()) + Arrays.hashCode(id);
    }

    /** The owner {@code id} (copied) of the client {@code clientId} of {@code protocol}. */
    public static LockOwner of(String protocol, String clientId, byte[] id) {
        return new LockOwner(protocol, clientId, id.clone());
    }

    public String protocol() {
        return protocol;
    }

    public String clientId() {
        return clientId;
    }

    /** The owner id within the client (a copy). */
    public byte[] id() {
        return id.clone();
    }

    /** True when this owner belongs to the client {@code clientId} of {@code protocol}. */
    public boolean belongsTo(String protocol, String clientId) {
        return this.protocol.equals(protocol) && this.clientId.equals(clientId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockOwner other && other.hash == hash && other.protocol.equals(protocol)
                && other.clientId.equals(clientId) && Arrays.equals(other.id, id);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** {@code protocol:clientId:hex(id)}. */
    @Override
    public String toString() {
        return protocol + ":" + clientId + ":" + HexFormat.of().formatHex(id);
    }
}
