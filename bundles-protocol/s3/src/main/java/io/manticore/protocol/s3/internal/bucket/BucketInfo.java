package io.manticore.protocol.s3.internal.bucket;

/** A bucket as ListBuckets shows it. */
public record BucketInfo(String name, long creationNanos) {
}
