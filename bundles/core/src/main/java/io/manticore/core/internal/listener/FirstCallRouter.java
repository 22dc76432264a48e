package io.manticore.core.internal.listener;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.protocol.ProtocolHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Reads the start of a connection's first ONC RPC call on a shared port, lets the chosen protocol
 * set up the pipeline after itself, and leaves: the bytes it held, and the channelActive it held
 * back, go on to that protocol's handlers.
 */
final class FirstCallRouter extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(FirstCallRouter.class);
    /** RFC 5531 11 record mark, then xid, msg_type, rpcvers, prog, vers: 4 bytes each. */
    private static final int NEEDED = 24;
    private static final int PROGRAM_OFFSET = 16;
    private static final int VERSION_OFFSET = 20;

    private final SharedRpcPort port;
    private boolean activeHeld;

    FirstCallRouter(SharedRpcPort port) {
        this.port = port;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        activeHeld = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < NEEDED) {
            return;
        }
        int program = in.getInt(in.readerIndex() + PROGRAM_OFFSET);
        int version = in.getInt(in.readerIndex() + VERSION_OFFSET);
        ProtocolHandler chosen = port.choose(program, version);
        if (chosen == null) {
            LOG.warn("connection from {} on {} closed: none of its protocols is installed", ctx.channel().remoteAddress(),
                    port.name());
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        chosen.initChannel(ctx.channel());
        if (activeHeld) {
            ctx.fireChannelActive();
        }
        // Removing a ByteToMessageDecoder passes the bytes it holds to the next handler.
        ctx.pipeline().remove(this);
    }
}
