package io.manticore.api.config;

/**
 * The S3 service's settings.
 *
 * @param region               the region the service signs as and reports (GetBucketLocation)
 * @param domain               the domain of virtual-hosted-style addressing
 *                             ({@code bucket.domain}), or null for path style only
 * @param bucketRoot           the namespace folder where CreateBucket makes new buckets, or
 *                             null when buckets come only from the config
 * @param idleTimeoutSeconds   a connection with no request in flight is closed after this
 * @param headerTimeoutSeconds a request whose headers are not complete after this is refused
 */
public record S3Settings(String region, String domain, String bucketRoot, int idleTimeoutSeconds,
                         int headerTimeoutSeconds) {
    public static final S3Settings DEFAULTS = new S3Settings("us-east-1", null, null, 60, 30);
}
