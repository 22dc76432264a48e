package io.manticore.protocol.s3.internal.http;

import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.op.S3Response;
import io.manticore.protocol.s3.internal.xml.XmlWriter;
import io.netty.buffer.ByteBufAllocator;

/** A failure as S3's XML error document (S3 API reference, "Error responses"). */
final class ErrorDocument {

    private ErrorDocument() {
    }

    static S3Response of(S3Exception e, String requestId, S3Request request, String resource, ByteBufAllocator alloc) {
        XmlWriter xml = new XmlWriter().start("Error").element("Code", e.error().code()).element("Message", e.getMessage());
        if (request != null && request.bucket() != null) {
            xml.element("BucketName", request.bucket());
        }
        if (request != null && request.key() != null) {
            xml.element("Key", request.key());
        }
        xml.element("Resource", resource).element("RequestId", requestId);
        return S3Response.xml(e.error().status(), xml.toByteBuf(alloc));
    }
}
