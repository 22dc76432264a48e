package io.manticore.api.vfs;

import io.manticore.api.cred.Cred;

/**
 * The attributes of a file. Times are nanoseconds since the epoch.
 *
 * @param type       the kind of file
 * @param mode       permission bits including setuid, setgid and sticky (07777)
 * @param nlink      number of hard links
 * @param uid        owner
 * @param gid        group
 * @param size       size in bytes (for a symlink, the target's length)
 * @param spaceUsed  bytes of storage allocated
 * @param rdev       device number for devices (major &lt;&lt; 32 | minor), else 0
 * @param fileId     the inode number, unique within the mount
 * @param atime      last access
 * @param mtime      last data modification
 * @param ctime      last status change
 * @param birthtime  creation
 * @param change     a counter that grows with every change to the file (data or status)
 */
public record Attrs(FileType type, int mode, int nlink, int uid, int gid, long size, long spaceUsed,
                    long rdev, long fileId, long atime, long mtime, long ctime, long birthtime,
                    long change) {

    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    public boolean isRegular() {
        return type == FileType.REGULAR;
    }

    /**
     * The POSIX permission bits (read 4, write 2, execute 1) the mode grants {@code cred}: the
     * owner's, the group's or the others' class. Root may read and write anything, and execute
     * a directory or a file that someone may execute.
     */
    public int permissionsFor(Cred cred) {
        if (cred.isRoot()) {
            return 6 | (isDirectory() || (mode & 0111) != 0 ? 1 : 0);
        }
        if (cred.uid() == uid) {
            return (mode >> 6) & 7;
        }
        if (cred.inGroup(gid)) {
            return (mode >> 3) & 7;
        }
        return mode & 7;
    }
}
