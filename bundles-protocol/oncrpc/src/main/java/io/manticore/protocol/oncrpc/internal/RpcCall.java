package io.manticore.protocol.oncrpc.internal;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A decoded RPC CALL (RFC 5531 9, call_body). The call owns {@code args}, a retained slice of
 * the record holding the procedure's arguments: whoever holds the call releases it once
 * ({@link #release()}), which releases the slice. Code that keeps argument bytes past that
 * (a WRITE payload) takes its own retained slice.
 *
 * @param xid        the transaction id the reply must carry
 * @param rpcVersion always 2 here (RFC 5531 8.1)
 * @param program    the program number
 * @param version    the program version
 * @param procedure  the procedure number
 * @param credential the decoded credential
 * @param verifier   the verifier as it came
 * @param args       the undecoded arguments
 * @param peer       who sent the call, where its reply goes: the connection's remote address over
 *                   TCP, the datagram's sender over UDP; null when the channel has no IP address
 *                   (an in-process channel)
 */
public record RpcCall(int xid, int rpcVersion, int program, int version, int procedure,
                      Credential credential, OpaqueAuth verifier, ByteBuf args, InetSocketAddress peer)
        implements ReferenceCounted {

    @Override
    public int refCnt() {
        return args.refCnt();
    }

    @Override
    public RpcCall retain() {
        args.retain();
        return this;
    }

    @Override
    public RpcCall retain(int increment) {
        args.retain(increment);
        return this;
    }

    @Override
    public RpcCall touch() {
        args.touch();
        return this;
    }

    @Override
    public RpcCall touch(Object hint) {
        args.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return args.release();
    }

    @Override
    public boolean release(int decrement) {
        return args.release(decrement);
    }

    @Override
    public String toString() {
        return "RpcCall[xid=" + Integer.toUnsignedString(xid) + ", prog=" + Integer.toUnsignedString(program)
                + ", vers=" + version + ", proc=" + procedure + ", cred=" + credential + ", from=" + peer + "]";
    }
}
