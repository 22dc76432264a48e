package io.manticore.protocol.smb.internal.session;

import java.util.ArrayList;
import java.util.List;

import io.manticore.protocol.smb.internal.error.SmbStatusException;
import io.manticore.protocol.smb.internal.wire.NtStatus;

/** Share-relative names as clients send them (MS-FSCC 2.1.5): backslash-separated, checked against the NTFS rules. */
public final class SmbNames {

    public static final int MAX_COMPONENT = 255;
    public static final int MAX_PATH = 32767;
    private static final String DEFAULT_STREAM = "::$DATA";
    private static final String INVALID = "\"*/:<>?|";

    private SmbNames() {
    }

    /**
     * The components of {@code path}; empty for the share root. The unnamed data stream suffix
     * is dropped; a named stream is not found, as this server keeps none.
     *
     * @throws SmbStatusException OBJECT_NAME_INVALID for a name Windows would refuse
     */
    public static List<String> split(String path) {
        String p = path;
        if (p.endsWith(DEFAULT_STREAM)) {
            p = p.substring(0, p.length() - DEFAULT_STREAM.length());
        }
        if (p.length() > MAX_PATH) {
            throw new SmbStatusException(NtStatus.NAME_TOO_LONG, "path of " + p.length() + " characters");
        }
        while (p.startsWith("\\")) {
            p = p.substring(1);
        }
        List<String> out = new ArrayList<>();
        if (p.isEmpty()) {
            return out;
        }
        for (String component : p.split("\\\\", -1)) {
            check(component);
            out.add(component);
        }
        return out;
    }

    /** Checks one name: not empty, not "." or "..", at most 255 characters, none of the characters NTFS refuses. */
    public static void check(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new SmbStatusException(NtStatus.OBJECT_NAME_INVALID, "name '" + name + "'");
        }
        if (name.length() > MAX_COMPONENT) {
            throw new SmbStatusException(NtStatus.OBJECT_NAME_INVALID, "name of " + name.length() + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':') {
                throw new SmbStatusException(NtStatus.OBJECT_NAME_NOT_FOUND, "named stream " + name);
            }
            if (c < 0x20 || INVALID.indexOf(c) >= 0) {
                throw new SmbStatusException(NtStatus.OBJECT_NAME_INVALID, "character 0x" + Integer.toHexString(c));
            }
        }
    }

    /** {@code components} joined with backslashes, as a share-relative path. */
    public static String join(List<String> components) {
        return String.join("\\", components);
    }
}
