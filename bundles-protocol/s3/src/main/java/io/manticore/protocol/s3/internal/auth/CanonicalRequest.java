package io.manticore.protocol.s3.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.http.PercentCodec;
import io.netty.handler.codec.http.HttpHeaders;

/** SigV4's canonical request and string to sign ("Signature Calculations for the Authorization Header"). */
final class CanonicalRequest {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private CanonicalRequest() {
    }

    /** The canonical request: method, URI, query, signed headers with their values, their names, payload hash. */
    static String build(String method, String canonicalUri, String canonicalQuery, HttpHeaders headers,
            List<String> signedHeaders, String hashedPayload) {
        StringBuilder out = new StringBuilder(256);
        out.append(method).append('\n').append(canonicalUri).append('\n').append(canonicalQuery).append('\n');
        for (String name : signedHeaders) {
            out.append(name).append(':').append(headerValue(headers.getAll(name))).append('\n');
        }
        out.append('\n').append(String.join(";", signedHeaders)).append('\n').append(hashedPayload);
        return out.toString();
    }

    /** The string to sign of {@code canonicalRequest}. */
    static String stringToSign(String timestamp, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + timestamp + '\n' + scope + '\n' + Crypto.hex(Crypto.sha256(bytes(canonicalRequest)));
    }

    /** The path decoded once and re-encoded the S3 way (S3 does not encode twice); "/" when empty. */
    static String canonicalUri(String rawPath) throws S3Exception {
        if (rawPath.isEmpty()) {
            return "/";
        }
        try {
            return PercentCodec.encode(PercentCodec.decodeBytes(rawPath), true);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.INVALID_URI, "Couldn't parse the specified URI: " + e.getMessage());
        }
    }

    /** A header's canonical value: each value trimmed, inner runs of spaces made one, values joined with ','. */
    static String headerValue(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            String trimmed = value.trim();
            boolean space = false;
            for (int i = 0; i < trimmed.length(); i++) {
                char c = trimmed.charAt(i);
                if (c == ' ') {
                    if (!space) {
                        out.append(' ');
                    }
                    space = true;
                } else {
                    out.append(c);
                    space = false;
                }
            }
        }
        return out.toString();
    }

    /**
     * The names of a SignedHeaders list ("host;range;x-amz-date"), or null when it is empty, has an
     * empty, repeated or upper-case name, or a character that cannot be in a header name.
     */
    static List<String> signedHeaderNames(String list) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : list.split(";", -1)) {
            if (name.isEmpty() || !isLowerToken(name) || !seen.add(name)) {
                return null;
            }
            names.add(name);
        }
        return names;
    }

    private static boolean isLowerToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** The bytes that were signed: one byte per character as received (see SignedRequest), UTF-8 beyond U+00FF. */
    static byte[] bytes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
