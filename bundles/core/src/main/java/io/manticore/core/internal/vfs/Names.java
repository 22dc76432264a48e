package io.manticore.core.internal.vfs;

import io.manticore.api.vfs.VfsError;

/** Checks of single path components, before any backend sees them. */
final class Names {

    static final int MAX_NAME_BYTES = 255;

    private Names() {
    }

    /** The error for a name to look up ("." and ".." allowed), or null when it is valid. */
    static VfsError checkLookup(String name) {
        if (name == null || name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            return VfsError.INVAL;
        }
        // At most 3 UTF-8 bytes per UTF-16 char, so short names need no count.
        boolean tooLong = name.length() * 3 > MAX_NAME_BYTES && utf8Length(name) > MAX_NAME_BYTES;
        return tooLong ? VfsError.NAMETOOLONG : null;
    }

    /** The error for a name to create, remove or rename ("." and ".." refused), or null. */
    static VfsError checkEntry(String name) {
        VfsError error = checkLookup(name);
        if (error != null) {
            return error;
        }
        return isDot(name) ? VfsError.INVAL : null;
    }

    static boolean isDot(String name) {
        return ".".equals(name) || "..".equals(name);
    }

    static int utf8Length(String name) {
        int bytes = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
