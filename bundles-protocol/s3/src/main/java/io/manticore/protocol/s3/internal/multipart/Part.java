package io.manticore.protocol.s3.internal.multipart;

import io.manticore.api.vfs.FileHandle;

/** One uploaded part: an unnamed file of the bucket's mount, its size, ETag (MD5 hex) and MD5. */
public record Part(int number, FileHandle file, long size, String etag, byte[] md5, long lastModifiedNanos) {
}
