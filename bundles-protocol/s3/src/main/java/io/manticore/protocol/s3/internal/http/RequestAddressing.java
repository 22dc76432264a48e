package io.manticore.protocol.s3.internal.http;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Finds the bucket and key a request addresses: virtual-hosted style when the Host is
 * {@code bucket.<domain>} of the configured domain, path style ({@code /bucket/key}) otherwise.
 */
public final class RequestAddressing {

    private RequestAddressing() {
    }

    public static S3Request parse(String requestId, HttpRequest request, String domain) {
        String uri = request.uri();
        if (uri.isEmpty() || uri.charAt(0) != '/') {
            throw new S3Exception(S3Error.INVALID_URI, "the request target must be an absolute path");
        }
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        String path = PercentCodec.decode(rawPath);
        String hostBucket = hostBucket(request.headers().get(HttpHeaderNames.HOST), domain);
        String bucket;
        String key;
        if (hostBucket != null) {
            bucket = hostBucket;
            key = path.length() > 1 ? path.substring(1) : null;
        } else {
            int slash = path.indexOf('/', 1);
            String first = slash < 0 ? path.substring(1) : path.substring(1, slash);
            bucket = first.isEmpty() ? null : first;
            key = slash < 0 || slash == path.length() - 1 ? null : path.substring(slash + 1);
        }
        return new S3Request(requestId, request.method(), bucket, key, QueryParams.parse(rawQuery), request.headers(),
                rawPath, rawQuery);
    }

    /** The bucket named by a virtual-hosted Host header, or null for path style. */
    static String hostBucket(String host, String domain) {
        if (host == null || domain == null) {
            return null;
        }
        String name = host.toLowerCase(java.util.Locale.ROOT);
        String suffix = "." + domain;
        if (!name.endsWith(suffix) && domain.indexOf(':') < 0) {
            int colon = name.lastIndexOf(':');
            if (colon > 0 && name.indexOf(']') < 0) {
                name = name.substring(0, colon);
            }
        }
        return name.endsWith(suffix) && name.length() > suffix.length() ? name.substring(0, name.length() - suffix.length()) : null;
    }
}
