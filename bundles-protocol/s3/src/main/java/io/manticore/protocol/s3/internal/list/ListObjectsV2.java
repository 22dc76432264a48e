package io.manticore.protocol.s3.internal.list;

import java.util.concurrent.CompletionStage;

import io.manticore.protocol.s3.internal.http.QueryParams;
import io.manticore.protocol.s3.internal.op.S3Call;
import io.manticore.protocol.s3.internal.op.S3Response;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.handler.codec.http.HttpResponseStatus;

/** GET /bucket?list-type=2 : one page of the bucket's keys (S3 API reference, ListObjectsV2). */
public final class ListObjectsV2 extends ListOperation {

    public ListObjectsV2() {
    }

    @Override
    CompletionStage<S3Response> list(S3Call call, QueryParams query, ListParams params) {
        String token = query.get("continuation-token");
        String startAfter = query.get("start-after");
        boolean fetchOwner = "true".equals(query.get("fetch-owner"));
        // A continuation token takes over from start-after (both are echoed).
        String marker = token != null ? ContinuationToken.decode(token) : startAfter == null ? "" : startAfter;
        return ListingPage.list(call, params.range(marker), params.maxKeys()).thenApply(page -> {
            XmlWriter xml = new XmlWriter().root("ListBucketResult")
                    .element("Name", call.request().bucket())
                    .element("Prefix", params.shown(params.prefix()))
                    .element("StartAfter", params.shown(startAfter))
                    .element("ContinuationToken", token)
                    .element("NextContinuationToken", page.truncated() ? ContinuationToken.encode(page.last().key()) : null)
                    .element("KeyCount", page.objectCount() + page.prefixCount())
                    .element("MaxKeys", params.maxKeys())
                    .element("Delimiter", params.shown(params.delimiter()))
                    .element("EncodingType", params.encodingType())
                    .element("IsTruncated", page.truncated());
            ListXml.allContents(xml, page, params, fetchOwner);
            ListXml.commonPrefixes(xml, page, params);
            return S3Response.xml(HttpResponseStatus.OK, xml.toByteBuf(call.alloc()));
        });
    }
}
