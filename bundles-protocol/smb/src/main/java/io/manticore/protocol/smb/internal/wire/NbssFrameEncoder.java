package io.manticore.protocol.smb.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/** Prefixes each outgoing SMB message with its 4-byte direct-TCP header, without copying the message. */
@Sharable
public final class NbssFrameEncoder extends ChannelOutboundHandlerAdapter {

    public static final NbssFrameEncoder INSTANCE = new NbssFrameEncoder();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf message)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf header = ctx.alloc().buffer(4);
        header.writeInt(message.readableBytes());
        CompositeByteBuf framed = ctx.alloc().compositeBuffer(2);
        framed.addComponents(true, header, message);
        ctx.write(framed, promise);
    }
}
