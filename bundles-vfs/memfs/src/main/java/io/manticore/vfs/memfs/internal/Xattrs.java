package io.manticore.vfs.memfs.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.XattrMode;

/** The extended attributes of one inode; values are copied in and out. */
final class Xattrs {

    static final int MAX_NAME_BYTES = 255;
    static final int MAX_VALUE_BYTES = 64 * 1024;
    static final int MAX_COUNT = 1024;

    private final TreeMap<String, byte[]> values = new TreeMap<>();

    byte[] get(String name) {
        checkName(name);
        byte[] value = values.get(name);
        if (value == null) {
            throw new VfsException(VfsError.NODATA, "no extended attribute " + name);
        }
        return value.clone();
    }

    void set(String name, byte[] value, XattrMode mode) {
        checkName(name);
        if (value == null) {
            throw new VfsException(VfsError.INVAL, "extended attribute " + name + " without a value");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new VfsException(VfsError.RANGE, "extended attribute value of " + value.length
                    + " bytes exceeds " + MAX_VALUE_BYTES);
        }
        boolean present = values.containsKey(name);
        if (present && mode == XattrMode.CREATE) {
            throw new VfsException(VfsError.EXIST, "extended attribute " + name + " exists");
        }
        if (!present && mode == XattrMode.REPLACE) {
            throw new VfsException(VfsError.NODATA, "no extended attribute " + name);
        }
        if (!present && values.size() >= MAX_COUNT) {
            throw new VfsException(VfsError.NOSPC, "a file holds at most " + MAX_COUNT + " extended attributes");
        }
        values.put(name, value.clone());
    }

    /** The names, sorted. */
    List<String> list() {
        return new ArrayList<>(values.keySet());
    }

    void remove(String name) {
        checkName(name);
        if (values.remove(name) == null) {
            throw new VfsException(VfsError.NODATA, "no extended attribute " + name);
        }
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** Name to value, for the handover (the arrays themselves, not copies). */
    Map<String, byte[]> asMap() {
        return values;
    }

    /** Restores a value handed over from a previous instance. */
    void restore(String name, byte[] value) {
        values.put(name, value);
    }

    private static void checkName(String name) {
        int bytes = name == null ? 0 : name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0) {
            throw new VfsException(VfsError.INVAL, "empty extended attribute name");
        }
        if (bytes > MAX_NAME_BYTES) {
            throw new VfsException(VfsError.NAMETOOLONG, "extended attribute name of " + bytes + " bytes");
        }
    }
}
