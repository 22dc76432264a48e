package io.manticore.vfs.memfs.internal;

import java.util.List;

import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.XattrMode;

/** Extended attributes: a change to them is a status change of the inode. */
final class XattrOps {

    private static final Xattrs NONE = new Xattrs();

    private XattrOps() {
    }

    static byte[] get(Filesystem fs, FileHandle fh, String name) {
        return of(fs.resolve(fh)).get(name);
    }

    static List<String> list(Filesystem fs, FileHandle fh) {
        return of(fs.resolve(fh)).list();
    }

    static void set(Filesystem fs, FileHandle fh, String name, byte[] value, XattrMode mode) {
        Inode inode = fs.resolve(fh);
        Xattrs xattrs = inode.xattrs == null ? new Xattrs() : inode.xattrs;
        xattrs.set(name, value, mode == null ? XattrMode.EITHER : mode);
        inode.xattrs = xattrs;
        inode.statusChanged(fs.clock.now());
    }

    static void remove(Filesystem fs, FileHandle fh, String name) {
        Inode inode = fs.resolve(fh);
        of(inode).remove(name);
        if (inode.xattrs.isEmpty()) {
            inode.xattrs = null;
        }
        inode.statusChanged(fs.clock.now());
    }

    // Reads of an inode without attributes go to an empty set that is never written.
    private static Xattrs of(Inode inode) {
        return inode.xattrs == null ? NONE : inode.xattrs;
    }
}
