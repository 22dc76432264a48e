package io.manticore.protocol.nfs4.internal.state;

import java.util.Arrays;

/** Opaque bytes as a map key (a client owner, an open-owner, a session id). */
record OwnerKey(byte[] bytes) {

    OwnerKey {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OwnerKey k && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
