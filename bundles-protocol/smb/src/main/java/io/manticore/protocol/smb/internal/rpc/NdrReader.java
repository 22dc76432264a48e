package io.manticore.protocol.smb.internal.rpc;

import java.nio.charset.StandardCharsets;

import io.manticore.protocol.smb.internal.wire.SmbDecodeException;
import io.netty.buffer.ByteBuf;

/** Reads NDR stub data, checking every count against what is left. */
final class NdrReader {

    private static final int MAX_STRING = 1024;

    private final ByteBuf in;
    private final int start;

    NdrReader(ByteBuf in) {
        this.in = in;
        this.start = in.readerIndex();
    }

    long u32() {
        align(4);
        if (in.readableBytes() < 4) {
            throw new SmbDecodeException("NDR stub truncated");
        }
        return in.readUnsignedIntLE();
    }

    /** A [unique] string pointer: null when the referent id is 0. */
    String uniqueString() {
        return u32() == 0 ? null : string();
    }

    /** A conformant varying string (its NUL dropped). */
    String string() {
        u32();
        u32();
        long count = u32();
        if (count > MAX_STRING || in.readableBytes() < 2 * count) {
            throw new SmbDecodeException("NDR string of " + count + " characters");
        }
        String value = in.readCharSequence((int) (2 * count), StandardCharsets.UTF_16LE).toString();
        return value.endsWith("\0") ? value.substring(0, value.length() - 1) : value;
    }

    private void align(int to) {
        int pad = -(in.readerIndex() - start) & (to - 1);
        in.skipBytes(Math.min(pad, in.readableBytes()));
    }
}
