package io.manticore.protocol.s3.internal.list;

import io.manticore.api.vfs.FileHandle;

/**
 * One result of a walk in key order: an object (a regular file, or an empty folder as its
 * "name/" marker) with its handle, or a common prefix (no handle).
 */
record Listed(byte[] key, FileHandle fh, boolean commonPrefix) {

    String text() {
        return KeyBytes.text(key);
    }
}
