package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.s3.internal.bucket.Bucket;
import io.manticore.protocol.s3.internal.error.Failures;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.meta.ObjectKey;
import io.manticore.protocol.s3.internal.meta.ObjectMeta;
import io.manticore.protocol.s3.internal.meta.ObjectStore;
import io.manticore.protocol.s3.internal.meta.RequestMeta;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * PUT of an object, published atomically: the payload goes into a new file without a name,
 * which is given the key's name (replacing the old object) only once the whole payload is
 * written and checked. Readers see the old object or the new one, never a part; a failed
 * upload leaves nothing. A key ending in '/' makes a folder.
 */
final class PutObject implements S3Operation {

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        ObjectKey key = ObjectKey.parse(call.request().key());
        ObjectMeta requested = RequestMeta.of(call.request().headers());
        if (call.body().declaredLength() < 0 && !call.request().headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return CompletableFuture.failedFuture(new S3Exception(S3Error.MISSING_CONTENT_LENGTH, "you must provide the Content-Length HTTP header"));
        }
        return call.bucket().thenCompose(bucket -> key.folder() ? putFolder(call, bucket, key) : putFile(call, bucket, key, requested));
    }

    private static CompletionStage<S3Response> putFile(S3Call call, Bucket bucket, ObjectKey key, ObjectMeta requested) {
        Vfs vfs = call.context().vfs();
        Cred cred = call.cred();
        ObjectStore objects = call.context().objects();
        String ifNoneMatch = call.request().header("if-none-match");
        String ifMatch = call.request().header("if-match");
        if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
            return CompletableFuture.failedFuture(new S3Exception(S3Error.NOT_IMPLEMENTED, "If-None-Match on PUT takes only '*'"));
        }
        return objects.folderFor(cred, bucket, key).thenCompose(dir -> vfs.createUnlinked(cred, dir, SetAttrs.mode(ObjectStore.FILE_MODE))
                .thenCompose(created -> BodyWriter.write(vfs, cred, created.fh(), call.body())
                        .thenCompose(attrs -> {
                            String etag = ObjectStore.hex(call.body().digests().md5());
                            ObjectMeta meta = requested.withEtag(etag, call.body().digests().checksums(), attrs);
                            return objects.storeMeta(cred, created.fh(), meta)
                                    .thenCompose(stored -> ifMatch == null ? CompletableFuture.completedFuture(null)
                                            : checkIfMatch(call, bucket, key, ifMatch))
                                    .thenCompose(checked -> publish(vfs, cred, created.fh(), dir, key.name(), ifNoneMatch == null))
                                    .thenApply(published -> {
                                        S3Response response = S3Response.empty(HttpResponseStatus.OK)
                                                .header(HttpHeaderNames.ETAG, ObjectHeaders.quote(etag));
                                        meta.checksums().forEach((a, v) -> response.header("x-amz-checksum-" + a, v));
                                        return response;
                                    });
                        })
                        .whenComplete((done, failure) -> {
                            if (failure != null) {
                                vfs.discardUnlinked(cred, created.fh());
                            }
                        })));
    }

    /** If-Match on PUT: the object must exist with that ETag (checked just before publishing). */
    private static CompletionStage<Void> checkIfMatch(S3Call call, Bucket bucket, ObjectKey key, String ifMatch) {
        ObjectStore objects = call.context().objects();
        return objects.find(call.cred(), bucket, key)
                .thenCompose(old -> objects.meta(call.cred(), old.fh()).thenCompose(m -> objects.etag(call.cred(), old.fh(), old.attrs(), m)))
                .handle((etag, failure) -> {
                    if (failure != null) {
                        if (S3Exception.of(failure) != null && S3Exception.of(failure).error() == S3Error.NO_SUCH_KEY) {
                            throw new S3Exception(S3Error.NO_SUCH_KEY, "the object to overwrite does not exist");
                        }
                        throw Failures.propagate(failure);
                    }
                    if (!Preconditions.matches(ifMatch, etag, false)) {
                        throw Preconditions.failed();
                    }
                    return null;
                });
    }

    private static CompletionStage<Void> publish(Vfs vfs, Cred cred, FileHandle file, FileHandle dir, String name, boolean replace) {
        return vfs.linkAt(cred, file, dir, name, replace).handle((wcc, failure) -> {
            if (failure != null) {
                VfsError e = VfsException.errorOf(failure);
                if (e == VfsError.EXIST && !replace) {
                    throw Preconditions.failed();
                }
                if (e == VfsError.EXIST || e == VfsError.ISDIR) {
                    throw new S3Exception(S3Error.KEY_CONFLICT, "a folder of that name holds other keys");
                }
                throw Failures.propagate(failure);
            }
            return null;
        });
    }

    private static CompletionStage<S3Response> putFolder(S3Call call, Bucket bucket, ObjectKey key) {
        if (call.body().declaredLength() > 0) {
            return CompletableFuture.failedFuture(new S3Exception(S3Error.INVALID_ARGUMENT,
                    "a key ending in '/' names a folder, which holds no data: send an empty body"));
        }
        Vfs vfs = call.context().vfs();
        Cred cred = call.cred();
        return call.body().readAll(0).thenCompose(empty -> {
            empty.release();
            return call.context().objects().folderFor(cred, bucket, key);
        }).thenCompose(dir -> vfs.mkdir(cred, dir, key.name(), SetAttrs.mode(ObjectStore.FOLDER_MODE)).thenApply(made -> (Void) null)
                .exceptionallyCompose(failure -> {
                    if (VfsException.errorOf(failure) != VfsError.EXIST) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    return vfs.lookup(cred, dir, key.name(), AttrMask.ALL).thenApply(l -> {
                        if (!l.attrs().isDirectory()) {
                            throw new S3Exception(S3Error.KEY_CONFLICT, "an object of that name without the '/' exists");
                        }
                        return null;
                    });
                }))
                .thenApply(done -> S3Response.empty(HttpResponseStatus.OK)
                        .header(HttpHeaderNames.ETAG, ObjectHeaders.quote(ObjectStore.hex(ObjectStore.md5().digest()))));
    }
}
