package io.manticore.protocol.s3.internal.body;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.auth.Authentication;
import io.manticore.protocol.s3.internal.auth.AwsChunkedDecoder;
import io.manticore.protocol.s3.internal.auth.PayloadMode;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.op.PayloadDigests;
import io.manticore.protocol.s3.internal.op.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.EventExecutor;

/**
 * A request's payload as it arrives from the connection: the connection {@link #offer offers}
 * each HTTP content piece on its event loop; the operation pulls decoded payload with
 * {@link #next()}, and the connection reads the socket only while the operation waits.
 */
public final class HttpRequestBody implements RequestBody {

    /** S3's largest single PUT. */
    public static final long MAX_PUT_BYTES = 5L * 1024 * 1024 * 1024;

    private final EventExecutor executor;
    private final Runnable readMore;
    private final Runnable sendContinue;
    private final PayloadCheck check;
    private final AwsChunkedDecoder chunked;
    private final long declaredLength;
    private final ArrayDeque<ByteBuf> ready = new ArrayDeque<>();
    private CompletableFuture<ByteBuf> waiter;
    private boolean inputEnded;
    private boolean finished;
    private boolean continueSent;
    private RuntimeException failure;
    private PayloadDigests digests;

    /**
     * @param readMore     asks the connection to read the socket once more
     * @param sendContinue writes "100 Continue" when the request expects it (called at most once)
     */
    public HttpRequestBody(EventExecutor executor, HttpHeaders headers, Authentication auth, Runnable readMore,
                           Runnable sendContinue) {
        this.executor = executor;
        this.readMore = readMore;
        this.sendContinue = sendContinue;
        PayloadMode mode = auth.payload();
        boolean streaming = mode == PayloadMode.STREAMING_SIGNED || mode == PayloadMode.STREAMING_SIGNED_TRAILER
                || mode == PayloadMode.STREAMING_UNSIGNED_TRAILER;
        String contentLength = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (streaming) {
            long decoded = parseLength(headers.get("x-amz-decoded-content-length"), "x-amz-decoded-content-length");
            chunked = new AwsChunkedDecoder(auth.chunkSigner(), decoded, trailerNames(headers.get("x-amz-trailer")));
            declaredLength = decoded;
        } else {
            chunked = null;
            declaredLength = contentLength == null ? -1 : parseLength(contentLength, "Content-Length");
        }
        if (declaredLength > MAX_PUT_BYTES) {
            throw new S3Exception(S3Error.ENTITY_TOO_LARGE, "your proposed upload exceeds the maximum allowed size");
        }
        this.check = new PayloadCheck(headers, auth);
    }

    /** The connection hands over one piece of the request (on its event loop); takes ownership of it. */
    public void offer(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        try {
            if (failure != null || finished) {
                return;
            }
            List<ByteBuf> out = new ArrayList<>(2);
            if (chunked != null) {
                try {
                    chunked.decode(content.content().retain(), out);
                } catch (S3Exception e) {
                    // Payload before a bad chunk signature is not to be trusted either.
                    out.forEach(ByteBuf::release);
                    throw e;
                }
            } else if (content.content().isReadable()) {
                out.add(content.content().retain());
            }
            for (ByteBuf piece : out) {
                if (failure == null) {
                    check.update(piece);
                    ready.add(piece);
                } else {
                    piece.release();
                }
            }
            if (declaredLength >= 0 && check.length() > declaredLength) {
                fail(new S3Exception(S3Error.INVALID_REQUEST, "the body is longer than its declared length"));
            }
            if (last) {
                inputEnded = true;
                if (chunked != null && !chunked.isDone()) {
                    fail(new S3Exception(S3Error.INCOMPLETE_BODY, "the aws-chunked body ended before its final chunk"));
                }
            }
        } catch (S3Exception e) {
            fail(e);
        } finally {
            content.release();
        }
        deliver();
        if (waiter != null && !inputEnded && failure == null) {
            // The piece held no payload yet (a chunk header cut short): read on.
            readMore.run();
        }
    }

    /** The connection closed or the request failed: later pulls fail with {@code cause}. */
    public void abort(RuntimeException cause) {
        if (executor.inEventLoop()) {
            fail(cause);
            deliver();
        } else {
            executor.execute(() -> abort(cause));
        }
    }

    /** Whether the whole request has been received from the socket. */
    public boolean received() {
        return inputEnded;
    }

    @Override
    public CompletionStage<ByteBuf> next() {
        CompletableFuture<ByteBuf> f = new CompletableFuture<>();
        if (executor.inEventLoop()) {
            pull(f);
        } else {
            executor.execute(() -> pull(f));
        }
        return f;
    }

    @Override
    public CompletionStage<ByteBuf> readAll(int maxBytes) {
        CompositeByteBuf all = ByteBufAllocator.DEFAULT.compositeBuffer(Integer.MAX_VALUE);
        return collect(all, maxBytes).whenComplete((done, failed) -> {
            if (failed != null) {
                all.release();
            }
        });
    }

    @Override
    public long declaredLength() {
        return declaredLength;
    }

    @Override
    public PayloadDigests digests() {
        return digests;
    }

    private CompletionStage<ByteBuf> collect(CompositeByteBuf all, int maxBytes) {
        return next().thenCompose(piece -> {
            if (piece == null) {
                return CompletableFuture.completedFuture(all);
            }
            all.addComponent(true, piece);
            if (all.readableBytes() > maxBytes) {
                throw new S3Exception(S3Error.ENTITY_TOO_LARGE, "the request body is larger than " + maxBytes + " bytes");
            }
            return collect(all, maxBytes);
        });
    }

    private void pull(CompletableFuture<ByteBuf> f) {
        if (waiter != null) {
            f.completeExceptionally(new IllegalStateException("next() called again before the previous piece came"));
            return;
        }
        waiter = f;
        deliver();
        if (waiter != null && !inputEnded && failure == null) {
            if (!continueSent) {
                continueSent = true;
                sendContinue.run();
            }
            readMore.run();
        }
    }

    private void deliver() {
        if (waiter == null) {
            return;
        }
        CompletableFuture<ByteBuf> f = waiter;
        if (failure != null) {
            waiter = null;
            f.completeExceptionally(failure);
        } else if (!ready.isEmpty()) {
            waiter = null;
            f.complete(ready.poll());
        } else if (inputEnded) {
            waiter = null;
            if (!finished) {
                try {
                    if (declaredLength >= 0 && check.length() != declaredLength) {
                        throw new S3Exception(S3Error.INCOMPLETE_BODY,
                                "you did not provide the number of bytes specified by the Content-Length HTTP header");
                    }
                    digests = check.finish(chunked != null ? chunked.trailers() : Map.of());
                    finished = true;
                } catch (S3Exception e) {
                    fail(e);
                    f.completeExceptionally(e);
                    return;
                }
            }
            f.complete(null);
        }
    }

    private void fail(RuntimeException cause) {
        if (failure == null) {
            failure = cause;
        }
        ByteBuf piece;
        while ((piece = ready.poll()) != null) {
            piece.release();
        }
        if (chunked != null) {
            chunked.release();
        }
    }

    private static long parseLength(String value, String header) {
        if (value == null) {
            throw new S3Exception(S3Error.MISSING_CONTENT_LENGTH, header + " is required with aws-chunked");
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, header + " is not a length");
        }
    }

    private static Set<String> trailerNames(String header) {
        Set<String> names = new LinkedHashSet<>();
        if (header != null) {
            for (String n : header.split(",")) {
                if (!n.isBlank()) {
                    names.add(n.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
