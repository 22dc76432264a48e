package io.manticore.protocol.s3.internal.auth;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.manticore.protocol.s3.internal.http.PercentCodec;

/** The size line of one aws-chunked chunk: "hex-size;chunk-signature=sig", or "hex-size" when unsigned. */
record ChunkHeader(long size, String signature) {

    /** Refused above this: clients send chunks of 8 KiB to 8 MiB. */
    static final long MAX_SIZE = 64L << 20;

    private static final String SIGNATURE_EXTENSION = "chunk-signature=";

    static ChunkHeader parse(String line, boolean signed) throws S3Exception {
        int semicolon = line.indexOf(';');
        long size = parseSize(semicolon < 0 ? line : line.substring(0, semicolon));
        if (!signed) {
            return new ChunkHeader(size, null);
        }
        String extension = semicolon < 0 ? "" : line.substring(semicolon + 1);
        if (!extension.startsWith(SIGNATURE_EXTENSION)
                || !Crypto.isLowerHex64(extension.substring(SIGNATURE_EXTENSION.length()))) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "A chunk of the aws-chunked body has no valid chunk-signature.");
        }
        return new ChunkHeader(size, extension.substring(SIGNATURE_EXTENSION.length()));
    }

    private static long parseSize(String hex) {
        if (hex.isEmpty()) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "A chunk of the aws-chunked body has no size.");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = PercentCodec.hexDigit(hex.charAt(i));
            if (digit < 0) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "A chunk size of the aws-chunked body is not hexadecimal.");
            }
            size = size << 4 | digit;
            if (size > MAX_SIZE) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "A chunk of the aws-chunked body is larger than 64 MiB.");
            }
        }
        return size;
    }
}
