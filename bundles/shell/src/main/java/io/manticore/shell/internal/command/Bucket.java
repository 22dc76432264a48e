package io.manticore.shell.internal.command;

/**
 * A bucket the S3 service serves.
 *
 * @param name       the bucket's name
 * @param path       the namespace folder holding its objects
 * @param source     {@value BucketCatalog#CONFIG} or {@value BucketCatalog#BUCKET_ROOT}
 * @param publicRead whether anonymous requests may read it
 */
public record Bucket(String name, String path, String source, boolean publicRead) {
}
