package io.manticore.api.vfs;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One mounted backend. Only core calls it, and core has already resolved the handle to this
 * mount, checked permissions when the backend does not, and accounted the call. Every method
 * returns a stage and never blocks, unless the module declares {@link Capability#BLOCKING},
 * in which case core calls it on a delegation thread chosen by the handle (so the calls on
 * one file keep their order). A failure is a {@link VfsException}.
 *
 * <p>Mutating calls return the attributes before and after ({@link Wcc}). Names are single
 * path components: never empty, ".", ".." or containing '/'; core checks that first.
 */
@ConsumerType
public interface VfsMount {

    FileHandle root();

    Set<Capability> capabilities();

    // --- namespace

    CompletionStage<Attrs> getattr(Cred cred, FileHandle fh, AttrMask want);

    /** Changes attributes when the guard admits the current ones, else fails NOT_SYNC. */
    CompletionStage<Wcc> setattr(Cred cred, FileHandle fh, SetAttrs set, Guard guard);

    CompletionStage<Lookup> lookup(Cred cred, FileHandle dir, String name, AttrMask want);

    /** The parent of a directory (the root is its own parent). */
    CompletionStage<Lookup> getParent(Cred cred, FileHandle dir, AttrMask want);

    /**
     * Up to {@code maxEntries} entries after {@code cookie} (0 starts at the beginning; "."
     * and ".." are not listed, and no entry has cookie 1 or 2: protocols that list "." and
     * ".." give them those). Cookies stay valid while the directory changes; a cookie
     * with a {@code verifier} the directory no longer honours fails BAD_COOKIE.
     */
    CompletionStage<DirPage> readdir(Cred cred, FileHandle dir, long cookie, long verifier,
                                     int maxEntries, AttrMask want);

    CompletionStage<Created> mkdir(Cred cred, FileHandle dir, String name, SetAttrs attrs);

    /** Creates a device, FIFO or socket node; {@code rdev} as in {@link Attrs#rdev()}. */
    CompletionStage<Created> mknod(Cred cred, FileHandle dir, String name, FileType type,
                                   SetAttrs attrs, long rdev);

    CompletionStage<Created> symlink(Cred cred, FileHandle dir, String name, String target,
                                     SetAttrs attrs);

    CompletionStage<String> readlink(Cred cred, FileHandle fh);

    /** A new name {@code name} in {@code dir} for the existing non-directory {@code fh}. */
    CompletionStage<LinkResult> link(Cred cred, FileHandle fh, FileHandle dir, String name);

    /**
     * Renames with the POSIX rules: an existing target is replaced atomically when the kinds
     * agree (a directory only by an empty directory), a directory is never moved into its own
     * subtree (INVAL), and renaming a name onto the same object does nothing.
     */
    CompletionStage<RenameResult> rename(Cred cred, FileHandle fromDir, String fromName,
                                         FileHandle toDir, String toName);

    /** Removes a non-directory (ISDIR for a directory). */
    CompletionStage<Wcc> remove(Cred cred, FileHandle dir, String name);

    /** Removes an empty directory (NOTDIR, NOTEMPTY). */
    CompletionStage<Wcc> rmdir(Cred cred, FileHandle dir, String name);

    // --- open and I/O

    /** Create-or-open {@code name} in {@code dir}, as {@code flags} say. */
    CompletionStage<Opened> openAt(Cred cred, FileHandle dir, String name, OpenFlags flags,
                                   SetAttrs createAttrs, AttrMask want);

    /** Opens an existing regular file by handle. */
    CompletionStage<OpenFile> open(Cred cred, FileHandle fh, boolean write);

    CompletionStage<Void> close(OpenFile file);

    /**
     * Reads up to {@code length} bytes at {@code offset}; holes read as zeros. The caller owns
     * and releases the returned buffer. A backend that keeps data in memory returns retained
     * slices of its own blocks.
     */
    CompletionStage<ReadResult> read(Cred cred, OpenFile file, long offset, int length);

    /**
     * Writes {@code data} at {@code offset}. Takes ownership of {@code data}: the backend
     * releases it, whether the write succeeds or fails.
     */
    CompletionStage<WriteResult> write(Cred cred, OpenFile file, long offset, ByteBuf data,
                                       Stability stability);

    CompletionStage<Committed> commit(Cred cred, FileHandle fh, long offset, long count);

    /** Creates a regular file with no name, to be published later by {@link #linkAt}. */
    CompletionStage<Created> createUnlinked(Cred cred, FileHandle dir, SetAttrs attrs);

    /**
     * Gives the unlinked file {@code fh} the name {@code name} in {@code dir}, atomically
     * replacing an existing non-directory when {@code replace} (else EXIST).
     */
    CompletionStage<Wcc> linkAt(Cred cred, FileHandle fh, FileHandle dir, String name, boolean replace);

    /**
     * Frees a file made by {@link #createUnlinked} that will not be published (an upload that
     * failed or was aborted); INVAL when the file was given a name.
     */
    CompletionStage<Void> discardUnlinked(Cred cred, FileHandle fh);

    /** Reserves space for the range, extending the size when it ends past it. */
    CompletionStage<Wcc> allocate(Cred cred, FileHandle fh, long offset, long length);

    /** Punches a hole: the range reads as zeros and frees its space; the size stays. */
    CompletionStage<Wcc> deallocate(Cred cred, FileHandle fh, long offset, long length);

    /** The offset of the next data or hole at or after {@code offset}; NXIO past the end. */
    CompletionStage<Long> seek(Cred cred, FileHandle fh, long offset, Whence whence);

    /** Copies a range between regular files of this mount; returns the bytes copied. */
    CompletionStage<Long> copyRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst,
                                    long dstOffset, long length);

    /** Shares the blocks of a range (reflink); NOTSUPP without {@link Capability#CLONE}. */
    CompletionStage<Wcc> cloneRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst,
                                    long dstOffset, long length);

    // --- extended attributes (NOTSUPP without Capability.XATTR)

    /** The value of {@code name}; NODATA when absent. */
    CompletionStage<byte[]> getXattr(Cred cred, FileHandle fh, String name);

    CompletionStage<Void> setXattr(Cred cred, FileHandle fh, String name, byte[] value, XattrMode mode);

    CompletionStage<List<String>> listXattrs(Cred cred, FileHandle fh);

    CompletionStage<Void> removeXattr(Cred cred, FileHandle fh, String name);

    // --- file system

    CompletionStage<FsStat> statfs(Cred cred, FileHandle fh);

    /**
     * Stops serving and returns the state a new instance of the module can adopt, or null
     * when the module keeps no state of its own (its data lives elsewhere). Core calls this
     * only after every call it made has completed, and calls nothing on the mount after it.
     */
    MountState detach();

    /** Releases everything; core calls nothing on the mount after it. */
    void unmount();
}
