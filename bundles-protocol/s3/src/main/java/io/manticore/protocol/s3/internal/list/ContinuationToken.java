package io.manticore.protocol.s3.internal.list;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/**
 * ListObjectsV2's opaque continuation token: the last key or common prefix a page returned,
 * behind a format byte, in unpadded base64url. The next page starts after it.
 */
final class ContinuationToken {

    private static final byte FORMAT = 1;

    private ContinuationToken() {
    }

    static String encode(byte[] last) {
        byte[] bytes = new byte[last.length + 1];
        bytes[0] = FORMAT;
        System.arraycopy(last, 0, bytes, 1, last.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The key the token resumes after; InvalidArgument for a token this service did not make. */
    static String decode(String token) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length < 2 || bytes[0] != FORMAT) {
                throw incorrect();
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Arrays.copyOfRange(bytes, 1, bytes.length))).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw incorrect();
        }
    }

    private static S3Exception incorrect() {
        return new S3Exception(S3Error.INVALID_ARGUMENT, "The continuation token provided is incorrect");
    }
}
