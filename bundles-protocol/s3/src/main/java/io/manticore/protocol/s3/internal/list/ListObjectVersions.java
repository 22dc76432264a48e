package io.manticore.protocol.s3.internal.list;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.http.QueryParams;
import io.manticore.protocol.s3.internal.op.S3Call;
import io.manticore.protocol.s3.internal.op.S3Response;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * GET /bucket?versions : the bucket is unversioned, so each object has one version, "null",
 * the latest, and there are no delete markers (S3 API reference, ListObjectVersions).
 */
public final class ListObjectVersions extends ListOperation {

    private static final String NULL_VERSION = "null";

    public ListObjectVersions() {
    }

    @Override
    CompletionStage<S3Response> list(S3Call call, QueryParams query, ListParams params) {
        String keyMarker = query.get("key-marker", "");
        String versionMarker = query.get("version-id-marker");
        if (versionMarker != null && !versionMarker.isEmpty()) {
            if (keyMarker.isEmpty()) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT, "A version-id marker cannot be specified without a key marker.");
            }
            if (!versionMarker.equals(NULL_VERSION)) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid version id specified");
            }
        }
        // The one version of key-marker is "null": the next version is the next key's either way.
        return ListingPage.list(call, params.range(keyMarker), params.maxKeys()).thenApply(page -> {
            Listed last = page.truncated() ? page.last() : null;
            XmlWriter xml = new XmlWriter().root("ListVersionsResult")
                    .element("Name", call.request().bucket())
                    .element("Prefix", params.shown(params.prefix()))
                    .element("KeyMarker", params.shown(keyMarker))
                    .element("VersionIdMarker", versionMarker == null ? "" : versionMarker)
                    .element("NextKeyMarker", last == null ? null : params.shown(last.text()))
                    .element("NextVersionIdMarker", last == null || last.commonPrefix() ? null : NULL_VERSION)
                    .element("MaxKeys", params.maxKeys())
                    .element("Delimiter", params.shown(params.delimiter()))
                    .element("EncodingType", params.encodingType())
                    .element("IsTruncated", page.truncated());
            for (ListedObject object : page.objects()) {
                if (object != null) {
                    ListXml.version(xml, object, params);
                }
            }
            ListXml.commonPrefixes(xml, page, params);
            return S3Response.xml(HttpResponseStatus.OK, xml.toByteBuf(call.alloc()));
        });
    }
}
