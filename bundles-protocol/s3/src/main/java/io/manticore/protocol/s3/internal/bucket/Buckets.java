package io.manticore.protocol.s3.internal.bucket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.manticore.api.config.BucketConfig;
import io.manticore.api.config.ConfigService;
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.AttrMask;
import io.manticore.api.vfs.DirEntry;
import io.manticore.api.vfs.FileHandle;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.SetAttrs;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;
import io.manticore.protocol.s3.internal.error.Failures;
import io.manticore.protocol.s3.internal.error.S3Error;
import io.manticore.protocol.s3.internal.error.S3Exception;

/**
 * The buckets: those the configuration names (a namespace path each), and, when the
 * configuration sets a bucket root, every folder under it whose name is a valid bucket name.
 */
public final class Buckets {

    private static final int PAGE = 1024;
    private static final int NEW_BUCKET_MODE = 0755;

    private final Vfs vfs;
    private final ConfigService config;

    public Buckets(Vfs vfs, ConfigService config) {
        this.vfs = vfs;
        this.config = config;
    }

    /** The bucket {@code name}; NoSuchBucket when there is none. */
    public CompletionStage<Bucket> open(String name, Cred cred) {
        BucketConfig configured = config.current().buckets().get(name);
        if (configured != null) {
            return vfs.resolve(cred, configured.path()).handle((found, failure) -> {
                if (failure != null) {
                    throw missingBucket(name, failure);
                }
                return new Bucket(name, directory(name, found), configured.publicRead(), true);
            });
        }
        String root = config.current().s3().bucketRoot();
        if (root == null || !BucketConfig.validName(name)) {
            return CompletableFuture.failedFuture(noSuchBucket(name));
        }
        return vfs.resolve(cred, root + "/" + name).handle((found, failure) -> {
            if (failure != null) {
                throw missingBucket(name, failure);
            }
            return new Bucket(name, directory(name, found), false, false);
        });
    }

    /** Every bucket {@code cred} can open, configured ones first, then the bucket root's in name order. */
    public CompletionStage<List<BucketInfo>> list(Cred cred) {
        List<CompletableFuture<BucketInfo>> configured = new ArrayList<>();
        for (Map.Entry<String, BucketConfig> b : config.current().buckets().entrySet()) {
            configured.add(vfs.resolve(cred, b.getValue().path())
                    .handle((found, failure) -> failure == null && found.attrs().isDirectory()
                            ? new BucketInfo(b.getKey(), found.attrs().birthtime()) : null)
                    .toCompletableFuture());
        }
        String root = config.current().s3().bucketRoot();
        CompletionStage<List<BucketInfo>> created = root == null ? CompletableFuture.completedFuture(List.of())
                : vfs.resolve(cred, root).thenCompose(dir -> readAll(cred, dir.fh(), 0, 0, new ArrayList<>()))
                        .exceptionally(failure -> List.of());
        return CompletableFuture.allOf(configured.toArray(CompletableFuture[]::new)).thenCombine(created, (done, more) -> {
            List<BucketInfo> all = new ArrayList<>();
            configured.forEach(f -> {
                if (f.join() != null) {
                    all.add(f.join());
                }
            });
            more.stream().filter(b -> !config.current().buckets().containsKey(b.name()))
                    .sorted(Comparator.comparing(BucketInfo::name)).forEach(all::add);
            return all;
        });
    }

    /** Makes a bucket under the bucket root. */
    public CompletionStage<Bucket> create(String name, Cred cred) {
        if (!BucketConfig.validName(name)) {
            return CompletableFuture.failedFuture(new S3Exception(S3Error.INVALID_BUCKET_NAME,
                    "a bucket name is 3-63 lower-case letters, digits, '.' or '-'"));
        }
        if (config.current().buckets().containsKey(name)) {
            return CompletableFuture.failedFuture(alreadyOwned(name));
        }
        String root = config.current().s3().bucketRoot();
        if (root == null) {
            return CompletableFuture.failedFuture(new S3Exception(S3Error.ACCESS_DENIED,
                    "buckets are defined in the server's configuration (no s3.bucket_root is set)"));
        }
        return vfs.resolve(cred, root).thenCompose(dir -> vfs.mkdir(cred, dir.fh(), name, SetAttrs.mode(NEW_BUCKET_MODE)))
                .handle((made, failure) -> {
                    if (failure != null) {
                        if (VfsException.errorOf(failure) == VfsError.EXIST) {
                            throw alreadyOwned(name);
                        }
                        throw Failures.propagate(failure);
                    }
                    return new Bucket(name, made.fh(), false, false);
                });
    }

    /** Removes an empty bucket made under the bucket root; BucketNotEmpty otherwise. */
    public CompletionStage<Void> delete(String name, Cred cred) {
        if (config.current().buckets().containsKey(name)) {
            return CompletableFuture.failedFuture(new S3Exception(S3Error.ACCESS_DENIED,
                    "bucket " + name + " is defined in the server's configuration"));
        }
        String root = config.current().s3().bucketRoot();
        if (root == null || !BucketConfig.validName(name)) {
            return CompletableFuture.failedFuture(noSuchBucket(name));
        }
        return vfs.resolve(cred, root).thenCompose(dir -> vfs.rmdir(cred, dir.fh(), name)).handle((done, failure) -> {
            if (failure != null) {
                VfsError e = VfsException.errorOf(failure);
                if (e == VfsError.NOTEMPTY || e == VfsError.EXIST) {
                    throw new S3Exception(S3Error.BUCKET_NOT_EMPTY, "the bucket you tried to delete is not empty");
                }
                if (e == VfsError.NOENT || e == VfsError.NOTDIR) {
                    throw noSuchBucket(name);
                }
                throw Failures.propagate(failure);
            }
            return null;
        });
    }

    private CompletionStage<List<BucketInfo>> readAll(Cred cred, FileHandle dir, long cookie, long verifier, List<BucketInfo> into) {
        return vfs.readdir(cred, dir, cookie, verifier, PAGE, AttrMask.ALL).thenCompose(page -> {
            long last = cookie;
            for (DirEntry e : page.entries()) {
                last = e.cookie();
                if (e.attrs() != null && e.attrs().isDirectory() && BucketConfig.validName(e.name())) {
                    into.add(new BucketInfo(e.name(), e.attrs().birthtime()));
                }
            }
            if (page.eof() || page.entries().isEmpty()) {
                return CompletableFuture.completedFuture(into);
            }
            return readAll(cred, dir, last, page.verifier(), into);
        });
    }

    private static FileHandle directory(String name, Lookup found) {
        if (!found.attrs().isDirectory()) {
            throw noSuchBucket(name);
        }
        return found.fh();
    }

    private static RuntimeException missingBucket(String name, Throwable failure) {
        VfsError e = VfsException.errorOf(failure);
        if (e == VfsError.NOENT || e == VfsError.NOTDIR) {
            return noSuchBucket(name);
        }
        return Failures.propagate(failure);
    }

    private static S3Exception noSuchBucket(String name) {
        return new S3Exception(S3Error.NO_SUCH_BUCKET, "the specified bucket does not exist");
    }

    private static S3Exception alreadyOwned(String name) {
        return new S3Exception(S3Error.BUCKET_ALREADY_OWNED_BY_YOU, "bucket " + name + " already exists");
    }
}
