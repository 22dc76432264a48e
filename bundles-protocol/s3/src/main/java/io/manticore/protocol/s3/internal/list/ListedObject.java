package io.manticore.protocol.s3.internal.list;

import io.manticore.api.vfs.Attrs;

/** An object of a listing page, as its Contents element shows it. */
record ListedObject(String key, Attrs attrs, String etag) {

    /** The object's size: a folder marker has none. */
    long size() {
        return attrs.isDirectory() ? 0 : attrs.size();
    }
}
