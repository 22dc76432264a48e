package io.manticore.protocol.s3.internal.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Sits before the HTTP decoder and tells the connection when a request's first bytes arrive, to time its headers. */
final class HeaderWatch extends ChannelInboundHandlerAdapter {

    private final S3Connection connection;

    HeaderWatch(S3Connection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.requestBytesArrived();
        ctx.fireChannelRead(msg);
    }
}
