package io.manticore.api.vfs;

import java.util.List;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The file system protocols talk to, implemented by core. It has the shape of
 * {@link VfsMount} but takes a handle of any mount: it finds the mount, validates names,
 * applies the caches, checks permissions for backends that do not, accounts the call,
 * publishes a {@link VfsChange} after each mutation and dispatches to the backend (on the
 * delegation pool for {@link Capability#BLOCKING} backends). While a mount is suspended (its
 * module is being updated or swapped) calls wait, bounded in number and time, then fail
 * {@link VfsError#DELAY}.
 *
 * <p>Reads and writes take a handle: core keeps the backend's open files in its open-file
 * cache. Buffer ownership is as in {@link VfsMount}.
 */
@ProviderType
public interface Vfs {

    /** The root handle of the mount named {@code mount}; NOENT when there is none. */
    FileHandle root(String mount);

    /**
     * Resolves an absolute path of the namespace ({@code /<mount>/a/b}) to a handle, following
     * no symlinks. NOENT, NOTDIR, ACCES as a lookup would.
     */
    CompletionStage<Lookup> resolve(Cred cred, String path);

    CompletionStage<Attrs> getattr(Cred cred, FileHandle fh, AttrMask want);

    CompletionStage<Wcc> setattr(Cred cred, FileHandle fh, SetAttrs set, Guard guard);

    CompletionStage<Lookup> lookup(Cred cred, FileHandle dir, String name, AttrMask want);

    CompletionStage<Lookup> getParent(Cred cred, FileHandle dir, AttrMask want);

    CompletionStage<DirPage> readdir(Cred cred, FileHandle dir, long cookie, long verifier,
                                     int maxEntries, AttrMask want);

    CompletionStage<Created> mkdir(Cred cred, FileHandle dir, String name, SetAttrs attrs);

    CompletionStage<Created> mknod(Cred cred, FileHandle dir, String name, FileType type,
                                   SetAttrs attrs, long rdev);

    CompletionStage<Created> symlink(Cred cred, FileHandle dir, String name, String target,
                                     SetAttrs attrs);

    CompletionStage<String> readlink(Cred cred, FileHandle fh);

    CompletionStage<LinkResult> link(Cred cred, FileHandle fh, FileHandle dir, String name);

    /** XDEV when the directories are on different mounts. */
    CompletionStage<RenameResult> rename(Cred cred, FileHandle fromDir, String fromName,
                                         FileHandle toDir, String toName);

    CompletionStage<Wcc> remove(Cred cred, FileHandle dir, String name);

    CompletionStage<Wcc> rmdir(Cred cred, FileHandle dir, String name);

    /**
     * Create-or-open. The returned {@link Opened#file()} is core's cached open file; callers
     * need not close it, and use {@link #read} and {@link #write} by handle.
     */
    CompletionStage<Opened> openAt(Cred cred, FileHandle dir, String name, OpenFlags flags,
                                   SetAttrs createAttrs, AttrMask want);

    /** The caller owns and releases the returned buffer. */
    CompletionStage<ReadResult> read(Cred cred, FileHandle fh, long offset, int length);

    /** Takes ownership of {@code data}, released whether the write succeeds or fails. */
    CompletionStage<WriteResult> write(Cred cred, FileHandle fh, long offset, ByteBuf data,
                                       Stability stability);

    CompletionStage<Committed> commit(Cred cred, FileHandle fh, long offset, long count);

    CompletionStage<Created> createUnlinked(Cred cred, FileHandle dir, SetAttrs attrs);

    CompletionStage<Wcc> linkAt(Cred cred, FileHandle fh, FileHandle dir, String name, boolean replace);

    /** Frees an unpublished file of {@link #createUnlinked}; INVAL when it has a name. */
    CompletionStage<Void> discardUnlinked(Cred cred, FileHandle fh);

    CompletionStage<Wcc> allocate(Cred cred, FileHandle fh, long offset, long length);

    CompletionStage<Wcc> deallocate(Cred cred, FileHandle fh, long offset, long length);

    CompletionStage<Long> seek(Cred cred, FileHandle fh, long offset, Whence whence);

    CompletionStage<Long> copyRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst,
                                    long dstOffset, long length);

    CompletionStage<Wcc> cloneRange(Cred cred, FileHandle src, long srcOffset, FileHandle dst,
                                    long dstOffset, long length);

    CompletionStage<byte[]> getXattr(Cred cred, FileHandle fh, String name);

    CompletionStage<Void> setXattr(Cred cred, FileHandle fh, String name, byte[] value, XattrMode mode);

    CompletionStage<List<String>> listXattrs(Cred cred, FileHandle fh);

    CompletionStage<Void> removeXattr(Cred cred, FileHandle fh, String name);

    CompletionStage<FsStat> statfs(Cred cred, FileHandle fh);

    /** What the mount serving {@code fh} can do; STALE when no mount has that id. */
    java.util.Set<Capability> capabilities(FileHandle fh);
}
