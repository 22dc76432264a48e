package io.manticore.protocol.s3.internal.op;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.s3.internal.bucket.Bucket;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.http.PercentCodec;
import io.manticore.protocol.s3.internal.meta.ObjectKey;
import io.manticore.protocol.s3.internal.meta.ObjectMeta;
import io.manticore.protocol.s3.internal.meta.ObjectStore;
import io.manticore.protocol.s3.internal.meta.RequestMeta;
import io.manticore.protocol.s3.internal.xml.S3Dates;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * PUT with x-amz-copy-source: the source's bytes copied by the backend into a new unnamed
 * file, published under the key like a PUT. Metadata is the source's (COPY) or the request's (REPLACE).
 */
final class CopyObject implements S3Operation {

    private static final String MD5_ETAG = "[0-9a-f]{32}";

    private record Source(Bucket bucket, ObjectKey key) {
    }

    private record SourceObject(Lookup file, ObjectMeta meta, String etag) {
    }

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        ObjectKey target = ObjectKey.parse(call.request().key());
        String directive = call.request().headers().get("x-amz-metadata-directive", "COPY");
        if (!directive.equals("COPY") && !directive.equals("REPLACE")) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "x-amz-metadata-directive is COPY or REPLACE");
        }
        String[] source = sourceOf(call.request().header("x-amz-copy-source"));
        ObjectKey sourceKey = ObjectKey.parse(source[1]);
        if (source[0].equals(call.request().bucket()) && sourceKey.key().equals(target.key()) && directive.equals("COPY")) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "this copy request is illegal because it is trying to copy an object "
                    + "to itself without changing the object's metadata");
        }
        Cred cred = call.cred();
        ObjectStore objects = call.context().objects();
        return call.context().buckets().open(source[0], cred)
                .thenCompose(srcBucket -> objects.find(cred, srcBucket, sourceKey))
                .thenCompose(found -> objects.meta(cred, found.fh()).thenCompose(meta -> objects.etag(cred, found.fh(), found.attrs(), meta)
                        .thenApply(etag -> new SourceObject(found, meta, etag))))
                .thenCompose(src -> {
                    Preconditions.check(call.request().headers(), "x-amz-copy-source-", src.file().attrs(), src.etag(), false);
                    if (!src.file().attrs().isRegular()) {
                        throw new S3Exception(S3Error.INVALID_REQUEST, "only objects, not folders, can be copied");
                    }
                    ObjectMeta meta = directive.equals("COPY") ? src.meta() : RequestMeta.of(call.request().headers());
                    return call.bucket().thenCompose(bucket -> copy(call, bucket, target, src, meta));
                });
    }

    private static CompletionStage<S3Response> copy(S3Call call, Bucket bucket, ObjectKey target, SourceObject src, ObjectMeta meta) {
        Vfs vfs = call.context().vfs();
        Cred cred = call.cred();
        ObjectStore objects = call.context().objects();
        long size = src.file().attrs().size();
        return objects.folderFor(cred, bucket, target).thenCompose(dir -> vfs.createUnlinked(cred, dir, SetAttrs.mode(ObjectStore.FILE_MODE))
                .thenCompose(created -> RangeCopy.copy(vfs, cred, src.file().fh(), 0, created.fh(), 0, size)
                        .thenCompose(copied -> vfs.commit(cred, created.fh(), 0, 0))
                        .thenCompose(committed -> vfs.getattr(cred, created.fh(), AttrMask.ALL))
                        .thenCompose(attrs -> etagOf(call, created.fh(), src)
                                .thenCompose(etag -> objects.storeMeta(cred, created.fh(), meta.withEtag(etag, checksums(src), attrs))
                                        .thenCompose(stored -> vfs.linkAt(cred, created.fh(), dir, target.name(), true))
                                        .thenApply(linked -> result(call, attrs, etag))))
                        .whenComplete((done, failure) -> {
                            if (failure != null) {
                                vfs.discardUnlinked(cred, created.fh());
                            }
                        })));
    }

    /** The copy's ETag: the source's when it is a plain MD5 (the same bytes), else the MD5 computed now. */
    private static CompletionStage<String> etagOf(S3Call call, FileHandle copy, SourceObject src) {
        if (src.etag().matches(MD5_ETAG)) {
            return CompletableFuture.completedFuture(src.etag());
        }
        // Computed, not stored: the copy's metadata is stored once, with it, by the caller.
        return call.context().objects().md5(call.cred(), copy).thenApply(ObjectStore::hex);
    }

    private static Map<String, String> checksums(SourceObject src) {
        return src.meta().currentFor(src.file().attrs()) ? src.meta().checksums() : Map.of();
    }

    private static S3Response result(S3Call call, Attrs attrs, String etag) {
        XmlWriter xml = new XmlWriter().root("CopyObjectResult").element("LastModified", S3Dates.iso(attrs.mtime()))
                .element("ETag", ObjectHeaders.quote(etag));
        return S3Response.xml(HttpResponseStatus.OK, xml.toByteBuf(call.alloc()));
    }

    /** The bucket and key of an x-amz-copy-source header ("bucket/key" or "/bucket/key", URL-encoded, "?versionId=null" allowed). */
    static String[] sourceOf(String header) {
        String h = header.trim();
        int q = h.indexOf('?');
        if (q >= 0) {
            String query = h.substring(q + 1);
            if (!query.equals("versionId=null")) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT, "objects have no versions but the null version");
            }
            h = h.substring(0, q);
        }
        String path = PercentCodec.decode(h.startsWith("/") ? h.substring(1) : h);
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "x-amz-copy-source must be bucket/key");
        }
        return new String[] {path.substring(0, slash), path.substring(slash + 1)};
    }
}
