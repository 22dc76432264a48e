package io.manticore.protocol.s3.internal.auth;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/**
 * The trailing headers after the final chunk (sigv4-streaming-trailers): "name:value" lines, each
 * announced in x-amz-trailer, then x-amz-trailer-signature when the chunks are signed.
 */
final class TrailerSection {

    static final String SIGNATURE_NAME = "x-amz-trailer-signature";

    private final ChunkSigner signer;
    private final Set<String> announced;
    private final Map<String, String> trailers = new TreeMap<>();
    private String signature;

    TrailerSection(ChunkSigner signer, Set<String> announced) {
        this.signer = signer;
        this.announced = announced;
    }

    /** Takes one non-empty trailer line. */
    void add(String line) throws S3Exception {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw invalid("A trailing header of the aws-chunked body is not name:value.");
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = CanonicalRequest.headerValue(List.of(line.substring(colon + 1)));
        if (signature != null) {
            throw invalid("x-amz-trailer-signature must be the last trailing header.");
        }
        if (name.equals(SIGNATURE_NAME)) {
            if (signer == null) {
                throw invalid("An unsigned aws-chunked body cannot carry x-amz-trailer-signature.");
            }
            signature = value;
        } else if (!announced.contains(name)) {
            throw invalid("The trailing header " + name + " was not announced in x-amz-trailer.");
        } else if (trailers.putIfAbsent(name, value) != null) {
            throw invalid("The trailing header " + name + " is given twice.");
        }
    }

    /** Ends the section: every announced trailer must have come, and the signature must match. */
    Map<String, String> finish() throws S3Exception {
        if (!trailers.keySet().containsAll(announced)) {
            throw invalid("The aws-chunked body lacks a trailing header announced in x-amz-trailer.");
        }
        if (signer != null && (signature != null || !announced.isEmpty())) {
            if (signature == null) {
                throw invalid("The aws-chunked body lacks x-amz-trailer-signature.");
            }
            signer.verifyTrailer(Crypto.sha256(canonical().getBytes(StandardCharsets.ISO_8859_1)), signature);
        }
        return Collections.unmodifiableMap(trailers);
    }

    /** The signed form of the trailers: "name:value\n" each, in name order. */
    private String canonical() {
        StringBuilder out = new StringBuilder();
        trailers.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
        return out.toString();
    }

    private static S3Exception invalid(String message) {
        return new S3Exception(S3Error.INVALID_REQUEST, message);
    }
}
