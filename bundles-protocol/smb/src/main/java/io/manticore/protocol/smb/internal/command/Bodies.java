package io.manticore.protocol.smb.internal.command;

import io.manticore.protocol.smb.internal.conn.Exchange;
import io.netty.buffer.ByteBuf;

/** Response bodies that are only a StructureSize and reserved bytes. */
final class Bodies {

    private Bodies() {
    }

    /** A body of {@code structureSize} bytes: the size, then zeros (LOGOFF, ECHO, FLUSH, LOCK, SET_INFO). */
    static ByteBuf empty(Exchange exchange, int structureSize) {
        ByteBuf body = exchange.alloc().buffer(structureSize);
        body.writeShortLE(structureSize);
        body.writeZero(structureSize - 2);
        return body;
    }
}
