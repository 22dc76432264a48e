package io.manticore.vfs.memfs.internal;

import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.RenameResult;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.Wcc;

/** Rename with the POSIX rules (rename(2), RFC 1813 3.3.14). */
final class RenameOp {

    private RenameOp() {
    }

    static RenameResult rename(Filesystem fs, FileHandle fromDirFh, String fromName, FileHandle toDirFh,
                               String toName) {
        Inode fromDir = fs.directory(fromDirFh);
        Inode toDir = fs.directory(toDirFh);
        Inode moved = fs.child(fromDir, fromName);
        Names.check(toName);
        Attrs fromBefore = fromDir.attrs();
        Attrs toBefore = toDir.attrs();
        Directory.Entry targetEntry = toDir.directory.get(toName);
        if (targetEntry != null && targetEntry.ino() == moved.ino) {
            return new RenameResult(new Wcc(fromBefore, fromBefore), new Wcc(toBefore, toBefore));
        }
        if (moved.isDirectory() && fs.isWithin(toDir, moved)) {
            throw new VfsException(VfsError.INVAL, "cannot move a directory into itself");
        }
        Inode target = targetEntry == null ? null : fs.inodes.get(targetEntry.ino());
        if (target != null) {
            checkReplaceable(moved, target, toName);
        }
        long now = fs.clock.now();
        fromDir.directory.remove(fromName);
        if (target == null) {
            toDir.directory.add(toName, moved.ino);
        } else {
            toDir.directory.replace(toName, moved.ino);
            fs.dropLink(toDir, target, now);
        }
        if (moved.isDirectory()) {
            fromDir.nlink--;
            toDir.nlink++;
            moved.parent = toDir.ino;
        }
        moved.statusChanged(now);
        fromDir.dataChanged(now);
        toDir.dataChanged(now);
        return new RenameResult(new Wcc(fromBefore, fromDir.attrs()), new Wcc(toBefore, toDir.attrs()));
    }

    private static void checkReplaceable(Inode moved, Inode target, String toName) {
        if (moved.isDirectory() && !target.isDirectory()) {
            throw new VfsException(VfsError.NOTDIR, "target " + toName + " is not a directory");
        }
        if (!moved.isDirectory() && target.isDirectory()) {
            throw new VfsException(VfsError.ISDIR, "target " + toName + " is a directory");
        }
        if (target.isDirectory() && !target.directory.isEmpty()) {
            throw new VfsException(VfsError.NOTEMPTY, "target " + toName + " is not empty");
        }
    }
}
