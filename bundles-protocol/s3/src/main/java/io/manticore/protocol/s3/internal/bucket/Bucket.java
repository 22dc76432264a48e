package io.manticore.protocol.s3.internal.bucket;

import io.manticore.api.vfs.FileHandle;

/**
 * A bucket, opened: its name, the folder it is, and whether it came from the configuration
 * (else it was created under the bucket root).
 */
public record Bucket(String name, FileHandle root, boolean publicRead, boolean configured) {
}
