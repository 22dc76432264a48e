package io.manticore.vfs.memfs.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.DirPage;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/** Directory listing in pages; a cookie is the sequence number of the last entry returned. */
final class ReaddirOp {

    private ReaddirOp() {
    }

    static DirPage readdir(Filesystem fs, FileHandle dirFh, long cookie, long verifier, int maxEntries) {
        if (maxEntries <= 0) {
            throw new VfsException(VfsError.INVAL, "readdir of " + maxEntries + " entries");
        }
        Inode dir = fs.directory(dirFh);
        Directory directory = dir.directory;
        if (verifier != 0 && verifier != directory.verifier()) {
            throw new VfsException(VfsError.BAD_COOKIE, "cookie verifier does not match");
        }
        if (cookie < 0 || cookie > directory.lastSequence()) {
            throw new VfsException(VfsError.BAD_COOKIE, "cookie " + cookie + " was never issued");
        }
        List<DirEntry> entries = new ArrayList<>(Math.min(maxEntries, directory.size()));
        Iterator<Directory.Entry> it = directory.after(cookie).iterator();
        while (entries.size() < maxEntries && it.hasNext()) {
            Directory.Entry entry = it.next();
            Inode inode = fs.inodes.get(entry.ino());
            entries.add(new DirEntry(entry.name(), entry.sequence(), inode.ino, fs.handle(inode), inode.attrs()));
        }
        return new DirPage(entries, directory.verifier(), !it.hasNext(), dir.attrs());
    }
}
