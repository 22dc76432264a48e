package io.manticore.protocol.s3.internal.list;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.http.PercentCodec;
import io.manticore.protocol.s3.internal.http.QueryParams;

/**
 * The query parameters every listing shares: prefix, delimiter, max-keys and encoding-type
 * (S3 API reference, ListObjectsV2 "URI Request Parameters").
 *
 * @param prefix    "" for none
 * @param delimiter null for none (an empty delimiter is none)
 * @param maxKeys   0 to 1000
 * @param urlEncode whether encoding-type=url asked for keys to be URL-encoded
 */
record ListParams(String prefix, String delimiter, int maxKeys, boolean urlEncode) {

    static final int MAX_KEYS = 1000;

    static ListParams parse(QueryParams query) {
        String encoding = query.get("encoding-type");
        if (encoding != null && !encoding.equals("url")) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request");
        }
        String delimiter = query.get("delimiter");
        return new ListParams(query.get("prefix", ""), delimiter == null || delimiter.isEmpty() ? null : delimiter,
                query.getInt("max-keys", MAX_KEYS, 0, MAX_KEYS), encoding != null);
    }

    /** The range of keys after {@code marker} ("" for none). */
    KeyRange range(String marker) {
        return new KeyRange(KeyBytes.utf8(prefix), delimiter == null ? null : KeyBytes.utf8(delimiter),
                KeyBytes.utf8(marker));
    }

    /** {@code text} as the response shows keys: URL-encoded ('/' kept) when asked; null stays null. */
    String shown(String text) {
        return text == null || !urlEncode ? text : PercentCodec.encode(text, true);
    }

    /** The EncodingType element's value, or null. */
    String encodingType() {
        return urlEncode ? "url" : null;
    }
}
