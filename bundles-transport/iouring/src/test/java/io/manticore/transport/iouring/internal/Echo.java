package io.manticore.transport.iouring.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.manticore.api.protocol.ProtocolHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** A protocol that sends back what it receives, and keeps the channels it was given. */
final class Echo implements ProtocolHandler {

    final List<Channel> channels = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public void initChannel(Channel channel) {
        channels.add(channel);
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.writeAndFlush((ByteBuf) msg);
            }
        });
    }
}
