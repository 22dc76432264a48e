package io.manticore.protocol.s3.internal.auth;

/** How a request's body is protected, from its x-amz-content-sha256 header (S3 API, "Authenticating Requests"). */
public enum PayloadMode {
    /** UNSIGNED-PAYLOAD, a presigned URL, or an anonymous request: the body is taken as it comes. */
    UNSIGNED,
    /** x-amz-content-sha256 is the hex SHA-256 of the whole body; the body reader must check it at the end. */
    SIGNED,
    /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD: an aws-chunked body whose every chunk is signed. */
    STREAMING_SIGNED,
    /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER: signed chunks, then signed trailing headers. */
    STREAMING_SIGNED_TRAILER,
    /** STREAMING-UNSIGNED-PAYLOAD-TRAILER: unsigned chunks, then trailing headers (a checksum). */
    STREAMING_UNSIGNED_TRAILER;

    /** True when the body is aws-chunked and must go through an {@link AwsChunkedDecoder}. */
    public boolean isStreaming() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }
}
