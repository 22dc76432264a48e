package io.manticore.api.vfs;

/** What a backend can do; protocols and core ask these, never a backend's name. */
public enum Capability {
    /** Calls block the calling thread: core runs them on its delegation pool. */
    BLOCKING,
    /** The backend checks permissions itself; otherwise core applies POSIX rules. */
    ENFORCES_PERMISSIONS,
    XATTR,
    HARDLINKS,
    SYMLINKS,
    SPARSE,
    CLONE,
    /** Data outlives the process. */
    PERSISTENT,
    /** The mount can hand its state to a new instance of its module ({@link VfsMount#detach()}). */
    HANDOVER
}
