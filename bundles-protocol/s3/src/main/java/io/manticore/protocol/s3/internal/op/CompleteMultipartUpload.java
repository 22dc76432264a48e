package io.manticore.protocol.s3.internal.op;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Vfs;
import io.manticore.protocol.s3.internal.bucket.Bucket;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.http.PercentCodec;
import io.manticore.protocol.s3.internal.meta.ObjectKey;
import io.manticore.protocol.s3.internal.meta.ObjectStore;
import io.manticore.protocol.s3.internal.multipart.Part;
import io.manticore.protocol.s3.internal.multipart.Upload;
import io.manticore.protocol.s3.internal.multipart.Uploads;
import io.manticore.protocol.s3.internal.xml.XmlReader;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * POST /bucket/key?uploadId=X : the listed parts, in order, copied by the backend into one
 * new unnamed file that is then published under the key like a PUT. The ETag is the MD5 of
 * the parts' MD5s with the part count ({@code md5-of-md5s-N}).
 */
final class CompleteMultipartUpload implements S3Operation {

    /** 10,000 parts with their ETags in XML, and room to spare. */
    static final int MAX_BODY = 2 * 1024 * 1024;

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        ObjectKey key = ObjectKey.parse(call.request().key());
        return call.bucket().thenCompose(bucket -> {
            Upload upload = call.context().uploads().get(call.request().query().get("uploadId"), bucket.name(), key.key(), call.user());
            return call.body().readAll(MAX_BODY).thenCompose(body -> {
                List<Part> parts;
                try {
                    parts = chosenParts(upload, XmlReader.parse(body.toString(StandardCharsets.UTF_8)));
                } finally {
                    body.release();
                }
                if (!upload.finish()) {
                    throw new S3Exception(S3Error.NO_SUCH_UPLOAD, "the upload is being completed or aborted by another request");
                }
                return assemble(call, bucket, key, upload, parts).whenComplete((done, failure) -> {
                    if (failure != null) {
                        upload.unfinish();
                    }
                });
            });
        });
    }

    /** The parts the request lists, checked: ascending numbers, known ETags, all but the last at least 5 MiB. */
    private static List<Part> chosenParts(Upload upload, XmlReader request) {
        List<Part> parts = new ArrayList<>();
        int previous = 0;
        for (XmlReader p : request.children("Part")) {
            int number;
            try {
                number = Integer.parseInt(String.valueOf(p.text("PartNumber")).trim());
            } catch (NumberFormatException e) {
                throw new S3Exception(S3Error.MALFORMED_XML, "a Part has no valid PartNumber");
            }
            if (number <= previous) {
                throw new S3Exception(S3Error.INVALID_PART_ORDER, "the list of parts was not in ascending order");
            }
            previous = number;
            Part part = upload.parts().get(number);
            String etag = p.text("ETag") == null ? "" : p.text("ETag").trim().replace("\"", "");
            if (part == null || !part.etag().equals(etag)) {
                throw new S3Exception(S3Error.INVALID_PART, "part " + number + " was not found or its ETag does not match");
            }
            parts.add(part);
        }
        if (parts.isEmpty() || parts.size() > Uploads.MAX_PARTS) {
            throw new S3Exception(S3Error.MALFORMED_XML, "a completion lists 1 to " + Uploads.MAX_PARTS + " parts");
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            if (parts.get(i).size() < Uploads.MIN_PART_BYTES) {
                throw new S3Exception(S3Error.ENTITY_TOO_SMALL, "your proposed upload is smaller than the minimum allowed object size");
            }
        }
        return parts;
    }

    private static CompletionStage<S3Response> assemble(S3Call call, Bucket bucket, ObjectKey key, Upload upload, List<Part> parts) {
        Vfs vfs = call.context().vfs();
        Cred cred = call.cred();
        ObjectStore objects = call.context().objects();
        String etag = etag(parts);
        return objects.folderFor(cred, bucket, key).thenCompose(dir -> vfs.createUnlinked(cred, dir, SetAttrs.mode(ObjectStore.FILE_MODE))
                .thenCompose(created -> append(vfs, cred, parts, 0, 0, created.fh())
                        .thenCompose(size -> vfs.commit(cred, created.fh(), 0, 0))
                        .thenCompose(committed -> vfs.getattr(cred, created.fh(), AttrMask.ALL))
                        .thenCompose(attrs -> objects.storeMeta(cred, created.fh(), upload.meta().withEtag(etag, Map.of(), attrs)))
                        .thenCompose(stored -> vfs.linkAt(cred, created.fh(), dir, key.name(), true))
                        .thenApply(linked -> {
                            call.context().uploads().remove(upload);
                            XmlWriter xml = new XmlWriter().root("CompleteMultipartUploadResult")
                                    .element("Location", "/" + bucket.name() + "/" + PercentCodec.encode(key.key(), true))
                                    .element("Bucket", bucket.name()).element("Key", key.key())
                                    .element("ETag", ObjectHeaders.quote(etag));
                            return S3Response.xml(HttpResponseStatus.OK, xml.toByteBuf(call.alloc()));
                        })
                        .whenComplete((done, failure) -> {
                            if (failure != null) {
                                vfs.discardUnlinked(cred, created.fh());
                            }
                        })));
    }

    private static CompletionStage<Long> append(Vfs vfs, Cred cred, List<Part> parts, int i, long offset, FileHandle target) {
        if (i == parts.size()) {
            return CompletableFuture.completedFuture(offset);
        }
        Part p = parts.get(i);
        return RangeCopy.copy(vfs, cred, p.file(), 0, target, offset, p.size())
                .thenCompose(done -> append(vfs, cred, parts, i + 1, offset + p.size(), target));
    }

    /** S3's multipart ETag: hex MD5 of the concatenated binary MD5s of the parts, then "-" and their count. */
    static String etag(List<Part> parts) {
        MessageDigest md5 = ObjectStore.md5();
        parts.forEach(p -> md5.update(p.md5()));
        return ObjectStore.hex(md5.digest()) + "-" + parts.size();
    }
}
