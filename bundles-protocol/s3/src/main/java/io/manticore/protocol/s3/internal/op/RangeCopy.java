package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/** A byte range copied from one file to another by the backend, in as many calls as it needs. */
final class RangeCopy {

    private RangeCopy() {
    }

    static CompletionStage<Void> copy(Vfs vfs, Cred cred, FileHandle from, long srcOffset, FileHandle to, long dstOffset, long length) {
        if (length <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return vfs.copyRange(cred, from, srcOffset, to, dstOffset, length).thenCompose(n -> {
            if (n <= 0) {
                throw new S3Exception(S3Error.INTERNAL_ERROR, "the source shrank while it was copied");
            }
            return copy(vfs, cred, from, srcOffset + n, to, dstOffset + n, length - n);
        });
    }
}
