package io.manticore.protocol.oncrpc.internal;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;

/** Sends each outgoing RPC message as one record of a single fragment (RFC 5531 11), without copying it. */
@Sharable
public final class RpcRecordEncoder extends MessageToMessageEncoder<ByteBuf> {

    private static final int LAST_FRAGMENT = 0x8000_0000;

    public RpcRecordEncoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf message, List<Object> out) {
        ByteBuf mark = ctx.alloc().buffer(4).writeInt(LAST_FRAGMENT | message.readableBytes());
        CompositeByteBuf record = ctx.alloc().compositeBuffer(2);
        record.addComponent(true, mark);
        record.addComponent(true, message.retain());
        out.add(record);
    }
}
