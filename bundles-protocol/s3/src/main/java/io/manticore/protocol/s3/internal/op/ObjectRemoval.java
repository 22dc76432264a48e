package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.s3.internal.S3Context;
import io.manticore.protocol.s3.internal.bucket.Bucket;
import io.manticore.protocol.s3.internal.error.Failures;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.meta.ObjectKey;

/**
 * Deleting one key, as S3 does: a key that is not there is deleted already. The folders the
 * delete leaves empty above it go too. A folder marker goes only when the folder is empty:
 * while it holds other keys it is not an object of its own.
 */
final class ObjectRemoval {

    private ObjectRemoval() {
    }

    static CompletionStage<Void> remove(S3Context context, Cred cred, Bucket bucket, ObjectKey key) {
        Vfs vfs = context.vfs();
        return context.objects().locate(cred, bucket, key)
                .thenCompose(located -> key.folder() ? vfs.rmdir(cred, located.folder(), key.name())
                        : vfs.remove(cred, located.folder(), key.name()))
                .handle((removed, failure) -> {
                    if (failure == null) {
                        return true;
                    }
                    S3Exception s3 = S3Exception.of(failure);
                    VfsError e = s3 == null ? VfsException.errorOf(failure) : null;
                    if ((s3 != null && s3.error() == S3Error.NO_SUCH_KEY) || e == VfsError.NOENT || e == VfsError.NOTEMPTY
                            || e == VfsError.EXIST) {
                        return false;
                    }
                    throw Failures.propagate(failure);
                })
                .thenCompose(removed -> removed ? context.objects().pruneFolders(cred, bucket, key)
                        : CompletableFuture.completedFuture(null));
    }
}
