package io.manticore.protocol.s3.internal.op;

import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.s3.internal.bucket.Bucket;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.meta.ObjectKey;
import io.manticore.protocol.s3.internal.meta.ObjectStore;
import io.manticore.protocol.s3.internal.multipart.Part;
import io.manticore.protocol.s3.internal.multipart.Upload;
import io.manticore.protocol.s3.internal.multipart.Uploads;
import io.manticore.protocol.s3.internal.xml.S3Dates;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * PUT /bucket/key?partNumber=N&uploadId=X : a part, written into a new unnamed file of the
 * bucket's mount; with x-amz-copy-source (UploadPartCopy) its bytes are copied from an object,
 * optionally a byte range of it. A part uploaded again replaces the earlier one.
 */
final class UploadPart implements S3Operation {

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        ObjectKey key = ObjectKey.parse(call.request().key());
        int number = call.request().query().getInt("partNumber", -1, 1, Integer.MAX_VALUE);
        if (number < 1 || number > Uploads.MAX_PARTS) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "part number must be an integer between 1 and " + Uploads.MAX_PARTS);
        }
        boolean copy = call.request().headers().contains("x-amz-copy-source");
        return call.bucket().thenCompose(bucket -> {
            Upload upload = call.context().uploads().get(call.request().query().get("uploadId"), bucket.name(), key.key(), call.user());
            return copy ? copyPart(call, bucket, upload, number) : uploadPart(call, bucket, upload, number);
        });
    }

    private static CompletionStage<S3Response> uploadPart(S3Call call, Bucket bucket, Upload upload, int number) {
        Vfs vfs = call.context().vfs();
        Cred cred = call.cred();
        return newPartFile(vfs, cred, bucket).thenCompose(fh -> BodyWriter.write(vfs, cred, fh, call.body())
                .thenApply(attrs -> {
                    byte[] md5 = call.body().digests().md5();
                    register(call, upload, new Part(number, fh, attrs.size(), ObjectStore.hex(md5), md5, attrs.mtime()));
                    S3Response response = S3Response.empty(HttpResponseStatus.OK)
                            .header(HttpHeaderNames.ETAG, ObjectHeaders.quote(ObjectStore.hex(md5)));
                    call.body().digests().checksums().forEach((a, v) -> response.header("x-amz-checksum-" + a, v));
                    return response;
                })
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        vfs.discardUnlinked(cred, fh);
                    }
                }));
    }

    private static CompletionStage<S3Response> copyPart(S3Call call, Bucket bucket, Upload upload, int number) {
        Vfs vfs = call.context().vfs();
        Cred cred = call.cred();
        ObjectStore objects = call.context().objects();
        String[] source = CopyObject.sourceOf(call.request().header("x-amz-copy-source"));
        ObjectKey sourceKey = ObjectKey.parse(source[1]);
        return call.context().buckets().open(source[0], cred)
                .thenCompose(srcBucket -> objects.find(cred, srcBucket, sourceKey))
                .thenCompose(src -> objects.meta(cred, src.fh()).thenCompose(meta -> objects.etag(cred, src.fh(), src.attrs(), meta))
                        .thenCompose(etag -> {
                            Preconditions.check(call.request().headers(), "x-amz-copy-source-", src.attrs(), etag, false);
                            String rangeHeader = call.request().header("x-amz-copy-source-range");
                            ByteRange range = ByteRange.parse(rangeHeader, src.attrs().size());
                            if (rangeHeader != null && range == null) {
                                throw new S3Exception(S3Error.INVALID_ARGUMENT, "x-amz-copy-source-range is bytes=first-last");
                            }
                            long first = range == null ? 0 : range.first();
                            long length = range == null ? src.attrs().size() : range.length();
                            return newPartFile(vfs, cred, bucket).thenCompose(fh -> RangeCopy.copy(vfs, cred, src.fh(), first, fh, 0, length)
                                    .thenCompose(copied -> vfs.commit(cred, fh, 0, 0))
                                    .thenCompose(committed -> vfs.getattr(cred, fh, AttrMask.ALL))
                                    .thenCompose(attrs -> objects.md5(cred, fh).thenApply(md5 -> {
                                        register(call, upload, new Part(number, fh, attrs.size(), ObjectStore.hex(md5), md5, attrs.mtime()));
                                        XmlWriter xml = new XmlWriter().root("CopyPartResult")
                                                .element("LastModified", S3Dates.iso(attrs.mtime()))
                                                .element("ETag", ObjectHeaders.quote(ObjectStore.hex(md5)));
                                        return S3Response.xml(HttpResponseStatus.OK, xml.toByteBuf(call.alloc()));
                                    }))
                                    .whenComplete((done, failure) -> {
                                        if (failure != null) {
                                            vfs.discardUnlinked(cred, fh);
                                        }
                                    }));
                        }));
    }

    private static CompletionStage<FileHandle> newPartFile(Vfs vfs, Cred cred, Bucket bucket) {
        return vfs.createUnlinked(cred, bucket.root(), SetAttrs.mode(0600)).thenApply(created -> created.fh());
    }

    private static void register(S3Call call, Upload upload, Part part) {
        if (upload.finishing()) {
            call.context().uploads().discard(upload, part);
            throw new S3Exception(S3Error.NO_SUCH_UPLOAD, "the upload was completed or aborted while this part was sent");
        }
        Part replaced = upload.parts().put(part.number(), part);
        if (replaced != null) {
            call.context().uploads().discard(upload, replaced);
        }
    }
}
