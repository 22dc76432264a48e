package io.manticore.protocol.s3.internal.auth;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/** The Credential of a SigV4 request: "AKID/yyyymmdd/region/s3/aws4_request". */
record CredentialScope(String accessKey, String date, String region) {

    static final String SERVICE = "s3";
    static final String TERMINATOR = "aws4_request";

    /**
     * Parses {@code credential}, refusing with {@code error} (its message starting with {@code context})
     * a malformed one or one for another region, service or terminator.
     */
    static CredentialScope parse(String credential, String expectedRegion, S3Error error, String context)
            throws S3Exception {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty() || !isDate(parts[1])) {
            throw new S3Exception(error, context + "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        if (!parts[2].equals(expectedRegion)) {
            throw new S3Exception(error, context + "the region '" + parts[2] + "' is wrong; expecting '" + expectedRegion + "'");
        }
        if (!parts[3].equals(SERVICE)) {
            throw new S3Exception(error, context + "incorrect service \"" + parts[3] + "\". This endpoint belongs to \"s3\".");
        }
        if (!parts[4].equals(TERMINATOR)) {
            throw new S3Exception(error, context + "incorrect terminal \"" + parts[4] + "\". This endpoint uses \"aws4_request\".");
        }
        return new CredentialScope(parts[0], parts[1], parts[2]);
    }

    /** The credential scope line of the string to sign. */
    String scope() {
        return date + '/' + region + '/' + SERVICE + '/' + TERMINATOR;
    }

    private static boolean isDate(String text) {
        return AmzDate.parseBasic(text + "T000000Z") != null;
    }
}
