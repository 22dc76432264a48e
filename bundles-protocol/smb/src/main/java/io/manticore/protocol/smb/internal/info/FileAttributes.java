package io.manticore.protocol.smb.internal.info;

import io.manticore.api.vfs.Attrs;

/** FILE_ATTRIBUTE_* (MS-FSCC 2.6) from POSIX attributes, as Samba maps them by default. */
public final class FileAttributes {

    public static final int READONLY = 0x00000001;
    public static final int HIDDEN = 0x00000002;
    public static final int SYSTEM = 0x00000004;
    public static final int DIRECTORY = 0x00000010;
    public static final int ARCHIVE = 0x00000020;
    public static final int NORMAL = 0x00000080;
    public static final int REPARSE_POINT = 0x00000400;

    private FileAttributes() {
    }

    /** Folders are DIRECTORY, files ARCHIVE; READONLY when nobody may write; HIDDEN for dot names. */
    public static int of(Attrs attrs, String name) {
        int out = attrs.isDirectory() ? DIRECTORY : ARCHIVE;
        if ((attrs.mode() & 0222) == 0 && !attrs.isDirectory()) {
            out |= READONLY;
        }
        if (name != null && name.startsWith(".") && !name.equals(".") && !name.equals("..")) {
            out |= HIDDEN;
        }
        return out;
    }

    /** The mode a SET_INFO of attributes leaves: READONLY clears the write bits, its absence restores the owner's. */
    public static int mode(int currentMode, int attributes) {
        if ((attributes & READONLY) != 0) {
            return currentMode & ~0222;
        }
        return (currentMode & 0222) == 0 ? currentMode | 0200 : currentMode;
    }
}
