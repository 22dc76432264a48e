package io.manticore.protocol.nfs4.internal.state;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/**
 * channel_attrs4 (RFC 8881 18.36): what one channel of a session carries.
 *
 * @param rdmaIrd the RDMA inbound read depth, or -1 when absent
 */
public record ChannelAttrs(int headerPadSize, int maxRequestSize, int maxResponseSize, int maxResponseSizeCached,
                           int maxOperations, int maxRequests, int rdmaIrd) {

    public static ChannelAttrs decode(XdrDecoder in) {
        int pad = in.readInt();
        int request = in.readInt();
        int response = in.readInt();
        int cached = in.readInt();
        int operations = in.readInt();
        int requests = in.readInt();
        int[] ird = in.readIntArray(1);
        return new ChannelAttrs(pad, request, response, cached, operations, requests, ird.length == 0 ? -1 : ird[0]);
    }

    public void encode(XdrEncoder out) {
        out.writeInt(headerPadSize).writeInt(maxRequestSize).writeInt(maxResponseSize).writeInt(maxResponseSizeCached)
                .writeInt(maxOperations).writeInt(maxRequests);
        out.writeIntArray(rdmaIrd < 0 ? new int[0] : new int[] {rdmaIrd});
    }

    /** What the server grants of what the client asked: each figure at most the server's (unsigned), at least 1 where it counts. */
    public ChannelAttrs negotiate(ChannelAttrs server) {
        return new ChannelAttrs(0, min(maxRequestSize, server.maxRequestSize), min(maxResponseSize, server.maxResponseSize),
                min(maxResponseSizeCached, server.maxResponseSizeCached), Math.max(1, min(maxOperations, server.maxOperations)),
                Math.max(1, min(maxRequests, server.maxRequests)), -1);
    }

    private static int min(int asked, int offered) {
        return Integer.compareUnsigned(asked, offered) < 0 ? asked : offered;
    }
}
