package io.manticore.protocol.nfs4.internal.xdr;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * Builds a COMPOUND reply: XDR written into small buffers, with file data spliced in between
 * them without a copy. Not thread-safe; used by one compound at a time.
 */
public final class ReplyWriter {

    /** Components before Netty would consolidate (copy) them: room for many READs in one reply. */
    private static final int MAX_COMPONENTS = 64;
    private static final int CHUNK = 512;

    private final ByteBufAllocator alloc;
    private final CompositeByteBuf whole;
    private ByteBuf current;
    private XdrEncoder xdr;

    public ReplyWriter(ByteBufAllocator alloc) {
        this.alloc = alloc;
        this.whole = alloc.compositeBuffer(MAX_COMPONENTS);
        this.current = alloc.buffer(CHUNK);
        this.xdr = new XdrEncoder(current);
    }

    /** Where XDR goes now; ask again after {@link #opaque}, which starts a new buffer. */
    public XdrEncoder xdr() {
        return xdr;
    }

    /** opaque&lt;&gt; holding the readable bytes of {@code data}, added as a retained slice: {@code data}'s count is left as it was. */
    public void opaque(ByteBuf data) {
        int length = data.readableBytes();
        xdr.writeInt(length);
        whole.addComponent(true, current);
        whole.addComponent(true, data.retainedSlice());
        current = alloc.buffer(CHUNK);
        xdr = new XdrEncoder(current);
        current.writeZero(XdrDecoder.padding(length));
    }

    /** The bytes written so far. */
    public int size() {
        return whole.readableBytes() + current.readableBytes();
    }

    /** The whole reply; the caller owns it, and the writer cannot be used after. */
    public ByteBuf finish() {
        whole.addComponent(true, current);
        current = null;
        return whole;
    }

    /** Releases what was written, for a reply that will not be sent. */
    public void discard() {
        if (current != null) {
            current.release();
            current = null;
        }
        whole.release();
    }
}
