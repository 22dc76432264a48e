package io.manticore.protocol.s3.internal.meta;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.Attrs;
import io.manticore.api.vfs.Capability;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.api.vfs.XattrMode;
import io.manticore.protocol.s3.internal.bucket.Bucket;
import io.manticore.protocol.s3.internal.error.Failures;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;
import io.netty.buffer.ByteBuf;

/**
 * Objects as files: finds the file of a key, makes and prunes the folders above it, and
 * reads and writes the metadata attribute, computing an ETag that is missing or stale.
 */
public final class ObjectStore {

    /** The mode of folders S3 makes; the VFS applies no umask. */
    public static final int FOLDER_MODE = 0755;
    /** The mode of files S3 writes. */
    public static final int FILE_MODE = 0644;

    private static final int ETAG_READ = 1024 * 1024;

    private final Vfs vfs;

    public ObjectStore(Vfs vfs) {
        this.vfs = vfs;
    }

    /** An object's file and the folder holding it. */
    public record Located(FileHandle folder, Lookup file) {
    }

    /**
     * The file of {@code key}; NoSuchKey when there is none. A key ending in '/' finds its
     * folder; any other key finds only a regular file (a folder is a prefix, not an object).
     */
    public CompletionStage<Lookup> find(Cred cred, Bucket bucket, ObjectKey key) {
        return locate(cred, bucket, key).thenApply(Located::file);
    }

    /** As {@link #find}, with the folder holding the file, for a caller that changes that folder. */
    public CompletionStage<Located> locate(Cred cred, Bucket bucket, ObjectKey key) {
        return folder(cred, bucket.root(), key.folders(), 0)
                .thenCompose(dir -> vfs.lookup(cred, dir, key.name(), AttrMask.ALL).thenApply(found -> new Located(dir, found)))
                .handle((located, failure) -> {
                    if (failure != null) {
                        VfsError e = VfsException.errorOf(failure);
                        if (e == VfsError.NOENT || e == VfsError.NOTDIR || e == VfsError.NAMETOOLONG) {
                            throw noSuchKey();
                        }
                        throw Failures.propagate(failure);
                    }
                    Attrs attrs = located.file().attrs();
                    if (key.folder() ? !attrs.isDirectory() : !attrs.isRegular()) {
                        throw noSuchKey();
                    }
                    return located;
                });
    }

    /** The folder {@code key}'s file goes in, made where missing; KeyConflict when a file stands where a folder must be. */
    public CompletionStage<FileHandle> folderFor(Cred cred, Bucket bucket, ObjectKey key) {
        return makeFolders(cred, bucket.root(), key.folders(), 0);
    }

    /** Removes the folders above {@code key} that are empty now, innermost first, never the bucket's own folder. */
    public CompletionStage<Void> pruneFolders(Cred cred, Bucket bucket, ObjectKey key) {
        List<String> folders = key.folder() ? append(key.folders(), key.name()) : key.folders();
        return prune(cred, bucket.root(), folders, folders.size());
    }

    /** The object's stored metadata, or NONE. */
    public CompletionStage<ObjectMeta> meta(Cred cred, FileHandle fh) {
        if (!vfs.capabilities(fh).contains(Capability.XATTR)) {
            return CompletableFuture.completedFuture(ObjectMeta.NONE);
        }
        return vfs.getXattr(cred, fh, ObjectMeta.XATTR).handle((value, failure) -> {
            if (failure != null) {
                VfsError e = VfsException.errorOf(failure);
                if (e == VfsError.NODATA || e == VfsError.NOTSUPP) {
                    return ObjectMeta.NONE;
                }
                throw Failures.propagate(failure);
            }
            return ObjectMeta.decode(value);
        });
    }

    /** Stores {@code meta}; nothing when the backend has no extended attributes. */
    public CompletionStage<Void> storeMeta(Cred cred, FileHandle fh, ObjectMeta meta) {
        if (!vfs.capabilities(fh).contains(Capability.XATTR)) {
            return CompletableFuture.completedFuture(null);
        }
        return vfs.setXattr(cred, fh, ObjectMeta.XATTR, meta.encode(), XattrMode.EITHER);
    }

