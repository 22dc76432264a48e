package io.manticore.protocol.oncrpc.internal;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reassembles RPC records from TCP record marking (RFC 5531 11): each fragment is a 4-byte
 * header (last-fragment bit, 31-bit length) and its bytes. Emits each whole record as one
 * buffer that the next handler owns. A fragment or record larger than the limit closes the
 * connection.
 */
public final class RpcRecordDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(RpcRecordDecoder.class);
    private static final RateLimitedLog TOO_LARGE = new RateLimitedLog(LOG);
    private static final RateLimitedLog TOO_MANY_FRAGMENTS = new RateLimitedLog(LOG);
    private static final int LAST_FRAGMENT = 0x8000_0000;
    private static final int MARK_SIZE = 4;
    /** Clients split records in a handful of fragments; thousands mean abuse. */
    static final int MAX_FRAGMENTS = 1024;

    private final int maxRecordSize;
    private CompositeByteBuf partial;
    private boolean discarding;

    public RpcRecordDecoder(int maxRecordSize) {
        if (maxRecordSize <= 0) {
            throw new IllegalArgumentException("maxRecordSize " + maxRecordSize);
        }
        this.maxRecordSize = maxRecordSize;
        // A 1 MiB WRITE arrives in many reads: composing them avoids copying the data while it gathers.
        setCumulator(COMPOSITE_CUMULATOR);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!discarding && in.readableBytes() >= MARK_SIZE) {
            int mark = in.getInt(in.readerIndex());
            int length = mark & ~LAST_FRAGMENT;
            long recordSize = (long) length + (partial == null ? 0 : partial.readableBytes());
            if (recordSize > maxRecordSize) {
                tooLarge(ctx, recordSize);
                break;
            }
            if (in.readableBytes() - MARK_SIZE < length) {
                return;
            }
            in.skipBytes(MARK_SIZE);
            if (length == 0 && (mark & LAST_FRAGMENT) == 0) {
                continue; // an empty middle fragment adds nothing; keeping it would let a client grow the record's parts for free
            }
            if (partial != null && partial.numComponents() >= MAX_FRAGMENTS) {
                tooManyFragments(ctx);
                break;
            }
            ByteBuf fragment = in.readRetainedSlice(length);
            if ((mark & LAST_FRAGMENT) == 0) {
                if (partial == null) {
                    partial = ctx.alloc().compositeBuffer(MAX_FRAGMENTS);
                }
                partial.addComponent(true, fragment);
            } else if (partial == null) {
                out.add(fragment);
            } else {
                partial.addComponent(true, fragment);
                out.add(partial);
                partial = null;
            }
        }
        if (discarding) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void tooLarge(ChannelHandlerContext ctx, long recordSize) {
        TOO_LARGE.warn("Closing {}: RPC record of at least {} bytes exceeds the limit of {}",
                ctx.channel().remoteAddress(), recordSize, maxRecordSize);
        discarding = true;
        releasePartial();
        ctx.close();
    }

    private void tooManyFragments(ChannelHandlerContext ctx) {
        TOO_MANY_FRAGMENTS.warn("Closing {}: RPC record split in more than {} fragments", ctx.channel().remoteAddress(), MAX_FRAGMENTS);
        discarding = true;
        releasePartial();
        ctx.close();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releasePartial();
    }

    private void releasePartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }
}
