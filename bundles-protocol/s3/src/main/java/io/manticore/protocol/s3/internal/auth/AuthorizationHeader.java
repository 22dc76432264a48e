package io.manticore.protocol.s3.internal.auth;

import java.util.List;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/** A parsed "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..." Authorization header. */
record AuthorizationHeader(CredentialScope credential, List<String> signedHeaders, String signature) {

    private static final String MALFORMED = "The authorization header is malformed; ";

    static AuthorizationHeader parse(String value, String region) throws S3Exception {
        String text = value.trim();
        int space = text.indexOf(' ');
        String algorithm = space < 0 ? text : text.substring(0, space);
        if (!algorithm.equals(CanonicalRequest.ALGORITHM)) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String component : text.substring(space + 1).split(",", -1)) {
            String part = component.trim();
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw malformed("\"" + part + "\" is not a key=value pair.");
            }
            String key = part.substring(0, equals);
            String content = part.substring(equals + 1);
            switch (key) {
                case "Credential" -> credential = once(credential, key, content);
                case "SignedHeaders" -> signedHeaders = once(signedHeaders, key, content);
                case "Signature" -> signature = once(signature, key, content);
                default -> throw malformed("unknown component \"" + key + "\".");
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw malformed("it must have Credential, SignedHeaders and Signature.");
        }
        CredentialScope scope = CredentialScope.parse(credential, region, S3Error.AUTHORIZATION_HEADER_MALFORMED, MALFORMED);
        List<String> names = CanonicalRequest.signedHeaderNames(signedHeaders);
        if (names == null) {
            throw malformed("SignedHeaders must be lower-case header names separated by ';'.");
        }
        if (!names.contains("host")) {
            throw malformed("the host header must be signed.");
        }
        if (!Crypto.isLowerHex64(signature)) {
            throw malformed("the Signature must be 64 lower-case hex digits.");
        }
        return new AuthorizationHeader(scope, names, signature);
    }

    private static String once(String previous, String key, String content) {
        if (previous != null) {
            throw malformed(key + " is given twice.");
        }
        return content;
    }

    private static S3Exception malformed(String detail) {
        return new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, MALFORMED + detail);
    }
}