    /**
     * The ETag (without quotes) of the file as {@code attrs} shows it: the stored one when
     * current, else the MD5 of its content, computed now and stored for next time.
     */
    public CompletionStage<String> etag(Cred cred, FileHandle fh, Attrs attrs, ObjectMeta meta) {
        if (meta.currentFor(attrs)) {
            return CompletableFuture.completedFuture(meta.etag());
        }
        if (attrs.isDirectory()) {
            return CompletableFuture.completedFuture(hex(md5().digest()));
        }
        MessageDigest md5 = md5();
        return digest(cred, fh, 0, md5).thenCompose(size -> {
            String etag = hex(md5.digest());
            if (size != attrs.size()) {
                // Written while read: answer, but store nothing that may describe neither version.
                return CompletableFuture.completedFuture(etag);
            }
            return storeMeta(cred, fh, meta.withEtag(etag, Map.of(), attrs))
                    .handle((stored, failure) -> etag);
        });
    }

    /** The MD5 of the file's whole content, read now. */
    public CompletionStage<byte[]> md5(Cred cred, FileHandle fh) {
        MessageDigest md5 = md5();
        return digest(cred, fh, 0, md5).thenApply(size -> md5.digest());
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    public static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }

    /** Feeds the readable bytes of {@code data} to {@code digest} without copying them to the heap. */
    public static void update(MessageDigest digest, ByteBuf data) {
        for (ByteBuffer b : data.nioBuffers(data.readerIndex(), data.readableBytes())) {
            digest.update(b);
        }
    }

    private CompletionStage<Long> digest(Cred cred, FileHandle fh, long offset, MessageDigest md5) {
        return vfs.read(cred, fh, offset, ETAG_READ).thenCompose(read -> {
            int n;
            try {
                n = read.data().readableBytes();
                update(md5, read.data());
            } finally {
                read.data().release();
            }
            if (read.eof() || n == 0) {
                return CompletableFuture.completedFuture(offset + n);
            }
            return digest(cred, fh, offset + n, md5);
        });
    }

    private CompletionStage<FileHandle> folder(Cred cred, FileHandle dir, List<String> names, int i) {
        if (i == names.size()) {
            return CompletableFuture.completedFuture(dir);
        }
        return vfs.lookup(cred, dir, names.get(i), AttrMask.NONE).thenCompose(l -> folder(cred, l.fh(), names, i + 1));
    }

    private CompletionStage<FileHandle> makeFolders(Cred cred, FileHandle dir, List<String> names, int i) {
        if (i == names.size()) {
            return CompletableFuture.completedFuture(dir);
        }
        String name = names.get(i);
        return vfs.lookup(cred, dir, name, AttrMask.ALL)
                .handle((found, failure) -> {
                    if (failure == null) {
                        if (!found.attrs().isDirectory()) {
                            throw conflict(names, i);
                        }
                        return CompletableFuture.completedFuture(found.fh());
                    }
                    if (VfsException.errorOf(failure) != VfsError.NOENT) {
                        throw Failures.propagate(failure);
                    }
                    return vfs.mkdir(cred, dir, name, SetAttrs.mode(FOLDER_MODE)).thenApply(c -> c.fh())
                            .exceptionallyCompose(raced -> {
                                // Another request made it first: use theirs.
                                if (VfsException.errorOf(raced) != VfsError.EXIST) {
                                    return CompletableFuture.failedFuture(raced);
                                }
                                return vfs.lookup(cred, dir, name, AttrMask.ALL).thenApply(l -> {
                                    if (!l.attrs().isDirectory()) {
                                        throw conflict(names, i);
                                    }
                                    return l.fh();
                                });
                            });
                })
                .thenCompose(next -> next)
                .thenCompose(sub -> makeFolders(cred, sub, names, i + 1));
    }

    private CompletionStage<Void> prune(Cred cred, FileHandle root, List<String> folders, int depth) {
        if (depth == 0) {
            return CompletableFuture.completedFuture(null);
        }
        return folder(cred, root, folders.subList(0, depth - 1), 0)
                .thenCompose(parent -> vfs.rmdir(cred, parent, folders.get(depth - 1)))
                .handle((removed, failure) -> failure == null)
                .thenCompose(removed -> removed ? prune(cred, root, folders, depth - 1) : CompletableFuture.completedFuture(null));
    }

    private static S3Exception conflict(List<String> names, int i) {
        return new S3Exception(S3Error.KEY_CONFLICT, "'" + String.join("/", names.subList(0, i + 1))
                + "' is an object, so no key can continue it with '/'");
    }

    private static S3Exception noSuchKey() {
        return new S3Exception(S3Error.NO_SUCH_KEY, "the specified key does not exist");
    }

    private static List<String> append(List<String> list, String last) {
        List<String> out = new ArrayList<>(list);
        out.add(last);
        return out;
    }
}
