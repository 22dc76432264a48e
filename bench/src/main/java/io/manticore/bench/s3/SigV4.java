package io.manticore.bench.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs requests with AWS Signature Version 4 and an unsigned payload (the load generator sends no checksums). */
final class SigV4 {

    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String SIGNED_HEADERS = "host;x-amz-content-sha256;x-amz-date";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String host;
    private final Mac mac;
    private final MessageDigest sha256;
    private String keyDate = "";
    private byte[] signingKey;

    SigV4(String accessKey, String secretKey, String region, String host) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        this.host = host;
        try {
            mac = Mac.getInstance("HmacSHA256");
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers to send with a request for {@code path} (not yet encoded) and {@code query}. */
    Map<String, String> sign(String method, String path, Map<String, String> query) {
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
        String date = amzDate.substring(0, 8);
        String canonical = method + '\n' + encodePath(path) + '\n' + canonicalQuery(query) + '\n'
                + "host:" + host + '\n'
                + "x-amz-content-sha256:" + UNSIGNED_PAYLOAD + '\n'
                + "x-amz-date:" + amzDate + '\n'
                + '\n' + SIGNED_HEADERS + '\n' + UNSIGNED_PAYLOAD;
        String scope = date + '/' + region + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n'
                + HEX.formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        String signature = HEX.formatHex(hmac(key(date), toSign));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host);
        headers.put("x-amz-date", amzDate);
        headers.put("x-amz-content-sha256", UNSIGNED_PAYLOAD);
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + '/' + scope
                + ", SignedHeaders=" + SIGNED_HEADERS + ", Signature=" + signature);
        return headers;
    }

    /** The request target: the encoded path and the query in canonical order. */
    static String target(String path, Map<String, String> query) {
        String encodedQuery = canonicalQuery(query);
        return encodePath(path) + (encodedQuery.isEmpty() ? "" : "?" + encodedQuery);
    }

    static String canonicalQuery(Map<String, String> query) {
        Map<String, String> sorted = new TreeMap<>();
        query.forEach((name, value) -> sorted.put(encode(name, true), encode(value, true)));
        StringBuilder out = new StringBuilder();
        sorted.forEach((name, value) -> out.append(out.isEmpty() ? "" : "&").append(name).append('=').append(value));
        return out.toString();
    }

    static String encodePath(String path) {
        return encode(path, false);
    }

    // SigV4 "UriEncode": unreserved characters stay, everything else is %XX of its UTF-8 bytes.
    private static String encode(String value, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private byte[] key(String date) {
        if (!date.equals(keyDate)) {
            byte[] dateKey = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
            signingKey = hmac(hmac(hmac(dateKey, region), "s3"), "aws4_request");
            keyDate = date;
        }
        return signingKey;
    }

    private byte[] hmac(byte[] key, String data) {
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
