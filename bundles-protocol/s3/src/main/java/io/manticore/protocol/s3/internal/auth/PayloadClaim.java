package io.manticore.protocol.s3.internal.auth;

import java.util.Locale;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/** What x-amz-content-sha256 says of the body: its mode, and the hash when the whole body is signed. */
record PayloadClaim(PayloadMode mode, String sha256) {

    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final PayloadClaim UNSIGNED = new PayloadClaim(PayloadMode.UNSIGNED, null);

    /** Parses a header value: 64 hex digits, UNSIGNED-PAYLOAD or one of the STREAMING-* values. */
    static PayloadClaim parse(String value) throws S3Exception {
        switch (value) {
            case UNSIGNED_PAYLOAD:
                return UNSIGNED;
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD":
                return new PayloadClaim(PayloadMode.STREAMING_SIGNED, null);
            case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER":
                return new PayloadClaim(PayloadMode.STREAMING_SIGNED_TRAILER, null);
            case "STREAMING-UNSIGNED-PAYLOAD-TRAILER":
                return new PayloadClaim(PayloadMode.STREAMING_UNSIGNED_TRAILER, null);
            default:
                String lower = value.toLowerCase(Locale.ROOT);
                if (Crypto.isLowerHex64(lower)) {
                    return new PayloadClaim(PayloadMode.SIGNED, lower);
                }
                throw new S3Exception(S3Error.INVALID_ARGUMENT, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
                        + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, "
                        + "STREAMING-UNSIGNED-PAYLOAD-TRAILER or a valid sha256 value.");
        }
    }

    /** True for the two modes whose chunks carry signatures chained from the request's. */
    boolean hasSignedChunks() {
        return mode == PayloadMode.STREAMING_SIGNED || mode == PayloadMode.STREAMING_SIGNED_TRAILER;
    }
}
