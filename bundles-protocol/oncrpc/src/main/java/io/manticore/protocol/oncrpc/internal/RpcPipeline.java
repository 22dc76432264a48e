package io.manticore.protocol.oncrpc.internal;

import io.netty.channel.ChannelPipeline;

/**
 * Installs the ONC RPC server handlers on a channel: on a connection, records in, calls routed,
 * replies out; on a datagram channel, one call per datagram and each reply a datagram to its caller.
 */
public final class RpcPipeline {

    /** Room for a 1 MiB NFS WRITE with its call header, credential and verifier. */
    public static final int DEFAULT_MAX_RECORD_SIZE = 1024 * 1024 + 64 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT = 128;
    /** Every UDP payload fits: 65,535 bytes less the headers. */
    public static final int DEFAULT_MAX_DATAGRAM_SIZE = 64 * 1024;

    private static final RpcRecordEncoder RECORD_ENCODER = new RpcRecordEncoder();

    private RpcPipeline() {
    }

    public static void install(ChannelPipeline pipeline, RpcPrograms programs) {
        install(pipeline, programs, DEFAULT_MAX_RECORD_SIZE, DEFAULT_MAX_IN_FLIGHT);
    }

    public static void install(ChannelPipeline pipeline, RpcPrograms programs, int maxRecordSize, int maxInFlight) {
        install(pipeline, programs, maxRecordSize, maxInFlight, null);
    }

    /** With the default limits and {@code replyCache}, the one the listener's connections share. */
    public static void install(ChannelPipeline pipeline, RpcPrograms programs, ReplyCache replyCache) {
        install(pipeline, programs, DEFAULT_MAX_RECORD_SIZE, DEFAULT_MAX_IN_FLIGHT, replyCache);
    }

    /** {@code replyCache} is shared by the listener's connections and closed by its owner; null serves without one. */
    public static void install(ChannelPipeline pipeline, RpcPrograms programs, int maxRecordSize, int maxInFlight,
                               ReplyCache replyCache) {
        pipeline.addLast("rpc-record-decoder", new RpcRecordDecoder(maxRecordSize));
        pipeline.addLast("rpc-record-encoder", RECORD_ENCODER);
        pipeline.addLast("rpc-message-decoder", new RpcMessageDecoder());
        pipeline.addLast("rpc-dispatcher", new RpcDispatcher(programs, maxInFlight, replyCache));
    }

    /**
     * On a bound datagram channel that serves every client (RFC 5531 over UDP: a whole message
     * per datagram, no record marking), with the default limits; {@code replyCache} is closed by
     * its owner, null serves without one.
     */
    public static void installDatagram(ChannelPipeline pipeline, RpcPrograms programs, ReplyCache replyCache) {
        installDatagram(pipeline, programs, DEFAULT_MAX_DATAGRAM_SIZE, DEFAULT_MAX_IN_FLIGHT, replyCache);
    }

    /** A datagram larger than {@code maxDatagramSize} is dropped; {@code maxInFlight} bounds the calls of every client together. */
    public static void installDatagram(ChannelPipeline pipeline, RpcPrograms programs, int maxDatagramSize,
                                       int maxInFlight, ReplyCache replyCache) {
        pipeline.addLast("rpc-datagram-decoder", new RpcDatagramDecoder(maxDatagramSize));
        pipeline.addLast("rpc-dispatcher", RpcDispatcher.forDatagrams(programs, maxInFlight, replyCache));
    }
}
