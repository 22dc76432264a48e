package io.manticore.protocol.s3.internal.meta;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.netty.handler.codec.http.HttpHeaders;

/** The metadata a PUT or a copy with REPLACE sets: the content headers S3 keeps, and x-amz-meta-*. */
public final class RequestMeta {

    /** The content headers an object keeps and returns, lower case. */
    public static final List<String> CONTENT_HEADERS = List.of("content-type", "content-encoding", "content-disposition",
            "content-language", "cache-control", "expires");
    public static final String USER_PREFIX = "x-amz-meta-";

    private RequestMeta() {
    }

    /** The metadata of {@code headers}; MetadataTooLarge past 2 KB of user metadata. */
    public static ObjectMeta of(HttpHeaders headers) {
        Map<String, String> content = new LinkedHashMap<>();
        for (String name : CONTENT_HEADERS) {
            String value = headers.get(name);
            if (value != null) {
                content.put(name, value);
            }
        }
        Map<String, String> user = new LinkedHashMap<>();
        int bytes = 0;
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(USER_PREFIX) && name.length() > USER_PREFIX.length()) {
                String key = name.substring(USER_PREFIX.length());
                user.merge(key, h.getValue(), (a, b) -> a + "," + b);
                bytes += key.getBytes(StandardCharsets.UTF_8).length + h.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (bytes > ObjectMeta.MAX_USER_BYTES) {
            throw new S3Exception(S3Error.METADATA_TOO_LARGE, "your metadata headers exceed the maximum allowed metadata size of 2 KB");
        }
        return new ObjectMeta(content, user, null, Map.of(), 0, -1);
    }
}
