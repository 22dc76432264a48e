package io.manticore.protocol.s3.internal.auth;

import java.util.Objects;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * What the verifier sees of a request, as received: {@code rawPath} and {@code rawQuery} are still
 * percent-encoded ({@code rawQuery} is "" when there is none, without the '?'). A character up to
 * U+00FF in them or in a header value stands for one received byte, as Netty's decoder hands them over.
 */
public record SignedRequest(String method, String rawPath, String rawQuery, HttpHeaders headers) {

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(headers, "headers");
        rawQuery = rawQuery == null ? "" : rawQuery;
    }
}
