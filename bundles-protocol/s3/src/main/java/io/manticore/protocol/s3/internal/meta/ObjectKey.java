package io.manticore.protocol.s3.internal.meta;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/**
 * An object key as a path in its bucket: '/' separates folders. A key ending in '/' names a
 * folder (a zero-length "folder marker"). Keys a file system cannot hold are refused.
 *
 * @param folders the folders above the object, outermost first
 * @param name    the object's own name (for a folder marker, the folder's name)
 * @param folder  whether the key names a folder (ends in '/')
 */
public record ObjectKey(String key, List<String> folders, String name, boolean folder) {

    public static final int MAX_KEY_BYTES = 1024;
    public static final int MAX_SEGMENT_BYTES = 255;

    public ObjectKey {
        folders = List.copyOf(folders);
    }

    /** Splits and checks {@code key}: KeyTooLongError past 1024 bytes, InvalidArgument for '.', '..', empty segments or NUL. */
    public static ObjectKey parse(String key) {
        if (key == null || key.isEmpty()) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "the key is empty");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Exception(S3Error.KEY_TOO_LONG, "a key is at most " + MAX_KEY_BYTES + " bytes");
        }
        boolean folder = key.endsWith("/");
        String path = folder ? key.substring(0, key.length() - 1) : key;
        String[] segments = path.split("/", -1);
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT,
                        "a key cannot hold an empty, '.' or '..' segment: it is a path in a file system");
            }
            if (s.indexOf('\0') >= 0) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT, "a key cannot hold a NUL character");
            }
            if (s.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw new S3Exception(S3Error.KEY_TOO_LONG, "a segment between '/' is at most " + MAX_SEGMENT_BYTES + " bytes");
            }
        }
        return new ObjectKey(key, List.of(segments).subList(0, segments.length - 1), segments[segments.length - 1], folder);
    }
}
