package io.manticore.shell.internal.command;

import java.util.ArrayDeque;
import java.util.Deque;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * Counts what S3 lists as a bucket's objects by walking its folder tree as root: each regular
 * file (its size added to the bytes), and each empty folder below the bucket's own as one
 * folder marker of 0 bytes. Symlinks and special files are not objects. The walk keeps its
 * pending folders on a stack (no recursion) and stops after a number of entries.
 */
final class ObjectCounter {

    static final long DEFAULT_ENTRY_LIMIT = 10_000_000;

    private final Vfs vfs;
    private final long entryLimit;

    ObjectCounter(Vfs vfs, long entryLimit) {
        this.vfs = vfs;
        this.entryLimit = entryLimit;
    }

    /** Counts the objects under the namespace folder {@code path}. */
    ObjectCount count(String path) {
        FileHandle top;
        try {
            Lookup found = VfsCalls.await(vfs.resolve(Cred.ROOT, path));
            if (!found.attrs().isDirectory()) {
                return ObjectCount.failed(VfsError.NOTDIR.description());
            }
            top = found.fh();
        } catch (VfsException e) {
            return ObjectCount.failed(VfsCalls.why(e));
        }
        Walk walk = new Walk();
        try {
            walk.folder(top, true);
        } catch (VfsException e) {
            return ObjectCount.failed(VfsCalls.why(e));
        }
        while (!walk.pending.isEmpty() && !walk.stopped) {
            try {
                walk.folder(walk.pending.pop(), false);
            } catch (VfsException e) {
                walk.unreadable++;
            }
        }
        return new ObjectCount(walk.objects, walk.bytes, !walk.stopped, walk.unreadable, null);
    }

    /** The state of one bucket's walk. */
    private final class Walk {
        final Deque<FileHandle> pending = new ArrayDeque<>();
        long objects;
        long bytes;
        long entries;
        long unreadable;
        boolean stopped;

        /** Counts one folder's entries and stacks its subfolders; a failed read throws VfsException. */
        void folder(FileHandle dir, boolean top) {
            long before = entries;
            boolean whole = DirReader.forEach(vfs, dir, e -> {
                if (entries == entryLimit) {
                    stopped = true;
                    return false;
                }
                entries++;
                Attrs a = e.attrs();
                if (a != null && a.isRegular()) {
                    objects++;
                    bytes += a.size();
                } else if (a != null && a.isDirectory() && e.fh() != null) {
                    pending.push(e.fh());
                }
                return true;
            });
            if (whole && entries == before && !top) {
                objects++;
            }
        }
    }
}
