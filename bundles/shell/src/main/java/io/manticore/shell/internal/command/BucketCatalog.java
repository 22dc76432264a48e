package io.manticore.shell.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.manticore.api.config.BucketConfig;
import io.manticore.api.config.ServerConfig;
import io.manticore.api.cred.Cred;
import io.manticore.api.vfs.Lookup;
import io.manticore.api.vfs.Vfs;
import io.manticore.api.vfs.VfsError;
import io.manticore.api.vfs.VfsException;

/**
 * The buckets the S3 service serves: the configured ones in config order, then every folder
 * directly under the bucket root whose name is a bucket name and not a configured one, in
 * name order.
 */
final class BucketCatalog {

    static final String CONFIG = "config";
    static final String BUCKET_ROOT = "bucket_root";

    /** The buckets, and a line saying why the bucket root's are missing, or null. */
    record Listing(List<Bucket> buckets, String note) {
    }

    private BucketCatalog() {
    }

    /** Lists the buckets; {@code vfs} may be null, and then only the configured ones are listed. */
    static Listing list(ServerConfig config, Vfs vfs) {
        List<Bucket> buckets = new ArrayList<>();
        Map<String, BucketConfig> configured = config.buckets();
        configured.forEach((name, b) -> buckets.add(new Bucket(name, b.path(), CONFIG, b.publicRead())));
        String root = config.s3() == null ? null : config.s3().bucketRoot();
        if (root == null) {
            return new Listing(buckets, null);
        }
        if (vfs == null) {
            return new Listing(buckets, notListed(root, "the VFS is not running"));
        }
        TreeSet<String> names = new TreeSet<>();
        try {
            Lookup dir = VfsCalls.await(vfs.resolve(Cred.ROOT, root));
            if (!dir.attrs().isDirectory()) {
                throw new VfsException(VfsError.NOTDIR);
            }
            DirReader.forEach(vfs, dir.fh(), e -> {
                if (e.attrs() != null && e.attrs().isDirectory() && BucketConfig.validName(e.name())
                        && !configured.containsKey(e.name())) {
                    names.add(e.name());
                }
                return true;
            });
        } catch (VfsException e) {
            return new Listing(buckets, notListed(root, VfsCalls.why(e)));
        }
        for (String name : names) {
            buckets.add(new Bucket(name, child(root, name), BUCKET_ROOT, false));
        }
        return new Listing(buckets, null);
    }

    private static String notListed(String root, String why) {
        return "buckets under the bucket root " + root + " not listed: " + why;
    }

    private static String child(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }
}
