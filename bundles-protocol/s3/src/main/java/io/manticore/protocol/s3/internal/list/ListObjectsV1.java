package io.manticore.protocol.s3.internal.list;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.http.QueryParams;
import io.manticore.protocol.s3.internal.op.S3Call;
import io.manticore.protocol.s3.internal.op.S3Response;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/** GET /bucket : one page of the bucket's keys, the first version of the API (S3 API reference, ListObjects). */
public final class ListObjectsV1 extends ListOperation {

    public ListObjectsV1() {
    }

    @Override
    CompletionStage<S3Response> list(S3Call call, QueryParams query, ListParams params) {
        String marker = query.get("marker", "");
        return ListingPage.list(call, params.range(marker), params.maxKeys()).thenApply(page -> {
            // NextMarker "is returned only if you have the delimiter request parameter specified"; else the last Key is the marker.
            String nextMarker = page.truncated() && params.delimiter() != null ? page.last().text() : null;
            XmlWriter xml = new XmlWriter().root("ListBucketResult")
                    .element("Name", call.request().bucket())
                    .element("Prefix", params.shown(params.prefix()))
                    .element("Marker", params.shown(marker))
                    .element("NextMarker", params.shown(nextMarker))
                    .element("MaxKeys", params.maxKeys())
                    .element("Delimiter", params.shown(params.delimiter()))
                    .element("EncodingType", params.encodingType())
                    .element("IsTruncated", page.truncated());
            ListXml.allContents(xml, page, params, true);
            ListXml.commonPrefixes(xml, page, params);
            return S3Response.xml(HttpResponseStatus.OK, xml.toByteBuf(call.alloc()));
        });
    }
}
