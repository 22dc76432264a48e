package io.manticore.protocol.nfs3.internal;

import io.manticore.protocol.oncrpc.internal.RpcCall;

/**
 * Who the calls of one channel come from: over TCP always the connection's one client, over UDP
 * each datagram's sender, since one datagram channel serves every client.
 */
@FunctionalInterface
public interface Callers {

    /** The client {@code call} came from. */
    Connection of(RpcCall call);
}
