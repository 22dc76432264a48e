package io.manticore.shell.internal.command;

/** A bucket and what its folder tree holds. */
public record BucketCount(Bucket bucket, ObjectCount count) {
}
