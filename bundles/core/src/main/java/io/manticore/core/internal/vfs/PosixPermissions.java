package io.manticore.core.internal.vfs;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.TimeSpec;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * The POSIX permission rules core applies for backends that do not check permissions
 * themselves, answering with the errors Linux gives (ACCES for missing mode bits, PERM for
 * what only an owner or root may do).
 */
final class PosixPermissions {

    static final int READ = 4;
    static final int WRITE = 2;
    static final int EXECUTE = 1;

    private PosixPermissions() {
    }

    /** True when {@code cred} has every access bit of {@code access} (READ | WRITE | EXECUTE) on the file. */
    static boolean allows(Cred cred, Attrs attrs, int access) {
        return (attrs.permissionsFor(cred) & access) == access;
    }

    /** @throws VfsException ACCES unless {@link #allows} */
    static void require(Cred cred, Attrs attrs, int access) {
        if (!allows(cred, attrs, access)) {
            throw new VfsException(VfsError.ACCES);
        }
    }

    /** @throws VfsException NOTDIR when {@code dir} is not a directory, ACCES without {@code access} */
    static void requireDirectory(Cred cred, Attrs dir, int access) {
        if (!dir.isDirectory()) {
            throw new VfsException(VfsError.NOTDIR);
        }
        require(cred, dir, access);
    }

    /**
     * In a sticky directory only the entry's owner, the directory's owner or root may remove
     * or rename the entry.
     *
     * @throws VfsException PERM when none of them asks
     */
    static void requireMayDelete(Cred cred, Attrs dir, Attrs entry) {
        if ((dir.mode() & Attrs.S_ISVTX) != 0 && !cred.isRoot() && cred.uid() != entry.uid()
                && cred.uid() != dir.uid()) {
            throw new VfsException(VfsError.PERM);
        }
    }

    static boolean isSticky(Attrs dir) {
        return (dir.mode() & Attrs.S_ISVTX) != 0;
    }

    /**
     * Checks a SETATTR against the file's current attributes and returns what may be applied:
     * the same change, or with setgid cleared when a caller outside the file's group sets it.
     *
     * @throws VfsException PERM for a mode, owner, group or explicit time change the caller may
     *                      not make; ACCES for a size change or server-time touch without write access
     */
    static SetAttrs authorizeSetattr(Cred cred, Attrs current, SetAttrs set) {
        boolean root = cred.isRoot();
        boolean owner = cred.uid() == current.uid();
        if (set.uid() != null && !root && !(owner && set.uid() == current.uid())) {
            throw new VfsException(VfsError.PERM, "only root may change the owner");
        }
        if (set.gid() != null && !root && !(owner && (set.gid() == current.gid() || cred.inGroup(set.gid())))) {
            throw new VfsException(VfsError.PERM, "only the owner may change the group, to one of its own");
        }
        if (set.size() != null) {
            require(cred, current, WRITE);
        }
        checkTime(cred, current, set.atime(), owner);
        checkTime(cred, current, set.mtime(), owner);
        if (set.birthtime() != null && !root && !owner) {
            throw new VfsException(VfsError.PERM, "only the owner may set times");
        }
        if (set.mode() == null) {
            return set;
        }
        if (!root && !owner) {
            throw new VfsException(VfsError.PERM, "only the owner may change the mode");
        }
        int group = set.gid() != null ? set.gid() : current.gid();
        if (!root && !current.isDirectory() && (set.mode() & Attrs.S_ISGID) != 0 && !cred.inGroup(group)) {
            return set.withMode(set.mode() & ~Attrs.S_ISGID);
        }
        return set;
    }

    private static void checkTime(Cred cred, Attrs current, TimeSpec time, boolean owner) {
        if (time == null || cred.isRoot() || owner) {
            return;
        }
        if (!time.serverTime()) {
            throw new VfsException(VfsError.PERM, "only the owner may set explicit times");
        }
        require(cred, current, WRITE);
    }
}
