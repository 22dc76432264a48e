package io.manticore.protocol.oncrpc.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

import io.manticore.protocol.oncrpc.internal.xdr.XdrDecoder;
import io.manticore.protocol.oncrpc.internal.xdr.XdrException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an RPC record into an {@link RpcCall} (RFC 5531 9) from the connection's remote end. It
 * answers itself what no program needs to see: RPC_MISMATCH for an RPC version other than 2,
 * AUTH_BADCRED / AUTH_BADVERF for a malformed credential or verifier. A record too short for a
 * call header, or a REPLY, is dropped.
 */
public final class RpcMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    private static final Logger LOG = LoggerFactory.getLogger(RpcMessageDecoder.class);
    private static final RateLimitedLog NOT_A_CALL = new RateLimitedLog(LOG);
    private static final RateLimitedLog GARBAGE = new RateLimitedLog(LOG);
    static final int RPC_VERSION = 2;

    public RpcMessageDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf record, List<Object> out) {
        InetSocketAddress peer = ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet : null;
        RpcCall call = decodeCall(ctx, record, peer, ctx::writeAndFlush);
        if (call != null) {
            out.add(call);
        }
    }

    /**
     * The call in {@code message} from {@code peer}, holding a retained slice of {@code message};
     * null when there is nothing to serve: the message was dropped, or refused with a reply handed
     * to {@code answer}, which takes ownership of it.
     */
    static RpcCall decodeCall(ChannelHandlerContext ctx, ByteBuf message, InetSocketAddress peer, Consumer<ByteBuf> answer) {
        int messageSize = message.readableBytes();
        XdrDecoder xdr = new XdrDecoder(message);
        int xid;
        int rpcVersion;
        int program;
        int version;
        int procedure;
        try {
            xid = xdr.readInt();
            int messageType = xdr.readEnum();
            if (messageType != RpcReplies.CALL) {
                NOT_A_CALL.warn("Dropping RPC message of type {} from {}: only calls are served",
                        messageType, from(ctx, peer));
                return null;
            }
            rpcVersion = xdr.readInt();
            if (rpcVersion != RPC_VERSION) {
                answer.accept(RpcReplies.rpcMismatch(ctx.alloc(), xid, RPC_VERSION, RPC_VERSION));
                return null;
            }
            program = xdr.readInt();
            version = xdr.readInt();
            procedure = xdr.readInt();
        } catch (XdrException e) {
            GARBAGE.warn("Dropping garbage RPC message of {} bytes from {}: {}",
                    messageSize, from(ctx, peer), e.getMessage());
            return null;
        }
        Credential credential;
        try {
            credential = readCredential(xdr);
        } catch (XdrException e) {
            answer.accept(RpcReplies.authError(ctx.alloc(), xid, AuthStat.AUTH_BADCRED));
            return null;
        }
        OpaqueAuth verifier;
        try {
            verifier = new OpaqueAuth(xdr.readInt(), xdr.readOpaqueBytes(OpaqueAuth.MAX_BODY));
        } catch (XdrException e) {
            answer.accept(RpcReplies.authError(ctx.alloc(), xid, AuthStat.AUTH_BADVERF));
            return null;
        }
        return new RpcCall(xid, rpcVersion, program, version, procedure, credential, verifier,
                message.retainedSlice(message.readerIndex(), message.readableBytes()), peer);
    }

    /** Who sent a message, for logs: the call's peer, else whatever the channel calls its remote end. */
    static Object from(ChannelHandlerContext ctx, InetSocketAddress peer) {
        return peer != null ? peer : ctx.channel().remoteAddress();
    }

    private static Credential readCredential(XdrDecoder xdr) {
        int flavor = xdr.readInt();
        byte[] body = xdr.readOpaqueBytes(OpaqueAuth.MAX_BODY);
        return switch (flavor) {
            case AuthFlavor.AUTH_NONE -> AuthNone.INSTANCE;
            case AuthFlavor.AUTH_SYS -> readAuthSys(body);
            default -> new AuthUnsupported(new OpaqueAuth(flavor, body));
        };
    }

    private static AuthSys readAuthSys(byte[] body) {
        ByteBuf wrapped = Unpooled.wrappedBuffer(body);
        try {
            return AuthSys.decode(new XdrDecoder(wrapped));
        } finally {
            wrapped.release();
        }
    }
}
