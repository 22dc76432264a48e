package io.manticore.protocol.s3.internal.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/**
 * One S3 request, addressed: the bucket (null for the service) and the key (null for the
 * bucket itself), both decoded, whether the address was path- or virtual-hosted-style.
 */
public record S3Request(String requestId, HttpMethod method, String bucket, String key, QueryParams query,
                        HttpHeaders headers, String rawPath, String rawQuery) {

    public boolean isHead() {
        return HttpMethod.HEAD.equals(method);
    }

    /** A header's value, or null. */
    public String header(CharSequence name) {
        return headers.get(name);
    }
}
