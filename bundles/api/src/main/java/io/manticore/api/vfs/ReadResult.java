package io.manticore.api.vfs;

import io.netty.buffer.ByteBuf;

/**
 * Data read from a file. The caller owns {@code data} and must release it, normally after
 * writing it to the socket.
 */
public record ReadResult(ByteBuf data, boolean eof, Attrs attrs) {
}
