package io.manticore.protocol.smb.internal.rpc;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/** NDR (C706 chapter 14) little-endian encoding of the few shapes srvsvc and wkssvc answers need. */
final class NdrWriter {

    private final ByteBuf out;
    private int nextReferent = 0x00020000;

    NdrWriter(ByteBuf out) {
        this.out = out;
    }

    NdrWriter u32(long value) {
        align(4);
        out.writeIntLE((int) value);
        return this;
    }

    /** A non-null unique or full pointer's referent id. */
    NdrWriter pointer() {
        u32(nextReferent);
        nextReferent += 4;
        return this;
    }

    NdrWriter nullPointer() {
        return u32(0);
    }

    /** A conformant varying string of UTF-16 code units with its terminating NUL. */
    NdrWriter string(String value) {
        byte[] chars = (value + "\0").getBytes(StandardCharsets.UTF_16LE);
        int count = chars.length / 2;
        u32(count);
        u32(0);
        u32(count);
        out.writeBytes(chars);
        align(4);
        return this;
    }

    private void align(int to) {
        int pad = -out.writerIndex() & (to - 1);
        out.writeZero(pad);
    }
}
