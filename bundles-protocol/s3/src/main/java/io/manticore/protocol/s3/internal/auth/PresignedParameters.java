package io.manticore.protocol.s3.internal.auth;

import java.time.Instant;
import java.util.List;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/** The X-Amz-* query parameters of a presigned URL ("Authenticating Requests: Using Query Parameters"). */
record PresignedParameters(CredentialScope credential, String timestamp, Instant date, long expiresSeconds,
        List<String> signedHeaders, String signature) {

    static final String SIGNATURE = "X-Amz-Signature";
    static final long MAX_EXPIRES = 604_800;

    private static final String CREDENTIAL_CONTEXT = "Error parsing the X-Amz-Credential parameter; ";

    /** True when {@code query} asks for query-string authentication. */
    static boolean isPresigned(List<QueryParameter> query) {
        for (QueryParameter parameter : query) {
            String name = parameter.name();
            if (name.equals(SIGNATURE) || name.equals("X-Amz-Algorithm") || name.equals("X-Amz-Credential")) {
                return true;
            }
        }
        return false;
    }

    static PresignedParameters parse(List<QueryParameter> query, String region) throws S3Exception {
        String algorithm = single(query, "X-Amz-Algorithm");
        String credential = single(query, "X-Amz-Credential");
        String timestamp = single(query, "X-Amz-Date");
        String expires = single(query, "X-Amz-Expires");
        String signedHeaders = single(query, "X-Amz-SignedHeaders");
        String signature = single(query, SIGNATURE);
        if (algorithm == null || credential == null || timestamp == null || expires == null
                || signedHeaders == null || signature == null) {
            throw error("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                    + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        if (!algorithm.equals(CanonicalRequest.ALGORITHM)) {
            throw error("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        CredentialScope scope = CredentialScope.parse(credential, region,
                S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, CREDENTIAL_CONTEXT);
        Instant date = AmzDate.parseBasic(timestamp);
        if (date == null) {
            throw error("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        if (!timestamp.startsWith(scope.date())) {
            throw error(CREDENTIAL_CONTEXT + "the date '" + scope.date() + "' is not the day of X-Amz-Date.");
        }
        long seconds = parseExpires(expires);
        List<String> names = CanonicalRequest.signedHeaderNames(signedHeaders);
        if (names == null) {
            throw error("X-Amz-SignedHeaders must be lower-case header names separated by ';'.");
        }
        if (!names.contains("host")) {
            throw error("X-Amz-SignedHeaders must include host.");
        }
        if (!Crypto.isLowerHex64(signature)) {
            throw error("X-Amz-Signature must be 64 lower-case hex digits.");
        }
        return new PresignedParameters(scope, timestamp, date, seconds, names, signature);
    }

    private static long parseExpires(String expires) {
        if (expires.isEmpty() || expires.length() > 7 || !expires.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw error("X-Amz-Expires should be a number");
        }
        long seconds = Long.parseLong(expires);
        if (seconds < 1) {
            throw error("X-Amz-Expires must be at least 1");
        }
        if (seconds > MAX_EXPIRES) {
            throw error("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return seconds;
    }

    /** The value of the one parameter called {@code name}, null when absent; refuses it given twice. */
    private static String single(List<QueryParameter> query, String name) {
        String value = null;
        for (QueryParameter parameter : query) {
            if (parameter.name().equals(name)) {
                if (value != null) {
                    throw error(name + " is given more than once.");
                }
                value = parameter.value();
            }
        }
        return value;
    }

    private static S3Exception error(String message) {
        return new S3Exception(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR, message);
    }
}
