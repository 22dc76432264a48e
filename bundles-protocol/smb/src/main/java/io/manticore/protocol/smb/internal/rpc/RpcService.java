package io.manticore.protocol.smb.internal.rpc;

import io.netty.buffer.ByteBuf;

/** A DCE/RPC interface behind a named pipe: its syntax id and the operations it answers. */
interface RpcService {

    /** The interface UUID in its wire (little-endian fields) form. */
    byte[] uuid();

    int majorVersion();

    /** Writes the response stub of {@code opnum}; false when the operation is not served (a fault). */
    boolean call(int opnum, ByteBuf request, ByteBuf response);
}
