package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.protocol.s3.internal.S3Context;
import io.manticore.protocol.s3.internal.bucket.Bucket;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.http.S3Request;
import io.netty.buffer.ByteBufAllocator;

/**
 * One operation's input: the request, who sent it ({@code user} null when anonymous; {@code cred}
 * is then the anonymous identity), the service, the payload and the connection's allocator.
 */
public record S3Call(S3Request request, String user, Cred cred, S3Context context, RequestBody body,
                     ByteBufAllocator alloc) {

    public boolean anonymous() {
        return user == null;
    }

    /**
     * The request's bucket, opened as the caller; NoSuchBucket when missing, AccessDenied for an
     * anonymous caller unless the bucket is public-read (the router lets anonymous callers read only).
     */
    public CompletionStage<Bucket> bucket() {
        return context.buckets().open(request.bucket(), cred).thenApply(b -> {
            if (anonymous() && !b.publicRead()) {
                throw new S3Exception(S3Error.ACCESS_DENIED, "anonymous access is allowed to public-read buckets only");
            }
            return b;
        });
    }
}
