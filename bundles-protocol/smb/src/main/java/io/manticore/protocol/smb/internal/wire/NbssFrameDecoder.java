package io.manticore.protocol.smb.internal.wire;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Splits the direct-TCP stream into SMB messages (MS-SMB2 2.1): a zero byte, a 24-bit big-endian
 * length, then the message. A message over the maximum, or a NetBIOS session packet other than a
 * keep-alive, closes the connection with one log line. A message larger than what has arrived
 * and than {@value #GATHER_FROM} bytes is gathered into a buffer of its own size as it arrives,
 * so that an 8 MiB WRITE is copied once rather than with every growth of the cumulation buffer.
 */
public final class NbssFrameDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(NbssFrameDecoder.class);
    private static final int SESSION_MESSAGE = 0x00;
    private static final int KEEP_ALIVE = 0x85;
    static final int GATHER_FROM = 256 * 1024;

    private final int maxMessage;
    private ByteBuf gathering;

    public NbssFrameDecoder(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (gathering != null) {
            in.readBytes(gathering, Math.min(in.readableBytes(), gathering.writableBytes()));
            if (gathering.isWritable()) {
                return;
            }
            out.add(gathering);
            gathering = null;
        }
        while (in.readableBytes() >= 4) {
            int at = in.readerIndex();
            int type = in.getUnsignedByte(at);
            int length = in.getUnsignedMedium(at + 1);
            if (type == KEEP_ALIVE) {
                in.skipBytes(4);
                continue;
            }
            if (type != SESSION_MESSAGE || length > maxMessage) {
                LOG.warn("SMB connection from {} closed: {}", ctx.channel().remoteAddress(), type != SESSION_MESSAGE
                        ? "NetBIOS packet type 0x" + Integer.toHexString(type)
                        : "message of " + length + " bytes exceeds the maximum of " + maxMessage);
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readableBytes() < 4 + length) {
                if (length >= GATHER_FROM) {
                    in.skipBytes(4);
                    gathering = ctx.alloc().buffer(length, length);
                    in.readBytes(gathering, in.readableBytes());
                }
                return;
            }
            in.skipBytes(4);
            out.add(in.readRetainedSlice(length));
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (gathering != null) {
            gathering.release();
            gathering = null;
        }
    }
}
