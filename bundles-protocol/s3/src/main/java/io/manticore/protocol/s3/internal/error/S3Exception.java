package io.manticore.protocol.s3.internal.error;

import io.manticore.api.vfs.VfsException;

/**
 * An S3 error answer: the code, a message for the client, and the resource it concerns (the
 * {@code <Resource>} element, may be null). Thrown or completed exceptionally by operations.
 */
public final class S3Exception extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient S3Error error;

    public S3Exception(S3Error error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public S3Error error() {
        return error;
    }

    /** The S3Exception behind {@code t} (unwrapping CompletionException), or null. */
    public static S3Exception of(Throwable t) {
        return Failures.cause(t) instanceof S3Exception s ? s : null;
    }

    /** The S3 error for any failure of an operation: its S3Exception, a mapped VfsException, or InternalError. */
    public static S3Exception from(Throwable failure) {
        Throwable cause = Failures.cause(failure);
        if (cause instanceof S3Exception s3) {
            return s3;
        }
        if (cause instanceof VfsException vfs) {
            S3Error mapped = VfsErrors.map(vfs.error());
            return new S3Exception(mapped, mapped == S3Error.INTERNAL_ERROR ? "we encountered an internal error"
                    : vfs.error().description());
        }
        return new S3Exception(S3Error.INTERNAL_ERROR, "we encountered an internal error, please try again");
    }
}
