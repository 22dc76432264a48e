package io.manticore.protocol.s3.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.manticore.api.config.S3KeyConfig;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Verifies an S3 request's AWS Signature Version 4, from its Authorization header or from the X-Amz-*
 * query parameters of a presigned URL. Thread-safe.
 */
public final class SigV4Verifier {

    private static final Logger LOG = LoggerFactory.getLogger(SigV4Verifier.class);

    /** S3 refuses a request dated more than 15 minutes from its clock either way. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private static final String CONTENT_SHA256 = "x-amz-content-sha256";

    private final String region;
    private final Function<String, S3KeyConfig> keys;
    private final Clock clock;
    private final SigningKeys signingKeys;

    public SigV4Verifier(String region, Function<String, S3KeyConfig> keys, Clock clock) {
        this.region = Objects.requireNonNull(region, "region");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signingKeys = new SigningKeys(region);
    }

    /** Verifies the Authorization header or the presigned query parameters; anonymous when neither is present. */
    public Authentication verify(SignedRequest request) throws S3Exception {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        List<QueryParameter> query = QueryParameter.parse(request.rawQuery());
        boolean presigned = PresignedParameters.isPresigned(query);
        if (authorization != null && presigned) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "Only one auth mechanism allowed; only the X-Amz-Algorithm "
                    + "query parameter, Signature query string parameter or the Authorization header should be specified");
        }
        if (authorization != null) {
            return verifyHeader(request, query, AuthorizationHeader.parse(authorization, region));
        }
        if (presigned) {
            return verifyPresigned(request, query, PresignedParameters.parse(query, region));
        }
        if (query.stream().anyMatch(p -> p.name().equals("AWSAccessKeyId"))) {
            // A Signature Version 2 presigned URL: refused rather than served as anonymous.
            throw new S3Exception(S3Error.INVALID_REQUEST, "the authorization mechanism you have provided is not supported; "
                    + "please use AWS4-HMAC-SHA256");
        }
        return anonymous(request.headers());
    }

    private Authentication verifyHeader(SignedRequest request, List<QueryParameter> query, AuthorizationHeader header) {
        HttpHeaders headers = request.headers();
        String contentSha256 = headers.get(CONTENT_SHA256);
        if (contentSha256 == null) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Missing required header for this request: x-amz-content-sha256");
        }
        PayloadClaim payload = PayloadClaim.parse(contentSha256.trim());
        String amzDate = headers.get("x-amz-date");
        Instant date = amzDate != null ? AmzDate.parseBasic(amzDate.trim()) : AmzDate.parseHttpDate(headers.get(HttpHeaderNames.DATE));
        if (date == null) {
            throw new S3Exception(S3Error.ACCESS_DENIED, "AWS authentication requires a valid Date or x-amz-date header");
        }
        String timestamp = AmzDate.format(date);
        if (!timestamp.startsWith(header.credential().date())) {
            throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED,
                    "The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        checkSkew(date, clock.instant());
        S3KeyConfig key = lookup(header.credential().accessKey());
        String canonical = CanonicalRequest.build(request.method(), CanonicalRequest.canonicalUri(request.rawPath()),
                QueryParameter.canonical(query), headers, header.signedHeaders(), contentSha256.trim());
        byte[] signingKey = checkSignature(key, header.credential(), timestamp, canonical, header.signature());
        ChunkSigner chunkSigner = payload.hasSignedChunks()
                ? new ChunkSigner(signingKey, timestamp, header.credential().scope(), header.signature())
                : null;
        return new Authentication(key, payload.mode(), payload.sha256(), chunkSigner);
    }

    private Authentication verifyPresigned(SignedRequest request, List<QueryParameter> query, PresignedParameters presigned) {
        Instant now = clock.instant();
        if (Duration.between(now, presigned.date()).compareTo(MAX_SKEW) > 0) {
            throw new S3Exception(S3Error.REQUEST_TIME_TOO_SKEWED,
                    "The difference between the request time and the server's time is too large.");
        }
        if (now.isAfter(presigned.date().plusSeconds(presigned.expiresSeconds()))) {
            throw new S3Exception(S3Error.ACCESS_DENIED, "Request has expired");
        }
        PayloadClaim payload = presignedPayload(request.headers(), presigned.signedHeaders());
        S3KeyConfig key = lookup(presigned.credential().accessKey());
        List<QueryParameter> signedQuery = new ArrayList<>(query.size());
        for (QueryParameter parameter : query) {
            if (!parameter.name().equals(PresignedParameters.SIGNATURE)) {
                signedQuery.add(parameter);
            }
        }
        String hashedPayload = payload.sha256() != null ? payload.sha256() : PayloadClaim.UNSIGNED_PAYLOAD;
        String canonical = CanonicalRequest.build(request.method(), CanonicalRequest.canonicalUri(request.rawPath()),
                QueryParameter.canonical(signedQuery), request.headers(), presigned.signedHeaders(), hashedPayload);
        checkSignature(key, presigned.credential(), presigned.timestamp(), canonical, presigned.signature());
        return new Authentication(key, payload.mode(), payload.sha256(), null);
    }

    /** A presigned URL signs UNSIGNED-PAYLOAD unless the client signed an x-amz-content-sha256 header too. */
    private static PayloadClaim presignedPayload(HttpHeaders headers, List<String> signedHeaders) {
        String contentSha256 = headers.get(CONTENT_SHA256);
        if (contentSha256 == null || !signedHeaders.contains(CONTENT_SHA256)) {
            return PayloadClaim.UNSIGNED;
        }
        PayloadClaim payload = PayloadClaim.parse(contentSha256.trim());
        if (payload.mode().isStreaming()) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "A presigned URL cannot carry an aws-chunked body.");
        }
        return payload;
    }

    /** An anonymous request may still declare its body's hash, or an unsigned aws-chunked body. */
    private static Authentication anonymous(HttpHeaders headers) {
        String contentSha256 = headers.get(CONTENT_SHA256);
        if (contentSha256 == null) {
            return Authentication.anonymous();
        }
        PayloadClaim payload = PayloadClaim.parse(contentSha256.trim());
        if (payload.hasSignedChunks()) {
            throw new S3Exception(S3Error.ACCESS_DENIED, "Signed chunks need a signed request.");
        }
        return new Authentication(null, payload.mode(), payload.sha256(), null);
    }

    private static void checkSkew(Instant date, Instant now) {
        if (Duration.between(date, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new S3Exception(S3Error.REQUEST_TIME_TOO_SKEWED,
                    "The difference between the request time and the server's time is too large.");
        }
    }

    private S3KeyConfig lookup(String accessKey) {
        S3KeyConfig key = keys.apply(accessKey);
        if (key == null) {
            throw new S3Exception(S3Error.INVALID_ACCESS_KEY_ID,
                    "The AWS Access Key Id you provided does not exist in our records.");
        }
        return key;
    }

    /** Refuses a signature other than the one of {@code canonical}; returns the signing key used. */
    private byte[] checkSignature(S3KeyConfig key, CredentialScope credential, String timestamp, String canonical,
            String provided) {
        byte[] signingKey = signingKeys.signingKey(key, credential.date());
        String stringToSign = CanonicalRequest.stringToSign(timestamp, credential.scope(), canonical);
        String expected = Crypto.hex(Crypto.hmac(signingKey, stringToSign));
        if (!Crypto.sameSignature(expected, provided)) {
            LOG.debug("signature mismatch for access key {}; canonical request:\n{}", credential.accessKey(), canonical);
            throw new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    "The request signature we calculated does not match the signature you provided. "
                            + "Check your key and signing method.");
        }
        return signingKey;
    }
}
