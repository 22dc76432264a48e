package io.manticore.api.config;

/** An S3 bucket over a namespace path. */
public record BucketConfig(String path, boolean publicRead) {
}
