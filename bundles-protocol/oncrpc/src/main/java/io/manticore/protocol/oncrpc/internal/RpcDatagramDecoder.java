package io.manticore.protocol.oncrpc.internal;

import java.net.InetSocketAddress;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each datagram into an {@link RpcCall} from its sender: over UDP a datagram holds one
 * whole RPC message, without record marking (RFC 5531 11 applies to streams only). What
 * {@link RpcMessageDecoder} answers itself goes back to the sender in a datagram. A datagram
 * larger than the limit, or without a sender, is dropped.
 */
public final class RpcDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(RpcDatagramDecoder.class);
    private static final RateLimitedLog TOO_LARGE = new RateLimitedLog(LOG);

    private final int maxDatagramSize;

    public RpcDatagramDecoder(int maxDatagramSize) {
        super(DatagramPacket.class);
        if (maxDatagramSize <= 0) {
            throw new IllegalArgumentException("maxDatagramSize " + maxDatagramSize);
        }
        this.maxDatagramSize = maxDatagramSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        InetSocketAddress sender = packet.sender();
        ByteBuf message = packet.content();
        if (sender == null) {
            return; // only a packet made in-process lacks one, and its reply would have nowhere to go
        }
        if (message.readableBytes() > maxDatagramSize) {
            TOO_LARGE.warn("Dropping an RPC datagram of {} bytes from {}: it exceeds the limit of {}",
                    message.readableBytes(), sender, maxDatagramSize);
            return;
        }
        RpcCall call = RpcMessageDecoder.decodeCall(ctx, message, sender,
                reply -> ctx.writeAndFlush(new DatagramPacket(reply, sender)));
        if (call != null) {
            out.add(call);
        }
    }
}
