package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.netty.buffer.ByteBuf;

/** A byte range of a file as a response body, read piece by piece as the socket drains (the backend's buffers, not copies). */
final class FileBody implements ResponseBody {

    static final int PIECE = 1024 * 1024;

    private final Vfs vfs;
    private final Cred cred;
    private final FileHandle fh;
    private long offset;
    private long remaining;

    FileBody(Vfs vfs, Cred cred, FileHandle fh, long offset, long length) {
        this.vfs = vfs;
        this.cred = cred;
        this.fh = fh;
        this.offset = offset;
        this.remaining = length;
    }

    @Override
    public CompletionStage<ByteBuf> next() {
        if (remaining == 0) {
            return CompletableFuture.completedFuture(null);
        }
        int want = (int) Math.min(PIECE, remaining);
        return vfs.read(cred, fh, offset, want).thenApply(read -> {
            ByteBuf data = read.data();
            int n = Math.min(data.readableBytes(), want);
            if (n == 0) {
                data.release();
                // The file shrank under us: the promised Content-Length cannot be met.
                throw new S3Exception(S3Error.INTERNAL_ERROR, "the object was truncated while it was read");
            }
            offset += n;
            remaining -= n;
            if (data.readableBytes() == n) {
                return data;
            }
            ByteBuf part = data.retainedSlice(data.readerIndex(), n);
            data.release();
            return part;
        });
    }

    @Override
    public void close() {
        remaining = 0;
    }
}
