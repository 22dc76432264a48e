package io.manticore.protocol.s3.internal.http;

import java.net.InetSocketAddress;

import io.manticore.protocol.s3.internal.S3Context;
import io.manticore.protocol.s3.internal.client.S3Clients;
import io.manticore.protocol.s3.internal.op.Router;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/** Sets up an accepted S3 connection: header timing, the HTTP/1.1 codec with bounded lines, and the connection handler. */
public final class S3Pipeline {

    static final int MAX_INITIAL_LINE = 16 * 1024;
    static final int MAX_HEADERS = 16 * 1024;
    /** The largest piece of payload the decoder hands over at once. */
    static final int MAX_CHUNK = 256 * 1024;

    private final S3Context context;
    private final Router router;
    private final S3Clients clients;

    public S3Pipeline(S3Context context, Router router, S3Clients clients) {
        this.context = context;
        this.router = router;
        this.clients = clients;
    }

    public void install(Channel channel) {
        String address = channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "-";
        S3Connection connection = new S3Connection(context, router, clients.connection(address));
        channel.pipeline().addLast("s3-header-watch", new HeaderWatch(connection));
        channel.pipeline().addLast("http", new HttpServerCodec(new HttpDecoderConfig().setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADERS).setMaxChunkSize(MAX_CHUNK)));
        channel.pipeline().addLast("s3", connection);
    }

    /** Closes {@code channel} once its request in flight is answered (at once when idle). */
    public static void drain(Channel channel) {
        if (channel.pipeline().get(S3Connection.class) instanceof S3Connection connection) {
            channel.eventLoop().execute(connection::drain);
        } else {
            channel.close();
        }
    }
}
