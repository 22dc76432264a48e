package io.manticore.vfs.memfs.internal;

import java.nio.charset.StandardCharsets;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/** Checks a directory entry name: core has checked the form, memfs checks the length it promises in statfs. */
final class Names {

    static final int MAX_BYTES = 255;

    private Names() {
    }

    static void check(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new VfsException(VfsError.INVAL, "invalid name '" + name + "'");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new VfsException(VfsError.NAMETOOLONG, "name longer than " + MAX_BYTES + " bytes");
        }
    }
}
