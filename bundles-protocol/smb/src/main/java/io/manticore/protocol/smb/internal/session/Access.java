package io.manticore.protocol.smb.internal.session;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;

/** Access masks (MS-DTYP 2.4.3, MS-SMB2 2.2.13.1) and how the POSIX mode maps onto them. */
public final class Access {

    public static final int READ_DATA = 0x00000001;
    public static final int WRITE_DATA = 0x00000002;
    public static final int APPEND_DATA = 0x00000004;
    public static final int READ_EA = 0x00000008;
    public static final int WRITE_EA = 0x00000010;
    public static final int EXECUTE = 0x00000020;
    public static final int DELETE_CHILD = 0x00000040;
    public static final int READ_ATTRIBUTES = 0x00000080;
    public static final int WRITE_ATTRIBUTES = 0x00000100;
    public static final int DELETE = 0x00010000;
    public static final int READ_CONTROL = 0x00020000;
    public static final int WRITE_DAC = 0x00040000;
    public static final int WRITE_OWNER = 0x00080000;
    public static final int SYNCHRONIZE = 0x00100000;
    public static final int ACCESS_SYSTEM_SECURITY = 0x01000000;
    public static final int MAXIMUM_ALLOWED = 0x02000000;
    public static final int GENERIC_ALL = 0x10000000;
    public static final int GENERIC_EXECUTE = 0x20000000;
    public static final int GENERIC_WRITE = 0x40000000;
    public static final int GENERIC_READ = 0x80000000;

    public static final int FILE_GENERIC_READ = READ_DATA | READ_EA | READ_ATTRIBUTES | READ_CONTROL | SYNCHRONIZE;
    public static final int FILE_GENERIC_WRITE = WRITE_DATA | APPEND_DATA | WRITE_EA | WRITE_ATTRIBUTES | READ_CONTROL
            | SYNCHRONIZE;
    public static final int FILE_GENERIC_EXECUTE = EXECUTE | READ_ATTRIBUTES | READ_CONTROL | SYNCHRONIZE;
    public static final int FULL = 0x001F01FF;
    public static final int READ_ONLY_MAXIMAL = FILE_GENERIC_READ | FILE_GENERIC_EXECUTE;
    /** Rights that change the file's data or metadata, refused on a read-only share. */
    public static final int MODIFYING = WRITE_DATA | APPEND_DATA | WRITE_EA | WRITE_ATTRIBUTES | DELETE | DELETE_CHILD
            | WRITE_DAC | WRITE_OWNER;

    private Access() {
    }

    /** The mask with generic rights replaced by the specific ones they stand for (MS-SMB2 3.3.5.9). */
    public static int mapGeneric(int mask) {
        int out = mask & ~(GENERIC_ALL | GENERIC_EXECUTE | GENERIC_WRITE | GENERIC_READ);
        if ((mask & GENERIC_ALL) != 0) {
            out |= FULL;
        }
        if ((mask & GENERIC_READ) != 0) {
            out |= FILE_GENERIC_READ;
        }
        if ((mask & GENERIC_WRITE) != 0) {
            out |= FILE_GENERIC_WRITE;
        }
        if ((mask & GENERIC_EXECUTE) != 0) {
            out |= FILE_GENERIC_EXECUTE;
        }
        return out;
    }

    /**
     * What {@code cred} may do to a file with {@code attrs}, by its mode bits: read rights need r,
     * write rights w, execute x; attributes, control and synchronize are always allowed; DELETE is
     * granted here and checked by the VFS against the parent when the delete happens. A file that
     * may be read may be executed too (the client runs it, not the server), as Samba's "acl allow
     * execute always" and Windows' default ACLs grant: clients ask for FILE_ALL on files they create.
     */
    public static int maximal(Cred cred, Attrs attrs, boolean readOnlyShare) {
        int perms = attrs.permissionsFor(cred);
        int mask = READ_ATTRIBUTES | READ_CONTROL | SYNCHRONIZE | READ_EA | DELETE;
        if ((perms & 4) != 0) {
            mask |= READ_DATA;
        }
        if ((perms & 2) != 0) {
            mask |= WRITE_DATA | APPEND_DATA | WRITE_EA | WRITE_ATTRIBUTES | DELETE_CHILD;
        }
        if ((perms & 1) != 0 || (perms & 4) != 0 && !attrs.isDirectory()) {
            mask |= EXECUTE;
        }
        if (cred.isRoot() || cred.uid() == attrs.uid()) {
            mask |= WRITE_ATTRIBUTES | WRITE_DAC | WRITE_OWNER;
        }
        return readOnlyShare ? mask & ~MODIFYING : mask;
    }
}
