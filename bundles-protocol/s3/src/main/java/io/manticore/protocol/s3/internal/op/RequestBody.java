package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletionStage;

import io.netty.buffer.ByteBuf;

/**
 * A request's payload, pulled piece by piece so the socket is read no faster than the
 * operation writes (already decoded from aws-chunked framing). When the last piece has been
 * pulled the payload has been checked against the signed SHA-256, Content-MD5 and any
 * x-amz-checksum the request carried: a mismatch fails {@link #next()} instead of ending it.
 */
public interface RequestBody {

    /** The next piece of payload, owned by the caller, or null at the end. */
    CompletionStage<ByteBuf> next();

    /** The whole payload as one buffer the caller owns; EntityTooLarge past {@code maxBytes}. */
    CompletionStage<ByteBuf> readAll(int maxBytes);

    /** The payload's length as declared, or -1 when the request did not say. */
    long declaredLength();

    /** The digests of the payload; complete once {@link #next()} has returned null. */
    PayloadDigests digests();
}
