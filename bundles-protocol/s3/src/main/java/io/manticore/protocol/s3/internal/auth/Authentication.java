package io.manticore.protocol.s3.internal.auth;

import io.manticore.api.config.S3KeyConfig;

/**
 * The outcome of verification. {@code key} is null for an anonymous request (no Authorization header
 * and no X-Amz-Signature). {@code payloadSha256} is the expected lower-case hex SHA-256 of the body
 * when {@code payload} is {@link PayloadMode#SIGNED}, else null. {@code chunkSigner} is set for the
 * two signed streaming modes, else null.
 */
public record Authentication(S3KeyConfig key, PayloadMode payload, String payloadSha256, ChunkSigner chunkSigner) {

    private static final Authentication ANONYMOUS = new Authentication(null, PayloadMode.UNSIGNED, null, null);

    public static Authentication anonymous() {
        return ANONYMOUS;
    }

    public boolean isAnonymous() {
        return key == null;
    }
}
