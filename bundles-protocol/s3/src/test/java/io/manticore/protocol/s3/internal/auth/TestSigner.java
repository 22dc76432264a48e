package io.manticore.protocol.s3.internal.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SigV4 signer for tests, written apart from the verifier's code (URLEncoder-based encoding, its own
 * canonical request) so that a round trip checks two readings of the spec against each other.
 */
public final class TestSigner {

    private final String accessKey;
    private final String secretKey;
    private final String region;

    public TestSigner(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    /** RFC 3986 encoding of a decoded string: unreserved characters kept, '/' kept when asked. */
    static String encode(String text, boolean keepSlash) {
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
        return keepSlash ? encoded.replace("%2F", "/") : encoded;
    }

    /** The canonical query of decoded parameters. */
    static String query(Map<String, String> parameters) {
        return new TreeMap<>(parameters.entrySet().stream().collect(Collectors.toMap(
                e -> encode(e.getKey(), false), e -> encode(e.getValue(), false)))).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    /** The hex signature of a request whose decoded path, decoded query and signed headers are given. */
    public String signature(String method, String path, Map<String, String> query, Map<String, String> signedHeaders,
            String payloadHash, String timestamp) {
        TreeMap<String, String> headers = new TreeMap<>();
        signedHeaders.forEach((name, value) -> headers.put(name.toLowerCase(), value.trim().replaceAll(" +", " ")));
        StringBuilder canonical = new StringBuilder();
        canonical.append(method).append('\n').append(encode(path, true)).append('\n').append(query(query)).append('\n');
        headers.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        canonical.append('\n').append(String.join(";", headers.keySet())).append('\n').append(payloadHash);
        String date = timestamp.substring(0, 8);
        String stringToSign = "AWS4-HMAC-SHA256\n" + timestamp + "\n" + date + "/" + region + "/s3/aws4_request\n"
                + sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    /** The Authorization header for a signature over {@code signedHeaders}. */
    public String authorization(Map<String, String> signedHeaders, String timestamp, String signature) {
        String names = new TreeMap<>(signedHeaders).keySet().stream().map(String::toLowerCase).sorted()
                .collect(Collectors.joining(";"));
        return "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + timestamp.substring(0, 8) + "/" + region
                + "/s3/aws4_request, SignedHeaders=" + names + ", Signature=" + signature;
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
