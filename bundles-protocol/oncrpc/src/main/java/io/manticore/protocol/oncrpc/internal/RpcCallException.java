package io.manticore.protocol.oncrpc.internal;

/** An RPC call made by {@link RpcCaller} that got no usable answer. */
public final class RpcCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RpcCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
