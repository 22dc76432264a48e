package io.manticore.protocol.s3.internal.op;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.multipart.Upload;
import io.manticore.protocol.s3.internal.multipart.Utf8Order;
import io.manticore.protocol.s3.internal.xml.S3Dates;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/** GET /bucket?uploads : the caller's uploads in progress, by key, with prefix, delimiter and markers. */
final class ListMultipartUploads implements S3Operation {

    @Override
    public CompletionStage<S3Response> execute(S3Call call) {
        String prefix = call.request().query().get("prefix", "");
        String delimiter = call.request().query().get("delimiter");
        String keyMarker = call.request().query().get("key-marker", "");
        String idMarker = call.request().query().get("upload-id-marker", "");
        int max = call.request().query().getInt("max-uploads", 1000, 0, 1000);
        return call.bucket().thenApply(bucket -> {
            List<Upload> all = call.context().uploads().of(bucket.name(), call.user());
            XmlWriter xml = new XmlWriter().root("ListMultipartUploadsResult").element("Bucket", bucket.name())
                    .element("KeyMarker", keyMarker).element("UploadIdMarker", idMarker);
            Set<String> prefixes = new LinkedHashSet<>();
            List<Upload> shown = new ArrayList<>();
            boolean truncated = false;
            for (Upload u : all) {
                int c = Utf8Order.INSTANCE.compare(u.key(), keyMarker);
                if (!keyMarker.isEmpty() && (c < 0 || (c == 0 && (idMarker.isEmpty() || u.id().compareTo(idMarker) <= 0)))) {
                    continue;
                }
                if (!u.key().startsWith(prefix)) {
                    continue;
                }
                if (shown.size() + prefixes.size() == max) {
                    truncated = true;
                    break;
                }
                int d = delimiter == null || delimiter.isEmpty() ? -1 : u.key().indexOf(delimiter, prefix.length());
                if (d >= 0) {
                    prefixes.add(u.key().substring(0, d + delimiter.length()));
                } else {
                    shown.add(u);
                }
            }
            if (truncated && !shown.isEmpty()) {
                xml.element("NextKeyMarker", shown.getLast().key()).element("NextUploadIdMarker", shown.getLast().id());
            }
            if (delimiter != null) {
                xml.element("Delimiter", delimiter);
            }
            xml.element("Prefix", prefix).element("MaxUploads", max).element("IsTruncated", truncated);
            for (Upload u : shown) {
                String owner = Integer.toString(u.cred().uid());
                xml.start("Upload").element("Key", u.key()).element("UploadId", u.id());
                xml.start("Initiator").element("ID", owner).element("DisplayName", u.user()).end();
                xml.start("Owner").element("ID", owner).element("DisplayName", u.user()).end();
                xml.element("StorageClass", "STANDARD").element("Initiated", S3Dates.iso(u.initiatedNanos())).end();
            }
            for (String p : prefixes) {
                xml.start("CommonPrefixes").element("Prefix", p).end();
            }
            return S3Response.xml(HttpResponseStatus.OK, xml.toByteBuf(call.alloc()));
        });
    }
}
