package io.manticore.protocol.s3.internal.op;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.meta.ObjectKey;
import io.manticore.protocol.s3.internal.multipart.Part;
import io.manticore.protocol.s3.internal.multipart.Upload;
import io.manticore.protocol.s3.internal.xml.S3Dates;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/** GET /bucket/key?uploadId=X : the parts uploaded so far, in pages after part-number-marker. */
final class ListParts implements S3Operation {

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        ObjectKey key = ObjectKey.parse(call.request().key());
        int marker = call.request().query().getInt("part-number-marker", 0, 0, Integer.MAX_VALUE);
        int max = call.request().query().getInt("max-parts", 1000, 0, 1000);
        return call.bucket().thenApply(bucket -> {
            Upload upload = call.context().uploads().get(call.request().query().get("uploadId"), bucket.name(), key.key(), call.user());
            Collection<Part> after = upload.parts().tailMap(marker, false).values();
            XmlWriter xml = new XmlWriter().root("ListPartsResult").element("Bucket", bucket.name()).element("Key", key.key())
                    .element("UploadId", upload.id());
            String owner = Integer.toString(upload.cred().uid());
            xml.start("Initiator").element("ID", owner).element("DisplayName", upload.user()).end();
            xml.start("Owner").element("ID", owner).element("DisplayName", upload.user()).end();
            xml.element("StorageClass", "STANDARD").element("PartNumberMarker", marker);
            List<Part> page = new ArrayList<>();
            boolean truncated = false;
            for (Part p : after) {
                if (page.size() == max) {
                    truncated = true;
                    break;
                }
                page.add(p);
            }
            xml.element("NextPartNumberMarker", page.isEmpty() ? marker : page.getLast().number()).element("MaxParts", max)
                    .element("IsTruncated", truncated);
            for (Part p : page) {
                xml.start("Part").element("PartNumber", p.number()).element("LastModified", S3Dates.iso(p.lastModifiedNanos()))
                        .element("ETag", ObjectHeaders.quote(p.etag())).element("Size", p.size()).end();
            }
            return S3Response.xml(HttpResponseStatus.OK, xml.toByteBuf(call.alloc()));
        });
    }
}
