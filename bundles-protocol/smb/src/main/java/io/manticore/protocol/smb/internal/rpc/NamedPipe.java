package io.manticore.protocol.smb.internal.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** A named pipe on IPC$: what the client writes is a request stream, what it reads the answers. */
public interface NamedPipe {

    /** Consumes the readable bytes of {@code data} (copied; the caller keeps ownership). */
    void write(ByteBuf data);

    /** Up to {@code max} bytes of the pending answers, possibly none; the caller owns the buffer. */
    ByteBuf read(ByteBufAllocator alloc, int max);

    /** Frees what the pipe holds; called once, when its open closes. */
    void close();
}
