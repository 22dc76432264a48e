package io.manticore.protocol.s3.internal.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.manticore.protocol.s3.internal.auth.TestSigner;

/** Signs a request without query parameters with AWS Signature Version 4 in the Authorization header, for tests. */
final class HeaderSigner {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final TestSigner signer;

    HeaderSigner(String accessKey, String secretKey, String region) {
        this.signer = new TestSigner(accessKey, secretKey, region);
    }

    /** The request's bytes: request line, Host, x-amz-date, x-amz-content-sha256, Content-Length, Authorization, then the body. */
    String request(String method, String path, String host, byte[] body, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String payloadHash = TestSigner.sha256Hex(body);
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("host", host);
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", amzDate);
        String signature = signer.signature(method, PercentCodec.decode(path), Map.of(), signed, payloadHash, amzDate);
        return method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nx-amz-date: " + amzDate + "\r\nx-amz-content-sha256: "
                + payloadHash + "\r\nContent-Length: " + body.length + "\r\nAuthorization: "
                + signer.authorization(signed, amzDate, signature) + "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1);
    }
}
