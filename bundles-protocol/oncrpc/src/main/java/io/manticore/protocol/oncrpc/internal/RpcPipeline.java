package io.manticore.protocol.oncrpc.internal;

import io.netty.channel.ChannelPipeline;

/** Installs the ONC RPC server handlers on a connection: records in, calls routed, replies out. */
public final class RpcPipeline {

    /** Room for a 1 MiB NFS WRITE with its call header, credential and verifier. */
    public static final int DEFAULT_MAX_RECORD_SIZE = 1024 * 1024 + 64 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT = 128;

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
}
